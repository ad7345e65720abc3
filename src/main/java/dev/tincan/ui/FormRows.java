package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.Insets;
import java.awt.event.KeyEvent;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.KeyStroke;

/**
 * The rows of the window's settings dialogs (server, listening tab, relay tab, connection
 * settings): a label with its mnemonic, the field, and a grey hint, in a
 * {@link java.awt.GridBagLayout} of three columns; and the frame around them, a sentence and
 * the buttons below ({@link #layOut}).
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

    /**
     * Lays a settings dialog out: {@code body} above, then {@code message} (a sentence about the
     * choices), then {@code buttons} at the trailing edge; the first button is the default,
     * pressed by Enter, and Escape closes the dialog. {@code left} is the inner margin on the
     * left.
     */
    public static void layOut(JDialog dialog, JComponent body, JComponent message, int left, JButton... buttons) {
        JPanel row = new JPanel(new FlowLayout(FlowLayout.TRAILING, 6, 0));
        for (JButton b : buttons) {
            row.add(b);
        }
        JPanel south = new JPanel(new BorderLayout(0, 10));
        south.add(message, BorderLayout.NORTH);
        south.add(row, BorderLayout.SOUTH);
        JPanel content = new JPanel(new BorderLayout(0, 8));
        content.setBorder(BorderFactory.createEmptyBorder(14, left, 12, 16));
        content.add(body, BorderLayout.CENTER);
        content.add(south, BorderLayout.SOUTH);
        dialog.setContentPane(content);
        dialog.getRootPane().setDefaultButton(buttons[0]);
        dialog.getRootPane().registerKeyboardAction(e -> dialog.dispose(),
                KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), JComponent.WHEN_IN_FOCUSED_WINDOW);
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
