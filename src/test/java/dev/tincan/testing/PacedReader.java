package dev.tincan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A peer on 127.0.0.1 that accepts one connection and reads it at a steady pace, like a
 * slow link or a busy device: on average never more than {@code bytesPerSecond} since its
 * first byte, until it has read {@code stopAfter} bytes; then it reads nothing more and
 * keeps the connection open until closed. A rate of 0 reads nothing at all. Its receive
 * buffer is small, so the client's socket buffers, not this one's, hold what it has not
 * read yet.
 */
public final class PacedReader implements AutoCloseable {
    private static final int RECEIVE_BUFFER = 64 * 1024;

    private final ServerSocket listener = new ServerSocket();
    private final long bytesPerSecond;
    private final long stopAfter;
    private final AtomicLong read = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private final Thread thread;
    private volatile Socket socket;
    private volatile long stoppedAt;
    private volatile boolean closing;

    private PacedReader(long bytesPerSecond, long stopAfter) throws IOException {
        this.bytesPerSecond = bytesPerSecond;
        this.stopAfter = stopAfter;
        // Set before binding, so accepted sockets start with it and advertise a small window.
        listener.setReceiveBufferSize(RECEIVE_BUFFER);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        thread = new Thread(this::serve, "test-paced-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads at {@code bytesPerSecond} for as long as the connection lasts. */
    public static PacedReader steady(long bytesPerSecond) throws IOException {
        return new PacedReader(bytesPerSecond, Long.MAX_VALUE);
    }

    /** Reads at {@code bytesPerSecond} until it has read {@code stopAfter} bytes, then nothing. */
    public static PacedReader stoppingAfter(long bytesPerSecond, long stopAfter) throws IOException {
        return new PacedReader(bytesPerSecond, stopAfter);
    }

    /** Reads nothing at all. */
    public static PacedReader silent() throws IOException {
        return new PacedReader(0, 0);
    }

    /** The port to connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Bytes read so far. */
    public long bytesRead() {
        return read.get();
    }

    /**
     * Waits until it has read {@code n} bytes or stopped reading, failing after
     * {@code timeoutMillis}; returns the bytes read.
     */
    public long awaitRead(long n, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (read.get() < n) {
            if (stopped.await(1, TimeUnit.MILLISECONDS)) {
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("read " + read.get() + " of " + n + " bytes within " + timeoutMillis + " ms");
            }
        }
        return read.get();
    }

    /**
     * When it read its last byte ({@link System#nanoTime()}), waiting for it to stop reading
     * for at most {@code timeoutMillis}.
     */
    public long awaitStopped(long timeoutMillis) throws InterruptedException {
        if (!stopped.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still reading after " + timeoutMillis + " ms (" + read.get() + " bytes read)");
        }
        return stoppedAt;
    }

    private void serve() {
        try (Socket s = listener.accept()) {
            socket = s;
            InputStream in = s.getInputStream();
            byte[] buf = new byte[16 * 1024];
            long start = 0;
            while (read.get() < stopAfter && !closing) {
                if (start == 0) {
                    // The pace starts with the first byte, not when the connection opened.
                    int first = in.read();
                    if (first < 0) {
                        break;
                    }
                    read.incrementAndGet();
                    start = System.nanoTime();
                    continue;
                }
                long allowed = Math.min(stopAfter, (long) (bytesPerSecond * ((System.nanoTime() - start) / 1e9)));
                long room = allowed - read.get();
                if (room <= 0) {
                    // Pacing, not waiting for anything: the budget grows with the clock.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                    continue;
                }
                int n = in.read(buf, 0, (int) Math.min(buf.length, room));
                if (n < 0) {
                    break;
                }
                read.addAndGet(n);
            }
            stoppedAt = System.nanoTime();
            stopped.countDown();
            // Keep the connection open, reading nothing, until closed.
            closeRequested.await();
        } catch (IOException e) {
            stoppedAt = System.nanoTime();
            stopped.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        closeRequested.countDown();
        listener.close();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
        try {
            thread.join(ReplyRecorder.TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the paced reader to stop", e);
        }
        if (thread.isAlive()) {
            throw new AssertionError("the paced reader did not stop within " + ReplyRecorder.TIMEOUT_MILLIS + " ms");
        }
    }
}
