package dev.tincan.bench;

import dev.tincan.codec.Framing;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What to benchmark and for how long.
 *
 * @param host the server's host, or {@code null} to start an echo server in this process
 * @param port the server's port (ignored when {@code host} is null)
 * @param framing the framing both sides use
 * @param size the payload size in bytes, or 0 for each pattern's default
 * @param count frames per pattern run, split over the rounds, or 0 to run for {@code duration}
 * @param duration how long each pattern run measures, split over the rounds
 * @param patterns the patterns to run, in order
 * @param connections connections per pattern run, each driven by its own thread
 * @param baseline also run each pattern over a plain socket and print the ratios
 * @param rounds measured rounds per pattern run
 * @param warmup time spent before measuring, per pattern run
 * @param queues the queue kinds to drive the engine through, each a run of its own, in order
 */
public record BenchConfig(String host, int port, Framing framing, int size, long count, Duration duration,
        List<Pattern> patterns, int connections, boolean baseline, int rounds, Duration warmup,
        List<QueueKind> queues) {

    /** Validates with sentences a person can act on. */
    public BenchConfig {
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(warmup, "warmup");
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("no pattern to run: use pingpong, pipeline or bulk.");
        }
        queues = List.copyOf(new LinkedHashSet<>(queues));
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("no queue to drive the engine through: use batch, array or both.");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " is negative: give a payload size such as 64 or 1MiB.");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count " + count + " is negative: give a number of frames such as 100000.");
        }
        if (connections < 1 || connections > 256) {
            throw new IllegalArgumentException("connections " + connections + " is out of range: use 1 to 256.");
        }
        if (rounds < 1 || rounds > 100) {
            throw new IllegalArgumentException("rounds " + rounds + " is out of range: use 1 to 100.");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the duration must be positive, e.g. 5s.");
        }
    }

    /** The same, driving the engine through {@link QueueKind#BATCH} queues. */
    public BenchConfig(String host, int port, Framing framing, int size, long count, Duration duration,
            List<Pattern> patterns, int connections, boolean baseline, int rounds, Duration warmup) {
        this(host, port, framing, size, count, duration, patterns, connections, baseline, rounds, warmup,
                List.of(QueueKind.BATCH));
    }

    /** Every pattern, len32 framing, 5 s of 5 rounds after 1 s of warm-up, one connection, in-process server. */
    public static BenchConfig defaults() {
        return new BenchConfig(null, 0, Framing.parse("len32"), 0, 0, Duration.ofSeconds(5), List.of(Pattern.values()),
                1, false, 5, Duration.ofSeconds(1));
    }

    /** The payload size for {@code pattern}. */
    int sizeFor(Pattern pattern) {
        return size > 0 ? size : pattern.defaultSize();
    }
}
