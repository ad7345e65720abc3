package dev.tincan.ui;

import dev.tincan.bench.Percentile;
import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The GUI flood benchmark behind {@code tincan bench gui}: opens the real window, connects it
 * to the built-in server in flood mode, and measures what a person would feel: how smoothly
 * the activity indicator animates, how long the event dispatch thread takes to answer, how
 * much heap is left after a full GC, whether every frame arrived, and how long the window
 * took to appear.
 */
public final class GuiBench {
    private static final int FRAME_SIZE = 64;
    private static final long PROBE_MILLIS = 10;

    private GuiBench() {
    }

    /**
     * Floods the window with 64-byte frames paced at {@code rate} frames per second: first
     * for {@code warmup}, while the JIT compiles the paths the flood takes, then for
     * {@code seconds}, which are measured. Prints the figures and one
     * {@code result pattern=gui ...} line; the warm-up's worst probe delay is printed too.
     *
     * @param progress takes the progress line each time it changes, and an empty line to clear it
     * @return whether every frame sent was received
     * @throws IOException when the server cannot start or the window cannot connect
     * @throws IllegalStateException when there is no display
     */
    public static boolean run(long rate, int seconds, Duration warmup, PrintWriter out,
            Consumer<String> progress)
            throws IOException, InterruptedException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("bench gui needs a display: run it on a desktop, or under xvfb-run -a.");
        }
        long warmupFrames = Math.round(rate * (warmup.toNanos() / 1e9));
        long frames = rate * seconds + warmupFrames;
        ServerConfig config = ServerConfig.builder().port(0).framing(Framing.parse("line"))
                .mode(Mode.FLOOD).floodCount(frames).floodSize(FRAME_SIZE).floodRate(rate).build();
        try (CompanionServer server = new CompanionServer(config).start()) {
            WindowHandle window = WindowHandle.open("127.0.0.1", server.port(), "line");
            try {
                return measure(window, frames, warmupFrames, rate, out, progress);
            } finally {
                window.close();
                window.awaitClosed(Duration.ofSeconds(10));
            }
        }
    }

    private static boolean measure(WindowHandle window, long frames, long warmupFrames, long rate, PrintWriter out,
            Consumer<String> progress) throws IOException, InterruptedException {
        long firstWindowMs = firstWindowMillis(window);
        AtomicLong paints = new AtomicLong();
        window.setPaintListener(nanos -> paints.incrementAndGet());
        long seconds = Math.max(1, frames / rate);
        long[] probes = new long[(int) Math.max(1024, seconds * 3 * 1000 / PROBE_MILLIS + 1024)];
        AtomicLong probeCount = new AtomicLong();
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tincan-bench-probe");
            t.setDaemon(true);
            return t;
        });
        prober.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            window.invokeLater(() -> {
                int i = (int) probeCount.getAndIncrement();
                if (i < probes.length) {
                    probes[i] = System.nanoTime() - posted;
                }
            });
        }, 0, PROBE_MILLIS, TimeUnit.MILLISECONDS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(30, seconds * 5L));
        window.connect();
        if (!window.awaitConnected(Duration.ofSeconds(10))) {
            prober.shutdownNow();
            throw new IOException("the window did not connect to the built-in flood server within 10 s.");
        }
        long peakHeap = 0;
        while (window.framesReceived() < warmupFrames && System.nanoTime() < deadline) {
            peakHeap = Math.max(peakHeap, usedHeap());
            progress.accept(String.format(Locale.ROOT, "warming up: %,d of %,d frames", window.framesReceived(),
                    warmupFrames));
            Thread.sleep(10); // a sampling interval for the end of the warm-up, not a hand-over
        }
        // Measuring starts here: every probe answered from now on counts.
        long start = System.nanoTime();
        int warmupProbes = (int) Math.min(probes.length, probeCount.get());
        long paintsAtStart = paints.get();
        long receivedAtStart = window.framesReceived();
        while (window.framesReceived() < frames && System.nanoTime() < deadline) {
            peakHeap = Math.max(peakHeap, usedHeap());
            long now = System.nanoTime();
            progress.accept(String.format(Locale.ROOT, "measuring: %,d of %,d frames, %.1f s, %.0f fps",
                    window.framesReceived() - receivedAtStart, frames - receivedAtStart, (now - start) / 1e9,
                    (paints.get() - paintsAtStart) / Math.max(1e-9, (now - start) / 1e9)));
            Thread.sleep(50); // a sampling interval for the progress and the heap peak, not a hand-over
        }
        progress.accept("");
        long elapsed = System.nanoTime() - start;
        long received = window.framesReceived();
        double fps = (paints.get() - paintsAtStart) / (elapsed / 1e9);
        prober.shutdownNow();
        prober.awaitTermination(1, TimeUnit.SECONDS);
        int n = (int) Math.min(probes.length, probeCount.get());
        long[] delays = Arrays.copyOfRange(probes, warmupProbes, Math.max(warmupProbes, n));
        Arrays.sort(delays);
        long[] warmupDelays = Arrays.copyOf(probes, warmupProbes);
        Arrays.sort(warmupDelays);
        System.gc();
        long heapAfterGc = usedHeap();

        out.printf(Locale.ROOT, "tincan bench gui: %,d frames of %d bytes, line framing, paced at %,d frames/s%n",
                frames, FRAME_SIZE, rate);
        out.printf(Locale.ROOT, "  warm-up: %,d frames; EDT probe max %.1f ms (%d probes, not counted below)%n",
                warmupFrames, pct(warmupDelays, 100), warmupDelays.length);
        out.printf(Locale.ROOT, "  received %,d of %,d; measured %,d in %.2f s (%,.0f frames/s)%n", received, frames,
                received - receivedAtStart, elapsed / 1e9, (received - receivedAtStart) / (elapsed / 1e9));
        out.printf(Locale.ROOT, "  animation %.1f fps; EDT probe every %d ms: p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                + "(%d probes)%n", fps, PROBE_MILLIS, pct(delays, 50), pct(delays, 99), pct(delays, 100),
                delays.length);
        out.printf(Locale.ROOT, "  heap after a full GC %.0f MiB (peak seen %.0f MiB); first window %d ms after "
                + "start%n", heapAfterGc / 1048576.0, peakHeap / 1048576.0, firstWindowMs);
        out.printf(Locale.ROOT, "result pattern=gui fps=%.1f probe_p50_ms=%.1f probe_p99_ms=%.1f probe_max_ms=%.0f "
                + "heap_mb=%.0f sent=%d received=%d first_window_ms=%d warmup_probe_max_ms=%.0f%n", fps,
                pct(delays, 50), pct(delays, 99), pct(delays, 100), heapAfterGc / 1048576.0, frames, received,
                firstWindowMs, pct(warmupDelays, 100));
        out.flush();
        return received == frames;
    }

    /** Milliseconds from the JVM's start to the indicator's first paint. */
    private static long firstWindowMillis(WindowHandle window) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (window.firstPaintNanos() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the first paint has no hook to wait on; sampled, bounded
        }
        long first = window.firstPaintNanos();
        if (first == 0) {
            return -1;
        }
        long firstWall = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first);
        return firstWall - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** A percentile of nanosecond samples, in milliseconds, by the benchmarks' one rule. */
    private static double pct(long[] sorted, double p) {
        return Percentile.nearestRank(sorted, p) / 1e6;
    }
}
