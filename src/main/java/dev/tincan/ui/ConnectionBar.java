package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Framing;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.KeyEvent;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;

/**
 * The top of the window: host, port and framing, Connect and Disconnect, the activity
 * indicator, and below them the connection's status in words, with a one-click offer to
 * start the built-in echo server when a connect to this machine was refused. Confined to
 * the EDT.
 */
final class ConnectionBar extends JPanel {
    private final JTextField host = new JTextField(16);
    private final JTextField port = new JTextField(6);
    private final FramingBox framing;
    private final JLabel status = new JLabel();
    private final JButton offer;

    ConnectionBar(String initialHost, int initialPort, String initialFraming, Action connect, Action disconnect,
            Action startEchoServer, ActivityIndicator indicator) {
        super(new BorderLayout(0, 6));
        host.setText(initialHost);
        host.setName("host");
        host.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "localhost");
        port.setText(String.valueOf(initialPort));
        port.setName("port");
        framing = new FramingBox(initialFraming);
        host.addActionListener(connect);
        port.addActionListener(connect);
        // GridBag shrinks every cell to its minimum when the row is short of room; keep the
        // fields usable and let the framing hint give way instead.
        host.setMinimumSize(host.getPreferredSize());
        port.setMinimumSize(port.getPreferredSize());
        framing.setMinimumSize(framing.getPreferredSize());
        framing.hint().setMinimumSize(new Dimension(0, framing.hint().getPreferredSize().height));

        JPanel fields = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.gridy = 0;
        c.anchor = GridBagConstraints.LINE_START;
        c.insets = new Insets(0, 0, 0, 6);
        fields.add(label("Host", KeyEvent.VK_O, host), c);
        c.insets = new Insets(0, 0, 0, 14);
        fields.add(host, c);
        c.insets = new Insets(0, 0, 0, 6);
        fields.add(label("Port", KeyEvent.VK_P, port), c);
        c.insets = new Insets(0, 0, 0, 14);
        fields.add(port, c);
        c.insets = new Insets(0, 0, 0, 6);
        fields.add(label("Framing", KeyEvent.VK_R, framing), c);
        fields.add(framing, c);
        c.insets = new Insets(0, 4, 0, 14);
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        fields.add(framing.hint(), c);
        c.fill = GridBagConstraints.NONE;
        c.weightx = 0;
        c.insets = new Insets(0, 0, 0, 6);
        JButton connectButton = new JButton(connect);
        connectButton.setName("connect");
        fields.add(connectButton, c);
        JButton disconnectButton = new JButton(disconnect);
        disconnectButton.setName("disconnect");
        c.insets = new Insets(0, 0, 0, 12);
        fields.add(disconnectButton, c);
        c.insets = new Insets(0, 0, 0, 0);
        fields.add(indicator, c);

        status.setName("status");
        status.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        offer = new JButton(startEchoServer);
        offer.setName("startEchoServer");
        offer.putClientProperty(FlatClientProperties.BUTTON_TYPE, FlatClientProperties.BUTTON_TYPE_BORDERLESS);
        offer.setVisible(false);
        JPanel statusLine = new JPanel(new BorderLayout(8, 0));
        statusLine.add(status, BorderLayout.CENTER);
        statusLine.add(offer, BorderLayout.EAST);
        JPanel statusWrap = new JPanel(new BorderLayout());
        statusWrap.add(statusLine, BorderLayout.WEST);

        add(fields, BorderLayout.NORTH);
        add(statusWrap, BorderLayout.SOUTH);
        setBorder(BorderFactory.createEmptyBorder(0, 0, 6, 0));
    }

    private static JLabel label(String text, int mnemonic, JComponent target) {
        JLabel l = new JLabel(text);
        l.setMinimumSize(l.getPreferredSize());
        l.setDisplayedMnemonic(mnemonic);
        l.setLabelFor(target);
        return l;
    }

    /** The host as typed, trimmed. */
    String host() {
        return host.getText().strip();
    }

    /**
     * The port as typed.
     *
     * @throws IllegalArgumentException with one sentence when it is not a number
     */
    int port() {
        String text = port.getText().strip();
        if (!text.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("port \"" + text + "\" is not a number: use 1 to 65535, e.g. 50007.");
        }
        return Integer.parseInt(text);
    }

    /** The port text without checking it. */
    String portText() {
        return port.getText().strip();
    }

    String framingSpec() {
        return framing.spec();
    }

    /**
     * The framing as typed.
     *
     * @throws IllegalArgumentException with one sentence when the spec is not valid
     */
    Framing framing() {
        return framing.framing();
    }

    /** Points the fields at another host, port and framing. */
    void setTarget(String host, int port, String framingSpec) {
        this.host.setText(host);
        this.port.setText(String.valueOf(port));
        framing.setSelectedItem(framingSpec);
    }

    /** Shows the connection's status; the echo-server offer only when {@code offerAllowed}. */
    void showStatus(ConnectionStatus s, boolean offerAllowed) {
        showSentence(s.sentence(), s.failed());
        offer.setVisible(s.offerEchoServer() && offerAllowed);
        boolean editable = s.phase() == ConnectionStatus.Phase.IDLE;
        host.setEditable(editable);
        port.setEditable(editable);
        framing.setEnabled(editable);
    }

    /** Shows one sentence in the status area, in the error colour when {@code failed}. */
    void showSentence(String sentence, boolean failed) {
        status.setText(sentence);
        status.putClientProperty(FlatClientProperties.STYLE_CLASS, failed ? "tincanError" : "tincanStatus");
    }

    /** Hides the echo-server offer. */
    void hideOffer() {
        offer.setVisible(false);
    }

    String statusText() {
        return status.getText();
    }

    boolean isOfferShowing() {
        return offer.isVisible();
    }

    JTextField hostField() {
        return host;
    }
}
