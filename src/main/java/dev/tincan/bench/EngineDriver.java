package dev.tincan.bench;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.client.SocketClientThread;
import dev.tincan.codec.Bytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Drives a pattern through the real engine: commands on the queue, replies off the reply
 * queue, both queues of the kind asked for.
 */
final class EngineDriver implements Driver {
    private static final long REPLY_TIMEOUT_SECONDS = 10;
    private static final int QUEUE_CAPACITY = 4096;

    private final BlockingQueue<ClientCommand> commands;
    private final BlockingQueue<ClientReply> replies;
    private final SocketClientThread client;
    private static final int BATCH = 1024;
    private static final long SPIN_NANOS = Long.getLong("tincan.bench.spin.nanos", 50_000);
    private final List<ClientReply> batch = new ArrayList<>(BATCH);
    private final List<ClientCommand> refill = new ArrayList<>();

    EngineDriver(String host, int port, ConnectOptions options, QueueKind queues) throws IOException,
            InterruptedException {
        commands = queues.create(QUEUE_CAPACITY);
        replies = queues.create(QUEUE_CAPACITY);
        client = new SocketClientThread(commands, replies);
        client.start();
        commands.put(new ClientCommand.Connect(host, port, options));
        ClientReply reply = take();
        if (!(reply instanceof ClientReply.Connected)) {
            shutdown();
            throw new IOException(describe(reply));
        }
    }

    @Override
    public Echoed run(byte[] payload, long frames, long nanos, int window, LongSamples rtts) throws IOException,
            InterruptedException {
        Bytes bytes = Bytes.of(payload);
        long[] sendTimes = new long[window];
        long start = System.nanoTime();
        long sent = 0;
        long received = 0;
        long receivedBytes = 0;
        boolean sending = true;
        while (received < sent || sending) {
            long at = System.nanoTime();
            sending = sent < frames && at - start < nanos;
            while (sending && sent - received < window && sent < frames) {
                sendTimes[(int) (sent % window)] = at;
                refill.add(new ClientCommand.Send(bytes));
                sent++;
            }
            if (received == sent) {
                break;
            }
            // The refill goes on the queue in one hand-over if the queue takes lists, as a script
            // sending a burst would.
            QueueKind.putAll(commands, refill);
            refill.clear();
            // Drain whatever is waiting in one go, as the window's pump does; block only when empty.
            if (replies.drainTo(batch, BATCH) == 0) {
                batch.add(awaitReply());
            }
            long now = System.nanoTime();
            for (ClientReply reply : batch) {
                if (reply instanceof ClientReply.Received r) {
                    if (rtts != null) {
                        rtts.add(now - sendTimes[(int) (received % window)]);
                    }
                    received++;
                    receivedBytes += r.frame().length();
                } else if (!(reply instanceof ClientReply.Sent)) {
                    batch.clear();
                    throw new IOException(describe(reply));
                }
            }
            batch.clear();
        }
        return new Echoed(received, receivedBytes);
    }

    /**
     * The next reply. For up to 50 µs it polls and yields the CPU between polls, so a reply
     * that is microseconds away (the echo of a ping) is taken without the cost of waking a
     * parked thread, while the threads that produce it still get the CPU; then it parks.
     * A plain busy spin was slower on two cores: it took the CPU the reader needed.
     */
    private ClientReply awaitReply() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (System.nanoTime() < deadline) {
            ClientReply reply = replies.poll();
            if (reply != null) {
                return reply;
            }
            Thread.yield();
        }
        return take();
    }

    private ClientReply take() throws IOException, InterruptedException {
        ClientReply reply = replies.poll(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (reply == null) {
            throw new IOException("no reply from the server within " + REPLY_TIMEOUT_SECONDS + " s.");
        }
        return reply;
    }

    private static String describe(ClientReply reply) {
        if (reply instanceof ClientReply.Error e) {
            return e.message();
        }
        if (reply instanceof ClientReply.Closed c) {
            return "the connection ended during the benchmark: " + c.reason();
        }
        return "unexpected reply " + reply;
    }

    @Override
    public long shutdown() throws InterruptedException {
        long start = System.nanoTime();
        commands.put(new ClientCommand.Shutdown());
        ClientReply reply;
        do {
            reply = replies.poll(REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } while (reply != null && !(reply instanceof ClientReply.Stopped));
        client.join(TimeUnit.SECONDS.toMillis(REPLY_TIMEOUT_SECONDS));
        return System.nanoTime() - start;
    }
}
