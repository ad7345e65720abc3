package dev.tincan.ui;

import java.awt.BorderLayout;
import java.awt.Component;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;

/**
 * Asks for one password at connect time: a proxy's, or a PKCS#12 file's. What is typed goes
 * to the connect and is cleared; it is never written to preferences, logs, recordings or
 * exports. Confined to the EDT.
 */
final class PasswordDialog {
    private PasswordDialog() {
    }

    /** The password {@code what} names, e.g. "the password of ann at SOCKS5 proxy 127.0.0.1:1080"; null when cancelled. */
    static char[] ask(Component owner, String what) {
        JPasswordField field = new JPasswordField(24);
        field.setName("password");
        JLabel label = new JLabel("Type " + what + ". It is used for this connect and not kept.");
        label.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        label.setLabelFor(field);
        JPanel panel = new JPanel(new BorderLayout(0, 8));
        panel.setBorder(BorderFactory.createEmptyBorder(0, 0, 4, 0));
        panel.add(label, BorderLayout.NORTH);
        panel.add(field, BorderLayout.CENTER);
        // The field, not the OK button, has the focus once the dialog shows.
        field.addAncestorListener(new javax.swing.event.AncestorListener() {
            @Override
            public void ancestorAdded(javax.swing.event.AncestorEvent e) {
                SwingUtilities.invokeLater(field::requestFocusInWindow);
            }

            @Override
            public void ancestorRemoved(javax.swing.event.AncestorEvent e) {
                // nothing to do
            }

            @Override
            public void ancestorMoved(javax.swing.event.AncestorEvent e) {
                // nothing to do
            }
        });
        int answer = JOptionPane.showConfirmDialog(owner, panel, "Password", JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.PLAIN_MESSAGE);
        char[] password = field.getPassword();
        field.setText("");
        if (answer != JOptionPane.OK_OPTION) {
            java.util.Arrays.fill(password, '\0');
            return null;
        }
        return password;
    }
}
