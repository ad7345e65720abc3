package dev.tincan.ui;

import dev.tincan.session.TranscriptRow;
import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import javax.swing.JTable;
import javax.swing.SwingConstants;
import javax.swing.UIManager;
import javax.swing.table.DefaultTableCellRenderer;

/**
 * Paints one transcript cell. Peer data is never interpreted: the renderer has
 * {@code html.disable} set, so a frame starting {@code <html>} shows those characters,
 * and previews are already escaped by the model. Sent, received, event, error and note rows
 * get their colours from the theme ({@code Tincan.*.foreground}); a row a rule marked gets
 * the theme's {@code Tincan.marked.background} and says so in its kind's tooltip, as it
 * says where a received datagram came from. Confined to the EDT.
 */
final class TranscriptCellRenderer extends DefaultTableCellRenderer {
    /** The client property that keeps Swing from rendering a label's text as HTML. */
    static final String HTML_DISABLE = "html.disable";

    private Color sent;
    private Color received;
    private Color event;
    private Color error;
    private Color note;
    private Color marked;
    private Font bytesFont;

    TranscriptCellRenderer() {
        putClientProperty(HTML_DISABLE, Boolean.TRUE);
        updateTheme();
    }

    @Override
    public void updateUI() {
        super.updateUI();
        updateTheme();
    }

    private void updateTheme() {
        sent = UIManager.getColor("Tincan.sent.foreground");
        received = UIManager.getColor("Tincan.received.foreground");
        event = UIManager.getColor("Tincan.event.foreground");
        error = UIManager.getColor("Tincan.error.foreground");
        note = UIManager.getColor("Tincan.note.foreground");
        marked = UIManager.getColor("Tincan.marked.background");
        bytesFont = UIManager.getFont("Tincan.bytes.font");
    }

    @Override
    public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focused,
            int row, int column) {
        int col = table.convertColumnIndexToModel(column);
        Object shown = value instanceof TranscriptRow.Kind kind ? kind.symbol() : value;
        // The last marked row's background must not stay for the next cell.
        setBackground(null);
        super.getTableCellRendererComponent(table, shown, selected, focused, row, column);
        TranscriptModel model = (TranscriptModel) table.getModel();
        TranscriptRow r = model.row(table.convertRowIndexToModel(row));
        if (!selected) {
            Color c = colorOf(r.kind());
            setForeground(c != null ? c : table.getForeground());
            if (r.marked() && marked != null) {
                setBackground(marked);
            }
        }
        boolean bytes = col == TranscriptModel.COL_PREVIEW && r.isFrame();
        setFont(bytes && bytesFont != null ? bytesFont : table.getFont());
        setHorizontalAlignment(col == TranscriptModel.COL_SEQ || col == TranscriptModel.COL_SIZE
                || col == TranscriptModel.COL_RTT || col == TranscriptModel.COL_PAIR ? SwingConstants.TRAILING
                : col == TranscriptModel.COL_KIND ? SwingConstants.CENTER : SwingConstants.LEADING);
        setToolTipText(col == TranscriptModel.COL_KIND ? r.kind().word() + (r.source() != null ? " from "
                + r.source() : "") + (r.marked() ? ", marked by a rule" : "") : null);
        return this;
    }

    private Color colorOf(TranscriptRow.Kind kind) {
        switch (kind) {
            case SENT:
                return sent;
            case RECEIVED:
                return received;
            case ERROR:
                return error;
            case NOTE:
                return note != null ? note : event;
            default:
                return event;
        }
    }
}
