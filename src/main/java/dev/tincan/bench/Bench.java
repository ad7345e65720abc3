package dev.tincan.bench;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The load generator: runs each pattern through the engine and, with a baseline, through a
 * plain socket, against the same server in the same process, and reports both.
 */
public final class Bench {
    private final BenchConfig config;
    private final Consumer<String> progress;

    /**
     * @param config what to run
     * @param progress takes the progress line each time it changes, and an empty line to clear it
     */
    public Bench(BenchConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    /** Runs every pattern, printing the summary and the machine-readable lines to {@code out}. */
    public List<RunResult> run(PrintWriter out) throws IOException, InterruptedException {
        CompanionServer server = null;
        String host = config.host();
        int port = config.port();
        if (host == null) {
            server = new CompanionServer(ServerConfig.builder().port(0).framing(config.framing())
                    .mode(Mode.ECHO).maxClients(Math.max(64, config.connections() * (config.queues().size() + 1) + 1))
                    .maxFrameLength(maxFrame()).build()).start();
            host = "127.0.0.1";
            port = server.port();
        }
        try {
            out.printf("tincan bench: %s, %s framing, %d connection%s, %d rounds after %s warm-up per run%n",
                    server != null ? "echo server in this process on " + host + ":" + port : "server " + host + ":" + port,
                    config.framing().spec(), config.connections(), config.connections() == 1 ? "" : "s",
                    config.rounds(), seconds(config.warmup().toNanos()));
            out.flush();
            List<RunResult> results = new ArrayList<>();
            for (Pattern pattern : config.patterns()) {
                results.addAll(runPattern(pattern, host, port));
            }
            progress.accept("");
            BenchReport.print(out, results, config.baseline());
            return results;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private int maxFrame() {
        int largest = config.patterns().stream().mapToInt(config::sizeFor).max().orElse(0);
        return Math.max(Framing.DEFAULT_MAX_FRAME_LENGTH, largest + 64);
    }

    /**
     * One run of {@code pattern} through every implementation asked for: the engine through
     * each kind of queue, then the raw socket with a baseline. Each gets its own connections
     * and warm-up; then their measured rounds take turns, so a machine that gets busier or
     * quieter during the run weighs on all of them alike.
     */
    private List<RunResult> runPattern(Pattern pattern, String host, int port)
            throws IOException, InterruptedException {
        int size = config.sizeFor(pattern);
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        int window = pattern.window(size + 8);
        int c = config.connections();
        List<Contender> contenders = new ArrayList<>();
        for (QueueKind queue : config.queues()) {
            contenders.add(new Contender(pattern, queue));
        }
        if (config.baseline()) {
            contenders.add(new Contender(pattern, null));
        }
        AtomicInteger threadIds = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(c, r -> {
            Thread t = new Thread(r, "tincan-bench-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            ConnectOptions options = ConnectOptions.builder().framing(config.framing())
                    .maxFrameLength(maxFrame()).build();
            for (Contender k : contenders) {
                for (int i = 0; i < c; i++) {
                    k.drivers.add(k.queue != null ? new EngineDriver(host, port, options, k.queue)
                            : new RawDriver(host, port, config.framing(), maxFrame()));
                }
                warmUp(pool, k, payload, window);
            }
            // In --count mode each round sends its share of the frames; otherwise each round runs
            // for its share of the duration, however fast the warm-up happened to go.
            long roundFrames = config.count() > 0 ? Math.max(1, config.count() / config.rounds() / c) : Long.MAX_VALUE;
            long roundNanos = config.count() > 0 ? Long.MAX_VALUE : config.duration().toNanos() / config.rounds();
            for (int round = 0; round < config.rounds(); round++) {
                // Each round starts with the next implementation, so none always goes first.
                for (int i = 0; i < contenders.size(); i++) {
                    Contender k = contenders.get((round + i) % contenders.size());
                    progress.accept(String.format("%s: round %d/%d", k.label, round + 1, config.rounds()));
                    LongSamples roundRtts = pattern == Pattern.PINGPONG ? new LongSamples() : null;
                    long cpuStart = cpuNanos();
                    long start = System.nanoTime();
                    Driver.Echoed echoed = runAll(pool, k.drivers, payload, roundFrames, roundNanos, window, roundRtts);
                    long wall = System.nanoTime() - start;
                    k.cpuNanos += cpuNanos() - cpuStart;
                    k.wallNanos += wall;
                    k.frames += echoed.frames();
                    double secs = wall / 1e9;
                    k.rates[round] = echoed.frames() / secs;
                    k.mbs[round] = echoed.bytes() / secs / 1e6;
                    if (roundRtts != null) {
                        k.rtts.addAll(roundRtts);
                    }
                }
            }
            List<RunResult> results = new ArrayList<>();
            for (Contender k : contenders) {
                double closeMax = 0;
                for (Driver d : k.drivers) {
                    closeMax = Math.max(closeMax, d.shutdown() / 1e6);
                }
                k.drivers.clear();
                results.add(k.result(closeMax));
            }
            return results;
        } finally {
            for (Contender k : contenders) {
                for (Driver d : k.drivers) {
                    d.shutdown();
                }
            }
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs {@code k} for the warm-up time, then on in slices while the JIT is still compiling
     * (up to four warm-ups more), so that its measured rounds run compiled code and do not
     * share the CPU with the compiler: on two cores, a path compiled during the first rounds
     * made them slower than the last by half.
     */
    private void warmUp(ExecutorService pool, Contender k, byte[] payload, int window)
            throws IOException, InterruptedException {
        progress.accept(k.label + ": warming up");
        long warmup = config.warmup().toNanos();
        runAll(pool, k.drivers, payload, Long.MAX_VALUE, warmup, window, null);
        long slice = Math.max(warmup / 5, TimeUnit.MILLISECONDS.toNanos(20));
        long compiled = compileMillis();
        for (long extra = 0; extra < 4 * warmup && compiled >= 0; extra += slice) {
            runAll(pool, k.drivers, payload, Long.MAX_VALUE, slice, window, null);
            long now = compileMillis();
            if (now == compiled) {
                return;
            }
            compiled = now;
        }
    }

    /** Milliseconds the JIT has spent compiling so far, or -1 where the JVM cannot tell. */
    private static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** One implementation in a pattern run: its connections and what its rounds measured. */
    private final class Contender {
        final Pattern pattern;
        /** The engine's queue kind, or null for the raw socket. */
        final QueueKind queue;
        final String label;
        final List<Driver> drivers = new ArrayList<>();
        final double[] rates = new double[config.rounds()];
        final double[] mbs = new double[config.rounds()];
        final LongSamples rtts = new LongSamples();
        /** Frames echoed over the measured rounds. */
        long frames;
        /**
         * The process's CPU time and the wall time over the measured rounds. With the echo
         * server in this process, its CPU time counts too.
         */
        long cpuNanos;
        long wallNanos;

        Contender(Pattern pattern, QueueKind queue) {
            this.pattern = pattern;
            this.queue = queue;
            this.label = pattern.spec() + " " + (queue != null ? "engine, " + queue.spec() + " queues" : "raw");
        }

        RunResult result(double closeMax) {
            double median = LongSamples.median(rates);
            double cpuPerFrame = frames == 0 ? 0 : cpuNanos / 1e3 / frames;
            double cores = wallNanos == 0 ? 0 : (double) cpuNanos / wallNanos;
            double spread = median == 0 ? 0
                    : (Arrays.stream(rates).max().orElse(0) - Arrays.stream(rates).min().orElse(0)) / median * 100;
            return new RunResult(pattern, queue != null, median, LongSamples.median(mbs), spread, config.rounds(),
                    frames, rtts.percentile(50) / 1e3, rtts.percentile(99) / 1e3, rtts.max() / 1e3, closeMax, queue,
                    Arrays.stream(rates).boxed().collect(Collectors.toList()), cpuPerFrame, cores);
        }
    }

    /** Runs the drivers at once, each on its own thread; returns what they echoed together. */
    private static Driver.Echoed runAll(ExecutorService pool, List<Driver> drivers, byte[] payload, long frames,
            long nanos, int window, LongSamples rtts) throws IOException, InterruptedException {
        if (drivers.size() == 1) {
            return drivers.get(0).run(payload, frames, nanos, window, rtts);
        }
        List<Future<Driver.Echoed>> futures = new ArrayList<>();
        List<LongSamples> samples = new ArrayList<>();
        for (Driver d : drivers) {
            LongSamples mine = rtts == null ? null : new LongSamples();
            samples.add(mine);
            futures.add(pool.submit(() -> d.run(payload, frames, nanos, window, mine)));
        }
        long echoedFrames = 0;
        long bytes = 0;
        for (int i = 0; i < futures.size(); i++) {
            try {
                Driver.Echoed echoed = futures.get(i).get();
                echoedFrames += echoed.frames();
                bytes += echoed.bytes();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("a benchmark connection failed: " + e.getCause(), e.getCause());
            }
            if (rtts != null) {
                rtts.addAll(samples.get(i));
            }
        }
        return new Driver.Echoed(echoedFrames, bytes);
    }

    /**
     * The CPU time this process has used so far, every thread together, in nanoseconds;
     * always 0 where the JVM cannot tell. It counts the JIT and the collector too, so a client that
     * buys speed by keeping a core spinning shows it.
     */
    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s >= 1 ? String.format("%.0f s", s) : String.format("%.0f ms", s * 1000);
    }
}
