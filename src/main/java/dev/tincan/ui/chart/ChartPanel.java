package dev.tincan.ui.chart;

import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;
import dev.tincan.session.TrafficSeries;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Graphics;
import java.awt.GridLayout;
import java.awt.event.HierarchyEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import javax.swing.AbstractButton;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JToggleButton;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * A tab's traffic charts, in a strip: round trips (p50 and p99 of the replies paired with a
 * send, in ms) beside throughput in and out (frames/s, or bytes/s), over the last 1, 5 or 15
 * minutes, a point a second. Above them, buttons pick the span and the unit, and one hides
 * the strip.
 *
 * <pre>
 *   Charts [1 min][5 min][15 min]  [frames/s][bytes/s]                  [×]
 *   Round trip  ─ p50 0.4 ms ─ p99 1.2 ms  Throughput  ─ in 98k/s ─ out 0/s
 *   1.5 ms ┤    ╭╮                          100k/s ┤  ▁▂▅▇▇▇▇▇
 *        0 ┼────┴┴──────────────                 0 ┼──────────────
 *          −5 min  −4 min … now                    −5 min … now
 * </pre>
 *
 * <p>It reads the {@link TrafficSeries} only through snapshots, a few times a second (every
 * {@link #REFRESH_MS} ms) and only while it is showing: a flood costs it nothing more than a
 * trickle, and a hidden strip costs nothing at all. The EDT time of each painted frame (the
 * snapshot that preceded it and the painting) can be reported to a listener. Confined to the
 * EDT.
 */
public final class ChartPanel extends JPanel {
    /** Milliseconds between two snapshots while showing. */
    public static final int REFRESH_MS = 250;

    private final TrafficSeries series;
    private final LongSupplier clock;
    private final LineChart rttChart = new LineChart();
    private final LineChart rateChart = new LineChart();
    private final JPanel charts = new JPanel(new GridLayout(1, 2, UIScale.scale(12), 0)) {
        @Override
        public void paint(Graphics g) {
            long start = System.nanoTime();
            long cpu = cpuNanos();
            long pictures = rttChart.pictures() + rateChart.pictures();
            super.paint(g);
            boolean drawn = rttChart.pictures() + rateChart.pictures() != pictures;
            painted(System.nanoTime() - start, cpuNanos() - cpu, drawn);
        }
    };
    private final Timer timer;
    private final JToggleButton[] spanButtons = new JToggleButton[ChartSpan.values().length];
    private final JToggleButton framesButton = new JToggleButton("frames/s");
    private final JToggleButton bytesButton = new JToggleButton("bytes/s");
    private final JButton hideButton = new JButton("\u00d7");
    private ChartSpan span;
    private boolean bytes;
    private TrafficSeries.Snapshot snapshot;
    /** The span and unit {@link #snapshot} was drawn for. */
    private ChartSpan shownSpan;
    private boolean shownBytes;
    /** EDT time spent on the last snapshot, not yet counted in a painted frame. */
    private long pendingNanos;
    private FrameCostListener frameCost;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
    /** CPU time spent on the last snapshot, not yet counted in a painted frame. */
    private long pendingCpuNanos;

    /** Charts of {@code series} over {@code span}, read with {@link System#nanoTime()}. */
    public ChartPanel(TrafficSeries series, ChartSpan span) {
        this(series, span, System::nanoTime);
    }

    /** Charts of {@code series} over {@code span}, whose "now" is read from {@code clock}. */
    public ChartPanel(TrafficSeries series, ChartSpan span, LongSupplier clock) {
        super(new BorderLayout(0, UIScale.scale(2)));
        this.series = Objects.requireNonNull(series, "series");
        this.span = Objects.requireNonNull(span, "span");
        this.clock = Objects.requireNonNull(clock, "clock");
        setName("charts");
        setBorder(BorderFactory.createEmptyBorder(UIScale.scale(6), 0, UIScale.scale(2), 0));
        add(header(), BorderLayout.NORTH);
        charts.setOpaque(false);
        charts.add(rttChart);
        charts.add(rateChart);
        add(charts, BorderLayout.CENTER);
        timer = new Timer(REFRESH_MS, e -> refresh());
        timer.setCoalesce(true);
        addHierarchyListener(e -> {
            if ((e.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0) {
                refreshWhileShowing();
            }
        });
        selectButtons();
        refresh();
    }

    private JComponent header() {
        JPanel row = new JPanel(new BorderLayout());
        JPanel left = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
        JLabel label = new JLabel("Charts");
        label.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        label.setBorder(BorderFactory.createEmptyBorder(0, 0, 0, UIScale.scale(8)));
        left.add(label);
        ButtonGroup spans = new ButtonGroup();
        for (ChartSpan s : ChartSpan.values()) {
            JToggleButton b = small(new JToggleButton(s.label()),
                    "Show the last " + (s.minutes() == 1 ? "minute" : s.minutes() + " minutes"));
            b.addActionListener(e -> setSpan(s));
            spans.add(b);
            spanButtons[s.ordinal()] = b;
            left.add(b);
        }
        left.add(Box.createHorizontalStrut(UIScale.scale(12)));
        ButtonGroup units = new ButtonGroup();
        small(framesButton, "Throughput in frames per second");
        small(bytesButton, "Throughput in payload bytes per second");
        framesButton.addActionListener(e -> setBytes(false));
        bytesButton.addActionListener(e -> setBytes(true));
        units.add(framesButton);
        units.add(bytesButton);
        left.add(framesButton);
        left.add(bytesButton);
        row.add(left, BorderLayout.WEST);
        small(hideButton, "Hide the charts");
        hideButton.setName("hideCharts");
        row.add(hideButton, BorderLayout.EAST);
        return row;
    }

    private static <B extends AbstractButton> B small(B b, String tip) {
        b.putClientProperty(FlatClientProperties.BUTTON_TYPE, FlatClientProperties.BUTTON_TYPE_TOOLBAR_BUTTON);
        b.putClientProperty(FlatClientProperties.STYLE, "font: -1; margin: 1,6,1,6");
        b.setToolTipText(tip);
        return b;
    }

    private void selectButtons() {
        spanButtons[span.ordinal()].setSelected(true);
        (bytes ? bytesButton : framesButton).setSelected(true);
    }

    /** Runs {@code hide} when the person presses the strip's hide button. */
    public void onHide(Runnable hide) {
        Objects.requireNonNull(hide, "hide");
        hideButton.addActionListener(e -> hide.run());
    }

    /** How far back the charts look. */
    public ChartSpan span() {
        return span;
    }

    /** Looks back over {@code next} from now on, and redraws at once. */
    public void setSpan(ChartSpan next) {
        span = Objects.requireNonNull(next, "span");
        selectButtons();
        refresh();
    }

    /** Whether throughput shows payload bytes per second rather than frames per second. */
    public boolean isBytes() {
        return bytes;
    }

    /** Shows throughput in bytes per second ({@code true}) or frames per second, and redraws at once. */
    public void setBytes(boolean showBytes) {
        bytes = showBytes;
        selectButtons();
        refresh();
    }

    /** Whether it is taking snapshots (only while showing). */
    public boolean isRefreshing() {
        return timer.isRunning();
    }

    /** The snapshot the charts show now. */
    public TrafficSeries.Snapshot snapshot() {
        return snapshot;
    }

    /** The charts in words, as last drawn: titles and newest values. */
    public String describe() {
        return rttChart.describe() + "; " + rateChart.describe();
    }

    /** Hears what each painted frame of the charts cost the event thread. */
    @FunctionalInterface
    public interface FrameCostListener {
        /**
         * One frame was painted: {@code wallNanos} of the EDT's time and {@code cpuNanos} of
         * its CPU time (-1 where the JVM cannot tell), the snapshot taken for it included;
         * {@code drawn} when a chart was drawn anew rather than copied from its last picture.
         */
        void painted(long wallNanos, long cpuNanos, boolean drawn);
    }

    /** Tells {@code listener} what every painted frame of the charts costs; {@code null} for none. */
    public void setFrameCostListener(FrameCostListener listener) {
        frameCost = listener;
    }

    private long cpuNanos() {
        return cpuTime ? threads.getCurrentThreadCpuTime() : 0;
    }

    private void refreshWhileShowing() {
        if (isShowing()) {
            refresh();
            timer.start();
        } else {
            timer.stop();
        }
    }

    @Override
    public void removeNotify() {
        timer.stop();
        super.removeNotify();
    }

    /** Takes a snapshot now and redraws the charts from it. EDT only. */
    public void refresh() {
        checkEdt();
        long start = System.nanoTime();
        long cpu = cpuNanos();
        TrafficSeries.Snapshot s = series.snapshot(span.seconds(), clock.getAsLong());
        if (s.equals(snapshot) && shownSpan == span && shownBytes == bytes) {
            // Nothing new: a second shows once it is over, so most refreshes find none.
            return;
        }
        snapshot = s;
        shownSpan = span;
        shownBytes = bytes;
        int n = s.length();
        double[] p50 = new double[n];
        double[] p99 = new double[n];
        double[] in = new double[n];
        double[] out = new double[n];
        int newestRtt = -1;
        for (int i = 0; i < n; i++) {
            p50[i] = s.rttP50(i) < 0 ? Double.NaN : s.rttP50(i) / 1e6;
            p99[i] = s.rttP99(i) < 0 ? Double.NaN : s.rttP99(i) / 1e6;
            if (s.roundTrips(i) > 0) {
                newestRtt = i;
            }
            in[i] = bytes ? s.bytesIn(i) : s.framesIn(i);
            out[i] = bytes ? s.bytesOut(i) : s.framesOut(i);
        }
        String within = "in the last " + span.label();
        boolean traffic = s.totalFramesIn() + s.totalFramesOut() > 0;
        String noRtt = traffic ? "no replies paired with a send " + within + "."
                : "no traffic " + within + ": connect and send to see round trips.";
        String newestP50 = newestRtt < 0 ? "–" : Ticks.millis(p50[newestRtt]);
        String newestP99 = newestRtt < 0 ? "–" : Ticks.millis(p99[newestRtt]);
        rttChart.show("Round trip", Ticks.Unit.MILLIS, span, List.of(
                new LineChart.Series("p50", "Tincan.chart.p50", p50, newestP50, false),
                new LineChart.Series("p99", "Tincan.chart.p99", p99, newestP99, false)), noRtt);
        Ticks.Unit unit = bytes ? Ticks.Unit.BYTES_PER_SECOND : Ticks.Unit.PER_SECOND;
        String newestIn = n == 0 ? "–" : Ticks.format(in[n - 1], unit);
        String newestOut = n == 0 ? "–" : Ticks.format(out[n - 1], unit);
        rateChart.show(bytes ? "Throughput (bytes)" : "Throughput (frames)", unit, span, List.of(
                new LineChart.Series("in", "Tincan.chart.in", in, newestIn, true),
                new LineChart.Series("out", "Tincan.chart.out", out, newestOut, false)), "no frames " + within + ".");
        // One paint for both charts: the strip is repainted as a whole.
        charts.repaint();
        pendingNanos += System.nanoTime() - start;
        pendingCpuNanos += cpuNanos() - cpu;
    }

    private void painted(long nanos, long cpu, boolean drawn) {
        long wall = nanos + pendingNanos;
        long cpuSpent = cpuTime ? cpu + pendingCpuNanos : -1;
        pendingNanos = 0;
        pendingCpuNanos = 0;
        FrameCostListener l = frameCost;
        if (l != null) {
            l.painted(wall, cpuSpent, drawn);
        }
    }

    @Override
    public Dimension getPreferredSize() {
        Dimension d = super.getPreferredSize();
        return new Dimension(d.width, Math.max(d.height, UIScale.scale(200)));
    }

    /** Asserts the caller is on the EDT; for methods that say so. */
    static void checkEdt() {
        if (!SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("the charts are touched only on the event dispatch thread.");
        }
    }
}
