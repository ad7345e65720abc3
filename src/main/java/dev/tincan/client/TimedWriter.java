package dev.tincan.client;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's blocking writes, with a write timeout that measures progress rather than
 * the age of a write: bytes go out in slices of at most {@link #SLICE}, each stamped as it
 * begins, and only a slice that stays blocked for the whole timeout gives the connection
 * up. The {@link WriteWatchdog} does the giving up; a write only stamps and clears. Writes
 * come from the connection's owner thread only; {@link #check} from the watchdog.
 */
final class TimedWriter implements WriteWatchdog.Watched {
    private static final Logger log = LoggerFactory.getLogger(TimedWriter.class);
    /**
     * The most one write call hands the socket, as in Okio's timed sink, so that progress is
     * seen while a long frame goes out. 128 KiB is what the JDK's socket hands the kernel per
     * system call anyway, so slicing adds no system call. The kernel sets the finer limit: a
     * write blocked on a full send buffer is let go on only once about a third of that buffer
     * is free (about 1.4 MiB with Linux's default maximum of 4 MiB), so a peer keeps its
     * connection if it reads at least that much per write timeout: 90 KiB/s with the default
     * 15 s.
     */
    static final int SLICE = 128 * 1024;

    private final OutputStream out;
    private final long timeoutNanos;
    private final String peer;
    /** Closes the socket, which ends a blocked write with an exception. */
    private final Runnable giveUp;
    /** Set by the watchdog when a write stayed blocked too long. */
    private volatile boolean stalled;
    /**
     * When the slice being written began (never 0), or 0 when no write is in progress; read
     * by the watchdog. Restamped per slice, so it measures how long the peer has taken
     * nothing, not how old the write is.
     */
    private final AtomicLong sliceStarted = new AtomicLong();

    TimedWriter(OutputStream out, long timeoutNanos, String peer, Runnable giveUp) {
        this.out = out;
        this.timeoutNanos = timeoutNanos;
        this.peer = peer;
        this.giveUp = giveUp;
    }

    /** Whether the watchdog gave a write up. */
    boolean stalled() {
        return stalled;
    }

    /**
     * Writes {@code len} bytes of {@code wire}, {@code frames} whole frames, in slices. A
     * slice still blocked after the write timeout means the peer did not read enough for the
     * socket to take more for that long: the socket is closed and the write fails with a
     * sentence saying why. A peer that reads slowly but steadily (see {@link #SLICE} for how
     * slowly) never fails, however long the frame.
     */
    void write(byte[] wire, int len, int frames) throws IOException {
        int written = 0;
        IOException failure = null;
        boolean givenUp;
        try {
            while (written < len) {
                int n = Math.min(SLICE, len - written);
                long now = System.nanoTime();
                sliceStarted.set(now == 0 ? 1 : now);
                out.write(wire, written, n);
                written += n;
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            // Exactly one of this thread and the watchdog clears the stamp. If the watchdog
            // did, it is closing the socket, even if the write has just finished.
            givenUp = sliceStarted.getAndSet(0) == 0;
        }
        if (givenUp) {
            throw new WriteStalledException(stallReason(written, len, frames), failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public long check(long now) {
        while (true) {
            long started = sliceStarted.get();
            if (started == 0) {
                // A slice that begins from now on is due no earlier than this.
                return now + timeoutNanos;
            }
            long due = started + timeoutNanos;
            if (now - due < 0) {
                return due;
            }
            // Only if that slice is still the one in progress; a new stamp means bytes left.
            if (sliceStarted.compareAndSet(started, 0)) {
                stalled = true;
                log.info("a write to {} was blocked for {} ms without progress: closing the connection", peer,
                        timeoutNanos / 1_000_000);
                giveUp.run();
                return now + timeoutNanos;
            }
        }
    }

    /**
     * Why the connection ended when a write stalled; a sentence without the final period.
     * It says "did not read enough" rather than "read nothing": the kernel lets a blocked
     * write go on only once about a third of the send buffer is free, so a peer may have
     * read a little without the write seeing it. {@code written} counts the slices that went
     * out whole; the one that stalled may have gone out in part, hence "at least".
     */
    private String stallReason(int written, int len, int frames) {
        return "for " + timeoutNanos / 1_000_000_000.0 + " s the server did not read enough to take any more of "
                + (frames == 1 ? "the frame" : "the " + frames + " frames") + " being sent (at least " + written
                + " of " + len + " bytes written), so the connection was given up";
    }
}
