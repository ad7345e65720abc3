package dev.tincan.ui;

import static dev.tincan.ui.FormRows.addRow;

import dev.tincan.server.ServerTls;
import java.awt.BorderLayout;
import java.awt.event.KeyEvent;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JPanel;
import javax.swing.JTextField;

/**
 * The certificate a listening side serves to clients that speak TLS, as two rows of a
 * dialog's form: a PEM certificate file and its PEM key file, each with a file chooser. Both
 * left empty serve a self-signed certificate made at start, as before; a device that pins or
 * checks the server's certificate needs the one it knows, hence the files. Only one of the
 * two is a mistake the dialog says in one sentence ({@link #source()}). EDT only.
 */
public final class CertificateFiles {
    private final JTextField certificate = new JTextField(18);
    private final JTextField key = new JTextField(18);
    private final JPanel certificateRow;
    private final JPanel keyRow;

    /** The two fields, named {@code prefix + "Certificate"} and {@code prefix + "Key"}, filled with the paths given. */
    public CertificateFiles(String prefix, String certificatePath, String keyPath) {
        certificate.setName(prefix + "Certificate");
        certificate.setText(certificatePath);
        certificate.putClientProperty(com.formdev.flatlaf.FlatClientProperties.PLACEHOLDER_TEXT,
                "empty: self-signed, made now");
        key.setName(prefix + "Key");
        key.setText(keyPath);
        key.putClientProperty(com.formdev.flatlaf.FlatClientProperties.PLACEHOLDER_TEXT,
                "the certificate's own private key");
        certificateRow = withBrowse(certificate);
        keyRow = withBrowse(key);
    }

    /** Adds the two rows to {@code form} from {@code row}; returns the next free row. */
    public int addTo(JPanel form, int row) {
        int next = addRow(form, row, "Certificate", KeyEvent.VK_E, certificateRow, "PEM, the server's own first");
        return addRow(form, next, "Key", KeyEvent.VK_K, keyRow, "PEM, PKCS#8");
    }

    /** Greys both rows out while clients do not speak TLS. */
    public void setEnabled(boolean on) {
        for (JPanel p : new JPanel[] {certificateRow, keyRow}) {
            for (java.awt.Component c : p.getComponents()) {
                c.setEnabled(on);
            }
        }
    }

    /** The certificate file's path as typed, stripped; empty for none. */
    public String certificatePath() {
        return certificate.getText().strip();
    }

    /** The key file's path as typed, stripped; empty for none. */
    public String keyPath() {
        return key.getText().strip();
    }

    /**
     * What makes the certificate when the listening starts, off the EDT: read from the two
     * files, or self-signed when both are empty. The files are read then, so a file fixed
     * after a failed start is read again; what is wrong with one is said in one sentence
     * ({@link IllegalArgumentException} from the supplier).
     *
     * @throws IllegalArgumentException with one sentence when only one of the two is given
     */
    public Supplier<ServerTls> source() {
        String c = certificatePath();
        String k = keyPath();
        if (c.isEmpty() && k.isEmpty()) {
            return ServerTls::selfSigned;
        }
        if (c.isEmpty() || k.isEmpty()) {
            throw new IllegalArgumentException((c.isEmpty() ? "Certificate" : "Key") + " is empty: give both the "
                    + "certificate file and its key file, or neither for a self-signed certificate.");
        }
        return () -> ServerTls.fromPem(Path.of(c), Path.of(k));
    }

    /** The certificate field. */
    JTextField certificateField() {
        return certificate;
    }

    /** The key field. */
    JTextField keyField() {
        return key;
    }

    private static JPanel withBrowse(JTextField field) {
        JButton browse = new JButton("…");
        browse.setToolTipText("Pick a file");
        browse.addActionListener(e -> {
            String typed = field.getText().strip();
            JFileChooser chooser = new JFileChooser(typed.isEmpty() ? null : new File(typed).getParentFile());
            if (chooser.showOpenDialog(field) == JFileChooser.APPROVE_OPTION) {
                field.setText(chooser.getSelectedFile().getPath());
            }
        });
        JPanel row = new JPanel(new BorderLayout(4, 0));
        row.add(field, BorderLayout.CENTER);
        row.add(browse, BorderLayout.EAST);
        return row;
    }
}
