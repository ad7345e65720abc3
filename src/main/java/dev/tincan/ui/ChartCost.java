package dev.tincan.ui;

import dev.tincan.bench.Percentile;
import dev.tincan.ui.chart.ChartPanel;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the traffic charts cost the event thread in {@code tincan bench gui --charts}: shows
 * the charts in every tab of a window and records the EDT time of each frame they paint
 * (the snapshot taken for it and the painting), from {@link #start} on. At most
 * {@link #MAX_FRAMES} frames are kept; later ones are counted but not kept. Recording is
 * confined to the EDT; {@link #print} reads after a hand-over through {@code invokeAndWait}.
 */
final class ChartCost {
    /** The most painted frames whose cost is kept. */
    static final int MAX_FRAMES = 100_000;

    private final long[] costs = new long[MAX_FRAMES];
    private final long[] cpuCosts = new long[MAX_FRAMES];
    /** The same, for the frames that drew a chart anew. */
    private final long[] drawnCosts = new long[MAX_FRAMES];
    private final long[] drawnCpuCosts = new long[MAX_FRAMES];
    private int drawnKept;
    private int kept;
    private long painted;
    private boolean recording;
    private long startNanos;
    private long endNanos;

    /** Shows the charts in every tab of {@code w} and listens to their frames. EDT only. */
    void attach(MainWindow w) {
        for (SessionTab t : w.tabs()) {
            t.showCharts(true);
            ChartPanel charts = t.charts();
            charts.setFrameCostListener(this::painted);
        }
        w.updateMinimumSize();
    }

    /** Counts from now on. EDT only. */
    void start() {
        kept = 0;
        drawnKept = 0;
        painted = 0;
        recording = true;
        startNanos = System.nanoTime();
    }

    /** Stops counting. EDT only. */
    void stop() {
        recording = false;
        endNanos = System.nanoTime();
    }

    private void painted(long wallNanos, long cpuNanos, boolean drawn) {
        if (!recording) {
            return;
        }
        painted++;
        if (kept < costs.length) {
            costs[kept] = wallNanos;
            cpuCosts[kept] = cpuNanos;
            kept++;
        }
        if (drawn && drawnKept < drawnCosts.length) {
            drawnCosts[drawnKept] = wallNanos;
            drawnCpuCosts[drawnKept] = cpuNanos;
            drawnKept++;
        }
    }

    /** Painted frames per second between {@link #start} and {@link #stop}. */
    double fps() {
        return painted / Math.max(1e-9, (endNanos - startNanos) / 1e9);
    }

    private static long[] sorted(long[] values, int n) {
        long[] s = Arrays.copyOf(values, n);
        Arrays.sort(s);
        return s;
    }

    /**
     * Prints the figures: the EDT's time per painted frame (what the window waits for), and
     * its CPU time (what the painting itself costs, whatever else the machine runs). Returns
     * the fields for the result line.
     */
    String print(PrintWriter out) {
        long[] s = sorted(costs, kept);
        long[] c = sorted(cpuCosts, kept);
        long[] ds = sorted(drawnCosts, drawnKept);
        long[] dc = sorted(drawnCpuCosts, drawnKept);
        out.printf(Locale.ROOT, "  charts in every tab, the one in front painting %d frames (%.1f a second); per "
                + "painted frame, EDT time p50 %.2f ms, p99 %.2f ms, max %.2f ms; EDT CPU time p50 %.2f ms, "
                + "p99 %.2f ms, max %.2f ms%n", painted, fps(), ms(s, 50), ms(s, 99), ms(s, 100), ms(c, 50),
                ms(c, 99), ms(c, 100));
        out.printf(Locale.ROOT, "  of which %d drew a new second (the rest copied the last picture): EDT time p50 "
                + "%.2f ms, p99 %.2f ms, max %.2f ms; EDT CPU time p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                drawnKept, ms(ds, 50), ms(ds, 99), ms(ds, 100), ms(dc, 50), ms(dc, 99), ms(dc, 100));
        return String.format(Locale.ROOT, " chart_fps=%.1f chart_p50_ms=%.2f chart_p99_ms=%.2f chart_max_ms=%.2f "
                + "chart_cpu_p50_ms=%.2f chart_cpu_p99_ms=%.2f chart_cpu_max_ms=%.2f chart_drawn=%d "
                + "chart_drawn_p50_ms=%.2f chart_drawn_cpu_p50_ms=%.2f", fps(), ms(s, 50), ms(s, 99), ms(s, 100),
                ms(c, 50), ms(c, 99), ms(c, 100), drawnKept, ms(ds, 50), ms(dc, 50));
    }

    private static double ms(long[] sorted, double p) {
        return Percentile.nearestRank(sorted, p) / 1e6;
    }
}
