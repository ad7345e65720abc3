package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import java.awt.GridBagConstraints;
import java.awt.Insets;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * The rows of the window's settings dialogs (server, listening tab, relay tab): a label with
 * its mnemonic, the field, and a grey hint, in a {@link java.awt.GridBagLayout} of three columns.
 */
public final class FormRows {
    private FormRows() {
    }

    /**
     * Adds a row at {@code row}: label {@code text} for {@code field}, and {@code hint} if not
     * null; returns the next row. When {@code field} is a panel wrapping the field (with a
     * button beside it, say), the label's mnemonic goes to the panel's first component.
     */
    public static int addRow(JPanel form, int row, String text, int mnemonic, JComponent field, String hint) {
        JLabel label = new JLabel(text);
        label.setDisplayedMnemonic(mnemonic);
        label.setLabelFor(field instanceof JPanel p && p.getComponentCount() > 0 ? p.getComponent(0) : field);
        form.add(label, cell(0, row, 1));
        GridBagConstraints c = cell(1, row, 1);
        c.fill = GridBagConstraints.HORIZONTAL;
        form.add(field, c);
        if (hint != null) {
            JLabel h = new JLabel(hint);
            h.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
            form.add(h, cell(2, row, 1));
        }
        return row + 1;
    }

    /** The constraints of the cell at column {@code x}, row {@code y}, {@code width} columns wide, left-aligned. */
    public static GridBagConstraints cell(int x, int y, int width) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = x;
        c.gridy = y;
        c.gridwidth = width;
        c.anchor = GridBagConstraints.LINE_START;
        c.insets = new Insets(3, 0, 3, 10);
        return c;
    }
}
