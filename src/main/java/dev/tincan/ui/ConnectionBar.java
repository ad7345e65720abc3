package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Framing;
import com.formdev.flatlaf.util.UIScale;
import dev.tincan.session.ConnectionStatus;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.LayoutManager;
import java.awt.event.KeyEvent;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The top of the window: host, port and framing, Connect and Disconnect, the activity
 * indicator, and below them the connection's status in words, with a one-click offer to
 * start the built-in echo server when a connect to this machine was refused. As the bar
 * narrows, the framing hint gives up room first, down to a readable width and then all of
 * it, the framing box's tooltip then saying it; next the host field, down to ten characters.
 * The buttons, the gear and the other fields keep their size. When even that is too wide for
 * one row, the buttons and the indicator move to the right of the status line, so the bar
 * keeps its height and nothing is cut. Sentences that do not fit show in full on hover. A
 * sentence about a field (a port that is not a number) gives way to the connection's status
 * as soon as the person edits a field. A tab that speaks UDP has "udp" right after its port,
 * as in 53/udp, and its framing greyed out, since each datagram is one frame. Confined to
 * the EDT.
 */
final class ConnectionBar extends JPanel {
    /**
     * The least room the framing hint is shown in (unscaled); with less it would read as a word
     * and a half, so it is hidden and the framing box's tooltip says it.
     */
    static final int MIN_HINT_WIDTH = 120;
    /** The room between the fields and the buttons, and between one field and the next label (unscaled). */
    static final int GAP = 14;
    /** The room between a label and its field, and between the buttons (unscaled). */
    static final int NEAR = 6;
    /** The host field's width, and the least it gives way to, in columns. */
    private static final int HOST_COLUMNS = 16;
    private static final int HOST_LEAST_COLUMNS = 10;
    /** The mark beside the port of a tab that speaks UDP. */
    static final String UDP_MARK = "udp";
    /** The framing hint of a tab that speaks UDP. */
    static final String UDP_HINT = "udp: each datagram is one frame";
    /** Why the framing box is greyed out in a tab that speaks UDP. */
    static final String UDP_FRAMING_WHY = "With UDP each datagram is one frame, so framing does not apply; switch "
            + "to TCP in Connection settings (Ctrl+Shift+I).";

    private final JTextField host = new JTextField(HOST_COLUMNS) {
        @Override
        public Dimension getMinimumSize() {
            if (isMinimumSizeSet()) {
                return super.getMinimumSize();
            }
            // Ten characters still show "localhost" or most of an address; followed by the font.
            Dimension d = getPreferredSize();
            return new Dimension(d.width * HOST_LEAST_COLUMNS / HOST_COLUMNS, d.height);
        }
    };
    private final JTextField port = new JTextField(6);
    private final FramingBox framing;
    private final ClippedLabel status = new ClippedLabel();
    private final JButton offer;
    /** What secures the connection: "TLSv1.3 · TLS_AES_128_GCM_SHA256", or a red warning when nothing was checked. */
    private final ClippedLabel security = new ClippedLabel();
    /** "udp" beside the port while the tab speaks UDP; hidden for TCP. */
    private final JLabel udpMark = new JLabel(UDP_MARK);
    /** Whether the tab speaks UDP, so that framing does not apply. */
    private boolean udp;
    private final JButton certificateButton;
    private final GridBagLayout fieldsLayout = new GridBagLayout();
    private final JPanel fields = new JPanel(fieldsLayout);
    private final JPanel buttons = new JPanel(new GridBagLayout());
    private final JPanel statusLine = new JPanel(null);
    private ConnectionStatus shown = ConnectionStatus.idle("");
    private boolean offerAllowed;
    private boolean aboutAField;

    ConnectionBar(String initialHost, int initialPort, String initialFraming, Action connect, Action disconnect,
            Action startEchoServer, ActivityIndicator indicator) {
        this(initialHost, initialPort, initialFraming, connect, disconnect, startEchoServer, null, null, indicator);
    }

    /**
     * A bar that also offers the tab's connection {@code settings} (a gear before Connect) and,
     * once a TLS handshake settled, the server's {@code certificate}; either may be null for none.
     */
    ConnectionBar(String initialHost, int initialPort, String initialFraming, Action connect, Action disconnect,
            Action startEchoServer, Action settings, Action certificate, ActivityIndicator indicator) {
        super(null);
        host.setText(initialHost);
        host.setName("host");
        host.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "localhost");
        port.setText(String.valueOf(initialPort));
        port.setName("port");
        framing = new FramingBox(initialFraming);
        host.addActionListener(connect);
        port.addActionListener(connect);
        // GridBag shrinks every cell to its minimum when the row is short of room and hands
        // what is left by weight: only the host field has weight, and only it a minimum below
        // its preferred width, so it alone gives way.
        port.setMinimumSize(port.getPreferredSize());
        onEdit(host);
        onEdit(port);
        framing.addActionListener(e -> fieldEdited());

        int near = UIScale.scale(NEAR);
        int gap = UIScale.scale(GAP);
        GridBagConstraints c = new GridBagConstraints();
        c.gridy = 0;
        c.anchor = GridBagConstraints.LINE_START;
        c.insets = new Insets(0, 0, 0, near);
        fields.add(label("Host", KeyEvent.VK_O, host), c);
        c.insets = new Insets(0, 0, 0, gap);
        c.fill = GridBagConstraints.HORIZONTAL;
        c.weightx = 1;
        fields.add(host, c);
        c.fill = GridBagConstraints.NONE;
        c.weightx = 0;
        c.insets = new Insets(0, 0, 0, near);
        fields.add(label("Port", KeyEvent.VK_P, port), c);
        c.insets = new Insets(0, 0, 0, gap);
        fields.add(port, c);
        // The mark qualifies the port, as 53/udp does: it sits at a label's distance from it.
        udpMark.setName("udpMark");
        udpMark.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanBadge");
        udpMark.setToolTipText("This tab speaks UDP: each message is one datagram and each datagram one frame. "
                + "Change it in Connection settings (Ctrl+Shift+I).");
        udpMark.setVisible(false);
        udpMark.setMinimumSize(udpMark.getPreferredSize());
        fields.add(udpMark, c);
        c.insets = new Insets(0, 0, 0, near);
        fields.add(label("Framing", KeyEvent.VK_R, framing), c);
        c.insets = new Insets(0, 0, 0, 0);
        fields.add(framing, c);

        JButton connectButton = new JButton(connect);
        connectButton.setName("connect");
        JButton disconnectButton = new JButton(disconnect);
        disconnectButton.setName("disconnect");
        GridBagConstraints b = new GridBagConstraints();
        b.gridy = 0;
        b.insets = new Insets(0, 0, 0, near);
        if (settings != null) {
            JButton gear = new JButton(settings);
            gear.setName("connectionSettings");
            gear.setText(null);
            // Alt+S belongs to the Server menu; the settings have Ctrl+Shift+I and the Connection menu.
            gear.setMnemonic(0);
            gear.setIcon(new GearIcon());
            gear.putClientProperty(FlatClientProperties.BUTTON_TYPE, FlatClientProperties.BUTTON_TYPE_TOOLBAR_BUTTON);
            gear.getAccessibleContext().setAccessibleName("Connection settings");
            buttons.add(gear, b);
        }
        buttons.add(connectButton, b);
        b.insets = new Insets(0, 0, 0, UIScale.scale(12));
        buttons.add(disconnectButton, b);
        b.insets = new Insets(0, 0, 0, 0);
        buttons.add(indicator, b);

        status.setName("status");
        offer = new JButton(startEchoServer);
        offer.setName("startEchoServer");
        offer.putClientProperty(FlatClientProperties.BUTTON_TYPE, FlatClientProperties.BUTTON_TYPE_BORDERLESS);
        offer.setVisible(false);
        security.setName("security");
        security.setVisible(false);
        certificateButton = certificate == null ? null : new JButton(certificate);
        statusLine.add(status);
        statusLine.add(security);
        if (certificateButton != null) {
            certificateButton.setName("certificate");
            // Alt+E belongs to the Send menu; the Connection menu reaches the certificate too.
            certificateButton.setMnemonic(0);
            certificateButton.putClientProperty(FlatClientProperties.BUTTON_TYPE,
                    FlatClientProperties.BUTTON_TYPE_BORDERLESS);
            certificateButton.setVisible(false);
            statusLine.add(certificateButton);
        }
        statusLine.add(offer);
        statusLine.setLayout(new StatusLineLayout());

        add(fields);
        add(framing.hint());
        add(buttons);
        add(statusLine);
        setLayout(new Layout());
        setBorder(BorderFactory.createEmptyBorder(0, 0, 6, 0));
    }

    private void onEdit(JTextField field) {
        field.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                fieldEdited();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                fieldEdited();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                fieldEdited();
            }
        });
    }

    private void fieldEdited() {
        if (aboutAField) {
            showStatus(shown, offerAllowed);
        }
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

    /**
     * Where to connect as typed.
     *
     * @param port the port
     * @param framing the framing
     */
    record Target(int port, Framing framing) {
    }

    /**
     * The port and framing as typed, or {@code null} with the bar saying which one is wrong.
     * Over UDP the framing box is not read: each datagram is one frame, and the target's
     * framing is raw.
     */
    Target target() {
        try {
            return new Target(port(), udp ? Framing.parse("raw") : framing());
        } catch (IllegalArgumentException e) {
            showSentence(e.getMessage(), true);
            return null;
        }
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
        shown = s;
        this.offerAllowed = offerAllowed;
        aboutAField = false;
        setSentence(s.sentence(), s.failed());
        offer.setVisible(s.offerEchoServer() && offerAllowed);
        boolean editable = s.phase() == ConnectionStatus.Phase.IDLE;
        host.setEditable(editable);
        port.setEditable(editable);
        framing.setEnabled(editable && !udp);
    }

    /**
     * Marks the tab as speaking UDP ({@code true}) or TCP: "udp" beside the port, and the framing
     * box greyed out with a hint and a tooltip saying that each datagram is one frame.
     */
    void showUdp(boolean on) {
        udp = on;
        udpMark.setVisible(on);
        GridBagConstraints c = fieldsLayout.getConstraints(port);
        c.insets = new Insets(0, 0, 0, UIScale.scale(on ? NEAR : GAP));
        fieldsLayout.setConstraints(port, c);
        if (on) {
            framing.notApplied(UDP_HINT, UDP_FRAMING_WHY);
        } else {
            framing.notApplied(null, null);
            framing.setEnabled(shown.phase() == ConnectionStatus.Phase.IDLE);
        }
        fields.revalidate();
        revalidate();
        repaint();
    }

    /** The mark beside the port, or "" when the tab speaks TCP. */
    String udpMarkText() {
        return udpMark.isVisible() ? udpMark.getText() : "";
    }

    /** The framing box. */
    FramingBox framingBox() {
        return framing;
    }

    /**
     * Shows one sentence in the status area, in the error colour when {@code failed}, until
     * the status changes or, for a sentence about the fields, until the person edits one.
     */
    void showSentence(String sentence, boolean failed) {
        setSentence(sentence, failed);
        aboutAField = true;
    }

    private void setSentence(String sentence, boolean failed) {
        status.setText(sentence);
        status.putClientProperty(FlatClientProperties.STYLE_CLASS, failed ? "tincanError" : "tincanStatus");
    }

    /**
     * Shows what secures the open connection beside its status: {@code tls} is the version and
     * cipher suite ("TLSv1.3 · TLS_AES_128_GCM_SHA256"), or null for none, which hides it and the
     * Certificate button; {@code insecure} shows it as a red warning that nothing was checked.
     */
    void showSecurity(String tls, boolean insecure) {
        boolean shown = tls != null;
        security.setText(!shown ? "" : insecure ? "insecure · " + tls : tls);
        security.putClientProperty(FlatClientProperties.STYLE_CLASS, insecure ? "tincanError" : "tincanHint");
        security.setVisible(shown);
        if (certificateButton != null) {
            certificateButton.setVisible(shown);
        }
        revalidate();
        repaint();
    }

    /** The security text beside the status, or "" when hidden. */
    String securityText() {
        return security.isVisible() ? security.getText() : "";
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

    JTextField portField() {
        return port;
    }

    ClippedLabel statusLabel() {
        return status;
    }

    /** Whether the buttons sit on the first row, beside the fields. */
    boolean buttonsBesideFields() {
        return buttons.getY() < statusLine.getY();
    }

    /**
     * The status line: the sentence on the left; the buttons (Certificate…, the echo-server
     * offer) on the right at their own width; between them what secures the connection, which
     * takes at most half of what the buttons leave, so the sentence keeps the rest and both
     * show whole on hover when cut.
     */
    private final class StatusLineLayout implements LayoutManager {
        @Override
        public void addLayoutComponent(String name, Component comp) {
            // children are known fields
        }

        @Override
        public void removeLayoutComponent(Component comp) {
            // children are known fields
        }

        private int gap() {
            return UIScale.scale(8);
        }

        @Override
        public Dimension preferredLayoutSize(Container parent) {
            int w = 0;
            int h = 0;
            for (Component c : statusLine.getComponents()) {
                if (c.isVisible()) {
                    Dimension d = c.getPreferredSize();
                    w += (w > 0 ? gap() : 0) + d.width;
                    h = Math.max(h, d.height);
                }
            }
            Insets in = statusLine.getInsets();
            return new Dimension(w + in.left + in.right, Math.max(h, status.getPreferredSize().height) + in.top
                    + in.bottom);
        }

        @Override
        public Dimension minimumLayoutSize(Container parent) {
            return new Dimension(0, preferredLayoutSize(parent).height);
        }

        @Override
        public void layoutContainer(Container parent) {
            Insets in = statusLine.getInsets();
            int h = statusLine.getHeight() - in.top - in.bottom;
            int left = in.left;
            int x = statusLine.getWidth() - in.right;
            for (Component c : new Component[] {offer, certificateButton}) {
                if (c != null && c.isVisible()) {
                    Dimension d = c.getPreferredSize();
                    x -= d.width;
                    c.setBounds(x, in.top + (h - d.height) / 2, d.width, d.height);
                    x -= gap();
                }
            }
            if (security.isVisible()) {
                int w = Math.min(security.getPreferredSize().width, Math.max(0, (x - left) / 2));
                x -= w;
                security.setBounds(x, in.top, w, h);
                x -= gap();
            } else {
                security.setBounds(0, 0, 0, 0);
            }
            status.setBounds(left, in.top, Math.max(0, x - left), h);
        }
    }

    /**
     * Two rows of constant height: the fields and the framing hint, then the status line.
     * The buttons end the first row when the fields fit beside them with the host field at
     * its least, else they end the second. In the first row's room the fields come first:
     * the host field grows to its width before the hint is shown, and the hint is shown only
     * with {@link #MIN_HINT_WIDTH} or all it needs, so no width of the window makes the host
     * field narrower than a smaller one does in the same arrangement.
     */
    private final class Layout implements LayoutManager {
        @Override
        public void addLayoutComponent(String name, Component comp) {
            // children are known fields
        }

        @Override
        public void removeLayoutComponent(Component comp) {
            // children are known fields
        }

        private int gap() {
            return UIScale.scale(GAP);
        }

        private int hintGap() {
            return UIScale.scale(8);
        }

        private int rowGap() {
            return UIScale.scale(6);
        }

        private int firstRowHeight() {
            return Math.max(Math.max(fields.getPreferredSize().height, buttons.getPreferredSize().height),
                    framing.hint().getPreferredSize().height);
        }

        private int secondRowHeight() {
            return Math.max(statusLine.getPreferredSize().height, buttons.getPreferredSize().height);
        }

        private Dimension size(int width) {
            Insets in = getInsets();
            return new Dimension(width + in.left + in.right,
                    in.top + firstRowHeight() + rowGap() + secondRowHeight() + in.bottom);
        }

        @Override
        public Dimension preferredLayoutSize(Container parent) {
            return size(fields.getPreferredSize().width + hintGap() + framing.hint().getPreferredSize().width
                    + gap() + buttons.getPreferredSize().width);
        }

        @Override
        public Dimension minimumLayoutSize(Container parent) {
            return size(Math.max(fields.getMinimumSize().width, buttons.getPreferredSize().width));
        }

        @Override
        public void layoutContainer(Container parent) {
            Insets in = getInsets();
            int x = in.left;
            int width = getWidth() - in.left - in.right;
            int row1 = firstRowHeight();
            int row2 = secondRowHeight();
            int y2 = in.top + row1 + rowGap();
            Dimension f = fields.getPreferredSize();
            int fieldsLeast = fields.getMinimumSize().width;
            Dimension b = buttons.getPreferredSize();
            ClippedLabel hint = framing.hint();
            boolean oneRow = width >= fieldsLeast + gap() + b.width;
            int room = oneRow ? width - gap() - b.width : width;
            int readable = Math.min(hint.getPreferredSize().width, UIScale.scale(MIN_HINT_WIDTH));
            boolean hintShown = readable > 0 && room >= f.width + hintGap() + readable;
            int fieldsWidth = Math.max(0, Math.min(f.width, room));
            fields.setBounds(x, in.top + (row1 - f.height) / 2, fieldsWidth, f.height);
            framing.showHint(hintShown);
            int hintX = x + fieldsWidth + hintGap();
            int hintHeight = hint.getPreferredSize().height;
            hint.setBounds(hintX, in.top + (row1 - hintHeight) / 2, hintShown ? x + room - hintX : 0, hintHeight);
            if (oneRow) {
                buttons.setBounds(x + width - b.width, in.top + (row1 - b.height) / 2, b.width, b.height);
                statusLine.setBounds(x, y2, width, row2);
            } else {
                buttons.setBounds(x + width - b.width, y2 + (row2 - b.height) / 2, b.width, b.height);
                statusLine.setBounds(x, y2, Math.max(0, width - b.width - gap()), row2);
            }
        }
    }
}
