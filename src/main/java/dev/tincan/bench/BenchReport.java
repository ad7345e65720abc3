package dev.tincan.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Prints the summary table, then one machine-readable line per run, then the ratios. */
final class BenchReport {
    private BenchReport() {
    }

    static void print(PrintWriter out, List<RunResult> results, boolean baseline) {
        out.println();
        out.printf("%-9s %-12s %14s %8s %10s %10s %10s %9s %10s %6s%n", "pattern", "impl", "median", "spread",
                "p50 RTT", "p99 RTT", "max RTT", "close", "CPU/frame", "cores");
        for (RunResult r : results) {
            out.printf("%-9s %-12s %14s %7.1f%% %10s %10s %10s %7.2fms %8.2fus %6.2f%n", r.pattern().spec(), r.impl(),
                    headline(r), r.spreadPercent(), micros(r, r.p50Micros()), micros(r, r.p99Micros()),
                    micros(r, r.maxMicros()), r.closeMillisMax(), r.cpuMicrosPerFrame(), r.cpuCores());
        }
        out.println();
        for (RunResult r : results) {
            out.println(resultLine(r));
        }
        if (baseline) {
            StringBuilder ratio = new StringBuilder("ratio");
            for (Pattern p : Pattern.values()) {
                Optional<RunResult> engine = find(results, p, true);
                Optional<RunResult> raw = find(results, p, false);
                if (engine.isPresent() && raw.isPresent() && raw.get().headline() > 0) {
                    ratio.append(' ').append(p.spec()).append('=')
                            .append(fmt2(engine.get().headline() / raw.get().headline()));
                    if (p == Pattern.PINGPONG && raw.get().p99Micros() > 0) {
                        ratio.append(" pingpong_p99=").append(fmt2(engine.get().p99Micros() / raw.get().p99Micros()));
                    }
                }
            }
            out.println(ratio);
            out.println(cpuRatio(results));
        }
        if (results.stream().map(RunResult::queue).distinct().filter(q -> q != null).count() > 1) {
            out.println(queueRatio(results));
        }
        out.flush();
    }

    /**
     * {@code cpu_ratio pingpong=1.10 pipeline=0.95 bulk=1.00}: the engine's CPU time per
     * frame over the raw socket's, so that speed bought with a busy core shows.
     */
    static String cpuRatio(List<RunResult> results) {
        StringBuilder ratio = new StringBuilder("cpu_ratio");
        for (Pattern p : Pattern.values()) {
            Optional<RunResult> engine = find(results, p, true);
            Optional<RunResult> raw = find(results, p, false);
            if (engine.isPresent() && raw.isPresent() && raw.get().cpuMicrosPerFrame() > 0) {
                ratio.append(' ').append(p.spec()).append('=')
                        .append(fmt2(engine.get().cpuMicrosPerFrame() / raw.get().cpuMicrosPerFrame()));
            }
        }
        return ratio.toString();
    }

    /** The first run of {@code p} through the engine (in the order of the queues asked for), or the raw one. */
    private static Optional<RunResult> find(List<RunResult> results, Pattern p, boolean engine) {
        return results.stream().filter(r -> r.pattern() == p && r.engine() == engine).findFirst();
    }

    /**
     * {@code queue_ratio pingpong=1.02 pipeline=1.15 bulk=1.00}: batch queues over array
     * queues, the median of the ratios of rounds that ran next to each other, so that load
     * coming and going on the machine cancels out.
     */
    static String queueRatio(List<RunResult> results) {
        StringBuilder ratio = new StringBuilder("queue_ratio");
        for (Pattern p : Pattern.values()) {
            Optional<RunResult> batch = results.stream().filter(r -> r.pattern() == p && r.queue() == QueueKind.BATCH)
                    .findFirst();
            Optional<RunResult> array = results.stream().filter(r -> r.pattern() == p && r.queue() == QueueKind.ARRAY)
                    .findFirst();
            if (batch.isPresent() && array.isPresent()) {
                List<Double> b = batch.get().roundRates();
                List<Double> a = array.get().roundRates();
                double[] paired = new double[Math.min(a.size(), b.size())];
                for (int i = 0; i < paired.length; i++) {
                    paired[i] = a.get(i) > 0 ? b.get(i) / a.get(i) : 0;
                }
                ratio.append(' ').append(p.spec()).append('=').append(fmt2(LongSamples.median(paired)));
            }
        }
        return ratio.toString();
    }

    /**
     * {@code result pattern=pingpong impl=engine rt_per_s=61234 p50_us=14.2 ... cpu_us=21.5
     * cpu_cores=1.32 ...}: {@code cpu_us} is the process's CPU time per frame echoed (per
     * round trip in pingpong), {@code cpu_cores} the same time over the wall time.
     */
    static String resultLine(RunResult r) {
        StringBuilder sb = new StringBuilder("result pattern=").append(r.pattern().spec()).append(" impl=")
                .append(r.impl());
        switch (r.pattern()) {
            case PINGPONG:
                sb.append(" rt_per_s=").append(Math.round(r.framesPerSecond()))
                        .append(" p50_us=").append(fmt1(r.p50Micros()))
                        .append(" p99_us=").append(fmt1(r.p99Micros()))
                        .append(" max_us=").append(fmt1(r.maxMicros()));
                break;
            case PIPELINE:
                sb.append(" frames_per_s=").append(Math.round(r.framesPerSecond()));
                break;
            default:
                sb.append(" mb_per_s=").append(Math.round(r.megabytesPerSecond()));
                break;
        }
        sb.append(" spread_pct=").append(fmt1(r.spreadPercent()))
                .append(" cpu_us=").append(fmt2(r.cpuMicrosPerFrame()))
                .append(" cpu_cores=").append(fmt2(r.cpuCores()))
                .append(" frames=").append(r.frames())
                .append(" close_ms=").append(fmt2(r.closeMillisMax()));
        return sb.toString();
    }

    private static String headline(RunResult r) {
        switch (r.pattern()) {
            case PINGPONG:
                return String.format(Locale.ROOT, "%,.0f rt/s", r.framesPerSecond());
            case PIPELINE:
                return String.format(Locale.ROOT, "%,.0f fr/s", r.framesPerSecond());
            default:
                return String.format(Locale.ROOT, "%,.0f MB/s", r.megabytesPerSecond());
        }
    }

    private static String micros(RunResult r, double us) {
        return r.pattern() == Pattern.PINGPONG ? String.format(Locale.ROOT, "%.1fus", us) : "-";
    }

    private static String fmt1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
