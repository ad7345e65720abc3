package dev.tincan.cli;

/**
 * When the latest payloads were queued for sending, from {@link System#nanoTime()}, so a
 * frame that arrives can be timed from the message that most likely caused it. Keeps the
 * last {@value #CAPACITY} times. Thread-safe.
 */
final class SendTimes {
    private static final int CAPACITY = 1024;

    private final long[] times = new long[CAPACITY];
    private long count;

    /** Records one payload queued at {@code nanos}; times must not go backwards. */
    synchronized void record(long nanos) {
        times[(int) (count++ % CAPACITY)] = nanos;
    }

    /**
     * The latest recorded time at or before {@code nanos}, or {@code otherwise} when there is
     * none among the times kept.
     */
    synchronized long latestAtOrBefore(long nanos, long otherwise) {
        for (long i = count - 1; i >= 0 && i >= count - CAPACITY; i--) {
            long t = times[(int) (i % CAPACITY)];
            if (t - nanos <= 0) {
                return t;
            }
        }
        return otherwise;
    }
}
