package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Placeholders;
import java.awt.BorderLayout;
import java.awt.Dimension;
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
import javax.swing.JViewport;
import javax.swing.KeyStroke;
import javax.swing.SwingConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.text.BadLocationException;
import javax.swing.text.DefaultEditorKit;

/**
 * Where a person writes a message: multi-line text with escapes, or hex. Enter sends and
 * Shift+Enter starts a new line, or the other way round when the person prefers; Ctrl+Enter
 * always sends. Switching between text and hex converts what is typed, or says in one
 * sentence why it cannot and stays. Up on the first line and Down on the last walk through
 * sent history, each entry in the mode it was typed in. Input that cannot be sent gets one
 * sentence beside the mode buttons, in place of the key hint, and the text stays. Confined to the EDT.
 */
final class Composer extends JPanel {
    /** The accelerator that sends, whichever of Enter and Shift+Enter does. */
    static final KeyStroke SEND_KEY = KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, InputEvent.CTRL_DOWN_MASK);
    private static final KeyStroke ENTER = KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0);
    private static final KeyStroke SHIFT_ENTER = KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, InputEvent.SHIFT_DOWN_MASK);

    private final JTextArea input = new JTextArea(3, 40) {
        @Override
        public boolean getScrollableTracksViewportHeight() {
            // Three lines are asked for, but fewer may be given: scroll only when the text needs it.
            return getParent() instanceof JViewport v && getUI().getPreferredSize(this).height <= v.getHeight()
                    || super.getScrollableTracksViewportHeight();
        }
    };
    private final JRadioButton textMode = new JRadioButton("Text");
    private final JRadioButton hexMode = new JRadioButton("Hex");
    private final ClippedLabel note = new ClippedLabel();
    private String problem = "";
    private String hint = "";
    private final SendHistory history;
    private final Supplier<Framing> framingIfConnected;
    private final Function<Bytes, String> sender;
    private final Placeholders.Context context;
    private final Action send;
    private boolean recalling;
    private boolean hex;
    private boolean enterSends = true;

    /**
     * A composer that sends through {@code sender} (which returns {@code null} or why it could
     * not send) to a connection whose framing {@code framingIfConnected} gives, or {@code null};
     * placeholders are read as plain text.
     */
    Composer(SendHistory history, Supplier<Framing> framingIfConnected, Function<Bytes, String> sender) {
        this(history, framingIfConnected, sender, null);
    }

    /**
     * As {@link #Composer(SendHistory, Supplier, Function)}, filling placeholders such as
     * {@code {{counter}}} in from {@code context} as each message is sent; {@code null} reads
     * them as plain text.
     */
    Composer(SendHistory history, Supplier<Framing> framingIfConnected, Function<Bytes, String> sender,
            Placeholders.Context context) {
        super(new BorderLayout(8, 4));
        this.history = history;
        this.framingIfConnected = framingIfConnected;
        this.sender = sender;
        this.context = context;
        this.send = new AbstractAction("Send") {
            @Override
            public void actionPerformed(ActionEvent e) {
                send();
            }
        };
        send.putValue(Action.MNEMONIC_KEY, KeyEvent.VK_N);

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
        textMode.addActionListener(e -> switchMode(false));
        hexMode.addActionListener(e -> switchMode(true));
        JPanel modeButtons = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
        modeButtons.add(label);
        modeButtons.add(Box.createHorizontalStrut(12));
        modeButtons.add(textMode);
        modeButtons.add(Box.createHorizontalStrut(4));
        modeButtons.add(hexMode);
        note.setName("composerNote");
        JPanel top = new JPanel(new BorderLayout(12, 0));
        top.add(modeButtons, BorderLayout.WEST);
        top.add(note, BorderLayout.CENTER);

        JButton sendButton = new JButton(send);
        sendButton.setName("send");
        JPanel east = new JPanel(new BorderLayout());
        east.add(sendButton, BorderLayout.NORTH);

        add(top, BorderLayout.NORTH);
        add(new JScrollPane(input), BorderLayout.CENTER);
        add(east, BorderLayout.EAST);
        setBorder(BorderFactory.createEmptyBorder(6, 0, 0, 0));
        updateHint();
    }

    /** As tall as it likes to be, less one line of the message: a short window takes that line first. */
    @Override
    public Dimension getMinimumSize() {
        if (isMinimumSizeSet()) {
            return super.getMinimumSize();
        }
        Dimension d = getPreferredSize();
        int line = input.getFontMetrics(input.getFont()).getHeight();
        return new Dimension(Math.min(d.width, getLayout().minimumLayoutSize(this).width), d.height - line);
    }

    private void bindKeys() {
        input.getInputMap(JComponent.WHEN_FOCUSED).put(SEND_KEY, "tincan-send");
        input.getActionMap().put("tincan-send", send);
        bindEnter();
        wrapCaretKey(KeyStroke.getKeyStroke(KeyEvent.VK_UP, 0), true);
        wrapCaretKey(KeyStroke.getKeyStroke(KeyEvent.VK_DOWN, 0), false);
    }

    /** Enter and Shift+Enter: one sends, the other starts a new line. */
    private void bindEnter() {
        input.getInputMap(JComponent.WHEN_FOCUSED).put(enterSends ? ENTER : SHIFT_ENTER, "tincan-send");
        input.getInputMap(JComponent.WHEN_FOCUSED).put(enterSends ? SHIFT_ENTER : ENTER,
                DefaultEditorKit.insertBreakAction);
        send.putValue(Action.SHORT_DESCRIPTION, "Send the message as one frame ("
                + (enterSends ? "Enter" : "Shift+Enter") + " or Ctrl+Enter)");
    }

    /** Whether Enter sends and Shift+Enter starts a new line (true), or the other way round. */
    boolean isEnterSends() {
        return enterSends;
    }

    void setEnterSends(boolean enterSends) {
        this.enterSends = enterSends;
        bindEnter();
        updateHint();
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

    /** Replaces the text with the previous (or next) history entry, in its mode; false when there is none. */
    boolean recall(boolean previous) {
        SendHistory.Entry entry = previous ? history.previous(new SendHistory.Entry(input.getText(), hex))
                : history.next();
        if (entry == null) {
            return false;
        }
        showMode(entry.hex());
        setProblem("");
        replaceText(entry.text());
        input.setCaretPosition(previous ? 0 : entry.text().length());
        return true;
    }

    private void replaceText(String text) {
        recalling = true;
        try {
            input.setText(text);
        } finally {
            recalling = false;
        }
    }

    private void edited() {
        if (!recalling && !problem.isEmpty()) {
            setProblem("");
        }
    }

    /**
     * Switches to hex (or text) and converts what is typed, keeping the bytes it spells. When
     * the text does not parse, stays in the current mode and says why; returns that sentence,
     * or {@code null} when switched.
     */
    String switchMode(boolean toHex) {
        if (toHex == hex) {
            showMode(hex);
            return null;
        }
        String typed = input.getText();
        String converted;
        try {
            converted = typed.isEmpty() ? typed : toHex ? MessageText.toHex(typed) : MessageText.toText(typed);
        } catch (IllegalArgumentException e) {
            showMode(hex);
            setProblem(e.getMessage());
            return e.getMessage();
        }
        showMode(toHex);
        setProblem("");
        if (!converted.equals(typed)) {
            replaceText(converted);
        }
        return null;
    }

    /** Selects the mode's radio button and hint without touching the text. */
    private void showMode(boolean toHex) {
        hex = toHex;
        (toHex ? hexMode : textMode).setSelected(true);
        updateHint();
    }

    private void updateHint() {
        String keys = (enterSends ? "Enter sends · Shift+Enter: new line" : "Shift+Enter sends · Enter: new line")
                + " · Up/Down: history";
        hint = hex ? "hex bytes · " + keys : "escapes \\n \\r \\t \\0 \\\\ \\xHH · " + keys;
        showNote();
    }

    private void setProblem(String sentence) {
        problem = sentence == null ? "" : sentence;
        showNote();
    }

    /** The line beside the mode buttons: why the message cannot be sent, else the keys to use. */
    private void showNote() {
        boolean failed = !problem.isEmpty();
        note.setText(failed ? problem : hint);
        note.setHorizontalAlignment(failed ? SwingConstants.LEADING : SwingConstants.TRAILING);
        note.putClientProperty(FlatClientProperties.STYLE_CLASS, failed ? "tincanError" : "tincanHint");
    }

    /**
     * Sends the text as one frame, its placeholders filled in, or shows why it cannot; the text
     * stays when it cannot, and a counter it used is given back.
     */
    void send() {
        String text = input.getText();
        long counter = context == null ? 0 : context.peekCounter();
        OutgoingMessage message = OutgoingMessage.of(text, hex, framingIfConnected.get(), context);
        String why = message.ok() ? sender.apply(message.payload()) : message.problem();
        if (why != null) {
            giveBackCounter(context, counter);
            setProblem(why);
            return;
        }
        history.add(new SendHistory.Entry(text, hex));
        setProblem("");
        replaceText("");
        input.requestFocusInWindow();
    }

    /**
     * After a send that did not go out: the counter shows {@code before} again, unless
     * something else (a repeat) has used a number since.
     */
    static void giveBackCounter(Placeholders.Context context, long before) {
        if (context != null && context.peekCounter() == before + 1) {
            context.restartCounter(before);
        }
    }

    /** The text typed, as it stands (see {@link #isHexInput()}). */
    String text() {
        return input.getText();
    }

    Action sendAction() {
        return send;
    }

    boolean isHexInput() {
        return hex;
    }

    /** Puts the caret in the message, ready for typing. */
    void focusInput() {
        input.requestFocusInWindow();
    }

    /** The inline message, empty when there is none. */
    String problem() {
        return problem;
    }

    JTextArea input() {
        return input;
    }

    JRadioButton textModeButton() {
        return textMode;
    }

    JRadioButton hexModeButton() {
        return hexMode;
    }

    String hint() {
        return hint;
    }

    ClippedLabel note() {
        return note;
    }

    SendHistory history() {
        return history;
    }
}
