package dev.tincan.ui.rules;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.session.rules.Action;
import dev.tincan.session.rules.Match;
import dev.tincan.session.rules.Rule;
import dev.tincan.ui.library.Forms;
import dev.tincan.ui.library.Sentences;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.UIManager;

/**
 * The dialog that makes or edits one rule: its name, what it matches, and what it does —
 * a reply (text or hex, now or after a delay), a note, marking the frame, stopping the
 * tab's repeats, a snapshot of the last frames, and whether the rules below still look.
 * OK checks the rule as a rules file would and keeps the dialog open with one sentence when
 * something is wrong. A rule with two actions of one kind (two replies, say, from a file)
 * keeps its actions as they are; only its name, match and loop guard are edited here.
 * Confined to the EDT.
 */
final class RuleDialog {
    private final JDialog dialog;
    private final JTextField name = new JTextField(24);
    private final JCheckBox enabled = new JCheckBox("On");
    private final JComboBox<String> kind = new JComboBox<>();
    private final JTextField pattern = new JTextField(28);
    private final JCheckBox patternHex = new JCheckBox("Pattern is hex");
    private final JTextField reply = new JTextField(28);
    private final JCheckBox replyHex = new JCheckBox("Reply is hex");
    private final JTextField delay = new JTextField(6);
    private final JTextField note = new JTextField(28);
    private final JCheckBox mark = new JCheckBox("Mark the frame");
    private final JCheckBox stopRepeat = new JCheckBox("Stop this tab's repeats");
    private final JCheckBox stopRules = new JCheckBox("Stop here: the rules below do not look at the frame");
    private final JTextField snapshotFrames = new JTextField(6);
    private final JTextField snapshotFile = new JTextField(22);
    private final JTextField perSecond = new JTextField(6);
    private final JTextArea problem = Sentences.area();
    private final Function<Rule, String> accept;
    /** The actions of a rule the form cannot show one by one, kept as they are; else null. */
    private final List<Action> kept;
    private Rule result;

    private RuleDialog(Component parent, String title, Rule initial, Function<Rule, String> accept) {
        this.accept = accept;
        dialog = Forms.dialog(parent, title);
        for (Match.Kind k : Match.Kind.values()) {
            kind.addItem(k.word());
        }
        Font bytes = UIManager.getFont("Tincan.bytes.font");
        if (bytes != null) {
            pattern.setFont(bytes);
            reply.setFont(bytes);
        }
        name.setName("ruleName");
        pattern.setName("rulePattern");
        reply.setName("ruleReply");
        note.setName("ruleNote");
        kind.setName("ruleKind");
        kept = formCannotShow(initial) ? initial.actions() : null;
        fill(initial);

        JPanel form = new JPanel(new GridBagLayout());
        form.setBorder(BorderFactory.createEmptyBorder(12, 12, 4, 12));
        int row = 0;
        row = addRow(form, row, "Name", stretch(null, name, enabled));
        row = addRow(form, row, "Match", stretch(kind, pattern, null));
        row = addRow(form, row, "", line(patternHex, hint("exact, prefix, contains: text with \\r \\n \\xHH; "
                + "regex: Java; hex: 02 ?? * 03")));
        if (kept == null) {
            row = addRow(form, row, "Reply", reply);
            row = addRow(form, row, "", line(replyHex, new JLabel("after"), delay, new JLabel("ms")));
            JLabel placeholders = hint("{{1}} group 1, {{group:NAME}}, {{frame}}, {{frame:hex}}, {{counter}}, "
                    + "{{time}} (hover for all)");
            placeholders.setToolTipText("<html>{{0}} what matched, {{1}} {{2}} … the pattern's groups (each ?? and "
                    + "* of a hex pattern)<br>{{group:NAME}} the regex group (?&lt;NAME&gt;…)<br>{{frame}} the frame, "
                    + "{{frame:hex}} the frame as hex digits<br>{{counter}} {{time}} {{random:N}} {{digits:N}} "
                    + "{{field:REGEX}} as in messages<br>{{{{ a literal {{</html>");
            row = addRow(form, row, "", placeholders);
            row = addRow(form, row, "Note", note);
            row = addRow(form, row, "", line(mark, stopRepeat));
            row = addRow(form, row, "Snapshot", stretch(line(new JLabel("last"), snapshotFrames,
                    new JLabel("frames to")), snapshotFile, null));
            row = addRow(form, row, "", stopRules);
        } else {
            row = addRow(form, row, "Actions", new JLabel(initial.describeActions()));
            row = addRow(form, row, "", hint("this rule's actions came from a file and are kept as they are."));
        }
        row = addRow(form, row, "Loop guard", line(new JLabel("pause after"), perSecond, new JLabel("fires in a "
                + "second")));

        JButton ok = new JButton("OK");
        ok.setName("ruleOk");
        ok.addActionListener(e -> ok());
        JPanel south = new JPanel(new BorderLayout(0, 6));
        south.setBorder(BorderFactory.createEmptyBorder(0, 12, 12, 12));
        south.add(problem, BorderLayout.NORTH);
        south.add(Forms.okCancel(dialog, ok), BorderLayout.SOUTH);
        dialog.getContentPane().add(form, BorderLayout.CENTER);
        dialog.getContentPane().add(south, BorderLayout.SOUTH);
        dialog.getRootPane().setDefaultButton(ok);
        Forms.finish(dialog);
    }

    /**
     * Shows the dialog and returns the rule made, or {@code null} when cancelled.
     * {@code accept} returns {@code null} when the rule may be kept, or the sentence that
     * keeps the dialog open.
     */
    static Rule show(Component parent, String title, Rule initial, Function<Rule, String> accept) {
        RuleDialog d = new RuleDialog(parent, title, initial, accept);
        d.dialog.setVisible(true);
        return d.result;
    }

    /** A new rule's starting point: answers PING with PONG. */
    static Rule blank(String name) {
        return new Rule(name, Match.text(Match.Kind.EXACT, "PING"), List.of(new Action.Reply("PONG", false,
                Duration.ZERO)));
    }

    private void fill(Rule r) {
        name.setText(r.name());
        enabled.setSelected(r.enabled());
        kind.setSelectedItem(r.match().kind().word());
        pattern.setText(r.match().pattern());
        patternHex.setSelected(r.match().hex());
        perSecond.setText(Integer.toString(r.maxPerSecond()));
        delay.setText("0");
        snapshotFile.setText(Action.Snapshot.DEFAULT_FILE);
        for (Action a : r.actions()) {
            if (a instanceof Action.Reply rp) {
                reply.setText(rp.template());
                replyHex.setSelected(rp.hex());
                delay.setText(Long.toString(rp.delay().toMillis()));
            } else if (a instanceof Action.Note n) {
                note.setText(n.text());
            } else if (a instanceof Action.Mark) {
                mark.setSelected(true);
            } else if (a instanceof Action.StopRepeat) {
                stopRepeat.setSelected(true);
            } else if (a instanceof Action.StopRules) {
                stopRules.setSelected(true);
            } else if (a instanceof Action.Snapshot s) {
                snapshotFrames.setText(Integer.toString(s.frames()));
                snapshotFile.setText(s.file());
            }
        }
    }

    /**
     * Whether {@code r} has two actions of one kind, which the form cannot show. The order of
     * different kinds does not change what a rule does (a reply goes out, a note and a mark
     * land on the frame's row, stop here acts after the rule), so the form's order is kept.
     */
    private static boolean formCannotShow(Rule r) {
        return r.actions().stream().map(Object::getClass).distinct().count() < r.actions().size();
    }

    private void ok() {
        try {
            Rule r = read();
            String refused = accept.apply(r);
            if (refused != null) {
                problem.setText(refused);
                return;
            }
            result = r;
            dialog.dispose();
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
        }
    }

    private Rule read() {
        Match.Kind k = Match.Kind.of(String.valueOf(kind.getSelectedItem()));
        Match match = new Match(k, pattern.getText(), patternHex.isSelected() && k != Match.Kind.HEX);
        List<Action> actions = kept != null ? kept : actions();
        return new Rule(name.getText().strip(), enabled.isSelected(), match, actions,
                (int) number(perSecond, "the loop guard", 1, Integer.MAX_VALUE));
    }

    private List<Action> actions() {
        List<Action> actions = new ArrayList<>();
        if (!reply.getText().isEmpty()) {
            actions.add(new Action.Reply(reply.getText(), replyHex.isSelected(),
                    Duration.ofMillis(number(delay, "the reply's delay", 0, Action.MAX_DELAY.toMillis()))));
        }
        if (!note.getText().isBlank()) {
            actions.add(new Action.Note(note.getText().strip()));
        }
        if (mark.isSelected()) {
            actions.add(new Action.Mark());
        }
        if (stopRepeat.isSelected()) {
            actions.add(new Action.StopRepeat());
        }
        if (!snapshotFrames.getText().isBlank()) {
            actions.add(new Action.Snapshot((int) number(snapshotFrames, "the snapshot", 1,
                    Action.MAX_SNAPSHOT_FRAMES), snapshotFile.getText().strip()));
        }
        if (stopRules.isSelected()) {
            actions.add(new Action.StopRules());
        }
        return actions;
    }

    private static long number(JTextField field, String what, long min, long max) {
        String t = field.getText().strip();
        try {
            long v = Long.parseLong(t);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(what + " needs a whole number from " + min + " to " + max + ", not \""
                + t + "\".");
    }

    private static JLabel hint(String text) {
        JLabel hint = new JLabel(text);
        hint.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        return hint;
    }

    private static JPanel line(JComponent... parts) {
        JPanel p = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                p.add(Box.createHorizontalStrut(8));
            }
            p.add(parts[i]);
        }
        return p;
    }

    /** {@code center} takes the width left by {@code west} and {@code east} (either may be null). */
    private static JPanel stretch(JComponent west, JComponent center, JComponent east) {
        JPanel p = new JPanel(new BorderLayout(8, 0));
        if (west != null) {
            p.add(west, BorderLayout.WEST);
        }
        p.add(center, BorderLayout.CENTER);
        if (east != null) {
            p.add(east, BorderLayout.EAST);
        }
        return p;
    }

    private static int addRow(JPanel form, int row, String label, JComponent field) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridy = row;
        c.insets = new Insets(3, 0, 3, 8);
        // Rows of several parts have no baseline: labels and rows meet at their middles.
        c.anchor = GridBagConstraints.LINE_END;
        form.add(new JLabel(label), c);
        c.gridx = 1;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.anchor = GridBagConstraints.LINE_START;
        c.insets = new Insets(3, 0, 3, 0);
        form.add(field, c);
        return row + 1;
    }
}
