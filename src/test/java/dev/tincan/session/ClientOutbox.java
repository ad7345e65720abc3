package dev.tincan.session;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.client.SocketClientThread;
import dev.tincan.codec.Bytes;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An {@link Outbox} over a real {@link SocketClientThread}, for tests: connects, then a pump
 * thread takes every reply and hands {@code Sent} payloads and received frames to whoever
 * listens, and records the time of every {@code Sent} and every frame.
 */
public final class ClientOutbox implements Outbox, AutoCloseable {
    private final BlockingQueue<ClientCommand> commands;
    private final BlockingQueue<ClientReply> replies = new ArrayBlockingQueue<>(4096);
    private final SocketClientThread client;
    private final Thread pump;
    private final List<Consumer<Bytes>> sentHooks = new CopyOnWriteArrayList<>();
    private final List<Consumer<Bytes>> receivedHooks = new CopyOnWriteArrayList<>();
    /** Send times in nanos, in order; bounded by the test's own count. */
    public final BlockingQueue<Long> sentNanos = new LinkedBlockingQueue<>();
    public final BlockingQueue<Bytes> frames = new LinkedBlockingQueue<>();
    final BlockingQueue<ClientReply> others = new LinkedBlockingQueue<>();
    private volatile boolean connected;

    /** Connects to 127.0.0.1:{@code port} with a command queue of {@code capacity}; fails loudly if it cannot. */
    public ClientOutbox(int port, ConnectOptions options, int capacity) throws InterruptedException {
        commands = new ArrayBlockingQueue<>(capacity);
        client = new SocketClientThread(commands, replies);
        client.start();
        commands.put(new ClientCommand.Connect("127.0.0.1", port, options));
        ClientReply first = replies.poll(5, TimeUnit.SECONDS);
        if (!(first instanceof ClientReply.Connected)) {
            client.close();
            throw new AssertionError("no connection: " + first);
        }
        connected = true;
        pump = new Thread(this::pump, "test-outbox-pump");
        pump.setDaemon(true);
        pump.start();
    }

    public ClientOutbox(int port, ConnectOptions options) throws InterruptedException {
        this(port, options, 256);
    }

    public void onSent(Consumer<Bytes> hook) {
        sentHooks.add(hook);
    }

    public void onReceived(Consumer<Bytes> hook) {
        receivedHooks.add(hook);
    }

    @Override
    public String offer(Bytes payload) {
        if (!connected) {
            return "not connected: connect first, then send.";
        }
        return commands.offer(new ClientCommand.Send(payload)) ? null : "the send queue is full: wait, then send.";
    }

    @Override
    public String put(Bytes payload, long timeoutMillis) throws InterruptedException {
        if (!connected) {
            return "not connected: connect first, then send.";
        }
        return commands.offer(new ClientCommand.Send(payload), timeoutMillis, TimeUnit.MILLISECONDS) ? null
                : "the send queue stayed full for " + timeoutMillis + "ms: the server is not reading.";
    }

    /** Closes the connection the ordinary way (the thread stays up), as a server or a person might. */
    public void closeConnection() throws InterruptedException {
        commands.put(new ClientCommand.Close());
    }

    private void pump() {
        try {
            while (true) {
                ClientReply reply = replies.take();
                if (reply instanceof ClientReply.Sent s) {
                    sentNanos.add(s.nanos());
                    for (Consumer<Bytes> hook : sentHooks) {
                        hook.accept(s.command().payload());
                    }
                } else if (reply instanceof ClientReply.Received r) {
                    frames.add(r.frame());
                    for (Consumer<Bytes> hook : receivedHooks) {
                        hook.accept(r.frame());
                    }
                } else {
                    if (reply instanceof ClientReply.Closed) {
                        connected = false;
                    }
                    others.add(reply);
                    if (reply instanceof ClientReply.Stopped) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        connected = false;
        client.close();
        pump.interrupt();
        try {
            pump.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
