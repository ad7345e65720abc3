package dev.tincan.ui.relay;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;
import dev.tincan.ui.Formats;
import dev.tincan.ui.MessageText;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JToggleButton;
import javax.swing.KeyStroke;
import javax.swing.UIManager;

/**
 * The editor of a held frame: its bytes as escaped text or as hex, and what a person can do
 * with it: Forward it as it arrived, Forward edited (what the editor holds, framed by its
 * direction's framing), Drop it, or Forward all held frames. In the editor Ctrl+Enter
 * forwards what it holds; the transcript's Enter and Delete forward and drop the selected
 * held frame. While no held frame is selected it says how to hold one. Confined to the EDT.
 */
final class HeldEditor extends JPanel {
    /** What the editor's buttons ask the relay; each returns null when done, else one sentence. */
    interface Actions {
        String forward(long id);

        String forwardEdited(long id, Bytes payload);

        String drop(long id);

        String forwardAll();
    }

    static final KeyStroke FORWARD_EDITED_KEY = KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, InputEvent.CTRL_DOWN_MASK);

    private static final String EMPTY = "empty";
    private static final String EDIT = "edit";

    private final Actions actions;
    private final CardLayout cards = new CardLayout();
    private final JLabel title = new JLabel();
    private final JTextArea text = new JTextArea(3, 40);
    private final JToggleButton hex = new JToggleButton("Hex");
    private final JButton forward = new JButton("Forward");
    private final JButton forwardEdited = new JButton("Forward edited");
    private final JButton drop = new JButton("Drop");
    private final JButton forwardAll = new JButton("Forward all");
    private final JLabel problem = new JLabel();
    private final JLabel hint = new JLabel("Hold → or ← to stop frames in flight, then select a held row "
            + "(marked): Enter forwards it, Delete drops it, F2 edits it here.");
    private RelayRow row;

    HeldEditor(Actions actions) {
        this.actions = actions;
        setLayout(cards);
        setName("heldEditor");
        for (JComponent c : new JComponent[] {title, problem, hint}) {
            c.putClientProperty(RelayCellRenderer.HTML_DISABLE, Boolean.TRUE);
        }
        title.setName("heldTitle");
        title.setFont(title.getFont().deriveFont(Font.BOLD));
        text.setName("heldText");
        text.getAccessibleContext().setAccessibleName("Held frame");
        Font bytesFont = UIManager.getFont("Tincan.bytes.font");
        if (bytesFont != null) {
            text.setFont(bytesFont);
        }
        text.setLineWrap(true);
        text.getInputMap(JComponent.WHEN_FOCUSED).put(FORWARD_EDITED_KEY, "tincan-forward-edited");
        text.getActionMap().put("tincan-forward-edited", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                forwardEdited();
            }
        });
        hex.setName("heldHex");
        hex.setToolTipText("Show and edit the frame as hex instead of text with escapes");
        hex.addActionListener(e -> switchMode());
        forward.setName("heldForward");
        forward.setToolTipText("Forward the frame as it arrived (Enter in the transcript)");
        forward.addActionListener(e -> done(actions.forward(row.frameId())));
        forwardEdited.setName("heldForwardEdited");
        forwardEdited.setToolTipText("Forward what the editor holds instead (Ctrl+Enter in the editor)");
        forwardEdited.addActionListener(e -> forwardEdited());
        drop.setName("heldDrop");
        drop.setToolTipText("Drop the frame: the other side never sees it (Delete in the transcript)");
        drop.addActionListener(e -> done(actions.drop(row.frameId())));
        forwardAll.setName("heldForwardAll");
        forwardAll.setToolTipText("Forward every held frame of both directions, in order");
        forwardAll.addActionListener(e -> done(actions.forwardAll()));
        problem.setName("heldProblem");
        problem.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        hint.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");

        JPanel top = new JPanel(new BorderLayout(6, 0));
        top.add(title, BorderLayout.CENTER);
        top.add(hex, BorderLayout.EAST);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEADING, 4, 0));
        buttons.add(forward);
        buttons.add(forwardEdited);
        buttons.add(drop);
        buttons.add(forwardAll);
        buttons.add(problem);
        JPanel edit = new JPanel(new BorderLayout(0, 4));
        edit.setBorder(BorderFactory.createEmptyBorder(4, 4, 4, 4));
        edit.add(top, BorderLayout.NORTH);
        edit.add(new JScrollPane(text), BorderLayout.CENTER);
        edit.add(buttons, BorderLayout.SOUTH);
        JPanel empty = new JPanel(new BorderLayout());
        empty.setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
        empty.add(hint, BorderLayout.NORTH);
        add(empty, EMPTY);
        add(edit, EDIT);
        show(null);
    }

    /** Shows held frame {@code held} for editing, or the hint when null or not held. */
    void show(RelayRow held) {
        RelayRow shown = held != null && held.isHeld() ? held : null;
        if (shown == row) {
            return;
        }
        row = shown;
        problem.setText("");
        if (shown == null) {
            cards.show(this, EMPTY);
            return;
        }
        title.setText("Held: link #" + shown.link() + " · " + shown.direction().words() + " · "
                + Formats.bytes(shown.payload().length()));
        text.setText(hex.isSelected() ? Hex.spaced(shown.payload()) : MessageText.textOf(shown.payload()));
        text.setCaretPosition(0);
        cards.show(this, EDIT);
    }

    /** The frame shown, or null. */
    RelayRow shown() {
        return row;
    }

    private void switchMode() {
        try {
            text.setText(hex.isSelected() ? MessageText.toHex(text.getText()) : MessageText.toText(text.getText()));
            problem.setText("");
        } catch (IllegalArgumentException e) {
            hex.setSelected(!hex.isSelected());
            problem.setText(e.getMessage());
        }
    }

    /** The bytes the editor holds. @throws IllegalArgumentException with one sentence when they do not parse */
    Bytes edited() {
        return Bytes.adopt(hex.isSelected() ? Hex.parse(text.getText()) : Escapes.parse(text.getText()));
    }

    private void forwardEdited() {
        if (row == null) {
            return;
        }
        Bytes payload;
        try {
            payload = edited();
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
            return;
        }
        done(actions.forwardEdited(row.frameId(), payload));
    }

    private void done(String why) {
        problem.setText(why == null ? "" : why);
    }

    JTextArea text() {
        return text;
    }

    JToggleButton hexButton() {
        return hex;
    }

    JButton forwardButton() {
        return forward;
    }

    JButton forwardEditedButton() {
        return forwardEdited;
    }

    JButton dropButton() {
        return drop;
    }

    JButton forwardAllButton() {
        return forwardAll;
    }

    /** The last sentence about what could not be done, or empty. */
    String problem() {
        return problem.getText();
    }
}
