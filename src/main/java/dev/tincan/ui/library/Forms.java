package dev.tincan.ui.library;

import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Window;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JPanel;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;

/**
 * What the library's dialogs share: a modal dialog over the window it was opened from, a row
 * of OK and Cancel, and Escape to close it, centred on that window. Confined to the EDT.
 */
public final class Forms {
    private Forms() {
    }

    /**
     * A modal dialog called {@code title} over {@code parent}'s window, or over none when
     * {@code parent} is {@code null}.
     */
    public static JDialog dialog(Component parent, String title) {
        Window owner = parent == null ? null : SwingUtilities.getWindowAncestor(parent);
        return new JDialog(owner, title, JDialog.DEFAULT_MODALITY_TYPE);
    }

    /** {@code ok} and a Cancel that closes {@code dialog}, at the trailing edge. */
    public static JPanel okCancel(JDialog dialog, JButton ok) {
        JButton cancel = new JButton("Cancel");
        cancel.addActionListener(e -> dialog.dispose());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING, 6, 0));
        buttons.add(ok);
        buttons.add(cancel);
        return buttons;
    }

    /** Lets Escape close {@code dialog}, sizes it to its content and centres it on its owner. */
    public static void finish(JDialog dialog) {
        dialog.getRootPane().registerKeyboardAction(e -> dialog.dispose(), KeyStroke.getKeyStroke("ESCAPE"),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        dialog.pack();
        dialog.setLocationRelativeTo(dialog.getOwner());
    }
}
