package dev.tincan.ui;

import static dev.tincan.ui.FormRows.addRow;
import static dev.tincan.ui.FormRows.cell;
import static dev.tincan.ui.FormRows.layOut;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.client.ProxyOptions;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JTabbedPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.UIManager;

/**
 * A tab's connection settings: TCP or UDP above five sections, TLS, Proxy, Reconnect, Liveness
 * and Local address. They apply from the tab's next connect on. With UDP the sections that are
 * TCP's only (TLS, Proxy, Reconnect, and TCP keep-alive) are greyed out, saying why, and keep
 * their values for when the tab speaks TCP again. The heartbeat is a typed text or a message
 * of the library, kept by its name; a name deleted from the library since shows until
 * another is picked. Nothing secret is asked for here: a
 * proxy's or a PKCS#12 file's password is asked for at each connect and never kept. OK
 * checks every field first (reading the files named); a value that does not fit is named in
 * one sentence under the sections, its section comes to the front, and the dialog keeps
 * every choice. Confined to the EDT.
 */
final class ConnectionSettingsDialog extends JDialog {
    /** The sections, in order. */
    static final List<String> SECTIONS = List.of("TLS", "Proxy", "Reconnect", "Liveness", "Local address");
    /** The warning beside "Trust any certificate". */
    static final String INSECURE_WARNING = "Anyone in the path can read and change this connection. Pins are still "
            + "checked.";
    /** The note under the sections while TCP is chosen. */
    static final String TCP_NOTE = "From the next connect on. Passwords are asked for at each connect and never kept.";
    /** The note under the sections while UDP is chosen. */
    static final String UDP_NOTE = "UDP: each datagram is one frame, so the tab's framing does not apply. TLS, the "
            + "proxy, reconnect and keep-alive are TCP's only: they are kept for when this tab speaks TCP again.";
    /** The first choice of the heartbeat's message: none, the typed text is sent. */
    static final String TYPED = "none: the text above";
    /** Why a section or field is greyed out while UDP is chosen. */
    static final String TCP_ONLY = "TCP only: this tab speaks UDP (see the top of this dialog).";

    private final JTabbedPane sections = new JTabbedPane();
    private final JRadioButton tcp = new JRadioButton("TCP");
    private final JRadioButton udp = new JRadioButton("UDP");
    private final JCheckBox tls = new JCheckBox("Speak TLS");
    private final JTextField trustFile = new JTextField(24);
    private final JTextField pins = new JTextField(24);
    private final JTextField serverName = new JTextField(24);
    private final JTextField clientCertificate = new JTextField(24);
    private final JTextField clientKey = new JTextField(24);
    private final JTextField alpn = new JTextField(24);
    private final JCheckBox insecure = new JCheckBox("Trust any certificate (insecure)");
    private final JLabel insecureWarning = new JLabel(INSECURE_WARNING);
    private final JComboBox<String> proxyType = new JComboBox<>(new String[] {"None", "SOCKS5", "HTTP CONNECT"});
    private final JTextField proxyHost = new JTextField(20);
    private final JTextField proxyPort = new JTextField(6);
    private final JTextField proxyUser = new JTextField(20);
    private final JCheckBox reconnect = new JCheckBox("Connect again when the server or a failure ends the connection");
    private final JTextField maxAttempts = new JTextField(6);
    private final JTextField maxDelay = new JTextField(6);
    private final JTextField maxQueued = new JTextField(6);
    private final JRadioButton sendQueued = new JRadioButton("Send them once connected again");
    private final JRadioButton dropQueued = new JRadioButton("Drop them, and say how many");
    private final JCheckBox keepAlive = new JCheckBox("TCP keep-alive: the system probes a silent server");
    private final JTextField idleTimeout = new JTextField(6);
    private final JTextField heartbeat = new JTextField(20);
    /** {@link #TYPED} first, then the library's messages by name. */
    private final JComboBox<String> heartbeatMessage = new JComboBox<>();
    /** The names of the library's messages when the dialog opened. */
    private final List<String> messageNames;
    private final JTextField heartbeatEvery = new JTextField(6);
    private final JTextField localAddress = new JTextField(20);
    /** Wraps its sentence over up to three lines, as wide as the dialog; never HTML. */
    private final JTextArea message = new JTextArea(3, 0) {
        @Override
        public Dimension getPreferredSize() {
            return new Dimension(0, super.getPreferredSize().height);
        }
    };
    private final JButton ok = new JButton("OK");
    /** Whether the line under the sections says why OK did not take the settings, rather than a note. */
    private boolean failedShown;
    private final Consumer<ConnectionSettings> accepted;
    private final List<JComponent> tlsFields;
    private final List<JComponent> proxyFields;
    private final List<JComponent> reconnectFields;

    /** A dialog as below, with an empty message library to pick a heartbeat from. */
    ConnectionSettingsDialog(Window owner, String tabName, ConnectionSettings initial,
            Consumer<ConnectionSettings> accepted) {
        this(owner, tabName, initial, List.of(), accepted);
    }

    /**
     * A dialog showing {@code initial} for the tab named {@code tabName}, offering the library's
     * {@code messageNames} as the heartbeat; OK hands the new settings to {@code accepted}.
     */
    ConnectionSettingsDialog(Window owner, String tabName, ConnectionSettings initial, List<String> messageNames,
            Consumer<ConnectionSettings> accepted) {
        super(owner, "Connection settings · " + tabName, ModalityType.DOCUMENT_MODAL);
        this.accepted = accepted;
        this.messageNames = List.copyOf(messageNames);
        setName("connectionSettings");
        heartbeatMessage.addItem(TYPED);
        for (String name : this.messageNames) {
            heartbeatMessage.addItem(name);
        }
        show(initial);
        tls.setMnemonic(KeyEvent.VK_S);
        insecure.setMnemonic(KeyEvent.VK_Y);
        reconnect.setMnemonic(KeyEvent.VK_G);
        sendQueued.setMnemonic(KeyEvent.VK_D);
        dropQueued.setMnemonic(KeyEvent.VK_R);
        keepAlive.setMnemonic(KeyEvent.VK_V);

        JPanel tlsForm = form();
        int row = 0;
        tlsForm.add(tls, cell(0, row++, 3));
        row = addRow(tlsForm, row, "Trust certificates in", KeyEvent.VK_T, withBrowse(trustFile),
                "PEM: a private CA, or the server's own");
        row = addRow(tlsForm, row, "Pins", KeyEvent.VK_P, pins, "SHA-256, any one may match");
        row = addRow(tlsForm, row, "Server name", KeyEvent.VK_N, serverName, "SNI; empty: the host");
        row = addRow(tlsForm, row, "Client certificate", KeyEvent.VK_C, withBrowse(clientCertificate),
                "PEM, or PKCS#12 (.p12, .pfx)");
        row = addRow(tlsForm, row, "Client key", KeyEvent.VK_K, withBrowse(clientKey), "PEM, for a PEM certificate");
        row = addRow(tlsForm, row, "ALPN", KeyEvent.VK_A, alpn, "e.g. h2, http/1.1");
        insecure.setName("insecure");
        insecure.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        insecureWarning.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        insecureWarning.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        GridBagConstraints gap = cell(0, row++, 3);
        gap.insets = new java.awt.Insets(10, 0, 0, 0);
        tlsForm.add(insecure, gap);
        tlsForm.add(insecureWarning, cell(0, row, 3));
        tlsFields = List.of(trustFile, pins, serverName, clientCertificate, clientKey, alpn, insecure);

        JPanel proxyForm = form();
        row = 0;
        row = addRow(proxyForm, row, "Proxy", KeyEvent.VK_X, proxyType, null);
        row = addRow(proxyForm, row, "Host", KeyEvent.VK_H, proxyHost, null);
        row = addRow(proxyForm, row, "Port", KeyEvent.VK_O, narrow(proxyPort), null);
        addRow(proxyForm, row, "User", KeyEvent.VK_U, proxyUser, "optional; its password is asked at each connect");
        proxyFields = List.of(proxyHost, proxyPort, proxyUser);

        JPanel reconnectForm = form();
        row = 0;
        reconnectForm.add(reconnect, cell(0, row++, 3));
        row = addRow(reconnectForm, row, "Max attempts", KeyEvent.VK_M, narrow(maxAttempts), "in a row; 0 never gives up");
        row = addRow(reconnectForm, row, "Longest wait", KeyEvent.VK_W, narrow(maxDelay),
                "s; waits start at ½ s and double, randomised");
        row = addRow(reconnectForm, row, "Queue while down", KeyEvent.VK_Q, narrow(maxQueued),
                "frames sent while disconnected");
        ButtonGroup queued = new ButtonGroup();
        queued.add(sendQueued);
        queued.add(dropQueued);
        reconnectForm.add(sendQueued, cell(1, row++, 2));
        reconnectForm.add(dropQueued, cell(1, row, 2));
        reconnectFields = List.of(maxAttempts, maxDelay, maxQueued, sendQueued, dropQueued);

        JPanel livenessForm = form();
        row = 0;
        livenessForm.add(keepAlive, cell(0, row++, 3));
        row = addRow(livenessForm, row, "Idle timeout", KeyEvent.VK_I, narrow(idleTimeout),
                "s; report a silent server; 0: never");
        heartbeatMessage.setName("heartbeatMessage");
        // Names are the person's own text: never HTML.
        heartbeatMessage.setRenderer(new javax.swing.DefaultListCellRenderer() {
            {
                putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
            }
        });
        row = addRow(livenessForm, row, "Heartbeat", KeyEvent.VK_B, heartbeat,
                "sent while nothing else goes out; empty: none");
        row = addRow(livenessForm, row, "Heartbeat message", 0, heartbeatMessage,
                "from the library, sent instead of the text");
        addRow(livenessForm, row, "Heartbeat every", KeyEvent.VK_E, narrow(heartbeatEvery), "s");

        JPanel localForm = form();
        addRow(localForm, 0, "Local address", KeyEvent.VK_L, localAddress,
                "e.g. 192.168.1.20 or 0.0.0.0:40000; empty: any");

        ButtonGroup protocol = new ButtonGroup();
        protocol.add(tcp);
        protocol.add(udp);
        tcp.setName("tcp");
        udp.setName("udp");
        JPanel top = new JPanel(new GridBagLayout());
        JPanel both = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
        both.add(tcp);
        both.add(javax.swing.Box.createHorizontalStrut(12));
        both.add(udp);
        addRow(top, 0, "Protocol", 0, both, "UDP: each datagram is one frame");
        GridBagConstraints restOfTop = cell(3, 0, 1);
        restOfTop.weightx = 1;
        top.add(javax.swing.Box.createHorizontalGlue(), restOfTop);
        top.setBorder(BorderFactory.createEmptyBorder(0, 12, 8, 12));
        JPanel body = new JPanel(new BorderLayout());
        body.add(top, BorderLayout.NORTH);
        body.add(sections, BorderLayout.CENTER);

        for (JPanel p : List.of(tlsForm, proxyForm, reconnectForm, livenessForm, localForm)) {
            // The rows start at the left edge, as in the other dialogs; spare width goes to the right.
            GridBagConstraints rest = cell(3, 0, 1);
            rest.weightx = 1;
            p.add(javax.swing.Box.createHorizontalGlue(), rest);
            JPanel section = new JPanel(new BorderLayout());
            section.setBorder(BorderFactory.createEmptyBorder(10, 12, 10, 12));
            section.add(p, BorderLayout.NORTH);
            sections.addTab(SECTIONS.get(sections.getTabCount()), section);
        }
        sections.setMnemonicAt(0, KeyEvent.VK_1);
        tls.addActionListener(e -> enableFields());
        insecure.addActionListener(e -> enableFields());
        proxyType.addActionListener(e -> enableFields());
        reconnect.addActionListener(e -> enableFields());
        tcp.addActionListener(e -> enableFields());
        udp.addActionListener(e -> enableFields());
        heartbeatMessage.addActionListener(e -> enableFields());
        enableFields();

        message.setName("connectionSettingsMessage");
        message.setEditable(false);
        message.setFocusable(false);
        message.setOpaque(false);
        message.setLineWrap(true);
        message.setWrapStyleWord(true);
        message.setBorder(BorderFactory.createEmptyBorder());
        message.setFont(UIManager.getFont("Label.font"));
        showNote();

        ok.setName("connectionSettingsOk");
        ok.addActionListener(e -> accept());
        JButton cancel = new JButton("Cancel");
        cancel.addActionListener(e -> dispose());
        layOut(this, body, message, 12, ok, cancel);
        pack();
        setLocationRelativeTo(owner);
    }

    private static JPanel form() {
        return new JPanel(new GridBagLayout());
    }

    /** {@code field} at its own width, for a number, rather than stretched to the widest field of its section. */
    private static JComponent narrow(JTextField field) {
        JPanel p = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
        p.add(field);
        return p;
    }

    /** {@code field} with a "…" button beside it that picks a file into it. */
    private JComponent withBrowse(JTextField field) {
        JButton browse = new JButton("…");
        browse.setToolTipText("Pick a file");
        browse.addActionListener(e -> {
            JFileChooser chooser = new JFileChooser(field.getText().isBlank() ? null
                    : new File(field.getText().strip()).getParentFile());
            if (chooser.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
                field.setText(chooser.getSelectedFile().getPath());
            }
        });
        JPanel p = new JPanel(new BorderLayout(4, 0)) {
            @Override
            public void setEnabled(boolean enabled) {
                super.setEnabled(enabled);
                field.setEnabled(enabled);
                browse.setEnabled(enabled);
            }
        };
        p.add(field, BorderLayout.CENTER);
        p.add(browse, BorderLayout.EAST);
        return p;
    }

    /**
     * Greys out what the switches turn off: the TLS fields without TLS, the proxy's without a
     * proxy, and so on; with UDP, the sections and the keep-alive that are TCP's only, saying why.
     */
    private void enableFields() {
        boolean overTcp = !udp.isSelected();
        tls.setEnabled(overTcp);
        for (JComponent c : tlsFields) {
            enable(c, overTcp && tls.isSelected());
        }
        boolean alarm = overTcp && tls.isSelected() && insecure.isSelected();
        insecureWarning.putClientProperty(FlatClientProperties.STYLE_CLASS, alarm ? "tincanError" : "tincanHint");
        insecureWarning.setEnabled(overTcp && tls.isSelected());
        proxyType.setEnabled(overTcp);
        for (JComponent c : proxyFields) {
            enable(c, overTcp && proxyType.getSelectedIndex() > 0);
        }
        reconnect.setEnabled(overTcp);
        for (JComponent c : reconnectFields) {
            c.setEnabled(overTcp && reconnect.isSelected());
        }
        keepAlive.setEnabled(overTcp);
        keepAlive.setToolTipText(overTcp ? null : TCP_ONLY);
        for (int i = 0; i < 3; i++) {
            sections.setEnabledAt(i, overTcp);
            sections.setToolTipTextAt(i, overTcp ? null : SECTIONS.get(i) + ": " + TCP_ONLY);
        }
        if (!overTcp && sections.getSelectedIndex() < 3) {
            sections.setSelectedIndex(3);
        }
        boolean anyMessage = heartbeatMessage.getItemCount() > 1;
        heartbeatMessage.setEnabled(anyMessage);
        heartbeatMessage.setToolTipText(anyMessage ? "A library message sent as the heartbeat instead of the text"
                : "The message library is empty: save a message to it first (Ctrl+S).");
        heartbeat.setEnabled(heartbeatMessage.getSelectedIndex() <= 0);
        if (message != null && !failedShown) {
            showNote();
        }
    }

    /** The note under the sections for the protocol chosen. */
    private void showNote() {
        showMessage(udp.isSelected() ? UDP_NOTE : TCP_NOTE, false);
        failedShown = false;
    }

    /** Enables {@code c}, or the panel holding it with its browse button. */
    private static void enable(JComponent c, boolean on) {
        Component parent = c.getParent();
        if (parent instanceof JPanel p && p.getComponentCount() == 2 && p.getComponent(1) instanceof JButton) {
            p.setEnabled(on);
        } else {
            c.setEnabled(on);
        }
    }

    private void show(ConnectionSettings s) {
        ConnectionSettings.Tls t = s.tls();
        tls.setSelected(t.on());
        trustFile.setText(t.trustFile());
        pins.setText(String.join(" ", t.pins()));
        serverName.setText(t.serverName());
        clientCertificate.setText(t.clientCertificate());
        clientKey.setText(t.clientKey());
        alpn.setText(t.alpn());
        insecure.setSelected(t.insecure());
        ConnectionSettings.Proxy p = s.proxy();
        proxyType.setSelectedIndex(p.type() == null ? 0 : p.type() == ProxyOptions.Type.SOCKS5 ? 1 : 2);
        proxyHost.setText(p.host());
        proxyPort.setText(String.valueOf(p.port()));
        proxyUser.setText(p.user());
        ConnectionSettings.Reconnect r = s.reconnect();
        reconnect.setSelected(r.on());
        maxAttempts.setText(String.valueOf(r.maxAttempts()));
        maxDelay.setText(String.valueOf(r.maxDelaySeconds()));
        maxQueued.setText(String.valueOf(r.maxQueued()));
        sendQueued.setSelected(r.sendQueued());
        dropQueued.setSelected(!r.sendQueued());
        ConnectionSettings.Liveness l = s.liveness();
        keepAlive.setSelected(l.keepAlive());
        idleTimeout.setText(String.valueOf(l.idleSeconds()));
        heartbeat.setText(l.heartbeat());
        String named = l.heartbeatMessage();
        if (!named.isEmpty() && !messageNames.contains(named)) {
            // Deleted from the library since: shown, so that the person sees what went and picks another.
            heartbeatMessage.addItem(named);
        }
        if (named.isEmpty()) {
            heartbeatMessage.setSelectedIndex(0);
        } else {
            heartbeatMessage.setSelectedItem(named);
        }
        heartbeatEvery.setText(String.valueOf(l.heartbeatSeconds()));
        localAddress.setText(s.localAddress());
        udp.setSelected(s.udp());
        tcp.setSelected(!s.udp());
    }

    /**
     * The settings the fields describe, checked: every file named is read.
     *
     * @throws IllegalArgumentException with one sentence naming the first field that does not fit, by its label
     */
    ConnectionSettings read() {
        ConnectionSettings.Tls t = new ConnectionSettings.Tls(tls.isSelected(), trustFile.getText(),
                Arrays.asList(pins.getText().strip().split("[\\s,]+")), serverName.getText(),
                clientCertificate.getText(), clientKey.getText(), alpn.getText(), insecure.isSelected());
        boolean overUdp = udp.isSelected();
        int type = proxyType.getSelectedIndex();
        ConnectionSettings.Proxy p = new ConnectionSettings.Proxy(type == 0 ? null : type == 1
                ? ProxyOptions.Type.SOCKS5 : ProxyOptions.Type.HTTP, proxyHost.getText(),
                number(proxyPort, "Proxy port", type == 0 || overUdp), proxyUser.getText());
        boolean again = reconnect.isSelected();
        boolean unused = !again || overUdp;
        ConnectionSettings.Reconnect r = new ConnectionSettings.Reconnect(again,
                number(maxAttempts, "Max attempts", unused), number(maxDelay, "Longest wait", unused),
                number(maxQueued, "Queue while down", unused), sendQueued.isSelected());
        String named = "";
        if (heartbeatMessage.getSelectedIndex() > 0) {
            named = String.valueOf(heartbeatMessage.getSelectedItem());
            if (!messageNames.contains(named)) {
                throw new IllegalArgumentException("Heartbeat message '" + named + "' is not in the library any more: "
                        + "pick another, or none to send the text.");
            }
        }
        boolean beats = !named.isEmpty() || !heartbeat.getText().isEmpty();
        ConnectionSettings.Liveness l = new ConnectionSettings.Liveness(keepAlive.isSelected(),
                number(idleTimeout, "Idle timeout", false), heartbeat.getText(),
                number(heartbeatEvery, "Heartbeat every", !beats), named);
        ConnectionSettings s = new ConnectionSettings(t, p, r, l, localAddress.getText(), overUdp);
        String problem = s.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return s;
    }

    /** The whole number in {@code field}; when {@code unused}, a text that is not one reads as 0 rather than failing. */
    private static int number(JTextField field, String label, boolean unused) {
        String text = field.getText().strip();
        if (!text.matches("[0-9]{1,9}")) {
            if (unused) {
                return 0;
            }
            throw new IllegalArgumentException(label + " \"" + text + "\" is not a whole number: type one, such as "
                    + ("Proxy port".equals(label) ? "1080." : "10."));
        }
        return Integer.parseInt(text);
    }

    /** The section a sentence about a field belongs to, by the label it starts with. */
    static int sectionOf(String sentence) {
        for (String label : List.of("Proxy", "Host", "User")) {
            if (sentence.startsWith(label)) {
                return 1;
            }
        }
        for (String label : List.of("Max attempts", "Longest wait", "Queue while down")) {
            if (sentence.startsWith(label)) {
                return 2;
            }
        }
        for (String label : List.of("Idle timeout", "Heartbeat")) {
            if (sentence.startsWith(label)) {
                return 3;
            }
        }
        return sentence.startsWith("Local address") ? 4 : 0;
    }

    private void accept() {
        ConnectionSettings s;
        try {
            s = read();
        } catch (IllegalArgumentException e) {
            showMessage(e.getMessage(), true);
            sections.setSelectedIndex(sectionOf(e.getMessage()));
            return;
        }
        accepted.accept(s);
        dispose();
    }

    private void showMessage(String text, boolean failed) {
        failedShown = failed;
        message.setText(text);
        message.setForeground(UIManager.getColor(failed ? "Tincan.error.foreground" : "Label.disabledForeground"));
        message.setCaretPosition(0);
    }

    /** The line under the sections: a note, or why OK did not take the settings. */
    String messageText() {
        return message.getText();
    }

    JTabbedPane sections() {
        return sections;
    }

    JRadioButton tcpButton() {
        return tcp;
    }

    JRadioButton udpButton() {
        return udp;
    }

    JComboBox<String> heartbeatMessageBox() {
        return heartbeatMessage;
    }

    JTextField heartbeatField() {
        return heartbeat;
    }

    JTextField heartbeatEveryField() {
        return heartbeatEvery;
    }

    JCheckBox keepAliveBox() {
        return keepAlive;
    }

    JCheckBox tlsBox() {
        return tls;
    }

    JTextField trustFileField() {
        return trustFile;
    }

    JTextField pinsField() {
        return pins;
    }

    JCheckBox insecureBox() {
        return insecure;
    }

    JComboBox<String> proxyTypeBox() {
        return proxyType;
    }

    JTextField proxyHostField() {
        return proxyHost;
    }

    JTextField proxyPortField() {
        return proxyPort;
    }

    JTextField proxyUserField() {
        return proxyUser;
    }

    JCheckBox reconnectBox() {
        return reconnect;
    }

    JTextField maxAttemptsField() {
        return maxAttempts;
    }

    JTextField localAddressField() {
        return localAddress;
    }

    JButton okButton() {
        return ok;
    }
}
