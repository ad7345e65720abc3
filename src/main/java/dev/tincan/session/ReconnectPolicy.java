package dev.tincan.session;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When and how often a session connects again after its connection ended by the server or
 * by a failure (never after the person's own disconnect): exponential backoff with full
 * jitter. Attempt {@code n} (from 1) waits a random time between zero and
 * {@code min(max, initial × factor^(n-1))}, so that many clients cut off together do not
 * come back together. Frames sent while down wait, up to {@link #maxQueuedFrames} frames and
 * {@link #maxQueuedBytes} bytes, and are sent in order once connected again, or, with
 * {@code replayQueued} off, dropped and counted in a transcript row. Immutable; make one
 * with {@link #builder()}.
 *
 * @param initialDelay the ceiling of the first attempt's wait
 * @param factor how much the ceiling grows per attempt, at least 1
 * @param maxDelay the ceiling no attempt's wait goes over
 * @param maxAttempts attempts before giving up, or 0 for no limit
 * @param replayQueued send the frames queued while down once connected again, rather than drop them
 * @param maxQueuedFrames the most frames that may wait while down
 * @param maxQueuedBytes the most payload bytes that may wait while down
 */
public record ReconnectPolicy(Duration initialDelay, double factor, Duration maxDelay, int maxAttempts,
        boolean replayQueued, int maxQueuedFrames, long maxQueuedBytes) {

    /** Checks every value, with a sentence naming it. */
    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("reconnect delay " + initialDelay.toMillis()
                    + " ms is not positive: use e.g. 500ms.");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("longest reconnect delay " + maxDelay.toMillis()
                    + " ms is shorter than the first (" + initialDelay.toMillis() + " ms): use e.g. 30s.");
        }
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("reconnect backoff factor " + factor + " is out of range: use 1 or "
                    + "more, e.g. 2.");
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("reconnect attempts " + maxAttempts
                    + " is negative: use 0 for no limit, or e.g. 10.");
        }
        if (maxQueuedFrames < 0 || maxQueuedBytes < 0) {
            throw new IllegalArgumentException("the queue for frames sent while disconnected (" + maxQueuedFrames
                    + " frames, " + maxQueuedBytes + " bytes) cannot be negative: use e.g. 1000 frames, 1 MiB.");
        }
    }

    /** 500 ms, doubling, at most 30 s, no limit on attempts, queued frames sent in order, 1 000 frames or 1 MiB. */
    public static ReconnectPolicy defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether attempt {@code n} (from 1) may be made. */
    public boolean allows(int n) {
        return maxAttempts == 0 || n <= maxAttempts;
    }

    /** The ceiling of attempt {@code n}'s wait (from 1): {@code min(max, initial × factor^(n-1))}. */
    public Duration ceiling(int n) {
        double millis = initialDelay.toMillis() * Math.pow(factor, Math.max(0, n - 1));
        return Duration.ofMillis((long) Math.min(maxDelay.toMillis(), millis));
    }

    /** The wait before attempt {@code n} (from 1): uniformly random in [0, {@link #ceiling}]. */
    public Duration delay(int n, RandomGenerator random) {
        long ceiling = ceiling(n).toMillis();
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    /** Collects a policy; {@link #build()} checks it. Not thread-safe. */
    public static final class Builder {
        private Duration initialDelay = Duration.ofMillis(500);
        private double factor = 2;
        private Duration maxDelay = Duration.ofSeconds(30);
        private int maxAttempts;
        private boolean replayQueued = true;
        private int maxQueuedFrames = 1000;
        private long maxQueuedBytes = 1 << 20;

        private Builder() {
        }

        /** The first attempt's ceiling; 500 ms by default. */
        public Builder initialDelay(Duration d) {
            this.initialDelay = d;
            return this;
        }

        /** The growth per attempt; 2 by default. */
        public Builder factor(double f) {
            this.factor = f;
            return this;
        }

        /** The longest wait; 30 s by default. */
        public Builder maxDelay(Duration d) {
            this.maxDelay = d;
            return this;
        }

        /** Attempts before giving up; 0 (the default) for no limit. */
        public Builder maxAttempts(int n) {
            this.maxAttempts = n;
            return this;
        }

        /** Send frames queued while down once connected again (the default), or drop and count them. */
        public Builder replayQueued(boolean replay) {
            this.replayQueued = replay;
            return this;
        }

        /** The most frames that may wait while down; 1 000 by default. */
        public Builder maxQueuedFrames(int n) {
            this.maxQueuedFrames = n;
            return this;
        }

        /** The most payload bytes that may wait while down; 1 MiB by default. */
        public Builder maxQueuedBytes(long n) {
            this.maxQueuedBytes = n;
            return this;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException with one sentence naming a value out of range
         */
        public ReconnectPolicy build() {
            return new ReconnectPolicy(initialDelay, factor, maxDelay, maxAttempts, replayQueued, maxQueuedFrames,
                    maxQueuedBytes);
        }
    }
}
