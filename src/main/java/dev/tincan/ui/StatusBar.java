package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;
import dev.tincan.session.TrafficStats;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Insets;
import java.awt.LayoutManager;
import java.awt.event.HierarchyEvent;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JSeparator;
import javax.swing.SwingConstants;
import javax.swing.Timer;
import javax.swing.UIManager;

/**
 * The bottom line: frames in and out with their payload bytes (the bytes inside the
 * framing, counted the same way both ways), the current rates, the last round-trip
 * time and the built-in server's state, refreshed four times a second while showing, plus
 * the latest notice (such as where a transcript was saved). A notice is news for a few
 * seconds; then a plain one goes and a failure shows its age (see {@link Notice}). When the
 * line is too narrow for a notice and every figure, the rates go first, then the server's
 * state, then the round-trip time; a failure, while it is news, may take the traffic
 * figures' room too, so the sentence saying what to do is read whole. A notice that is
 * still cut shows in full on hover.
 * Confined to the EDT.
 */
final class StatusBar extends JPanel {
    /** Milliseconds between refreshes. */
    static final int REFRESH_MS = 250;

    private final TrafficStats stats;
    private final Supplier<String> serverState;
    private final LongSupplier clock;
    private final ClippedLabel notice = label("notice");
    private final ClippedLabel in = label("trafficIn");
    private final ClippedLabel out = label("trafficOut");
    private final ClippedLabel rate = label("rate");
    private final ClippedLabel rtt = label("rtt");
    private final JSeparator separator = new JSeparator(SwingConstants.VERTICAL);
    private final ClippedLabel server = label("serverState");
    private final ClippedLabel recording = label("recording");
    /** A red badge while the connection's certificate was not checked, else hidden. */
    private final ClippedLabel insecure = label("insecure");
    /** Figures in the order shown, left to right. */
    private final List<JComponent> figures = List.of(insecure, recording, in, out, rate, rtt, separator, server);
    /** Figures in the order they give way to a notice. */
    private final List<List<JComponent>> dropOrder = List.of(List.of(rate), List.of(separator, server), List.of(rtt));
    /** The same, for a failure while it is news: the traffic figures give way too, so the sentence reads whole. */
    private final List<List<JComponent>> failureDropOrder = List.of(List.of(rate), List.of(separator, server),
            List.of(rtt), List.of(out), List.of(in));
    private final Timer timer;
    private Notice current;
    /** Whether the traffic figures show: not for a recording, which has no connection to count. */
    private boolean traffic = true;
    /** What the REC figure says, or {@code null} while not recording. */
    private Supplier<String> recordingText = () -> null;

    StatusBar(TrafficStats stats, Supplier<String> serverState) {
        this(stats, serverState, System::nanoTime);
    }

    /** A status bar that reads the time for rates and notices from {@code clock}, in nanoseconds. */
    StatusBar(TrafficStats stats, Supplier<String> serverState, LongSupplier clock) {
        super(null);
        this.stats = stats;
        this.serverState = serverState;
        this.clock = clock;
        setLayout(new Layout());
        add(notice);
        recording.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        recording.setToolTipText("This tab's frames are being written to a file: File ▸ Stop recording ends it");
        insecure.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        insecure.setToolTipText("TLS without checking the server's certificate: anyone in the path can read and "
                + "change this connection. Connection ▸ Connection settings… turns it off");
        for (JComponent c : figures) {
            add(c);
        }
        in.setToolTipText("Frames received since connecting, and their payload: the bytes inside the framing");
        out.setToolTipText("Frames sent since connecting, and their payload: the bytes inside the framing");
        rate.setToolTipText("Frames per second, in and out, over the last half second or more");
        installBorder();
        timer = new Timer(REFRESH_MS, e -> refresh());
        addHierarchyListener(e -> {
            if ((e.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0) {
                if (isShowing()) {
                    timer.start();
                } else {
                    timer.stop();
                }
            }
        });
        refresh();
    }

    private static ClippedLabel label(String name) {
        ClippedLabel l = new ClippedLabel();
        l.setName(name);
        l.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanNotice");
        return l;
    }

    @Override
    public void updateUI() {
        super.updateUI();
        installBorder();
    }

    private void installBorder() {
        setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createMatteBorder(1, 0, 0, 0, UIManager.getColor("Separator.foreground")),
                BorderFactory.createEmptyBorder(4, 8, 4, 4)));
    }

    @Override
    public void removeNotify() {
        timer.stop();
        super.removeNotify();
    }

    /** Reads the figures again and ages the notice. */
    void refresh() {
        long now = clock.getAsLong();
        stats.sample(now);
        in.setText("in " + Formats.count(stats.framesIn(), "frame", "frames") + " · "
                + Formats.bytes(stats.bytesIn()) + " payload");
        out.setText("out " + Formats.count(stats.framesOut(), "frame", "frames") + " · "
                + Formats.bytes(stats.bytesOut()) + " payload");
        rate.setText(Formats.rate(stats.framesInPerSecond()) + "/s in · " + Formats.rate(stats.framesOutPerSecond())
                + "/s out");
        long last = stats.lastRttNanos();
        rtt.setText(last >= 0 ? "last RTT " + Formats.duration(last) : "last RTT –");
        server.setText(serverState.get());
        String rec = recordingText.get();
        if (!java.util.Objects.equals(rec, recording.getText().isEmpty() ? null : recording.getText())) {
            recording.setText(rec == null ? "" : rec);
            revalidate();
        }
        showCurrentNotice(now);
    }

    /**
     * Shows a red REC figure first, saying what {@code text} gives (e.g. "REC 1 204 frames"),
     * while it gives text; {@code null} hides it.
     */
    void showRecording(Supplier<String> text) {
        recordingText = text;
        refresh();
        revalidate();
        repaint();
    }

    /**
     * Shows the red "insecure: certificate not checked" badge first while {@code shown}: a TLS
     * connection made with "Trust any certificate".
     */
    void showInsecure(boolean shown) {
        String text = shown ? INSECURE : "";
        if (!text.equals(insecure.getText())) {
            insecure.setText(text);
            revalidate();
            repaint();
        }
    }

    /** The badge of a connection whose certificate was not checked. */
    static final String INSECURE = "insecure: certificate not checked";

    /** The insecure badge's text, or "" when hidden. */
    String insecureText() {
        return insecure.getText();
    }

    /** The REC figure's text, or "" when hidden. */
    String recordingText() {
        return recording.getText();
    }

    /** Hides the traffic figures (frames, rates, round trip), for a tab that shows a recording. */
    void hideTraffic() {
        traffic = false;
        revalidate();
        repaint();
    }

    /** Shows a notice; it ages from now. */
    void showNotice(String sentence, boolean failed) {
        current = new Notice(sentence, failed, clock.getAsLong());
        showCurrentNotice(clock.getAsLong());
    }

    private void showCurrentNotice(long now) {
        String text = current == null ? null : current.textAt(now);
        if (text == null) {
            current = null;
            text = "";
        }
        if (!text.equals(notice.getText())) {
            notice.setText(text);
            notice.putClientProperty(FlatClientProperties.STYLE_CLASS,
                    current != null && current.failed() ? "tincanError" : "tincanNotice");
            revalidate();
        }
    }

    String noticeText() {
        return notice.getText();
    }

    /** The frames and bytes received, as shown. */
    String inText() {
        return in.getText();
    }

    /** The frames and bytes sent, as shown. */
    String outText() {
        return out.getText();
    }

    String serverText() {
        return server.getText();
    }

    ClippedLabel noticeLabel() {
        return notice;
    }

    /** The figures laid out with room, in the order shown. */
    List<JComponent> shownFigures() {
        return figures.stream().filter(c -> c.getWidth() > 0).toList();
    }

    /**
     * The notice on the left, the figures right-aligned; the notice is promised up to half
     * the width, taken from the figures in {@code dropOrder}, or, a failure while it is news,
     * the whole width, taken from the figures in {@code failureDropOrder}.
     */
    private final class Layout implements LayoutManager {
        @Override
        public void addLayoutComponent(String name, Component comp) {
            // children are known fields
        }

        @Override
        public void removeLayoutComponent(Component comp) {
            // children are known fields
        }

        private int gap() {
            return UIScale.scale(10);
        }

        private int width(List<JComponent> shown) {
            int w = 0;
            for (JComponent c : shown) {
                w += c.getPreferredSize().width + gap();
            }
            return w;
        }

        private int height() {
            int h = notice.getPreferredSize().height;
            for (JComponent c : figures) {
                h = Math.max(h, c.getPreferredSize().height);
            }
            return h;
        }

        @Override
        public Dimension preferredLayoutSize(Container parent) {
            Insets i = getInsets();
            return new Dimension(i.left + notice.getPreferredSize().width + width(figures) + i.right,
                    i.top + height() + i.bottom);
        }

        @Override
        public Dimension minimumLayoutSize(Container parent) {
            Insets i = getInsets();
            return new Dimension(i.left + i.right, i.top + height() + i.bottom);
        }

        @Override
        public void layoutContainer(Container parent) {
            Insets i = getInsets();
            int width = getWidth() - i.left - i.right;
            int height = getHeight() - i.top - i.bottom;
            boolean failureNews = current != null && current.failed() && !current.isStale(clock.getAsLong());
            int wanted = Math.min(notice.getPreferredSize().width, failureNews ? width : width / 2);
            List<JComponent> shown = new java.util.ArrayList<>(figures);
            if (!traffic) {
                shown.removeAll(List.of(in, out, rate, rtt, separator));
            }
            if (recording.getText().isEmpty()) {
                shown.remove(recording);
            }
            if (insecure.getText().isEmpty()) {
                shown.remove(insecure);
            }
            for (List<JComponent> drop : failureNews ? failureDropOrder : dropOrder) {
                if (width(shown) + wanted <= width) {
                    break;
                }
                shown.removeAll(drop);
            }
            int x = i.left + width;
            for (int k = figures.size() - 1; k >= 0; k--) {
                JComponent c = figures.get(k);
                if (!shown.contains(c)) {
                    c.setBounds(0, 0, 0, 0);
                    continue;
                }
                int w = c.getPreferredSize().width;
                x -= w;
                int h = c == separator ? height * 3 / 4 : height;
                c.setBounds(x, i.top + (height - h) / 2, w, h);
                x -= gap();
            }
            notice.setBounds(i.left, i.top, Math.max(0, x - i.left), height);
        }
    }
}
