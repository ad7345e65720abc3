package dev.tincan.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Nearest-rank percentiles, the one rule of the benchmarks. */
class PercentileTest {
    private static final long[] ONE_TO_THOUSAND = LongStream.rangeClosed(1, 1000).toArray();

    @ParameterizedTest(name = "p{0} of 1..1000 is {1}")
    @CsvSource({"0, 1", "0.1, 1", "50, 500", "99, 990", "99.9, 999", "100, 1000"})
    void theRankIsRoundedUpSoTheValueWasMeasured(double p, long value) {
        assertThat(Percentile.nearestRank(ONE_TO_THOUSAND, p)).isEqualTo(value);
    }

    @Test
    void fewSamples() {
        assertThat(Percentile.nearestRank(new long[] {10, 20, 30, 40}, 50)).isEqualTo(20);
        assertThat(Percentile.nearestRank(new long[] {10, 20, 30, 40}, 51)).isEqualTo(30);
        assertThat(Percentile.nearestRank(new long[] {7}, 99)).isEqualTo(7);
        assertThat(Percentile.nearestRank(new long[0], 99)).isZero();
    }

    @Test
    void theSamplesOfABenchRunUseTheSameRule() {
        LongSamples samples = new LongSamples();
        for (long v = 1000; v >= 1; v--) {
            samples.add(v);
        }
        assertThat(samples.percentile(99)).isEqualTo(990);
        assertThat(samples.max()).isEqualTo(1000);
    }

    @Test
    void aPercentileOutsideZeroToHundredIsRefused() {
        assertThatThrownBy(() -> Percentile.nearestRank(ONE_TO_THOUSAND, 101))
                .hasMessage("percentile : 101.0 (expected: 0 to 100)");
    }
}
