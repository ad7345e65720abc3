package dev.tincan.ui.library;

import com.formdev.flatlaf.FlatClientProperties;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.ListCellRenderer;
import javax.swing.UIManager;

/**
 * Draws a library row: a folder heading in bold with its count, or a message as its name,
 * its quick key on the right, and the start of its payload below in the bytes font. Confined
 * to the EDT.
 */
final class LibraryRowRenderer implements ListCellRenderer<LibraryRow> {
    private final JPanel messageRow = new JPanel(new BorderLayout(8, 1));
    private final JLabel name = new JLabel();
    private final JLabel key = new JLabel();
    private final JLabel preview = new JLabel();
    private final JLabel heading = new JLabel();

    LibraryRowRenderer() {
        messageRow.add(name, BorderLayout.CENTER);
        messageRow.add(key, BorderLayout.EAST);
        messageRow.add(preview, BorderLayout.SOUTH);
        messageRow.setBorder(BorderFactory.createEmptyBorder(4, 14, 5, 8));
        key.putClientProperty(FlatClientProperties.STYLE_CLASS, "small");
        heading.putClientProperty(FlatClientProperties.STYLE, "font: bold");
        heading.setBorder(BorderFactory.createEmptyBorder(8, 6, 3, 8));
        heading.setOpaque(true);
    }

    @Override
    public Component getListCellRendererComponent(JList<? extends LibraryRow> list, LibraryRow row, int index,
            boolean selected, boolean focused) {
        Color bg = selected ? list.getSelectionBackground() : list.getBackground();
        Color fg = selected ? list.getSelectionForeground() : list.getForeground();
        Color dim = selected ? fg : UIManager.getColor("Label.disabledForeground");
        if (row.isHeading()) {
            heading.setText(row.title() + "  (" + row.count() + ")");
            heading.setBackground(bg);
            heading.setForeground(dim);
            return heading;
        }
        name.setText(row.message().name());
        name.setForeground(fg);
        key.setText(row.quickKey() > 0 ? "Alt+" + row.quickKey() : "");
        key.setForeground(dim);
        preview.setText(row.preview().isEmpty() ? " " : row.preview());
        preview.setForeground(dim);
        Font bytes = UIManager.getFont("Tincan.bytes.font");
        Font base = bytes != null ? bytes : new Font(Font.MONOSPACED, Font.PLAIN, list.getFont().getSize());
        preview.setFont(base.deriveFont(list.getFont().getSize2D() - 1f));
        messageRow.setBackground(bg);
        messageRow.setToolTipText(row.message().notes().isEmpty() ? null : row.message().notes());
        return messageRow;
    }
}
