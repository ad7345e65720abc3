package dev.tincan.bench;

import java.util.List;

/**
 * What one pattern run measured over one implementation: the median of the rounds and
 * their spread, round-trip percentiles for pingpong, and how long closing took.
 *
 * @param pattern the pattern
 * @param engine true for the engine, false for the raw-socket baseline
 * @param framesPerSecond median over rounds
 * @param megabytesPerSecond median over rounds, payload bytes received back, 10^6 bytes
 * @param spreadPercent (max - min) / median of the rounds' frame rates, in percent
 * @param rounds how many rounds were measured
 * @param frames frames echoed in all rounds
 * @param p50Micros median round-trip time in microseconds (pingpong; 0 otherwise)
 * @param p99Micros 99th percentile round-trip time in microseconds
 * @param maxMicros slowest round trip in microseconds
 * @param closeMillisMax slowest close-to-threads-gone time over the run's connections
 * @param queue the queues the engine was driven through, or null for the baseline
 * @param roundRates each round's frames per second, in the order they ran; rounds of
 *     different implementations with the same index ran next to each other
 * @param cpuMicrosPerFrame the process's CPU time over the measured rounds (every thread,
 *     the JIT and the collector included) per frame echoed, in microseconds; 0 if unknown
 * @param cpuCores that CPU time over the rounds' wall time: 1.0 is one core kept busy
 */
public record RunResult(Pattern pattern, boolean engine, double framesPerSecond, double megabytesPerSecond,
        double spreadPercent, int rounds, long frames, double p50Micros, double p99Micros, double maxMicros,
        double closeMillisMax, QueueKind queue, List<Double> roundRates, double cpuMicrosPerFrame,
        double cpuCores) {

    /** Copies the round rates. */
    public RunResult {
        roundRates = List.copyOf(roundRates);
    }

    /** "engine" for the engine through batch queues, "engine-array" through array queues, or "raw". */
    public String impl() {
        if (!engine) {
            return "raw";
        }
        return queue == QueueKind.BATCH ? "engine" : "engine-" + queue.spec();
    }

    /** The figure the pattern is judged by: round trips, frames or megabytes per second. */
    public double headline() {
        return pattern == Pattern.BULK ? megabytesPerSecond : framesPerSecond;
    }
}
