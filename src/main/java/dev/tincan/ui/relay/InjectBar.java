package dev.tincan.ui.relay;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;
import dev.tincan.relay.Direction;
import dev.tincan.relay.RelayEvent;
import dev.tincan.ui.MessageText;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.util.Collection;
import java.util.Objects;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.UIManager;

/**
 * The injector: a frame a person types (text with escapes such as {@code \n} and
 * {@code \x1b}, or hex), the link it goes into and its direction (→ towards the server, as if
 * the client sent it; ← towards the client), and Send (or Enter). The relay frames it with
 * that direction's framing.
 *
 * <p>An injected frame goes at a frame boundary. When the other side leaves a frame unfinished,
 * the relay says so after its inject wait, and a line under the bar shows that sentence with
 * Cancel (take the waiting frames back; the cancel is reported) and Send anyway (put them
 * inside the unfinished frame). The line goes once the frames went or were cancelled, or the
 * link closed. Confined to the EDT.
 */
final class InjectBar extends JPanel {
    /** Sends frames into a link; each returns null when done, else one sentence saying why not. */
    interface Injector {
        /** Sends {@code payload} as one frame into {@code link} towards {@code direction}. */
        String inject(int link, Direction direction, Bytes payload);

        /** Takes the injected frames still waiting to go into {@code link} towards {@code direction} back. */
        String cancel(int link, Direction direction);

        /** Sends the frames waiting to go into {@code link} towards {@code direction} now, inside a frame if need be. */
        String sendAnyway(int link, Direction direction);
    }

    private final Injector injector;
    private final JTextField text = new JTextField(24);
    private final JToggleButton hex = new JToggleButton("Hex");
    private final DefaultComboBoxModel<Integer> links = new DefaultComboBoxModel<>();
    private final JComboBox<Integer> link = new JComboBox<>(links);
    private final JComboBox<Direction> direction = new JComboBox<>(Direction.values());
    private final JButton send = new JButton("Send");
    private final JLabel problem = new JLabel();
    private final JPanel stall = new JPanel(new BorderLayout(8, 0));
    private final JLabel waiting = new JLabel();
    private final JButton cancel = new JButton("Cancel");
    private final JButton anyway = new JButton("Send anyway");
    /** The link and direction whose injected frames the waiting line is about, or null while it is hidden. */
    private Integer stallLink;
    private Direction stallDirection;

    InjectBar(Injector injector) {
        super(new BorderLayout(4, 0));
        this.injector = Objects.requireNonNull(injector, "injector");
        setName("injectBar");
        JLabel label = new JLabel("Inject");
        label.setDisplayedMnemonic('j');
        label.setLabelFor(text);
        text.setName("injectText");
        text.getAccessibleContext().setAccessibleName("Frame to inject");
        text.setToolTipText("A frame to send into the link: text with escapes (\\n \\r \\t \\0 \\\\ \\xHH) or hex; "
                + "Enter sends");
        text.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "frame to inject, e.g. PING\\n");
        Font bytesFont = UIManager.getFont("Tincan.bytes.font");
        if (bytesFont != null) {
            text.setFont(bytesFont);
        }
        text.addActionListener(e -> send());
        hex.setName("injectHex");
        hex.setToolTipText("Type the frame as hex instead of text with escapes");
        hex.addActionListener(e -> switchMode());
        link.setName("injectLink");
        link.setToolTipText("The link to send into");
        link.setRenderer(new javax.swing.DefaultListCellRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(javax.swing.JList<?> list, Object value, int index,
                    boolean selected, boolean focused) {
                return super.getListCellRendererComponent(list, value == null ? "no link" : "#" + value, index,
                        selected, focused);
            }
        });
        direction.setName("injectDirection");
        direction.setToolTipText("→ towards the server, as if the client sent it; ← towards the client");
        direction.setRenderer(new javax.swing.DefaultListCellRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(javax.swing.JList<?> list, Object value, int index,
                    boolean selected, boolean focused) {
                Direction d = (Direction) value;
                String shown = d == null ? "" : d == Direction.UP ? "→ to server" : "← to client";
                return super.getListCellRendererComponent(list, shown, index, selected, focused);
            }
        });
        send.setName("injectSend");
        send.setToolTipText("Send the frame into the link (Enter)");
        send.addActionListener(e -> send());
        problem.setName("injectProblem");
        problem.putClientProperty(RelayCellRenderer.HTML_DISABLE, Boolean.TRUE);
        problem.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        waiting.setName("injectWaiting");
        waiting.putClientProperty(RelayCellRenderer.HTML_DISABLE, Boolean.TRUE);
        waiting.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        cancel.setName("injectCancel");
        cancel.setToolTipText("Take the waiting injected frames back: they are never sent");
        cancel.addActionListener(e -> act(injector::cancel));
        anyway.setName("injectAnyway");
        anyway.setToolTipText("Send the waiting frames now, inside the frame the other side has not finished");
        anyway.addActionListener(e -> act(injector::sendAnyway));
        JPanel stallButtons = new JPanel(new FlowLayout(FlowLayout.TRAILING, 4, 0));
        stallButtons.add(cancel);
        stallButtons.add(anyway);
        stall.add(waiting, BorderLayout.CENTER);
        stall.add(stallButtons, BorderLayout.EAST);
        stall.setVisible(false);
        JPanel right = new JPanel(new FlowLayout(FlowLayout.LEADING, 4, 0));
        right.add(hex);
        right.add(link);
        right.add(direction);
        right.add(send);
        add(label, BorderLayout.WEST);
        add(text, BorderLayout.CENTER);
        add(right, BorderLayout.EAST);
        JPanel south = new JPanel(new BorderLayout());
        south.add(stall, BorderLayout.NORTH);
        south.add(problem, BorderLayout.CENTER);
        add(south, BorderLayout.SOUTH);
        linksChanged(java.util.List.of());
    }

    /** Offers the links open now; keeps the chosen one while it is open. */
    void linksChanged(Collection<Integer> open) {
        Object chosen = link.getSelectedItem();
        links.removeAllElements();
        for (Integer l : open) {
            links.addElement(l);
        }
        if (chosen != null && open.contains(chosen)) {
            link.setSelectedItem(chosen);
        }
        send.setEnabled(!open.isEmpty());
        if (stallLink != null && !open.contains(stallLink)) {
            // The link's closing sentence says what was never sent.
            hideStall();
        }
    }

    /**
     * What the relay said about injected frames waiting for a frame boundary: shows the
     * sentence with Cancel and Send anyway while they wait; once they are cancelled, says so.
     */
    void injectWait(RelayEvent.InjectWait w) {
        if (w.kind() == RelayEvent.InjectWait.Kind.WAITING) {
            stallLink = w.link();
            stallDirection = w.direction();
            waiting.setText(w.sentence());
            waiting.setToolTipText(w.sentence());
            stall.setVisible(true);
            revalidate();
            return;
        }
        if (shows(w.link(), w.direction())) {
            hideStall();
        }
        problem.setText(w.kind() == RelayEvent.InjectWait.Kind.CANCELLED ? w.sentence() : "");
    }

    /** A frame injected into {@code link} towards {@code direction} went: the frames it waited with went too. */
    void injected(int link, Direction direction) {
        if (shows(link, direction)) {
            hideStall();
        }
    }

    private boolean shows(int link, Direction direction) {
        return stallLink != null && stallLink == link && stallDirection == direction;
    }

    private void hideStall() {
        stallLink = null;
        stallDirection = null;
        waiting.setText("");
        stall.setVisible(false);
        revalidate();
    }

    /** Cancel or Send anyway on the frames the waiting line is about; says why not when it cannot. */
    private void act(java.util.function.BiFunction<Integer, Direction, String> action) {
        if (stallLink == null) {
            return;
        }
        String why = action.apply(stallLink, stallDirection);
        hideStall();
        problem.setText(why == null ? "" : why);
    }

    private void switchMode() {
        try {
            text.setText(hex.isSelected() ? MessageText.toHex(text.getText()) : MessageText.toText(text.getText())
                    .replace("\n", "\\n"));
            problem.setText("");
        } catch (IllegalArgumentException e) {
            hex.setSelected(!hex.isSelected());
            problem.setText(e.getMessage());
        }
    }

    /** Sends what the field holds into the chosen link and direction; says why not when it cannot. */
    void send() {
        Integer chosen = (Integer) link.getSelectedItem();
        if (chosen == null) {
            problem.setText("no link to send into: wait for a client to connect to the relay.");
            return;
        }
        Bytes payload;
        try {
            payload = Bytes.adopt(hex.isSelected() ? Hex.parse(text.getText()) : Escapes.parse(text.getText()));
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
            return;
        }
        String why = injector.inject(chosen, (Direction) direction.getSelectedItem(), payload);
        problem.setText(why == null ? "" : why);
    }

    JTextField text() {
        return text;
    }

    JComboBox<Integer> link() {
        return link;
    }

    JComboBox<Direction> direction() {
        return direction;
    }

    JButton sendButton() {
        return send;
    }

    String problem() {
        return problem.getText();
    }

    /** The waiting line's sentence; empty while it is hidden. */
    String waitingText() {
        return stall.isVisible() ? waiting.getText() : "";
    }

    JButton cancelButton() {
        return cancel;
    }

    JButton anywayButton() {
        return anyway;
    }
}
