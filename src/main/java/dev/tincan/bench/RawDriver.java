package dev.tincan.bench;

import dev.tincan.codec.FrameDecoder;
import dev.tincan.codec.Framing;
import dev.tincan.codec.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: the same pattern with a plain blocking socket on the calling thread, no
 * queues and no worker thread. It frames and decodes with the same codec as the engine and
 * fills its window in one write, so the ratio measures what the engine's threads and queues
 * cost against the best a simple loop does.
 */
final class RawDriver implements Driver {
    private final Socket socket = new Socket();
    private final OutputStream out;
    private final InputStream in;
    private final Framing framing;
    private final FrameDecoder decoder;
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] outBuffer = new byte[256 * 1024];
    private final List<byte[]> frames = new ArrayList<>();

    RawDriver(String host, int port, Framing framing, int maxFrame) throws IOException {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        this.framing = framing;
        this.decoder = framing.newDecoder(maxFrame);
    }

    @Override
    public Echoed run(byte[] payload, long total, long nanos, int window, LongSamples rtts) throws IOException {
        Bytes bytes = Bytes.of(payload);
        long[] sendTimes = new long[window];
        long start = System.nanoTime();
        long sent = 0;
        long received = 0;
        long receivedBytes = 0;
        while (true) {
            // Fill the window in one write, as a careful hand-written client would.
            int pending = 0;
            long sentAt = System.nanoTime();
            boolean sending = sent < total && sentAt - start < nanos;
            if (!sending && received == sent) {
                break;
            }
            while (sending && sent - received < window && sent < total) {
                byte[] wire = framing.encode(bytes);
                if (pending + wire.length > outBuffer.length) {
                    if (pending > 0) {
                        out.write(outBuffer, 0, pending);
                        pending = 0;
                    }
                    if (wire.length > outBuffer.length) {
                        out.write(wire);
                        sendTimes[(int) (sent++ % window)] = sentAt;
                        continue;
                    }
                }
                System.arraycopy(wire, 0, outBuffer, pending, wire.length);
                pending += wire.length;
                sendTimes[(int) (sent++ % window)] = sentAt;
            }
            if (pending > 0) {
                out.write(outBuffer, 0, pending);
            }
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the server closed the connection during the benchmark.");
            }
            decoder.decode(buffer, 0, n, frames);
            long now = System.nanoTime();
            for (byte[] frame : frames) {
                if (rtts != null) {
                    rtts.add(now - sendTimes[(int) (received % window)]);
                }
                received++;
                receivedBytes += frame.length;
            }
            frames.clear();
        }
        return new Echoed(received, receivedBytes);
    }

    @Override
    public long shutdown() {
        long start = System.nanoTime();
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket we are done with; nothing to tell.
        }
        return System.nanoTime() - start;
    }
}
