package dev.tincan.bench;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.client.SocketClientThread;
import dev.tincan.codec.Bytes;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Drives a pattern through the real engine: commands on the queue, replies off the reply queue. */
final class EngineDriver implements Driver {
    private static final long REPLY_TIMEOUT_SECONDS = 10;

    private final BlockingQueue<ClientCommand> commands = new ArrayBlockingQueue<>(4096);
    private final BlockingQueue<ClientReply> replies = new ArrayBlockingQueue<>(4096);
    private final SocketClientThread client = new SocketClientThread(commands, replies);

    EngineDriver(String host, int port, ConnectOptions options) throws IOException, InterruptedException {
        client.start();
        commands.put(new ClientCommand.Connect(host, port, options));
        ClientReply reply = take();
        if (!(reply instanceof ClientReply.Connected)) {
            shutdown();
            throw new IOException(describe(reply));
        }
    }

    @Override
    public long run(byte[] payload, long frames, int window, LongSamples rtts) throws IOException,
            InterruptedException {
        Bytes bytes = Bytes.of(payload);
        long[] sendTimes = new long[window];
        long sent = 0;
        long received = 0;
        long receivedBytes = 0;
        while (received < frames) {
            while (sent - received < window && sent < frames) {
                sendTimes[(int) (sent % window)] = System.nanoTime();
                commands.put(new ClientCommand.Send(bytes));
                sent++;
            }
            ClientReply reply = take();
            if (reply instanceof ClientReply.Received r) {
                long now = System.nanoTime();
                if (rtts != null) {
                    rtts.add(now - sendTimes[(int) (received % window)]);
                }
                received++;
                receivedBytes += r.frame().length();
            } else if (!(reply instanceof ClientReply.Sent)) {
                throw new IOException(describe(reply));
            }
        }
        return receivedBytes;
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
