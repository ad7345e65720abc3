package dev.tincan.cli;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.HostPort;
import dev.tincan.client.SocketClientThread;
import dev.tincan.codec.Bytes;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection for a command: a {@link SocketClientThread} with its two bounded queues,
 * opened with a bounded wait and shut down with a bounded wait. The caller reads
 * {@link #replies()} after {@link #open}; {@link #close()} drains what is left. Used by one
 * command thread; {@link #replies()} may be handed to one other thread that takes
 * everything up to {@link ClientReply.Stopped}, and {@link #send} may be called from one
 * other thread.
 */
final class ClientHandle implements AutoCloseable {
    /** Replies the reader may queue before it stops reading and lets TCP push back. */
    static final int REPLY_QUEUE_CAPACITY = 1024;
    private static final int COMMAND_QUEUE_CAPACITY = 256;
    /** How long the client thread gets beyond its own timeouts before we call it stuck. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ClientHandle.class);

    private final BlockingQueue<ClientCommand> commands = new ArrayBlockingQueue<>(COMMAND_QUEUE_CAPACITY);
    private final BlockingQueue<ClientReply> replies = new ArrayBlockingQueue<>(REPLY_QUEUE_CAPACITY);
    private final SocketClientThread thread = new SocketClientThread(commands, replies);
    private final String address;
    private final boolean udp;
    private long connectedNanos;
    private boolean shutdownRequested;

    private ClientHandle(String address, boolean udp) {
        this.address = address;
        this.udp = udp;
    }

    /**
     * Connects to {@code host:port} and waits for the outcome.
     *
     * @throws CommandFailedException with the client's sentence when the connect fails
     */
    static ClientHandle open(String host, int port, ConnectOptions options) throws InterruptedException {
        ClientHandle client = new ClientHandle(HostPort.of(host, port), options.udp());
        client.thread.start();
        boolean connected = false;
        try {
            client.commands.put(new ClientCommand.Connect(host, port, options));
            long wait = options.connectTimeout().plus(GRACE).toNanos();
            ClientReply reply = client.replies.poll(wait, TimeUnit.NANOSECONDS);
            if (reply instanceof ClientReply.Connected c) {
                client.connectedNanos = c.nanos();
                connected = true;
                return client;
            }
            if (reply instanceof ClientReply.Error e) {
                throw new CommandFailedException(e.message());
            }
            if (reply == null) {
                LOG.warn("{}: the client thread gave no answer within {} ns", client.address, wait);
                throw new CommandFailedException("connect to " + client.address + " got no answer within "
                        + DurationConverter.format(Duration.ofNanos(wait)) + "; the details are in " + Cli.logFile()
                        + ".");
            }
            throw new IllegalStateException("unexpected first reply " + reply);
        } finally {
            if (!connected) {
                client.close();
            }
        }
    }

    /** {@code host:port} as the person wrote it, for messages. */
    String address() {
        return address;
    }

    /** Whether it speaks UDP, one datagram per frame. */
    boolean udp() {
        return udp;
    }

    /** When the connection opened, from {@link System#nanoTime()}. */
    long connectedNanos() {
        return connectedNanos;
    }

    /** The replies, in the order the client thread posted them. */
    BlockingQueue<ClientReply> replies() {
        return replies;
    }

    /**
     * Queues one payload to be sent as one frame and returns the command, to match its
     * outcome. May be called from one thread other than the one reading the replies.
     */
    ClientCommand.Send send(Bytes payload) throws InterruptedException {
        ClientCommand.Send send = new ClientCommand.Send(payload);
        commands.put(send);
        return send;
    }

    /**
     * Queues one payload like {@link #send}, waiting at most {@code timeoutMillis} for room;
     * returns the command, or null when the queue stayed full.
     */
    ClientCommand.Send offer(Bytes payload, long timeoutMillis) throws InterruptedException {
        ClientCommand.Send send = new ClientCommand.Send(payload);
        return commands.offer(send, timeoutMillis, TimeUnit.MILLISECONDS) ? send : null;
    }

    /**
     * Pull mode: asks for the next frame; it comes as a {@link ClientReply.Received} for the
     * returned command. May be called from the same thread as {@link #send}.
     */
    ClientCommand.Receive receive() throws InterruptedException {
        ClientCommand.Receive receive = new ClientCommand.Receive();
        commands.put(receive);
        return receive;
    }

    /**
     * Asks the client thread to close the connection and end; its last reply will be
     * {@link ClientReply.Stopped}. Does nothing the second time.
     */
    void requestShutdown() throws InterruptedException {
        if (!shutdownRequested) {
            shutdownRequested = true;
            if (!commands.offer(new ClientCommand.Shutdown(), GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: the client thread took no shutdown command within {}", address, GRACE);
            }
        }
    }

    /** Waits a bounded time for the client thread to end; call after {@link ClientReply.Stopped} was taken. */
    void join() throws InterruptedException {
        thread.join(GRACE.toMillis());
        if (thread.isAlive()) {
            LOG.warn("{}: {} still runs {} after shutdown", address, thread.getName(), GRACE);
        }
    }

    /**
     * Shuts the client thread down, discarding the replies still queued, and waits a bounded
     * time for it to end. Keeps the interrupt flag if interrupted.
     */
    @Override
    public void close() {
        try {
            requestShutdown();
            long deadline = System.nanoTime() + GRACE.toNanos();
            ClientReply reply;
            do {
                reply = replies.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } while (reply != null && !(reply instanceof ClientReply.Stopped));
            if (reply == null) {
                LOG.warn("{}: no Stopped reply within {} of the shutdown command", address, GRACE);
            }
            join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
