package dev.tincan.session.rules;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How one rule has fared in one conversation: how often it fired, when last, and whether
 * its loop guard paused it. Written on the engine's thread, read from any (the rules
 * table reads it on each refresh).
 */
public final class RuleStats {
    private final AtomicLong fired = new AtomicLong();
    private volatile long lastFiredMillis;
    private volatile String paused;
    /** The second being counted for the loop guard, and the fires in it; engine thread only. */
    private long windowStart;
    private int inWindow;

    /** How many times the rule fired. */
    public long fired() {
        return fired.get();
    }

    /** When it last fired, in milliseconds since 1970, or 0 if never. */
    public long lastFiredMillis() {
        return lastFiredMillis;
    }

    /** Why the loop guard paused the rule, in one sentence; null while it runs. */
    public String paused() {
        return paused;
    }

    /** Whether the loop guard paused it. */
    public boolean isPaused() {
        return paused != null;
    }

    /** Lets a paused rule fire again, with a fresh second. */
    void resume() {
        paused = null;
        inWindow = 0;
    }

    /**
     * Counts one fire at {@code nanos}; false, and paused with {@code sentence}, when that
     * would be more than {@code maxPerSecond} within one second.
     */
    boolean fire(long nanos, int maxPerSecond, long nowMillis, String sentence) {
        if (inWindow == 0 || nanos - windowStart >= 1_000_000_000L) {
            windowStart = nanos;
            inWindow = 0;
        }
        if (++inWindow > maxPerSecond) {
            paused = sentence;
            return false;
        }
        fired.incrementAndGet();
        lastFiredMillis = nowMillis;
        return true;
    }
}
