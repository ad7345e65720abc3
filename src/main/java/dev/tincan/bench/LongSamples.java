package dev.tincan.bench;

import java.util.Arrays;

/** A growable array of long samples with percentiles. Not thread-safe. */
final class LongSamples {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    void addAll(LongSamples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    int size() {
        return size;
    }

    /** The {@code p}-th percentile (0-100) by {@link Percentile#nearestRank}; 0 when empty. */
    long percentile(double p) {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return Percentile.nearestRank(sorted, p);
    }

    long max() {
        return percentile(100);
    }

    /** The median of doubles; for round results. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
