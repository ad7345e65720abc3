package dev.tincan.ui.relay;

import dev.tincan.relay.Direction;
import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import javax.swing.JTable;
import javax.swing.SwingConstants;
import javax.swing.UIManager;
import javax.swing.border.Border;
import javax.swing.border.EmptyBorder;
import javax.swing.table.DefaultTableCellRenderer;

/**
 * Paints one cell of a relay's transcript. Peer data is never interpreted: {@code html.disable}
 * is set and payloads are already escaped by the model. Frames from the client (→) take the
 * theme's sent colour and frames from the server (←) its received colour, as in a client's
 * transcript; broken bytes and failures take the error colour, sentences the event colour;
 * a held frame's row gets the marked background and a bold fate.
 *
 * <p>A flood repaints every visible cell once per display frame, so a cell costs no look-up
 * and no allocation beyond its text: the theme's colours, borders and fonts are read once per
 * theme, properties are set only when they change, and tooltips are asked of
 * {@link #tooltip} by the table for the cell under the mouse, not set on every cell painted
 * (each change registers the renderer with the tooltip manager anew). Confined to the EDT.
 */
final class RelayCellRenderer extends DefaultTableCellRenderer {
    /** The client property that keeps Swing from rendering a label's text as HTML. */
    static final String HTML_DISABLE = "html.disable";

    private Color up;
    private Color down;
    private Color event;
    private Color error;
    private Color heldBackground;
    private Font bytesFont;
    private Color alternateBackground;
    private Border noFocusBorder;
    private Border focusBorder;
    private Border focusSelectedBorder;
    /** The fonts last derived, kept: deriving a font for every cell painted costs a flood's frames. */
    private Font derivedFrom;
    private Font bold;
    private Font italic;

    RelayCellRenderer() {
        putClientProperty(HTML_DISABLE, Boolean.TRUE);
        updateTheme();
    }

    @Override
    public void updateUI() {
        super.updateUI();
        updateTheme();
    }

    private void updateTheme() {
        up = UIManager.getColor("Tincan.sent.foreground");
        down = UIManager.getColor("Tincan.received.foreground");
        event = UIManager.getColor("Tincan.event.foreground");
        error = UIManager.getColor("Tincan.error.foreground");
        heldBackground = UIManager.getColor("Tincan.marked.background");
        bytesFont = UIManager.getFont("Tincan.bytes.font");
        alternateBackground = UIManager.getColor("Table.alternateRowColor");
        noFocusBorder = UIManager.getBorder("Table.cellNoFocusBorder");
        if (noFocusBorder == null) {
            noFocusBorder = new EmptyBorder(1, 1, 1, 1);
        }
        focusBorder = UIManager.getBorder("Table.focusCellHighlightBorder");
        focusSelectedBorder = UIManager.getBorder("Table.focusSelectedCellHighlightBorder");
        if (focusSelectedBorder == null) {
            focusSelectedBorder = focusBorder;
        }
    }

    /**
     * Does what {@link DefaultTableCellRenderer} does for a table that is not editable and
     * takes no drops, with the theme read once: selection colours, the alternate row colour,
     * the focus border and the text; then the relay's colours, fonts and alignment.
     */
    @Override
    public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focused,
            int row, int column) {
        int col = table.convertColumnIndexToModel(column);
        RelayTranscript model = (RelayTranscript) table.getModel();
        RelayRow r = model.row(table.convertRowIndexToModel(row));
        Color fg;
        Color bg;
        if (selected) {
            fg = table.getSelectionForeground();
            bg = table.getSelectionBackground();
        } else {
            Color c = colorOf(r);
            fg = c != null ? c : table.getForeground();
            if (r.isHeld() && heldBackground != null) {
                bg = heldBackground;
            } else if (alternateBackground != null && row % 2 != 0) {
                bg = alternateBackground;
            } else {
                bg = table.getBackground();
            }
        }
        if (fg != getForeground()) {
            super.setForeground(fg);
        }
        if (bg != getBackground()) {
            super.setBackground(bg);
        }
        Border border = focused ? (selected ? focusSelectedBorder : focusBorder) : noFocusBorder;
        if (border != getBorder()) {
            setBorder(border);
        }
        Font font = col == RelayTranscript.COL_PAYLOAD && r.hasBytes() && bytesFont != null ? bytesFont
                : table.getFont();
        if (col == RelayTranscript.COL_FATE && r.isHeld() || col == RelayTranscript.COL_DIRECTION) {
            font = derived(table.getFont(), Font.BOLD);
        } else if (r.kind() == RelayRow.Kind.BROKEN && col == RelayTranscript.COL_FATE) {
            font = derived(table.getFont(), Font.ITALIC);
        }
        if (font != getFont()) {
            setFont(font);
        }
        int align = col == RelayTranscript.COL_SEQ || col == RelayTranscript.COL_SIZE
                || col == RelayTranscript.COL_GAP ? SwingConstants.TRAILING
                : col == RelayTranscript.COL_DIRECTION || col == RelayTranscript.COL_LINK ? SwingConstants.CENTER
                : SwingConstants.LEADING;
        if (align != getHorizontalAlignment()) {
            setHorizontalAlignment(align);
        }
        setValue(value);
        return this;
    }

    private Font derived(Font base, int style) {
        if (base != derivedFrom) {
            derivedFrom = base;
            bold = base.deriveFont(Font.BOLD);
            italic = base.deriveFont(Font.ITALIC);
        }
        return style == Font.BOLD ? bold : italic;
    }

    /** The tooltip of the cell of {@code r} in model column {@code col}, or null for none. */
    static String tooltip(RelayRow r, int col) {
        if (col == RelayTranscript.COL_DIRECTION) {
            return r.direction() != null ? r.direction().words() : r.kind() == RelayRow.Kind.FAILURE ? "a failure"
                    : "a notice";
        }
        if (col == RelayTranscript.COL_FATE && r.isHeld()) {
            return "held: Enter forwards it, Delete drops it, F2 edits it below";
        }
        if (col == RelayTranscript.COL_FATE && r.sent() != null) {
            return "edited: the payload column shows what was sent; " + r.payload().length() + " bytes arrived";
        }
        if (col == RelayTranscript.COL_GAP) {
            return "time since the previous frame of this link";
        }
        return null;
    }

    private Color colorOf(RelayRow r) {
        switch (r.kind()) {
            case BROKEN:
            case FAILURE:
                return error;
            case NOTICE:
                return event;
            default:
                return r.direction() == Direction.UP ? up : down;
        }
    }
}
