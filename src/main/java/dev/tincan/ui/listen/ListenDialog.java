package dev.tincan.ui.listen;

import static dev.tincan.ui.FormRows.addRow;
import static dev.tincan.ui.FormRows.cell;
import static dev.tincan.ui.FormRows.layOut;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Framing;
import dev.tincan.relay.Binding;
import dev.tincan.relay.ListenConfig;
import dev.tincan.server.ServerTls;
import dev.tincan.ui.CertificateFiles;
import dev.tincan.ui.Formats;
import dev.tincan.ui.FramingBox;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
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
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * Asks where to listen: the port, the address to bind (this machine only unless the person
 * chooses otherwise), the framing every client's frames are cut by, and how many clients may
 * be connected at once. An address other than this machine's loopback opens the port to the
 * network, and the dialog says so in the error colour for as long as it is chosen. The dialog
 * stays open while the port is bound: a value that does not make sense, or a port that cannot
 * be bound, is named in one sentence inside it, which keeps every choice. Confined to the EDT.
 */
public final class ListenDialog extends JDialog {
    /** The port offered the first time. */
    public static final int DEFAULT_PORT = 50010;
    /** The addresses the address box lists: this machine only, and every interface. */
    static final String[] ADDRESSES = {"127.0.0.1", "0.0.0.0", "::1", "::"};

    private static final int TOP_PORT = 65535;
    /**
     * The most clients at once the dialog accepts: each connected client has a session tab of
     * its own, transcript and all, so the window bounds them as it bounds its tabs' rows.
     */
    private static final int MOST_CLIENTS = 1_000;
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Binds for the dialog and says how it went. */
    public interface Binder {
        /**
         * Starts listening with {@code config}, off the EDT, speaking TLS with the certificate
         * {@code tls} makes (read from files, or self-signed) when it is not null; calls
         * {@code done} on the EDT with {@code null} once listening, or with the sentence
         * saying why not.
         */
        void listen(ListenConfig config, Supplier<ServerTls> tls, Consumer<String> done);
    }

    /** What the dialog last listened with, or was last asked for, to offer again. */
    public record Choice(String address, int port, String framing, int maxClients, boolean tls,
            String certificate, String key) {
        /** The first offer: 127.0.0.1:50010, line framing, 100 clients, plain TCP. */
        public static Choice defaults() {
            return new Choice("127.0.0.1", DEFAULT_PORT, "line", ListenConfig.DEFAULT_MAX_CLIENTS, false, "", "");
        }
    }

    private final JTextField port = new JTextField(6);
    private final JComboBox<String> address = new JComboBox<>(ADDRESSES);
    private final FramingBox framing;
    private final JTextField maxClients = new JTextField(6);
    private final JCheckBox tls = new JCheckBox("Clients speak TLS");
    private final CertificateFiles certificate;
    /**
     * Says the port is open to the network while an address that opens it is chosen; its room
     * is kept while it is empty, so the dialog does not jump as the address is typed. Never HTML.
     */
    private final JTextArea warning = wrapped(3);
    /** Wraps its sentence over up to two lines, as wide as the dialog; never HTML. */
    private final JTextArea message = wrapped(2);
    private final JButton listen = new JButton("Listen");
    private final JButton cancel = new JButton("Cancel");
    private final Binder binder;
    private final Consumer<Choice> chosen;
    private boolean binding;

    /**
     * A dialog showing {@code initial}; {@code binder} binds, and {@code chosen} hears each
     * choice tried, so the next dialog offers it again.
     */
    public ListenDialog(Window owner, Choice initial, Binder binder, Consumer<Choice> chosen) {
        super(owner, "New listening tab", ModalityType.DOCUMENT_MODAL);
        this.binder = binder;
        this.chosen = chosen;
        port.setText(String.valueOf(initial.port()));
        port.setName("listenPort");
        address.setEditable(true);
        address.setSelectedItem(initial.address());
        address.setName("listenAddress");
        address.setToolTipText("The address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 for every "
                + "interface");
        framing = new FramingBox(initial.framing());
        maxClients.setText(String.valueOf(initial.maxClients()));
        maxClients.setName("listenMaxClients");
        tls.setName("listenTls");
        tls.setMnemonic(KeyEvent.VK_T);
        tls.setSelected(initial.tls());
        certificate = new CertificateFiles("listen", initial.certificate(), initial.key());
        certificate.setEnabled(initial.tls());
        tls.addActionListener(e -> certificate.setEnabled(tls.isSelected()));
        warning.setName("listenWarning");
        warning.setForeground(UIManager.getColor("Tincan.error.foreground"));
        message.setName("listenDialogMessage");

        JPanel form = new JPanel(new GridBagLayout());
        int row = 0;
        row = addRow(form, row, "Port", KeyEvent.VK_P, port, "0 picks any free port");
        row = addRow(form, row, "Address", KeyEvent.VK_A, address, "127.0.0.1: this machine only");
        GridBagConstraints w = cell(1, row++, 2);
        w.fill = GridBagConstraints.HORIZONTAL;
        form.add(warning, w);
        row = addRow(form, row, "Framing", KeyEvent.VK_R, framing, null);
        form.add(framing.hint(), cell(1, row++, 2));
        row = addRow(form, row, "Most clients", KeyEvent.VK_M, maxClients, "connected at once; more are turned away");
        form.add(tls, cell(1, row++, 1));
        JLabel tlsHint = new JLabel("its fingerprint shows on the tab");
        tlsHint.setForeground(UIManager.getColor("Label.disabledForeground"));
        form.add(tlsHint, cell(1, row++, 2));
        certificate.addTo(form, row);

        listen.setName("listen");
        listen.setMnemonic(KeyEvent.VK_L);
        listen.addActionListener(e -> accept());
        cancel.addActionListener(e -> dispose());
        layOut(this, form, message, 16, listen, cancel);
        address.addActionListener(e -> updateWarning());
        if (address.getEditor().getEditorComponent() instanceof JTextField field) {
            field.getDocument().addDocumentListener(new DocumentListener() {
                @Override
                public void insertUpdate(DocumentEvent e) {
                    updateWarning();
                }

                @Override
                public void removeUpdate(DocumentEvent e) {
                    updateWarning();
                }

                @Override
                public void changedUpdate(DocumentEvent e) {
                    updateWarning();
                }
            });
        }
        updateWarning();
        showMessage("", false);
        pack();
        setLocationRelativeTo(owner);
    }

    /** A read-only text area that wraps at the dialog's width, in the label font, never HTML. */
    private static JTextArea wrapped(int rows) {
        JTextArea area = new JTextArea(rows, 0) {
            @Override
            public Dimension getPreferredSize() {
                Dimension d = super.getPreferredSize();
                return new Dimension(0, d.height);
            }
        };
        area.setEditable(false);
        area.setFocusable(false);
        area.setOpaque(false);
        area.setLineWrap(true);
        area.setWrapStyleWord(true);
        area.setBorder(BorderFactory.createEmptyBorder());
        area.setFont(UIManager.getFont("Label.font"));
        return area;
    }

    /** Shows the network warning while the address typed or picked opens the port beyond this machine. */
    private void updateWarning() {
        String text = addressText();
        String open = openSentence(text);
        warning.setText(open == null ? "" : open);
        warning.setCaretPosition(0);
    }

    /**
     * The warning for listening on {@code address} (as typed), or {@code null} when it is this
     * machine's loopback or not an address at all (reading the fields names that).
     */
    static String openSentence(String address) {
        InetAddress a;
        try {
            a = literal(address);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (Binding.everyInterface(a)) {
            return "Every interface: anyone on the network can connect to this port, send to you and read what "
                    + "you send. Use 127.0.0.1 to keep it to this machine.";
        }
        if (!a.isLoopbackAddress()) {
            return "Open to the network: anyone who can reach " + address + " can connect to this port. Use "
                    + "127.0.0.1 to keep it to this machine.";
        }
        return null;
    }

    /**
     * {@code text} as an address, without asking a name server: an IPv4 or IPv6 literal, or
     * localhost.
     *
     * @throws IllegalArgumentException with one sentence naming the field
     */
    static InetAddress literal(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        if (IPV4.matcher(t).matches() || IPV6.matcher(t).matches()) {
            try {
                // A literal is parsed, never looked up.
                return InetAddress.getByName(t);
            } catch (UnknownHostException e) {
                // not a well-formed literal: said below
            }
        }
        throw new IllegalArgumentException("Address \"" + t + "\" is not an IP address: use 127.0.0.1 for this "
                + "machine only, or 0.0.0.0 for every interface.");
    }

    private String addressText() {
        Object typed = address.getEditor().getItem();
        return typed == null ? "" : typed.toString().strip();
    }

    private void showMessage(String text, boolean failed) {
        message.setText(text);
        message.setForeground(UIManager.getColor(failed ? "Tincan.error.foreground" : "Label.disabledForeground"));
        message.setCaretPosition(0);
    }

    /** Reads the fields, then binds; the dialog closes once the port listens. */
    private void accept() {
        if (binding) {
            return;
        }
        ListenConfig config;
        Supplier<ServerTls> identity;
        try {
            config = read();
            identity = tls.isSelected() ? certificate.source() : null;
        } catch (IllegalArgumentException e) {
            showMessage(e.getMessage(), true);
            return;
        }
        chosen.accept(new Choice(addressText(), config.port(), framing.spec(), config.maxClients(),
                tls.isSelected(), certificate.certificatePath(), certificate.keyPath()));
        setBinding(true);
        showMessage("listening on " + addressText() + " port " + config.port() + "…", false);
        binder.listen(config, identity, why -> {
            setBinding(false);
            if (why == null) {
                dispose();
            } else {
                showMessage(why, true);
                port.requestFocusInWindow();
                port.selectAll();
            }
        });
    }

    private void setBinding(boolean busy) {
        binding = busy;
        listen.setEnabled(!busy);
    }

    /**
     * The settings the fields describe.
     *
     * @throws IllegalArgumentException with one sentence naming the field by its label
     */
    public ListenConfig read() {
        int p = number(port, "Port", 0, TOP_PORT, "; 0 picks any free port");
        InetAddress bind = literal(addressText());
        Framing f;
        try {
            f = framing.framing();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Framing: " + e.getMessage(), e);
        }
        int most = number(maxClients, "Most clients", 1, MOST_CLIENTS, "");
        return new ListenConfig(bind, p, ConnectOptions.builder().framing(f).build(), most, s -> { });
    }

    private static int number(JTextField field, String label, int least, int most, String unit) {
        String text = field.getText().strip();
        String range = "use " + Formats.count(least) + " to " + Formats.count(most) + unit;
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
    public String messageText() {
        return message.getText();
    }

    /** The network warning shown, or "" while the address keeps the port to this machine. */
    public String warningText() {
        return warning.getText();
    }

    /** The port field. */
    public JTextField portField() {
        return port;
    }

    /** The address box, editable. */
    public JComboBox<String> addressBox() {
        return address;
    }

    /** The most-clients field. */
    public JTextField maxClientsField() {
        return maxClients;
    }

    /** The TLS switch. */
    public JCheckBox tlsBox() {
        return tls;
    }

    /** The certificate files served to TLS clients. */
    public CertificateFiles certificate() {
        return certificate;
    }

    /** The Listen button. */
    public JButton listenButton() {
        return listen;
    }
}
