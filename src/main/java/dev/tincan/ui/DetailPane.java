package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;
import dev.tincan.session.TranscriptRow;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.awt.event.KeyEvent;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextArea;

/**
 * The whole of the selected row: the frame as escaped text and as a hex dump, each with a
 * Copy button, or the sentence of an event; above them when and how long it was, and where a
 * received datagram came from. Text areas never interpret what they show.
 * Very large frames are shown and copied up to {@link #LIMIT} bytes, and the pane says so.
 * Confined to the EDT.
 */
final class DetailPane extends JPanel {
    /** The most payload bytes shown and copied. */
    static final int LIMIT = 256 * 1024;

    private final TranscriptModel model;
    private final JLabel header = new JLabel();
    private final JTextArea text = area(true);
    private final JTextArea hex = area(false);
    private final JTabbedPane tabs = new JTabbedPane();
    private final JButton copy = new JButton("Copy");

    DetailPane(TranscriptModel model) {
        super(new BorderLayout(0, 4));
        this.model = model;
        header.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        header.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanNotice");
        tabs.addTab("Text", new JScrollPane(text));
        tabs.addTab("Hex", new JScrollPane(hex));
        tabs.putClientProperty(FlatClientProperties.TABBED_PANE_TRAILING_COMPONENT, copyBar());
        copy.setMnemonic(KeyEvent.VK_Y);
        copy.setToolTipText("Copy the text or hex dump of this row (Alt+Y)");
        copy.addActionListener(e -> copyShown());
        setBorder(BorderFactory.createEmptyBorder(4, 0, 0, 0));
        add(header, BorderLayout.NORTH);
        add(tabs, BorderLayout.CENTER);
        show(null);
    }

    private JPanel copyBar() {
        JPanel bar = new JPanel(new FlowLayout(FlowLayout.TRAILING, 4, 0));
        bar.setOpaque(false);
        bar.add(copy);
        return bar;
    }

    private static JTextArea area(boolean wrap) {
        JTextArea a = new JTextArea();
        a.setEditable(false);
        a.setLineWrap(wrap);
        a.setWrapStyleWord(false);
        a.putClientProperty(FlatClientProperties.STYLE_CLASS, "monospaced");
        a.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        return a;
    }

    /** Shows {@code row}, or a hint when {@code null}. */
    void show(TranscriptRow row) {
        if (row == null) {
            header.setText("Select a row to see the whole frame as text and as hex.");
            text.setText("");
            hex.setText("");
            copy.setEnabled(false);
            return;
        }
        copy.setEnabled(true);
        String when = Formats.timeOfDay(model.clock().toEpochMillis(row.nanos()));
        if (!row.isFrame()) {
            header.setText(row.kind().word() + " at " + when);
            text.setText(row.message());
            hex.setText("");
        } else {
            StringBuilder h = new StringBuilder(row.kind().word()).append(" at ").append(when).append(" · ")
                    .append(Formats.count(row.size(), "byte", "bytes")).append(" of payload");
            if (row.source() != null) {
                h.append(" · from ").append(row.source());
            }
            if (row.wireBytes() > 0) {
                h.append(" (").append(Formats.count(row.wireBytes())).append(" on the wire)");
            }
            if (row.rttNanos() >= 0) {
                h.append(" · round trip ").append(Formats.duration(row.rttNanos()));
            }
            Bytes shown = shown(row.payload());
            if (shown.length() < row.size()) {
                h.append(" · showing the first ").append(Formats.bytes(LIMIT));
            }
            header.setText(h.toString());
            text.setText(Escapes.escape(shown));
            hex.setText(Hex.dump(shown));
        }
        text.setCaretPosition(0);
        hex.setCaretPosition(0);
    }

    private static Bytes shown(Bytes payload) {
        return payload.length() <= LIMIT ? payload : Bytes.of(payload.toByteArray(), 0, LIMIT);
    }

    private void copyShown() {
        String s = tabs.getSelectedIndex() == 0 ? text.getText() : hex.getText();
        Toolkit.getDefaultToolkit().getSystemClipboard().setContents(new StringSelection(s), null);
    }

    /** The text tab's contents. */
    String shownText() {
        return text.getText();
    }

    /** The hex tab's contents. */
    String shownHex() {
        return hex.getText();
    }

    /** The line above the tabs. */
    String headerText() {
        return header.getText();
    }
}
