package dev.tincan.session;

import dev.tincan.codec.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Sequence} against one session on its own thread, step by step: a send
 * resolves its message name to bytes and puts them in the outbox, a pause waits, and an
 * await waits for a matching frame or fails the run when its timeout passes.
 *
 * <p>Matching: the session feeds every received frame to {@link #received}. A frame is read
 * as ISO-8859-1, one character per byte, and the step's pattern is looked for anywhere in
 * it ({@link java.util.regex.Matcher#find()}). So ASCII text matches as typed, {@code \r},
 * {@code \n} and {@code \x00} in a pattern match those bytes, and any byte can be written as
 * {@code \xHH}; a non-ASCII letter in a pattern does not match its UTF-8 bytes (write them as
 * {@code \xHH} escapes). An await counts the frames that arrive from the moment the step
 * before it begins, so the reply to a send just before it is never missed however fast it
 * comes; frames from earlier steps do not count. Patterns are compiled when the runner is
 * made, so a bad one is refused before anything is sent.
 *
 * <p>{@link #pause()} holds the run before its next step (the current one finishes first);
 * {@link #resume()} goes on; {@link #stop()} ends it within milliseconds, also in the middle
 * of a pause or an await. The listener is called on the runner's thread. One runner runs
 * once; its control methods are safe from any thread.
 */
public final class SequenceRunner extends Job {
    /** How long one send waits for room in a full queue before the run fails. */
    public static final long PUSHBACK_MILLIS = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(SequenceRunner.class);

    /** Hears how a run goes, on the runner's thread. */
    public interface Listener {
        /** Step {@code index} (from 0) begins. */
        void step(int index, Sequence.Step step);

        /**
         * The run ended, with one sentence saying how; {@code failed} when a step failed
         * (not when it completed or the user stopped it). The last call the listener gets.
         */
        void finished(String sentence, boolean failed);
    }

    /** Ends the run with a sentence. */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String sentence) {
            super(sentence, null, false, false);
        }
    }

    private final Sequence seq;
    private final Function<String, Bytes> resolve;
    private final Outbox out;
    private final Listener listener;
    private final List<Pattern> patterns;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by lock. */
    private boolean paused;
    private boolean stopRequested;
    private Pattern awaiting;
    private boolean matched;
    /** The step {@link #awaiting} belongs to, or -1. */
    private int armedFor = -1;
    private volatile int current = -1;

    /**
     * A runner, not yet started.
     *
     * @param resolve turns a message name into its bytes; throws {@link IllegalArgumentException}
     *     with a sentence when it cannot
     * @throws IllegalArgumentException with a sentence naming the step whose pattern is not a
     *     regular expression
     */
    public SequenceRunner(Sequence seq, Function<String, Bytes> resolve, Outbox out, Listener listener) {
        super("tincan-sequence");
        this.seq = Objects.requireNonNull(seq, "seq");
        this.resolve = Objects.requireNonNull(resolve, "resolve");
        this.out = Objects.requireNonNull(out, "out");
        this.listener = Objects.requireNonNull(listener, "listener");
        List<Pattern> compiled = new ArrayList<>();
        for (int i = 0; i < seq.steps().size(); i++) {
            Pattern p = null;
            if (seq.steps().get(i) instanceof Sequence.AwaitReply a) {
                try {
                    p = Pattern.compile(a.regex());
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("step " + (i + 1) + " of " + quote(seq.name()) + " waits for "
                            + quote(a.regex()) + ", which is not a regular expression: "
                            + e.getDescription().toLowerCase(java.util.Locale.ROOT) + ".");
                }
            }
            compiled.add(p);
        }
        this.patterns = compiled;
    }

    /** Holds the run before its next step; the step under way finishes first. */
    public void pause() {
        lock.lock();
        try {
            paused = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Goes on after {@link #pause()}. */
    public void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the run within milliseconds; the listener hears "stopped by the user". */
    public void stop() {
        lock.lock();
        try {
            stopRequested = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        // Ends a send that waits for room in a full queue.
        interrupt();
    }

    /** Whether the run is held by {@link #pause()}. */
    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One received frame, from any thread; every frame the session receives should come
     * here. Only an await step under way looks at it.
     */
    public void received(Bytes frame) {
        lock.lock();
        try {
            if (awaiting != null && !matched
                    && awaiting.matcher(new String(frame.toByteArray(), StandardCharsets.ISO_8859_1)).find()) {
                matched = true;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The index (from 0) of the step under way or last begun, or -1 before the first. */
    public int currentStep() {
        return current;
    }

    @Override
    void run() {
        String sentence;
        boolean failed = false;
        try {
            List<Sequence.Step> steps = seq.steps();
            for (int i = 0; i < steps.size(); i++) {
                holdWhilePaused();
                arm(i);
                current = i;
                listener.step(i, steps.get(i));
                runStep(i, steps.get(i));
            }
            sentence = "sequence " + quote(seq.name()) + " done: " + Words.count(steps.size(), "step") + ".";
        } catch (InterruptedException e) {
            sentence = "sequence " + quote(seq.name()) + " stopped by the user at step " + (current + 1) + " of "
                    + seq.steps().size() + ".";
        } catch (Failed e) {
            sentence = e.getMessage();
            failed = true;
        } catch (RuntimeException e) {
            LOG.error("sequence {} failed", seq.name(), e);
            sentence = "sequence " + quote(seq.name()) + " failed at step " + (current + 1) + " because of an "
                    + "internal error; the details are in the log.";
            failed = true;
        }
        listener.finished(sentence, failed);
    }

    private void runStep(int i, Sequence.Step step) throws InterruptedException, Failed {
        if (step instanceof Sequence.Send s) {
            Bytes payload;
            try {
                payload = resolve.apply(s.message());
            } catch (IllegalArgumentException e) {
                throw new Failed(at(i) + " cannot send " + quote(s.message()) + ": " + e.getMessage());
            }
            String why = out.put(payload, PUSHBACK_MILLIS);
            if (why != null) {
                throw new Failed(at(i) + " cannot send " + quote(s.message()) + ": " + why);
            }
        } else if (step instanceof Sequence.Pause p) {
            waitUntil(System.nanoTime() + p.delay().toNanos(), false);
        } else if (step instanceof Sequence.AwaitReply a) {
            boolean ok = waitUntil(System.nanoTime() + a.timeout().toNanos(), true);
            if (!ok) {
                throw new Failed(at(i) + " timed out: no reply matched " + quote(a.regex()) + " within "
                        + Words.duration(a.timeout()) + ".");
            }
        }
    }

    /**
     * Before step {@code i}: an await step listens from the start of the step before it, so
     * arm it now if it is next (or is this one and was not armed yet).
     */
    private void arm(int i) {
        lock.lock();
        try {
            int target = patterns.get(i) != null ? i : i + 1 < patterns.size() && patterns.get(i + 1) != null ? i + 1
                    : -1;
            if (target == -1) {
                awaiting = null;
                armedFor = -1;
            } else if (armedFor != target) {
                awaiting = patterns.get(target);
                matched = false;
                armedFor = target;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until {@code deadline} or, when {@code forMatch}, until a frame matched; returns
     * whether it matched. Throws when stopped.
     */
    private boolean waitUntil(long deadline, boolean forMatch) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stopRequested) {
                    throw new InterruptedException();
                }
                if (forMatch && matched) {
                    awaiting = null;
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    awaiting = null;
                    return false;
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private void holdWhilePaused() throws InterruptedException {
        lock.lock();
        try {
            while (paused && !stopRequested) {
                changed.await(1, TimeUnit.SECONDS);
            }
            if (stopRequested) {
                throw new InterruptedException();
            }
        } finally {
            lock.unlock();
        }
    }

    private String at(int i) {
        return "sequence " + quote(seq.name()) + " step " + (i + 1);
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }
}
