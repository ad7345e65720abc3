package dev.tincan.ui;

/**
 * Turns {@link System#nanoTime()} readings, as carried by every reply, into wall-clock
 * milliseconds, from one pairing of the two clocks taken at construction. Immutable.
 */
final class WallClock {
    private final long epochMillis;
    private final long nanos;

    /** Pairs the clocks now. */
    WallClock() {
        this(System.currentTimeMillis(), System.nanoTime());
    }

    /** Pairs {@code epochMillis} with {@code nanos}. */
    WallClock(long epochMillis, long nanos) {
        this.epochMillis = epochMillis;
        this.nanos = nanos;
    }

    /** The wall-clock time, in epoch milliseconds, of a {@code System.nanoTime()} reading. */
    long toEpochMillis(long nanoTime) {
        return epochMillis + Math.floorDiv(nanoTime - nanos, 1_000_000L);
    }
}
