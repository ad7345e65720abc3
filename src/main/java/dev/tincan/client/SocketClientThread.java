package dev.tincan.client;

import java.util.concurrent.BlockingQueue;

/**
 * Placeholder: the implementation follows.
 */
public final class SocketClientThread extends Thread {
    private final BlockingQueue<ClientCommand> commands;
    private final BlockingQueue<ClientReply> replies;

    /**
     * A client thread that takes commands from {@code commands} and posts replies to
     * {@code replies}, which must be bounded.
     */
    public SocketClientThread(BlockingQueue<ClientCommand> commands, BlockingQueue<ClientReply> replies) {
        super("tincan-client");
        this.commands = commands;
        this.replies = replies;
    }

    /** The queue this thread takes commands from. */
    public BlockingQueue<ClientCommand> commands() {
        return commands;
    }

    /** The queue this thread posts replies to. */
    public BlockingQueue<ClientReply> replies() {
        return replies;
    }
}
