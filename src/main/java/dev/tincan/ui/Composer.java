package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Framing;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.BadLocationException;

/**
 * Where a person writes a message: multi-line text with escapes, or hex; Send and
 * Ctrl+Enter; Up on the first line and Down on the last walk through sent history. Input
 * that cannot be sent gets one sentence next to the composer and the text stays. Confined
 * to the EDT.
 */
final class Composer extends JPanel {
    /** The accelerator that sends. */
    static final KeyStroke SEND_KEY = KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, InputEvent.CTRL_DOWN_MASK);

    private final JTextArea input = new JTextArea(3, 40);
    private final JRadioButton textMode = new JRadioButton("Text");
    private final JRadioButton hexMode = new JRadioButton("Hex");
    private final JLabel problem = new JLabel();
    private final JLabel hint = new JLabel();
    private final SendHistory history;
    private final Supplier<Framing> framingIfConnected;
    private final Function<Bytes, String> sender;
    private final Action send;
    private boolean recalling;

    /**
     * A composer that sends through {@code sender} (which returns {@code null} or why it could
     * not send) to a connection whose framing {@code framingIfConnected} gives, or {@code null}.
     */
    Composer(SendHistory history, Supplier<Framing> framingIfConnected, Function<Bytes, String> sender) {
        super(new BorderLayout(8, 4));
        this.history = history;
        this.framingIfConnected = framingIfConnected;
        this.sender = sender;
        this.send = new AbstractAction("Send") {
            @Override
            public void actionPerformed(ActionEvent e) {
                send();
            }
        };
        send.putValue(Action.MNEMONIC_KEY, KeyEvent.VK_N);
        send.putValue(Action.SHORT_DESCRIPTION, "Send the message as one frame (Ctrl+Enter)");

        input.setName("composer");
        input.putClientProperty(FlatClientProperties.STYLE_CLASS, "monospaced");
        input.getAccessibleContext().setAccessibleName("Message");
        input.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "hello");
        input.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                edited();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                edited();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                edited();
            }
        });
        bindKeys();

        JLabel label = new JLabel("Message");
        label.setDisplayedMnemonic(KeyEvent.VK_M);
        label.setLabelFor(input);
        ButtonGroup modes = new ButtonGroup();
        modes.add(textMode);
        modes.add(hexMode);
        textMode.setSelected(true);
        textMode.setMnemonic(KeyEvent.VK_T);
        hexMode.setMnemonic(KeyEvent.VK_X);
        textMode.setToolTipText("UTF-8 text with the escapes " + Escapes.VALID_ESCAPES);
        hexMode.setToolTipText("Hex bytes, e.g. 48 65 6c 6c 6f");
        textMode.addActionListener(e -> modeChanged());
        hexMode.addActionListener(e -> modeChanged());
        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
        top.add(label);
        top.add(Box.createHorizontalStrut(12));
        top.add(textMode);
        top.add(Box.createHorizontalStrut(4));
        top.add(hexMode);

        JButton sendButton = new JButton(send);
        sendButton.setName("send");
        JPanel east = new JPanel(new BorderLayout());
        east.add(sendButton, BorderLayout.NORTH);

        problem.setName("composerProblem");
        problem.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        problem.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        hint.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        JPanel south = new JPanel(new BorderLayout(8, 0));
        south.add(problem, BorderLayout.CENTER);
        south.add(hint, BorderLayout.EAST);

        add(top, BorderLayout.NORTH);
        add(new JScrollPane(input), BorderLayout.CENTER);
        add(east, BorderLayout.EAST);
        add(south, BorderLayout.SOUTH);
        setBorder(BorderFactory.createEmptyBorder(6, 0, 0, 0));
        modeChanged();
    }

    private void bindKeys() {
        input.getInputMap(JComponent.WHEN_FOCUSED).put(SEND_KEY, "tincan-send");
        input.getActionMap().put("tincan-send", send);
        wrapCaretKey(KeyStroke.getKeyStroke(KeyEvent.VK_UP, 0), true);
        wrapCaretKey(KeyStroke.getKeyStroke(KeyEvent.VK_DOWN, 0), false);
    }

    /** Up on the first line (Down on the last) recalls history; elsewhere the caret moves as usual. */
    private void wrapCaretKey(KeyStroke key, boolean up) {
        Object name = input.getInputMap(JComponent.WHEN_FOCUSED).get(key);
        Action caret = name != null ? input.getActionMap().get(name) : null;
        String ours = up ? "tincan-history-previous" : "tincan-history-next";
        input.getInputMap(JComponent.WHEN_FOCUSED).put(key, ours);
        input.getActionMap().put(ours, new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                if (onEdgeLine(up) && recall(up)) {
                    return;
                }
                if (caret != null) {
                    caret.actionPerformed(e);
                }
            }
        });
    }

    private boolean onEdgeLine(boolean first) {
        try {
            int line = input.getLineOfOffset(input.getCaretPosition());
            return first ? line == 0 : line == input.getLineCount() - 1;
        } catch (BadLocationException e) {
            return false;
        }
    }

    /** Replaces the text with the previous (or next) history entry; false when there is none. */
    boolean recall(boolean previous) {
        String entry = previous ? history.previous(input.getText()) : history.next();
        if (entry == null) {
            return false;
        }
        recalling = true;
        try {
            input.setText(entry);
            input.setCaretPosition(previous ? 0 : entry.length());
        } finally {
            recalling = false;
        }
        return true;
    }

    private void edited() {
        if (!recalling && problem.getText() != null && !problem.getText().isEmpty()) {
            problem.setText("");
        }
    }

    private void modeChanged() {
        hint.setText(hexMode.isSelected() ? "hex bytes · Ctrl+Enter sends · Up/Down: history"
                : "escapes \\n \\r \\t \\0 \\\\ \\xHH · Ctrl+Enter sends · Up/Down: history");
        problem.setText("");
    }

    /** Sends the text as one frame, or shows why it cannot; the text stays when it cannot. */
    void send() {
        String text = input.getText();
        OutgoingMessage message = OutgoingMessage.of(text, hexMode.isSelected(), framingIfConnected.get());
        String why = message.ok() ? sender.apply(message.payload()) : message.problem();
        if (why != null) {
            problem.setText(why);
            return;
        }
        history.add(text);
        problem.setText("");
        recalling = true;
        try {
            input.setText("");
        } finally {
            recalling = false;
        }
        input.requestFocusInWindow();
    }

    Action sendAction() {
        return send;
    }

    boolean isHexInput() {
        return hexMode.isSelected();
    }

    void setHexInput(boolean hex) {
        (hex ? hexMode : textMode).setSelected(true);
        modeChanged();
    }

    /** The inline message, empty when there is none. */
    String problem() {
        return problem.getText();
    }

    JTextArea input() {
        return input;
    }

    SendHistory history() {
        return history;
    }
}
