package dev.tincan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BenchReportTest {

    private static RunResult pipeline(QueueKind queue, Double... rates) {
        double median = LongSamples.median(Arrays.stream(rates).mapToDouble(Double::doubleValue).toArray());
        return new RunResult(Pattern.PIPELINE, true, median, 0, 0, rates.length, 0, 0, 0, 0, 0, queue, List.of(rates), 0, 0);
    }

    @Test
    void theQueueRatioPairsRoundsThatRanNextToEachOther() {
        // The machine got busy in the last round: medians alone would say 20 / 30 = 0.67,
        // though batch was twice as fast in two of the three pairs of rounds.
        RunResult batch = pipeline(QueueKind.BATCH, 100.0, 20.0, 20.0);
        RunResult array = pipeline(QueueKind.ARRAY, 50.0, 10.0, 30.0);
        assertThat(BenchReport.queueRatio(List.of(batch, array))).isEqualTo("queue_ratio pipeline=2.00");
    }
}
