package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Log-linear bins: where values fall, and how far a percentile may be from the true one. */
class LogHistogramTest {

    @Test
    void everyValueFallsInTheBinWhoseBoundsHoldIt() {
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < 100_000; k++) {
            long v = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            int bin = LogHistogram.binOf(v);
            assertThat(bin).isBetween(0, LogHistogram.BINS - 1);
            assertThat(LogHistogram.lowerOf(bin)).isLessThanOrEqualTo(v);
            if (bin + 1 < LogHistogram.BINS) {
                assertThat(LogHistogram.lowerOf(bin + 1)).as("next bin above %d", v).isGreaterThan(v);
            }
        }
        assertThat(LogHistogram.binOf(Long.MAX_VALUE)).isEqualTo(LogHistogram.BINS - 1);
        assertThat(LogHistogram.binOf(63)).isEqualTo(63);
        assertThat(LogHistogram.binOf(64)).isEqualTo(64);
    }

    @Test
    void smallValuesAreExact() {
        LogHistogram h = new LogHistogram();
        for (long v = 1; v <= 50; v++) {
            h.record(v);
        }
        assertThat(h.percentile(50)).isEqualTo(25);
        assertThat(h.percentile(99)).isEqualTo(50);
        assertThat(h.max()).isEqualTo(50);
    }

    /** Round trips from 20 µs to a few seconds, log-uniform, in several seeds. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void percentilesAreWithinTheStatedErrorOfTheNearestRank(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(50_000);
        long[] samples = new long[n];
        LogHistogram h = new LogHistogram();
        for (int i = 0; i < n; i++) {
            samples[i] = (long) Math.exp(Math.log(20_000) + random.nextDouble() * Math.log(200_000));
            h.record(samples[i]);
        }
        Arrays.sort(samples);
        for (double p : new double[] {0, 1, 50, 90, 99, 99.9, 100}) {
            long exact = samples[Math.max(0, (int) Math.ceil(p * n / 100.0 - 1e-9) - 1)];
            assertThat((double) h.percentile(p)).as("p%s of %d", p, n)
                    .isCloseTo(exact, within(exact * LogHistogram.RELATIVE_ERROR));
        }
        assertThat(h.max()).isEqualTo(samples[n - 1]);
        assertThat(h.count()).isEqualTo(n);
    }

    @Test
    void clearForgetsEverything() {
        LogHistogram h = new LogHistogram();
        h.record(1_000_000);
        h.record(5);
        h.clear();
        assertThat(h.count()).isZero();
        assertThat(h.percentile(50)).isEqualTo(-1);
        assertThat(h.max()).isEqualTo(-1);
        h.record(300);
        assertThat(h.percentile(99)).isEqualTo(300);
    }
}
