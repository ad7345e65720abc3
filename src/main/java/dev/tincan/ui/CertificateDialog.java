package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.client.TlsSession;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.UIManager;

/**
 * What a tab's TLS handshake settled: the version, the cipher suite, the application
 * protocol, and the server's chain, each certificate with its subject, issuer, validity,
 * SHA-256 fingerprint and public-key pin, as selectable text. "Pin this certificate" adds
 * the server's own certificate's fingerprint to the tab's pins in one click, so that from
 * the next connect on only that certificate is accepted. A connection whose certificate was
 * not checked says so in red first. Confined to the EDT.
 */
final class CertificateDialog extends JDialog {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final JTextArea text = new JTextArea();
    private final JButton pin = new JButton("Pin this certificate");
    private final JLabel note = new JLabel(" ");

    /**
     * Shows {@code tls} for the tab named {@code tabName}; {@code pinner} adds a pin to the
     * tab's settings and returns the sentence to show (or null when it was there already).
     */
    CertificateDialog(Window owner, String tabName, TlsSession tls, boolean insecure, boolean pinned,
            Function<String, String> pinner) {
        super(owner, "Certificate · " + tabName, ModalityType.MODELESS);
        setName("certificate");
        text.setName("certificateText");
        text.setEditable(false);
        text.setText(describe(tls));
        text.setCaretPosition(0);
        text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, UIManager.getFont("Label.font").getSize()));
        text.setBorder(BorderFactory.createEmptyBorder(6, 8, 6, 8));
        JScrollPane scroll = new JScrollPane(text);
        // Wide enough for a fingerprint on one line, as far as the screen allows.
        java.awt.Dimension wanted = text.getPreferredSize();
        int screen = owner == null ? 1200 : owner.getGraphicsConfiguration().getBounds().width;
        scroll.setPreferredSize(new java.awt.Dimension(Math.min(wanted.width + 24, screen * 9 / 10),
                Math.min(wanted.height + 24, 360)));

        JLabel head = new JLabel(insecure ? "Insecure: this certificate was not checked. Anyone in the path can read "
                + "and change the connection." : "The server's certificate was checked and trusted.");
        head.setName("certificateHead");
        head.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        head.putClientProperty(FlatClientProperties.STYLE_CLASS, insecure ? "tincanError" : "tincanStatus");

        pin.setName("pinCertificate");
        pin.setMnemonic(KeyEvent.VK_P);
        pin.setToolTipText("Accept only this certificate from the next connect on: adds its SHA-256 fingerprint to "
                + "the tab's pins");
        TlsSession.PeerCertificate peer = tls.peer();
        pin.setEnabled(peer != null && !pinned);
        note.setName("pinNote");
        note.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanNotice");
        if (pinned) {
            note.setText("This certificate is pinned.");
        }
        pin.addActionListener(e -> {
            String said = pinner.apply(peer.sha256());
            note.setText(said == null ? "This certificate is pinned." : said);
            pin.setEnabled(false);
        });
        JButton close = new JButton("Close");
        close.addActionListener(e -> dispose());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING, 6, 0));
        buttons.add(pin);
        buttons.add(close);
        JPanel south = new JPanel(new BorderLayout(12, 0));
        south.add(note, BorderLayout.CENTER);
        south.add(buttons, BorderLayout.EAST);

        JPanel content = new JPanel(new BorderLayout(0, 10));
        content.setBorder(BorderFactory.createEmptyBorder(12, 14, 12, 14));
        content.add(head, BorderLayout.NORTH);
        content.add(scroll, BorderLayout.CENTER);
        content.add(south, BorderLayout.SOUTH);
        setContentPane(content);
        getRootPane().registerKeyboardAction(e -> dispose(), KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        pack();
        setLocationRelativeTo(owner);
    }

    /** The handshake and the chain as lines of text, the server's own certificate first. */
    static String describe(TlsSession tls) {
        StringBuilder s = new StringBuilder();
        s.append("Protocol        ").append(tls.protocol()).append('\n');
        s.append("Cipher suite    ").append(tls.cipherSuite()).append('\n');
        s.append("ALPN            ").append(tls.applicationProtocol() == null ? "none agreed"
                : tls.applicationProtocol()).append('\n');
        int n = 0;
        for (TlsSession.PeerCertificate c : tls.peerChain()) {
            s.append('\n').append(n == 0 ? "Server certificate" : "Issuer certificate " + n).append('\n');
            s.append("  Subject       ").append(c.subject()).append('\n');
            s.append("  Issuer        ").append(c.issuer()).append('\n');
            s.append("  Valid         ").append(DAY.format(c.notBefore().atZone(ZoneId.systemDefault())))
                    .append(" to ").append(DAY.format(c.notAfter().atZone(ZoneId.systemDefault()))).append('\n');
            s.append("  SHA-256       ").append(c.sha256()).append('\n');
            s.append("  Public key    ").append(c.publicKeySha256()).append('\n');
            n++;
        }
        if (n == 0) {
            s.append("\nThe server sent no certificate.\n");
        }
        return s.toString();
    }

    String text() {
        return text.getText();
    }

    JButton pinButton() {
        return pin;
    }

    String noteText() {
        return note.getText();
    }
}
