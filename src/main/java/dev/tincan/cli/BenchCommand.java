package dev.tincan.cli;

import dev.tincan.bench.Bench;
import dev.tincan.bench.BenchConfig;
import dev.tincan.bench.Pattern;
import dev.tincan.bench.QueueKind;
import dev.tincan.ui.GuiBench;
import dev.tincan.ui.TincanApp;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code tincan bench [HOST PORT]}: the load generator. Runs pingpong, pipeline and bulk
 * through the engine, and with {@code --baseline} through a plain socket too, then prints a
 * summary table and machine-readable {@code result} and {@code ratio} lines.
 */
@Command(name = "bench",
        subcommands = BenchCommand.Gui.class,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        defaultValueProvider = BenchCommand.Defaults.class,
        description = {"Measure round trips, frame rates and throughput against a server.",
            "Without HOST and PORT it starts an echo server in this process on 127.0.0.1.",
            "pingpong: one frame in flight (round trips/s, RTT p50/p99/max); pipeline: many small frames in flight "
                + "(frames/s); bulk: 1 MiB frames (MB/s)."},
        footer = {"", "Examples:",
            "  tincan bench --baseline",
            "  tincan bench --pattern pingpong --duration 10s",
            "  tincan bench 127.0.0.1 50007 --framing line --pattern pipeline --connections 4",
            "  tincan bench gui --rate 100000 --seconds 10",
            "  tincan bench gui --tabs 8 --rate 100000 --seconds 10",
            "  tincan bench gui --rules --rate 100000",
            "  tincan bench gui --relay 100 --rate 100000 --seconds 10"})
final class BenchCommand implements Callable<Integer> {
    /** The largest payload a benchmark sends: far below the largest frame the engine takes. */
    static final long MAX_SIZE = 1L << 30;

    @Spec
    CommandSpec spec;

    /** The server to bench; null to bench an echo server in this process. */
    @ArgGroup(exclusive = false, multiplicity = "0..1")
    Endpoint endpoint;

    @Mixin
    FramingOption framingOption;

    @Option(names = "--pattern", paramLabel = "PATTERN", split = ",", converter = PatternConverter.class,
            completionCandidates = Completions.Patterns.class,
            description = "pingpong, pipeline or bulk; repeat or separate with commas (default: all three).")
    List<Pattern> patterns = new ArrayList<>();

    @Option(names = "--size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Payload size of every frame (default: 64 for pingpong and pipeline, 1MiB for bulk).")
    Long size;

    @Option(names = "--count", paramLabel = "N",
            description = "Frames per pattern run, instead of --duration.")
    Long count;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long each pattern run measures (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--connections", paramLabel = "C", defaultValue = "1",
            description = "Connections per run, each driven by its own thread (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--baseline",
            description = "Also run each pattern over a plain blocking socket and print engine/raw ratios.")
    boolean baseline;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Measured rounds per run; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Warm-up before measuring, per run (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--queue", paramLabel = "KIND", split = ",", converter = QueueKindConverter.class,
            description = "The engine's command and reply queues: batch (BatchQueue, a list in one hand-over) or "
                    + "array (ArrayBlockingQueue, one put per element); batch,array runs both and prints their "
                    + "queue_ratio (default: batch).")
    List<QueueKind> queues = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        BenchConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        try {
            new Bench(config, ProgressLine.onTerminal(spec.commandLine().getErr())).run(out);
        } catch (IOException e) {
            throw new CommandFailedException("the benchmark failed: " + e.getMessage());
        }
        return 0;
    }

    private BenchConfig config() {
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count " + count + " would measure nothing: give 1 or "
                    + "more frames, or leave --count out to measure for --duration.");
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            throw new ParameterException(spec.commandLine(), "--size " + SizeConverter.format(size)
                    + " is out of range: use 1 byte to " + SizeConverter.format(MAX_SIZE) + ".");
        }
        try {
            return new BenchConfig(endpoint == null ? null : endpoint.host, endpoint == null ? 0 : endpoint.port,
                    framingOption.framing, size == null ? 0 : (int) (long) size,
                    count == null ? 0 : count, duration,
                    patterns.isEmpty() ? List.of(Pattern.values()) : patterns, connections, baseline, rounds, warmup,
                    queues.isEmpty() ? List.of(QueueKind.BATCH) : queues);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Bench's own defaults for shared options: {@code len32} framing, the cheapest to decode. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec argSpec) {
            return argSpec instanceof OptionSpec option && option.longestName().equals(FramingOption.NAME) ? "len32"
                    : null;
        }
    }

    /** Parses {@code pingpong}, {@code pipeline} or {@code bulk}. */
    static final class PatternConverter implements ITypeConverter<Pattern> {
        @Override
        public Pattern convert(String value) {
            try {
                return Pattern.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses {@code batch} or {@code array}. */
    static final class QueueKindConverter implements ITypeConverter<QueueKind> {
        @Override
        public QueueKind convert(String value) {
            try {
                return QueueKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code tincan bench gui}: floods the real window and measures how it holds up. */
    @Command(name = "gui",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {"Open the window, flood it from the built-in server, and measure how the window holds up.",
                "Measured: the animation's frames/s, the event thread's delay (a probe every 10 ms), the heap after "
                    + "a full GC, frames received against sent, and the time to the first painted window."})
    static final class Gui implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rate", paramLabel = "R", defaultValue = "100000",
                description = "Frames per second of the flood; R x seconds frames are sent (default: ${DEFAULT-VALUE}).")
        long rate;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
                description = "How long the flood is meant to last (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
                description = "Flood this long before measuring, so the JIT has compiled the paths the flood takes; "
                        + "its worst delay is shown apart (default: ${DEFAULT-VALUE}).")
        Duration warmup;

        @Option(names = "--tabs", paramLabel = "N", defaultValue = "1",
                description = "Open N tabs (2 to 32): one floods at --rate, the one in front sends an echo every "
                        + "100 ms and its latency from send to row shown is measured, the rest stay idle "
                        + "(default: ${DEFAULT-VALUE}, one tab flooded).")
        int tabs;

        @Option(names = "--charts",
                description = "Show the traffic charts in every tab, and measure what painting them costs the event "
                        + "thread per painted frame.")
        boolean charts;

        @Option(names = "--rules",
                description = "Measure auto-reply rules instead: a rule answers a tick every millisecond in one tab, "
                        + "first with the window idle, then while another tab, in front, is flooded at --rate; prints "
                        + "the latency from each tick's arrival to its answer's send, by the engine's stamps.")
        boolean rules;

        @Option(names = "--relay", paramLabel = "N", defaultValue = "0",
                description = "Measure a relay tab instead: N clients (1 to 1000) connect through its relay to the "
                        + "built-in server, which floods each link; --rate frames/s in all, every frame shown in the "
                        + "tab's transcript.")
        int relay;

        @Option(names = "--answers", paramLabel = "N", defaultValue = "10000",
                description = "With --rules: how many answers each phase measures (default: ${DEFAULT-VALUE}).")
        int answers;

        @Override
        public Integer call() throws InterruptedException {
            if (rules) {
                if (answers < 1 || answers > 1_000_000) {
                    throw new ParameterException(spec.commandLine(), "--answers " + answers + " is out of range: use "
                            + "1 to 1000000.");
                }
                try {
                    TincanApp.checkDisplay();
                    if (!GuiBench.runRules(rate, answers, spec.commandLine().getOut(),
                            ProgressLine.onTerminal(spec.commandLine().getErr()))) {
                        throw new CommandFailedException("the rule answered fewer ticks than asked.");
                    }
                } catch (IllegalStateException | IOException e) {
                    throw new CommandFailedException(e.getMessage());
                }
                return 0;
            }
            if (relay != 0) {
                if (relay < 1 || relay > 1000 || rate < relay || seconds < 1) {
                    throw new ParameterException(spec.commandLine(), "--relay " + relay + " is out of range: use 1 to "
                            + "1000 clients, with --rate at least one frame/s per client.");
                }
                try {
                    TincanApp.checkDisplay();
                    if (!GuiBench.runRelay(relay, rate, seconds, warmup, spec.commandLine().getOut(),
                            ProgressLine.onTerminal(spec.commandLine().getErr()))) {
                        throw new CommandFailedException("the relay's clients received fewer frames than the server "
                                + "sent.");
                    }
                } catch (IllegalStateException | IOException e) {
                    throw new CommandFailedException(e.getMessage());
                }
                return 0;
            }
            if (tabs != 1 && (tabs < 2 || tabs > 32)) {
                throw new ParameterException(spec.commandLine(), "--tabs " + tabs + " is out of range: use 2 to 32, "
                        + "or leave it out for one tab.");
            }
            if (rate < 1 || seconds < 1 || rate * (seconds + warmup.toSeconds() + 1) > 100_000_000L) {
                throw new ParameterException(spec.commandLine(), "--rate and --seconds must be positive, and rate x "
                        + "(seconds + warm-up) at most 100000000 frames.");
            }
            try {
                TincanApp.checkDisplay();
                if (tabs > 1) {
                    boolean complete = GuiBench.runTabs(tabs, rate, seconds, warmup, charts,
                            spec.commandLine().getOut(), ProgressLine.onTerminal(spec.commandLine().getErr()));
                    if (!complete) {
                        throw new CommandFailedException("the flooded tab received fewer frames than the server sent, "
                                + "or an echo went unanswered.");
                    }
                    return 0;
                }
                boolean complete = GuiBench.run(rate, seconds, warmup, charts, spec.commandLine().getOut(),
                        ProgressLine.onTerminal(spec.commandLine().getErr()));
                if (!complete) {
                    throw new CommandFailedException("the window received fewer frames than the server sent.");
                }
            } catch (IllegalStateException | IOException e) {
                throw new CommandFailedException(e.getMessage());
            }
            return 0;
        }
    }
}
