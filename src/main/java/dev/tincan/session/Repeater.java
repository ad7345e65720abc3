package dev.tincan.session;

import dev.tincan.codec.Bytes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one payload again and again on its own thread: {@code count} times back to back,
 * every {@code interval} until stopped, or {@code count} times every {@code interval}.
 *
 * <p>Send {@code k} (from 0) is due at {@code start + k * interval}, waited for with
 * {@link LockSupport#parkNanos}, so small delays do not add up into drift. When a send ends
 * after the next one was already due (a slow payload, or TCP pushing back through a full
 * queue), the repeater does not burst to catch up: the next send goes at the next due time
 * still ahead, and the due times it missed are skipped. Each time that happens is counted
 * ({@link #lateSends()}) and the finish sentence says so. Skipping moves sends later; it
 * never reduces how many are sent.
 *
 * <p>Each frame is put with a short wait for room ({@link #PUSHBACK_MILLIS}), so a full
 * command queue slows the repeater rather than dropping frames; a queue that stays full
 * for that long, or a connection that is gone, ends the run with the outbox's sentence.
 * {@link #stop()} ends the thread within milliseconds, also in the middle of such a wait.
 * The payload supplier is asked once per send, so it can expand placeholders; an
 * {@link IllegalArgumentException} from it ends the run with its sentence.
 *
 * <p>{@link #sent()} is safe to read from any thread; the listener is called on the
 * repeater's thread. One repeater runs once.
 */
public final class Repeater extends Job {
    /** How long one send waits for room in a full queue before the run gives up. */
    public static final long PUSHBACK_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(Repeater.class);

    /** Hears how a run goes, on the repeater's thread; keep each call short. */
    public interface Listener {
        /** A frame was handed to the outbox; {@code sent} is the count so far. Called after every send. */
        default void progress(long sent) {
        }

        /**
         * The run ended, with one sentence saying how ("done: sent 100 times.", "stopped by
         * the user after 42 sends."); {@code failed} when something other than the count or
         * the user ended it. The last call the listener gets.
         */
        void finished(String sentence, boolean failed);
    }

    private final Supplier<Bytes> payload;
    private final long count;
    private final long intervalNanos;
    private final Outbox out;
    private final Listener listener;
    private final AtomicLong sent = new AtomicLong();
    private volatile long lateSends;
    private volatile boolean stopRequested;

    /**
     * A repeater, not yet started.
     *
     * @param payload the frame to send, asked for once per send
     * @param count how many times to send, or 0 for until stopped
     * @param interval the time between sends, or {@link Duration#ZERO} for back to back
     * @throws IllegalArgumentException when the count is negative, or neither a count nor an
     *     interval is given (that would flood until stopped)
     */
    public Repeater(Supplier<Bytes> payload, long count, Duration interval, Outbox out, Listener listener) {
        super("tincan-repeat");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.out = Objects.requireNonNull(out, "out");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (count < 0) {
            throw new IllegalArgumentException("repeat count " + count + " is negative: give 1 or more, or none to "
                    + "repeat until stopped.");
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("repeat interval " + interval + " is negative: give 0 or more.");
        }
        if (count == 0 && interval.isZero()) {
            throw new IllegalArgumentException("repeating until stopped needs an interval: give one, e.g. 100ms, "
                    + "or a count.");
        }
        this.count = count;
        this.intervalNanos = interval.toNanos();
    }

    /** Ends the run within milliseconds; the listener then hears "stopped by the user". Safe from any thread. */
    public void stop() {
        stopRequested = true;
        interrupt();
    }

    /** How many frames were handed to the outbox so far. Safe from any thread. */
    public long sent() {
        return sent.get();
    }

    /** How many times the repeater fell behind and skipped due times it had missed. */
    public long lateSends() {
        return lateSends;
    }

    @Override
    void run() {
        String sentence;
        boolean failed = false;
        try {
            sentence = loop();
            if (sentence == null) {
                sentence = "done: sent " + times(sent.get()) + lateNote() + ".";
            } else {
                failed = true;
            }
        } catch (InterruptedException e) {
            sentence = stoppedByUser();
        } catch (IllegalArgumentException e) {
            sentence = "stopped after " + Words.count(sent.get(), "send") + " because the payload cannot be made: "
                    + e.getMessage();
            failed = true;
        } catch (RuntimeException e) {
            LOG.error("repeat failed", e);
            sentence = "stopped after " + Words.count(sent.get(), "send") + " because of an internal error; the "
                    + "details are in the log.";
            failed = true;
        }
        if (stopRequested && !failed) {
            sentence = stoppedByUser();
        }
        listener.finished(sentence, failed);
    }

    /** Sends until done; null when the count was reached, else why it stopped. */
    private String loop() throws InterruptedException {
        long start = System.nanoTime();
        long k = 0;
        while (!stopRequested && (count == 0 || sent.get() < count)) {
            if (intervalNanos > 0) {
                long due = start + k * intervalNanos;
                long now;
                while ((now = System.nanoTime()) - due < 0) {
                    if (stopRequested || Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    LockSupport.parkNanos(this, due - now);
                }
            }
            Bytes frame = payload.get();
            String why = out.put(frame, PUSHBACK_MILLIS);
            if (why != null) {
                return "stopped after " + Words.count(sent.get(), "send") + " because: " + why;
            }
            listener.progress(sent.incrementAndGet());
            if (intervalNanos > 0) {
                k++;
                long elapsed = System.nanoTime() - start;
                if (elapsed - k * intervalNanos > 0) {
                    // The next send is already due: skip to the next due time ahead instead of bursting.
                    lateSends++;
                    k = elapsed / intervalNanos + 1;
                }
            }
        }
        if (stopRequested) {
            throw new InterruptedException();
        }
        return null;
    }

    private String stoppedByUser() {
        return "stopped by the user after " + Words.count(sent.get(), "send") + lateNote() + ".";
    }

    private String lateNote() {
        long late = lateSends;
        return late == 0 ? "" : "; fell behind " + times(late) + ", skipping the sends it missed rather than "
                + "bursting";
    }

    private static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }
}
