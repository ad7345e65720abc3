package dev.tincan.session;

import java.util.Arrays;

/**
 * Counts non-negative values (round trips in nanoseconds) in log-linear bins and answers
 * percentiles from them, in fixed memory whatever the count: 1,888 counters cover 0 to
 * {@link Long#MAX_VALUE}. Values below 64 have a bin each; above, each power of two is cut
 * into 32 equal bins, so a bin is never wider than 1/32 of its lower bound.
 *
 * <pre>
 *   value  0 1 2 … 63 | 64 66 68 … 126 | 128 132 … 252 | 256 …     (bins' lower bounds)
 *          exact       | 32 bins, width 2 | 32 bins, width 4 | …
 * </pre>
 *
 * <p>A percentile is taken by nearest rank (as {@code bench.Percentile} takes it from
 * samples) and reported as the middle of its bin, kept within the least and greatest value
 * counted: it is within {@link #RELATIVE_ERROR} of the sample that rank names. Not
 * thread-safe.
 */
final class LogHistogram {
    /** The most a reported percentile differs from the true one, relative to it: 1/64. */
    static final double RELATIVE_ERROR = 1.0 / 64;
    /** Bins per power of two, and below 2 x this every value has its own bin. */
    private static final int SUB = 32;
    private static final int SUB_BITS = 5;
    /** Bins for 0 to {@link Long#MAX_VALUE}. */
    static final int BINS = 2 * SUB + (62 - SUB_BITS) * SUB;

    private final int[] counts = new int[BINS];
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    /** The lowest and highest bins in use, so that clearing touches only those. */
    private int low = BINS;
    private int high = -1;

    /** Counts {@code value}; a negative value counts as 0. */
    void record(long value) {
        long v = Math.max(0, value);
        int i = binOf(v);
        counts[i]++;
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        low = Math.min(low, i);
        high = Math.max(high, i);
    }

    /** How many values were counted since the last {@link #clear()}. */
    long count() {
        return count;
    }

    /** The greatest value counted, or -1 when none. */
    long max() {
        return count == 0 ? -1 : max;
    }

    /**
     * The {@code p}-th percentile (0 to 100) by nearest rank, to within {@link #RELATIVE_ERROR};
     * -1 when nothing was counted.
     */
    long percentile(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile : " + p + " (expected: 0 to 100)");
        }
        if (count == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(p * count / 100.0 - 1e-9));
        long seen = 0;
        for (int i = low; i <= high; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.max(min, Math.min(max, middleOf(i)));
            }
        }
        return max;
    }

    /** Forgets every value. */
    void clear() {
        if (high >= low) {
            Arrays.fill(counts, low, high + 1, 0);
        }
        count = 0;
        min = Long.MAX_VALUE;
        max = Long.MIN_VALUE;
        low = BINS;
        high = -1;
    }

    /** The bin that holds {@code v}, which is not negative. */
    static int binOf(long v) {
        if (v < 2 * SUB) {
            return (int) v;
        }
        int h = 63 - Long.numberOfLeadingZeros(v);
        int shift = h - SUB_BITS;
        int top = (int) (v >>> shift);
        return 2 * SUB + (h - SUB_BITS - 1) * SUB + (top - SUB);
    }

    /** The least value bin {@code i} holds. */
    static long lowerOf(int i) {
        if (i < 2 * SUB) {
            return i;
        }
        int k = i - 2 * SUB;
        int h = k / SUB + SUB_BITS + 1;
        long top = k % SUB + SUB;
        return top << (h - SUB_BITS);
    }

    /** The middle of bin {@code i}: its lower bound plus half its width. */
    static long middleOf(int i) {
        if (i < 2 * SUB) {
            return i;
        }
        int h = (i - 2 * SUB) / SUB + SUB_BITS + 1;
        return lowerOf(i) + (1L << (h - SUB_BITS - 1));
    }
}
