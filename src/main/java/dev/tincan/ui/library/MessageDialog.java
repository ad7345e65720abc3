package dev.tincan.ui.library;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Framing;
import dev.tincan.session.Library;
import dev.tincan.session.Placeholders;
import dev.tincan.session.SavedMessage;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.List;
import java.util.function.Function;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.UIManager;

/**
 * The small dialog that makes or edits a saved message: name, folder, payload (text with
 * escapes and placeholders, or hex), the framing it is meant for, and notes. OK checks
 * everything a library would refuse, and the placeholders, and keeps the dialog open with one
 * sentence when something is wrong. Confined to the EDT.
 */
final class MessageDialog {
    private static final String ANY_FRAMING = "any framing";
    private static final List<String> FRAMINGS = List.of(ANY_FRAMING, "line", "crlf", "nul", "raw", "len8", "len16",
            "len32", "len32le", "len64");

    private final JDialog dialog;
    private final JTextField name = new JTextField(24);
    private final JComboBox<String> folder = new JComboBox<>();
    private final JTextArea payload = new JTextArea(5, 32);
    private final JRadioButton text = new JRadioButton("Text");
    private final JRadioButton hex = new JRadioButton("Hex");
    private final JComboBox<String> framing = new JComboBox<>(FRAMINGS.toArray(String[]::new));
    private final JTextArea notes = new JTextArea(3, 32);
    private final JTextArea problem = Sentences.area();
    private final Function<SavedMessage, String> accept;
    private SavedMessage result;

    private MessageDialog(Component parent, String title, SavedMessage initial, List<String> folders,
            Function<SavedMessage, String> accept) {
        this.accept = accept;
        dialog = Forms.dialog(parent, title);
        folder.setEditable(true);
        folders.forEach(folder::addItem);
        framing.setEditable(true);
        ButtonGroup mode = new ButtonGroup();
        mode.add(text);
        mode.add(hex);
        Font bytes = UIManager.getFont("Tincan.bytes.font");
        if (bytes != null) {
            payload.setFont(bytes);
        }
        payload.setLineWrap(true);
        notes.setLineWrap(true);
        notes.setWrapStyleWord(true);
        name.setText(initial.name());
        folder.setSelectedItem(initial.folder());
        payload.setText(initial.payload());
        (initial.hex() ? hex : text).setSelected(true);
        framing.setSelectedItem(initial.framing() == null ? ANY_FRAMING : initial.framing());
        notes.setText(initial.notes());

        JPanel form = new JPanel(new GridBagLayout());
        form.setBorder(BorderFactory.createEmptyBorder(12, 12, 4, 12));
        int row = 0;
        row = addRow(form, row, "Name", name);
        row = addRow(form, row, "Folder", folder);
        JPanel modes = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
        modes.add(text);
        modes.add(Box.createHorizontalStrut(12));
        modes.add(hex);
        row = addRow(form, row, "Payload", new JScrollPane(payload));
        row = addRow(form, row, "", modes);
        JLabel hint = new JLabel("Placeholders: {{counter}} {{time}} {{random:N}} {{digits:N}} {{field:REGEX}} "
                + "(hover for all)");
        hint.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        hint.setToolTipText("<html>{{counter}} 1, 2, 3, … one per message sent, {{counter:5}} zero-padded<br>"
                + "{{time}} 14:03:27.415, "
                + "{{time:HH:mm}} any date-time pattern, {{time:epoch}}, {{time:epochms}}<br>"
                + "{{random:N}} N random bytes, {{digits:N}} N random digits<br>"
                + "{{field:REGEX}} the group from the last reply, {{hexfield:REGEX}} the same, read as hex<br>"
                + "{{{{ a literal {{</html>");
        row = addRow(form, row, "", hint);
        row = addRow(form, row, "Framing", framing);
        row = addRow(form, row, "Notes", new JScrollPane(notes));

        JButton ok = new JButton("OK");
        ok.addActionListener(e -> ok());
        JPanel buttons = Forms.okCancel(dialog, ok);
        JPanel south = new JPanel(new BorderLayout(0, 6));
        south.setBorder(BorderFactory.createEmptyBorder(0, 12, 12, 12));
        south.add(problem, BorderLayout.NORTH);
        south.add(buttons, BorderLayout.SOUTH);

        dialog.getContentPane().add(form, BorderLayout.CENTER);
        dialog.getContentPane().add(south, BorderLayout.SOUTH);
        dialog.getRootPane().setDefaultButton(ok);
        Forms.finish(dialog);
    }

    /**
     * Shows the dialog and returns the message made, or {@code null} when cancelled.
     * {@code accept} returns {@code null} when the message may be stored, or the sentence
     * that keeps the dialog open.
     */
    static SavedMessage show(Component parent, String title, SavedMessage initial, List<String> folders,
            Function<SavedMessage, String> accept) {
        MessageDialog d = new MessageDialog(parent, title, initial, folders, accept);
        d.dialog.setVisible(true);
        return d.result;
    }

    private void ok() {
        try {
            String f = String.valueOf(framing.getSelectedItem()).strip();
            String spec = f.isEmpty() || f.equals(ANY_FRAMING) ? null : Framing.parse(f).spec();
            Object folderItem = folder.getEditor().getItem();
            SavedMessage m = new SavedMessage(name.getText().strip(), folderItem == null ? ""
                    : folderItem.toString().strip(), payload.getText(), hex.isSelected(), spec, notes.getText());
            Library.check(m);
            Placeholders.parse(m.payload(), m.hex());
            String refused = accept.apply(m);
            if (refused != null) {
                problem.setText(refused);
                return;
            }
            result = m;
            dialog.dispose();
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
        }
    }

    private static int addRow(JPanel form, int row, String label, JComponent field) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridy = row;
        c.insets = new Insets(3, 0, 3, 8);
        c.anchor = GridBagConstraints.BASELINE_TRAILING;
        form.add(new JLabel(label), c);
        c.gridx = 1;
        c.weightx = 1;
        c.fill = GridBagConstraints.HORIZONTAL;
        c.anchor = GridBagConstraints.BASELINE_LEADING;
        c.insets = new Insets(3, 0, 3, 0);
        form.add(field, c);
        return row + 1;
    }
}
