package dev.tincan.ui;

import static dev.tincan.ui.FormRows.addRow;
import static dev.tincan.ui.FormRows.cell;
import static dev.tincan.ui.FormRows.layOut;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.client.TlsOptions;
import dev.tincan.codec.Framing;
import dev.tincan.codec.HostPort;
import dev.tincan.codec.Pem;
import dev.tincan.relay.Binding;
import dev.tincan.relay.RelayConfig;
import dev.tincan.server.ServerTls;
import java.awt.Dimension;
import java.awt.GridBagLayout;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.UIManager;

/**
 * Asks where a relay listens and where it relays to: the listening port and address
 * (127.0.0.1 unless changed; every interface brings a warning that the relay becomes an open
 * proxy), the server as host:port, the framing of each direction (the same both ways unless
 * unticked) and the most clients at once; whether clients speak TLS to the relay (with a
 * self-signed certificate made when it starts, whose fingerprint the tab shows), and whether
 * the server speaks TLS, trusted through a CA file, the system's authorities, or (marked in
 * red) not checked at all. The dialog stays open while the relay starts: a
 * value that does not make sense, or a port that cannot be bound, is named in one sentence
 * inside the dialog, which keeps every choice. Confined to the EDT.
 */
final class RelayDialog extends JDialog {
    /** The button that starts the relay. */
    static final String START = "Start relay";
    /** The warning shown while the relay would listen on every interface. */
    static final String OPEN_WARNING = "Every interface: anyone who can reach this machine can use the relay to "
            + "reach the server. It becomes an open proxy.";

    /** The warning beside "Trust any certificate". */
    static final String INSECURE_WARNING = "Anyone in the path can read and change what the relay sends the server.";

    /** Starts a relay for the dialog: calls {@code done} with null once it listens, else with why not. */
    interface Starter {
        /**
         * Starts {@code config}; when {@code listenTls} is not null, its clients speak TLS to
         * the certificate it makes (read from files, or self-signed), made first, off the EDT.
         */
        void start(RelayConfig config, Supplier<ServerTls> listenTls, Consumer<String> done);
    }

    private static final int TOP_PORT = 65535;

    private final JTextField port = new JTextField(6);
    private final JComboBox<String> bind = new JComboBox<>(new String[] {"127.0.0.1", "0.0.0.0", "::1", "::"});
    private final JLabel openWarning = new JLabel(OPEN_WARNING);
    private final JTextField target = new JTextField(18);
    private final JCheckBox same = new JCheckBox("Same both ways", true);
    private final FramingBox up;
    private final FramingBox down;
    private final JTextField maxClients = new JTextField(6);
    private final JCheckBox listenTls = new JCheckBox("Clients speak TLS");
    private final CertificateFiles listenCertificate = new CertificateFiles("relayListen", "", "");
    private final JCheckBox targetTls = new JCheckBox("Target speaks TLS");
    private final JTextField trustFile = new JTextField(18);
    private final JButton browse = new JButton("…");
    private final JCheckBox insecure = new JCheckBox("Trust any certificate (insecure)");
    private final JLabel insecureWarning = new JLabel(INSECURE_WARNING);
    private final JTextArea message = new JTextArea(2, 0) {
        @Override
        public Dimension getPreferredSize() {
            return new Dimension(0, super.getPreferredSize().height);
        }
    };
    private final JButton start = new JButton(START);
    private final JButton cancel = new JButton("Cancel");
    private final Starter starter;
    private boolean starting;

    /** A dialog proposing to relay to {@code target} (host:port, may be empty) with {@code framing} both ways. */
    RelayDialog(Window owner, String initialTarget, String framing, Starter starter) {
        super(owner, "New relay tab", ModalityType.DOCUMENT_MODAL);
        this.starter = starter;
        port.setName("relayPort");
        port.setText("0");
        bind.setName("relayBind");
        bind.setEditable(true);
        bind.setToolTipText("The address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 or :: for every "
                + "interface");
        bind.addActionListener(e -> updateWarning());
        ((JTextField) bind.getEditor().getEditorComponent()).getDocument().addDocumentListener(
                new javax.swing.event.DocumentListener() {
                    @Override
                    public void insertUpdate(javax.swing.event.DocumentEvent e) {
                        updateWarning();
                    }

                    @Override
                    public void removeUpdate(javax.swing.event.DocumentEvent e) {
                        updateWarning();
                    }

                    @Override
                    public void changedUpdate(javax.swing.event.DocumentEvent e) {
                        updateWarning();
                    }
                });
        openWarning.setName("relayOpenWarning");
        openWarning.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        openWarning.putClientProperty(FlatClientProperties.STYLE, "foreground: $Tincan.error.foreground; font: bold");
        target.setName("relayTarget");
        target.setText(initialTarget);
        target.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "host:port, e.g. 127.0.0.1:50007");
        up = new FramingBox(framing);
        up.setName("relayFramingUp");
        down = new FramingBox(framing);
        down.setName("relayFramingDown");
        same.setName("relaySameFraming");
        same.addActionListener(e -> down.setEnabled(!same.isSelected()));
        down.setEnabled(false);
        maxClients.setName("relayMaxClients");
        maxClients.setText(String.valueOf(RelayConfig.DEFAULT_MAX_CLIENTS));
        listenTls.setName("relayListenTls");
        listenTls.setMnemonic(KeyEvent.VK_C);
        targetTls.setName("relayTargetTls");
        targetTls.setMnemonic(KeyEvent.VK_T);
        trustFile.setName("relayTrustFile");
        trustFile.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "the system's authorities only");
        browse.setToolTipText("Pick a file");
        browse.addActionListener(e -> {
            javax.swing.JFileChooser chooser = new javax.swing.JFileChooser(trustFile.getText().isBlank() ? null
                    : new java.io.File(trustFile.getText().strip()).getParentFile());
            if (chooser.showOpenDialog(this) == javax.swing.JFileChooser.APPROVE_OPTION) {
                trustFile.setText(chooser.getSelectedFile().getPath());
            }
        });
        insecure.setName("relayInsecure");
        insecure.setMnemonic(KeyEvent.VK_Y);
        insecure.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        insecureWarning.setName("relayInsecureWarning");
        insecureWarning.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        insecureWarning.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        listenTls.addActionListener(e -> enableTls());
        targetTls.addActionListener(e -> enableTls());
        insecure.addActionListener(e -> enableTls());
        message.setName("relayDialogMessage");
        message.setEditable(false);
        message.setFocusable(false);
        message.setOpaque(false);
        message.setLineWrap(true);
        message.setWrapStyleWord(true);
        message.setBorder(BorderFactory.createEmptyBorder());
        message.setFont(UIManager.getFont("Label.font"));

        JPanel form = new JPanel(new GridBagLayout());
        int row = 0;
        row = addRow(form, row, "Listen on port", KeyEvent.VK_P, port, "0 picks any free port");
        row = addRow(form, row, "Address", KeyEvent.VK_A, bind, "127.0.0.1: this machine only");
        form.add(openWarning, cell(1, row++, 2));
        row = addRow(form, row, "Server", KeyEvent.VK_S, target, "host:port the relay connects to");
        row = addRow(form, row, "Framing →", KeyEvent.VK_F, up, "client → server");
        form.add(same, cell(1, row++, 2));
        row = addRow(form, row, "Framing ←", KeyEvent.VK_R, down, "server → client");
        row = addRow(form, row, "Most clients", KeyEvent.VK_M, maxClients, "links open at once");
        form.add(listenTls, cell(1, row++, 1));
        JLabel listenHint = new JLabel("its fingerprint shows on the tab");
        listenHint.setForeground(UIManager.getColor("Label.disabledForeground"));
        form.add(listenHint, cell(1, row++, 2));
        row = listenCertificate.addTo(form, row);
        form.add(targetTls, cell(1, row++, 2));
        JPanel trustRow = new JPanel(new java.awt.BorderLayout(4, 0));
        trustRow.add(trustFile, java.awt.BorderLayout.CENTER);
        trustRow.add(browse, java.awt.BorderLayout.EAST);
        row = addRow(form, row, "Trust certificates in", KeyEvent.VK_U, trustRow,
                "PEM: a private CA, or the server's own");
        form.add(insecure, cell(1, row++, 2));
        form.add(insecureWarning, cell(1, row, 2));

        start.setName("startRelay");
        start.addActionListener(e -> accept());
        cancel.addActionListener(e -> dispose());
        layOut(this, form, message, 16, start, cancel);
        updateWarning();
        enableTls();
        pack();
        setLocationRelativeTo(owner);
    }

    /** The server's trust choices apply only while it speaks TLS; the insecure warning shows only when chosen. */
    private void enableTls() {
        listenCertificate.setEnabled(listenTls.isSelected());
        boolean on = targetTls.isSelected();
        trustFile.setEnabled(on && !insecure.isSelected());
        browse.setEnabled(on && !insecure.isSelected());
        insecure.setEnabled(on);
        boolean alarm = on && insecure.isSelected();
        if (insecureWarning.isVisible() != alarm) {
            insecureWarning.setVisible(alarm);
            if (isDisplayable()) {
                pack();
            }
        }
    }

    private String bindText() {
        return ((JTextField) bind.getEditor().getEditorComponent()).getText().strip();
    }

    private void updateWarning() {
        boolean open;
        try {
            open = Binding.everyInterface(address(bindText()));
        } catch (IllegalArgumentException e) {
            open = false;
        }
        if (openWarning.isVisible() != open) {
            openWarning.setVisible(open);
            if (isDisplayable()) {
                pack();
            }
        }
    }

    /** An IP literal as an address, without a name lookup. */
    private static InetAddress address(String text) {
        boolean literal = text.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || text.contains(":")
                && text.matches("[0-9A-Fa-f:.]+");
        if (!literal) {
            throw new IllegalArgumentException("Address \"" + text + "\" is not an IP address: use 127.0.0.1 for this "
                    + "machine, or 0.0.0.0 for every interface.");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Address \"" + text + "\" is not an IP address: use 127.0.0.1 for "
                    + "this machine, or 0.0.0.0 for every interface.", e);
        }
    }

    private void showMessage(String text, boolean failed) {
        message.setText(text);
        message.setForeground(UIManager.getColor(failed ? "Tincan.error.foreground" : "Label.disabledForeground"));
        message.setCaretPosition(0);
    }

    private void accept() {
        if (starting) {
            return;
        }
        RelayConfig config;
        Supplier<ServerTls> identity;
        try {
            config = read();
            identity = listenTls.isSelected() ? listenCertificate.source() : null;
        } catch (IllegalArgumentException e) {
            showMessage(e.getMessage(), true);
            return;
        }
        starting = true;
        start.setEnabled(false);
        showMessage("starting the relay on " + HostPort.of(config.bind().getHostAddress(), config.port()) + "…",
                false);
        starter.start(config, identity, why -> {
            starting = false;
            start.setEnabled(true);
            if (why == null) {
                dispose();
            } else {
                showMessage(why, true);
                port.requestFocusInWindow();
                port.selectAll();
            }
        });
    }

    /**
     * The config the fields describe.
     *
     * @throws IllegalArgumentException with one sentence naming the field by its label
     */
    RelayConfig read() {
        int p = number(port, "Listen on port", 0, TOP_PORT);
        InetAddress at = address(bindText());
        String t = target.getText().strip();
        int colon = t.lastIndexOf(':');
        if (t.isEmpty() || colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("Server \"" + t + "\" is not host:port: write e.g. 127.0.0.1:50007.");
        }
        String host = HostPort.unbracketed(t.substring(0, colon));
        int targetPort = number(t.substring(colon + 1), "Server port", 1, TOP_PORT);
        Framing upFraming = framing(up, "Framing →");
        Framing downFraming = same.isSelected() ? upFraming : framing(down, "Framing ←");
        int most = number(maxClients, "Most clients", 1, 10_000);
        return RelayConfig.builder(host, targetPort).bind(at).port(p).up(upFraming).down(downFraming)
                .maxClients(most).targetTls(targetTlsOptions()).build();
    }

    /**
     * How the relay speaks TLS to the server, or null for plain TCP: trusting the certificates
     * in the file named (besides the system's authorities), or any certificate at all.
     *
     * @throws IllegalArgumentException with one sentence naming the field by its label
     */
    private TlsOptions targetTlsOptions() {
        if (!targetTls.isSelected()) {
            return null;
        }
        if (insecure.isSelected()) {
            return TlsOptions.builder().insecure(true).build();
        }
        String file = trustFile.getText().strip();
        if (file.isEmpty()) {
            return TlsOptions.defaults();
        }
        try {
            return TlsOptions.builder().trust(Pem.readCertificates(Path.of(file))).build();
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("Trust certificates in: \"" + file + "\" is not a file name.", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Trust certificates in: " + e.getMessage(), e);
        }
    }

    private static Framing framing(FramingBox box, String label) {
        try {
            return box.framing();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
        }
    }

    private static int number(JTextField field, String label, int least, int most) {
        return number(field.getText(), label, least, most);
    }

    private static int number(String typed, String label, int least, int most) {
        String text = typed.strip();
        String range = "use " + Formats.count(least) + " to " + Formats.count(most);
        if (!text.matches("[0-9]{1,10}")) {
            throw new IllegalArgumentException(label + " \"" + text + "\" is not a whole number: " + range + ".");
        }
        long n = Long.parseLong(text);
        if (n < least || n > most) {
            throw new IllegalArgumentException(label + " " + Formats.count(n) + " is out of range: " + range + ".");
        }
        return (int) n;
    }

    /** The line under the fields: progress, or why the last try failed. */
    String messageText() {
        return message.getText();
    }

    /** Whether the open-proxy warning shows. */
    boolean warningShown() {
        return openWarning.isVisible();
    }

    JTextField portField() {
        return port;
    }

    JComboBox<String> bindBox() {
        return bind;
    }

    JTextField targetField() {
        return target;
    }

    JCheckBox sameFraming() {
        return same;
    }

    FramingBox upFraming() {
        return up;
    }

    FramingBox downFraming() {
        return down;
    }

    JCheckBox listenTlsBox() {
        return listenTls;
    }

    /** The certificate files the relay's TLS clients are served. */
    CertificateFiles listenCertificate() {
        return listenCertificate;
    }

    JCheckBox targetTlsBox() {
        return targetTls;
    }

    JTextField trustFileField() {
        return trustFile;
    }

    JCheckBox insecureBox() {
        return insecure;
    }

    /** Whether the red warning under "Trust any certificate" shows. */
    boolean insecureWarningShown() {
        return insecureWarning.isVisible();
    }

    JButton startButton() {
        return start;
    }

    /** Shows the dialog until the relay started or the person cancelled. */
    static void ask(Window owner, String initialTarget, String framing, Starter starter) {
        new RelayDialog(owner, initialTarget, framing, starter).setVisible(true);
    }
}
