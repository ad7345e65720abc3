package dev.tincan.bench;

/**
 * The one percentile rule of Tincan's measurements: nearest rank. The p-th percentile of n
 * sorted samples is the sample at rank ceil(p/100 x n), counted from 1, so it is always a
 * value that was measured (p99 of 1000 samples is the 990th; p50 of 4 is the 2nd). Stateless.
 */
public final class Percentile {
    private Percentile() {
    }

    /**
     * The {@code p}-th percentile (0 to 100) of {@code sorted}, by nearest rank; 0 when
     * there are no samples.
     *
     * @param sorted samples in ascending order; not changed
     * @throws IllegalArgumentException if {@code p} is not within 0 to 100
     */
    public static long nearestRank(long[] sorted, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile : " + p + " (expected: 0 to 100)");
        }
        if (sorted.length == 0) {
            return 0;
        }
        // Less a hair, so that binary fractions do not push an exact rank up: p99.9 of 1000 is the 999th.
        int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
