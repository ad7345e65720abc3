package dev.tincan.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.Random;

/**
 * What a {@link FaultProxy} does to the bytes going one way, after toxiproxy's toxics.
 * A toxic is a recipe: every connection gets fresh state from it, so a seeded toxic cuts
 * or delays every connection the same way. Immutable.
 *
 * <pre>
 * none          bytes pass as they are read
 * latency       each chunk read is held latency ± jitter, then written; order is kept
 * bandwidth     at most N bytes per second, written in pieces of 10 ms worth
 * slicer        each chunk written in pieces of 1 byte, or of random sizes from a seed
 * slow close    when the source closes, wait, then pass the close on
 * timeout       after N bytes, stop reading and writing; the connection stays open
 * reset         after N bytes, reset both sides (RST: SO_LINGER 0, then close)
 * limit data    after N bytes, close both sides (FIN)
 * </pre>
 */
public abstract class Toxic {
    private final String description;

    private Toxic(String description) {
        this.description = description;
    }

    /** Bytes pass untouched. */
    public static Toxic none() {
        return new Toxic("none") {
            @Override
            Stage stage() {
                return (buf, n, pipe) -> {
                    pipe.write(buf, 0, n);
                    return true;
                };
            }
        };
    }

    /** Each chunk is held {@code latency} plus or minus up to {@code jitter} (uniform, seeded). */
    public static Toxic latency(Duration latency, Duration jitter, long seed) {
        long base = latency.toNanos();
        long spread = jitter.toNanos();
        if (base < 0 || spread < 0 || spread > base) {
            throw new IllegalArgumentException("latency " + latency + ", jitter " + jitter
                    + " (expected: 0 <= jitter <= latency)");
        }
        return new Toxic("latency " + latency.toMillis() + "±" + jitter.toMillis() + "ms") {
            @Override
            Stage stage() {
                Random random = new Random(seed);
                return (buf, n, pipe) -> {
                    long offset = spread == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * spread);
                    pipe.pause(base + offset);
                    pipe.write(buf, 0, n);
                    return true;
                };
            }
        };
    }

    /** At most {@code bytesPerSecond}, paced in pieces of about 10 ms worth each. */
    public static Toxic bandwidth(long bytesPerSecond) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("bytesPerSecond : " + bytesPerSecond + " (expected: > 0)");
        }
        int piece = (int) Math.max(1, Math.min(16 * 1024, bytesPerSecond / 100));
        return new Toxic("bandwidth " + bytesPerSecond + " B/s") {
            @Override
            Stage stage() {
                long[] next = {System.nanoTime()};
                return (buf, n, pipe) -> {
                    for (int off = 0; off < n; off += piece) {
                        int len = Math.min(piece, n - off);
                        long now = System.nanoTime();
                        if (next[0] - now > 0) {
                            pipe.pause(next[0] - now);
                        }
                        pipe.write(buf, off, len);
                        next[0] = Math.max(next[0], now) + len * 1_000_000_000L / bytesPerSecond;
                    }
                    return true;
                };
            }
        };
    }

    /** Every byte in a write of its own. */
    public static Toxic slicer(int size) {
        return slicer(size, size, 0);
    }

    /** Writes of random sizes from {@code minSize} to {@code maxSize} bytes, from {@code seed}. */
    public static Toxic slicer(int minSize, int maxSize, long seed) {
        if (minSize < 1 || maxSize < minSize) {
            throw new IllegalArgumentException("slice sizes " + minSize + ".." + maxSize
                    + " (expected: 1 <= min <= max)");
        }
        String what = minSize == maxSize ? minSize + "-byte writes" : minSize + ".." + maxSize + " bytes, seed " + seed;
        return new Toxic("slicer " + what) {
            @Override
            Stage stage() {
                Random random = new Random(seed);
                return (buf, n, pipe) -> {
                    int off = 0;
                    while (off < n) {
                        int size = minSize + (maxSize == minSize ? 0 : random.nextInt(maxSize - minSize + 1));
                        int len = Math.min(size, n - off);
                        pipe.write(buf, off, len);
                        off += len;
                    }
                    return true;
                };
            }
        };
    }

    /** Bytes pass; when the source closes, the close is passed on only after {@code delay}. */
    public static Toxic slowClose(Duration delay) {
        long nanos = delay.toNanos();
        return new Toxic("slow close " + delay.toMillis() + "ms") {
            @Override
            Stage stage() {
                return new Stage() {
                    @Override
                    public boolean data(byte[] buf, int n, Pipe pipe) throws IOException {
                        pipe.write(buf, 0, n);
                        return true;
                    }

                    @Override
                    public void end(boolean failed, Pipe pipe) throws IOException {
                        pipe.pause(nanos);
                        Stage.super.end(failed, pipe);
                    }
                };
            }
        };
    }

    /**
     * The first {@code afterBytes} bytes pass; then nothing more is read or written and the
     * connection stays open until the proxy closes. What the source sends piles up in its
     * socket buffers, so a writer on that side ends up blocked.
     */
    public static Toxic timeout(long afterBytes) {
        return afterBytes("timeout after " + afterBytes + " bytes", afterBytes, Pipe::stall);
    }

    /** The first {@code afterBytes} bytes pass; then both sides are reset (RST). */
    public static Toxic reset(long afterBytes) {
        return afterBytes("reset after " + afterBytes + " bytes", afterBytes, Pipe::reset);
    }

    /** The first {@code bytes} bytes pass; then both sides are closed (FIN). */
    public static Toxic limitData(long bytes) {
        return afterBytes("limit data " + bytes + " bytes", bytes, Pipe::closeConnection);
    }

    private static Toxic afterBytes(String description, long limit, Action action) {
        if (limit < 0) {
            throw new IllegalArgumentException("bytes : " + limit + " (expected: >= 0)");
        }
        return new Toxic(description) {
            @Override
            Stage stage() {
                return new Stage() {
                    private long left = limit;

                    @Override
                    public boolean begin(Pipe pipe) throws IOException {
                        return act(pipe);
                    }

                    @Override
                    public boolean data(byte[] buf, int n, Pipe pipe) throws IOException {
                        int pass = (int) Math.min(n, left);
                        if (pass > 0) {
                            pipe.write(buf, 0, pass);
                            left -= pass;
                        }
                        return act(pipe);
                    }

                    private boolean act(Pipe pipe) throws IOException {
                        if (left > 0) {
                            return true;
                        }
                        action.apply(pipe);
                        return false;
                    }
                };
            }
        };
    }

    /** Fresh state for one direction of one connection. */
    abstract Stage stage();

    /** What the toxic does, for test names and messages, e.g. "latency 20±10ms". */
    @Override
    public String toString() {
        return description;
    }

    /** What a toxic does when its byte budget is spent. */
    @FunctionalInterface
    private interface Action {
        void apply(Pipe pipe) throws IOException;
    }

    /** One direction's state: what happens to each chunk read, and to the end of the stream. */
    @FunctionalInterface
    interface Stage {
        /** Before the first read; false ends the direction at once. */
        default boolean begin(Pipe pipe) throws IOException {
            return true;
        }

        /** Passes on {@code n} bytes of {@code buf}; false ends the direction. */
        boolean data(byte[] buf, int n, Pipe pipe) throws IOException;

        /** The source ended: cleanly, or {@code failed} with a reset or error. */
        default void end(boolean failed, Pipe pipe) throws IOException {
            if (failed) {
                pipe.closeConnection();
            } else {
                pipe.halfClose();
            }
        }
    }

    /** What a stage can do to the direction it sits in; implemented by the proxy. */
    interface Pipe {
        /** Writes to the sink, counted. */
        void write(byte[] buf, int off, int len) throws IOException;

        /** Waits {@code nanos}; throws if the connection ends meanwhile. */
        void pause(long nanos) throws IOException;

        /** Passes the end of the stream on: shuts the sink's output. */
        void halfClose();

        /** Waits, reading nothing, until the connection is closed by the proxy. */
        void stall();

        /** Resets both sides: SO_LINGER 0, then close, so each peer gets a RST. */
        void reset();

        /** Closes both sides: output shut first (FIN), then the sockets. */
        void closeConnection();
    }
}
