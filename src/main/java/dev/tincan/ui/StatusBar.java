package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.event.HierarchyEvent;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSeparator;
import javax.swing.SwingConstants;
import javax.swing.Timer;
import javax.swing.UIManager;

/**
 * The bottom line: frames and bytes in and out, the current rates, the last round-trip
 * time and the built-in server's state, refreshed four times a second while showing, plus
 * the latest notice (such as where a transcript was saved). Confined to the EDT.
 */
final class StatusBar extends JPanel {
    /** Milliseconds between refreshes. */
    static final int REFRESH_MS = 250;

    private final TrafficStats stats;
    private final Supplier<String> serverState;
    private final JLabel notice = label("notice");
    private final JLabel in = label("trafficIn");
    private final JLabel out = label("trafficOut");
    private final JLabel rate = label("rate");
    private final JLabel rtt = label("rtt");
    private final JLabel server = label("serverState");
    private final Timer timer;

    StatusBar(TrafficStats stats, Supplier<String> serverState) {
        super(new BorderLayout(12, 0));
        this.stats = stats;
        this.serverState = serverState;
        JPanel figures = new JPanel(new FlowLayout(FlowLayout.TRAILING, 10, 0));
        figures.add(in);
        figures.add(out);
        figures.add(rate);
        figures.add(rtt);
        figures.add(new JSeparator(SwingConstants.VERTICAL));
        figures.add(server);
        add(notice, BorderLayout.CENTER);
        add(figures, BorderLayout.EAST);
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

    private static JLabel label(String name) {
        JLabel l = new JLabel();
        l.setName(name);
        l.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
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

    /** Reads the figures again. */
    void refresh() {
        stats.sample(System.nanoTime());
        in.setText("in " + Formats.count(stats.framesIn()) + " frames · " + Formats.bytes(stats.bytesIn()));
        out.setText("out " + Formats.count(stats.framesOut()) + " frames · " + Formats.bytes(stats.bytesOut()));
        rate.setText(Formats.rate(stats.framesInPerSecond()) + "/s in · " + Formats.rate(stats.framesOutPerSecond())
                + "/s out");
        long last = stats.lastRttNanos();
        rtt.setText(last >= 0 ? "last RTT " + Formats.duration(last) : "last RTT –");
        server.setText(serverState.get());
    }

    /** Shows a notice until the next one. */
    void showNotice(String sentence, boolean failed) {
        notice.setText(sentence);
        notice.putClientProperty(FlatClientProperties.STYLE_CLASS, failed ? "tincanError" : "tincanNotice");
    }

    String noticeText() {
        return notice.getText();
    }

    String serverText() {
        return server.getText();
    }
}
