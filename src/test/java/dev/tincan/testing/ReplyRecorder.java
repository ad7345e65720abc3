package dev.tincan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.SocketClientThread;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client thread with its two queues, for tests: put commands, then take replies one by
 * one with a timeout that fails loudly, and finally check nothing unexpected is left.
 */
public final class ReplyRecorder implements AutoCloseable {
    /** How long a test waits for one reply before failing. */
    public static final long TIMEOUT_MILLIS = 5000;

    private final BlockingQueue<ClientCommand> commands = new ArrayBlockingQueue<>(1024);
    private final BlockingQueue<ClientReply> replies;
    private final SocketClientThread client;

    /** A started client with a reply queue of 1024. */
    public ReplyRecorder() {
        this(1024);
    }

    /** A started client with a reply queue of {@code capacity}. */
    public ReplyRecorder(int capacity) {
        replies = new ArrayBlockingQueue<>(capacity);
        client = new SocketClientThread(commands, replies);
        client.start();
    }

    /** The client thread. */
    public SocketClientThread client() {
        return client;
    }

    /** Queues a command and returns it, for matching the outcome by identity. */
    public <C extends ClientCommand> C send(C command) {
        if (!commands.offer(command)) {
            fail("the command queue is full");
        }
        return command;
    }

    /** The next reply, failing after {@link #TIMEOUT_MILLIS}. */
    public ClientReply next() {
        try {
            ClientReply reply = replies.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (reply == null) {
                fail("no reply within " + TIMEOUT_MILLIS + " ms");
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a reply", e);
        }
    }

    /** The next reply, which must be of {@code type}. */
    public <T extends ClientReply> T next(Class<T> type) {
        ClientReply reply = next();
        assertThat(reply).as("next reply").isInstanceOf(type);
        return type.cast(reply);
    }

    /** The next reply must be an error for {@code command}; returns its message. */
    public String nextError(ClientCommand command) {
        ClientReply.Error error = next(ClientReply.Error.class);
        assertThat(error.command()).as("the failed command").isSameAs(command);
        return error.message();
    }

    /** The next {@code n} replies, each a pushed frame, as UTF-8 strings. */
    public List<String> nextFrames(int n) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            frames.add(next(ClientReply.Received.class).frame().utf8());
        }
        return frames;
    }

    /** Nothing is waiting in the reply queue. */
    public void assertExhausted() {
        assertThat(replies).as("replies left over").isEmpty();
    }

    /** Shuts the client down the ordinary way and checks Stopped comes last. */
    public void shutdown() {
        if (!client.isAlive()) {
            assertExhausted();
            return;
        }
        ClientCommand.Shutdown shutdown = send(new ClientCommand.Shutdown());
        ClientReply reply;
        do {
            reply = next();
        } while (!(reply instanceof ClientReply.Stopped));
        assertThat(((ClientReply.Stopped) reply).command()).isSameAs(shutdown);
        Threads.awaitEnded(client);
        assertExhausted();
    }

    @Override
    public void close() {
        client.close();
    }
}
