package dev.tincan.client;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a peer that has sent nothing for a connection's idle timeout, once per silent
 * stretch. The reader stamps when it begins to wait in a read and clears the stamp when the
 * read returns, as {@link TimedWriter} does for a write slice: one stamp per read, not per
 * frame, and nothing when frames flow faster than the timeout. The shared
 * {@link WriteWatchdog} thread calls {@link #check} at the stamp's deadline; no thread polls.
 *
 * <p>A reader that is not waiting in a read (it is handing frames to a full reply queue, or
 * in pull mode nobody asked for a frame) is not silence from the peer, and is not reported.
 * A stretch ends when a read returns; the next read starts a new one.
 */
final class IdleWatch implements WriteWatchdog.Watched {
    private static final Logger log = LoggerFactory.getLogger(IdleWatch.class);
    /** How soon to try again when the reply queue had no room for the report. */
    private static final long RETRY_NANOS = 100_000_000L;

    private final long timeoutNanos;
    private final String peer;
    /** Posts the report; returns false when it could not be handed over at once. */
    private final Predicate<String> report;
    /** When the read in progress began (never 0), or 0 when the reader is not waiting in a read. */
    private final AtomicLong readStarted = new AtomicLong();
    /** The stamp already reported, so a silent stretch is reported once; watchdog thread only. */
    private long reported;

    IdleWatch(long timeoutNanos, String peer, Predicate<String> report) {
        this.timeoutNanos = timeoutNanos;
        this.peer = peer;
        this.report = report;
    }

    /** The reader is about to wait for bytes. Reader thread only. */
    void reading() {
        long now = System.nanoTime();
        readStarted.set(now == 0 ? 1 : now);
    }

    /** A read returned: bytes came (or the stream ended). Reader thread only. */
    void read() {
        readStarted.set(0);
    }

    @Override
    public long check(long now) {
        long started = readStarted.get();
        if (started == 0 || started == reported) {
            return now + timeoutNanos;
        }
        long due = started + timeoutNanos;
        if (now - due < 0) {
            return due;
        }
        String sentence = "nothing received from " + peer + " for " + seconds(timeoutNanos) + ".";
        if (!report.test(sentence)) {
            log.debug("the reply queue had no room to report {} as idle; trying again shortly", peer);
            return now + RETRY_NANOS;
        }
        reported = started;
        log.info("{}", sentence);
        return now + timeoutNanos;
    }

    /** {@code nanos} as a person reads it: "30 s", "1.5 s", "250 ms". */
    static String seconds(long nanos) {
        long millis = nanos / 1_000_000L;
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
