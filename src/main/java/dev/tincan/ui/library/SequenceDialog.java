package dev.tincan.ui.library;

import dev.tincan.codec.Escapes;
import dev.tincan.session.Library;
import dev.tincan.session.Sequence;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.swing.BorderFactory;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSpinner;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;

/**
 * The sequence editor: a name and a list of steps, each added from a small form (send a
 * library message, pause, or wait for a reply matching a pattern), removed or moved.
 * Confined to the EDT.
 */
final class SequenceDialog {
    private static final String SEND = "Send a message";
    private static final String PAUSE = "Pause";
    private static final String AWAIT = "Wait for a reply";

    private final JDialog dialog;
    private final JTextField name = new JTextField(20);
    private final DefaultListModel<Sequence.Step> steps = new DefaultListModel<>();
    private final JList<Sequence.Step> stepList = new JList<>(steps);
    private final JComboBox<String> kind = new JComboBox<>(new String[] {SEND, PAUSE, AWAIT});
    private final JComboBox<String> message = new JComboBox<>();
    private final JSpinner pauseMillis = new JSpinner(new SpinnerNumberModel(500, 0, 86_400_000, 100));
    private final JTextField regex = new JTextField(10);
    private final JSpinner timeoutMillis = new JSpinner(new SpinnerNumberModel(5_000, 1, 86_400_000, 500));
    private final JTextArea problem = Sentences.area();
    private final Function<Sequence, String> accept;
    private Sequence result;

    private SequenceDialog(Component parent, String title, Sequence initial, List<String> messageNames,
            Function<Sequence, String> accept) {
        this.accept = accept;
        dialog = Forms.dialog(parent, title);
        name.setText(initial.name());
        initial.steps().forEach(steps::addElement);
        messageNames.forEach(message::addItem);
        stepList.setVisibleRowCount(8);
        stepList.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean selected,
                    boolean focused) {
                super.getListCellRendererComponent(list, value, index, selected, focused);
                setText((index + 1) + ". " + describe((Sequence.Step) value));
                return this;
            }
        });

        JPanel top = new JPanel(new BorderLayout(8, 0));
        top.add(new JLabel("Name"), BorderLayout.WEST);
        top.add(name, BorderLayout.CENTER);

        CardLayout cards = new CardLayout();
        JPanel fields = new JPanel(cards);
        fields.add(row(new JLabel("message"), message), SEND);
        fields.add(row(pauseMillis, new JLabel("ms")), PAUSE);
        fields.add(row(new JLabel("pattern"), regex, new JLabel("within"), timeoutMillis, new JLabel("ms")), AWAIT);
        regex.setToolTipText("A regular expression found anywhere in the frame's text, e.g. ^OK");
        kind.addActionListener(e -> cards.show(fields, (String) kind.getSelectedItem()));
        JButton add = new JButton("Add step");
        add.addActionListener(e -> addStep());
        JPanel chooser = new JPanel(new BorderLayout(6, 0));
        chooser.add(kind, BorderLayout.WEST);
        chooser.add(add, BorderLayout.EAST);
        JPanel adder = new JPanel(new BorderLayout(0, 4));
        adder.setBorder(BorderFactory.createTitledBorder("New step"));
        adder.add(chooser, BorderLayout.NORTH);
        adder.add(fields, BorderLayout.CENTER);

        JButton remove = new JButton("Remove");
        JButton up = new JButton("Up");
        JButton down = new JButton("Down");
        remove.addActionListener(e -> {
            int i = stepList.getSelectedIndex();
            if (i >= 0) {
                steps.remove(i);
            }
        });
        up.addActionListener(e -> shift(-1));
        down.addActionListener(e -> shift(1));
        JPanel stepButtons = new JPanel(new FlowLayout(FlowLayout.LEADING, 6, 0));
        stepButtons.add(remove);
        stepButtons.add(up);
        stepButtons.add(down);

        JPanel middle = new JPanel(new BorderLayout(0, 6));
        middle.add(new JScrollPane(stepList), BorderLayout.CENTER);
        middle.add(stepButtons, BorderLayout.SOUTH);

        JButton ok = new JButton("OK");
        ok.addActionListener(e -> ok());
        JPanel buttons = Forms.okCancel(dialog, ok);
        JPanel south = new JPanel(new BorderLayout(0, 8));
        south.add(adder, BorderLayout.NORTH);
        south.add(problem, BorderLayout.CENTER);
        south.add(buttons, BorderLayout.SOUTH);

        JPanel content = new JPanel(new BorderLayout(0, 10));
        content.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
        content.add(top, BorderLayout.NORTH);
        content.add(middle, BorderLayout.CENTER);
        content.add(south, BorderLayout.SOUTH);
        dialog.setContentPane(content);
        Forms.finish(dialog);
    }

    /**
     * Shows the editor and returns the sequence made, or {@code null} when cancelled.
     * {@code accept} returns {@code null} when it may be stored, or the sentence that keeps
     * the editor open.
     */
    static Sequence show(Component parent, String title, Sequence initial, List<String> messageNames,
            Function<Sequence, String> accept) {
        SequenceDialog d = new SequenceDialog(parent, title, initial, messageNames, accept);
        d.dialog.setVisible(true);
        return d.result;
    }

    /** One step in words, for the editor and the panel's progress line. */
    static String describe(Sequence.Step step) {
        if (step instanceof Sequence.Send s) {
            return "send " + Escapes.oneLine(s.message());
        } else if (step instanceof Sequence.Pause p) {
            return "pause " + p.delay().toMillis() + " ms";
        } else if (step instanceof Sequence.AwaitReply a) {
            return "wait up to " + a.timeout().toMillis() + " ms for /" + Escapes.oneLine(a.regex()) + "/";
        }
        return String.valueOf(step);
    }

    private void addStep() {
        Object k = kind.getSelectedItem();
        problem.setText("");
        if (steps.size() >= Library.MAX_STEPS) {
            problem.setText("a sequence holds at most " + Library.MAX_STEPS + " steps.");
        } else if (SEND.equals(k)) {
            Object m = message.getSelectedItem();
            if (m == null) {
                problem.setText("the library has no messages yet: save one first, then send it from here.");
                return;
            }
            steps.addElement(new Sequence.Send(m.toString()));
        } else if (PAUSE.equals(k)) {
            steps.addElement(new Sequence.Pause(Duration.ofMillis(((Number) pauseMillis.getValue()).longValue())));
        } else {
            try {
                Pattern.compile(regex.getText());
            } catch (PatternSyntaxException e) {
                problem.setText("the pattern is not valid: " + Escapes.oneLine(e.getDescription()) + ".");
                return;
            }
            steps.addElement(new Sequence.AwaitReply(regex.getText(),
                    Duration.ofMillis(((Number) timeoutMillis.getValue()).longValue())));
        }
        stepList.setSelectedIndex(steps.size() - 1);
    }

    private void shift(int by) {
        int i = stepList.getSelectedIndex();
        int j = i + by;
        if (i < 0 || j < 0 || j >= steps.size()) {
            return;
        }
        Sequence.Step s = steps.remove(i);
        steps.add(j, s);
        stepList.setSelectedIndex(j);
    }

    private void ok() {
        String n = name.getText().strip();
        if (n.isEmpty()) {
            problem.setText("a sequence needs a name.");
            return;
        }
        List<Sequence.Step> list = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            list.add(steps.get(i));
        }
        Sequence s = new Sequence(n, list);
        String refused = accept.apply(s);
        if (refused != null) {
            problem.setText(refused);
            return;
        }
        result = s;
        dialog.dispose();
    }

    private static JPanel row(JComponent... parts) {
        JPanel p = new JPanel(new FlowLayout(FlowLayout.LEADING, 4, 0));
        for (JComponent c : parts) {
            p.add(c);
        }
        return p;
    }
}
