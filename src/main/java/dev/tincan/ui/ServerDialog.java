package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.time.Duration;
import javax.swing.BorderFactory;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.KeyStroke;

/**
 * Asks how to run the built-in server: port, framing, mode, and for the flood and ticker
 * modes how much and how often. A value that does not make sense is named in one sentence
 * inside the dialog, which stays open. Confined to the EDT.
 */
final class ServerDialog extends JDialog {
    private final JTextField port = new JTextField(6);
    private final FramingBox framing;
    private final JComboBox<Mode> mode = new JComboBox<>(Mode.values());
    private final JTextField floodCount = new JTextField(8);
    private final JTextField floodSize = new JTextField(8);
    private final JTextField tickMillis = new JTextField(8);
    private final JLabel problem = new JLabel(" ");
    private ServerConfig result;

    private ServerDialog(Window owner, ServerConfig initial) {
        super(owner, "Start the built-in server", ModalityType.DOCUMENT_MODAL);
        port.setText(String.valueOf(initial.port()));
        framing = new FramingBox(initial.framing().spec());
        mode.setSelectedItem(initial.mode());
        mode.setRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean selected,
                    boolean focused) {
                Mode m = (Mode) value;
                String text = m == null ? "" : index >= 0 ? m.spec() + "  —  " + m.description() : m.spec();
                return super.getListCellRendererComponent(list, text, index, selected, focused);
            }
        });
        floodCount.setText(String.valueOf(initial.floodCount()));
        floodSize.setText(String.valueOf(initial.floodSize()));
        tickMillis.setText(String.valueOf(initial.tickInterval().toMillis()));
        problem.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        problem.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");

        JPanel form = new JPanel(new GridBagLayout());
        int row = 0;
        row = addRow(form, row, "Port", KeyEvent.VK_P, port, "0 picks any free port");
        row = addRow(form, row, "Framing", KeyEvent.VK_R, framing, null);
        form.add(framing.hint(), cell(1, row++, 2));
        row = addRow(form, row, "Mode", KeyEvent.VK_M, mode, null);
        row = addRow(form, row, "Flood frames", KeyEvent.VK_F, floodCount, "sent on connect in flood mode");
        row = addRow(form, row, "Flood frame size", KeyEvent.VK_S, floodSize, "bytes per flood frame");
        row = addRow(form, row, "Tick every", KeyEvent.VK_T, tickMillis, "ms, in ticker mode");
        form.add(problem, cell(0, row, 3));

        JButton start = new JButton("Start");
        start.addActionListener(e -> accept());
        JButton cancel = new JButton("Cancel");
        cancel.addActionListener(e -> dispose());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.TRAILING, 6, 0));
        buttons.add(start);
        buttons.add(cancel);

        JPanel content = new JPanel(new BorderLayout(0, 12));
        content.setBorder(BorderFactory.createEmptyBorder(14, 16, 12, 16));
        content.add(form, BorderLayout.CENTER);
        content.add(buttons, BorderLayout.SOUTH);
        setContentPane(content);
        getRootPane().setDefaultButton(start);
        getRootPane().registerKeyboardAction(e -> dispose(), KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
        pack();
        setLocationRelativeTo(owner);
    }

    private static int addRow(JPanel form, int row, String text, int mnemonic, JComponent field, String hint) {
        JLabel label = new JLabel(text);
        label.setDisplayedMnemonic(mnemonic);
        label.setLabelFor(field);
        form.add(label, cell(0, row, 1));
        GridBagConstraints c = cell(1, row, 1);
        c.fill = GridBagConstraints.HORIZONTAL;
        form.add(field, c);
        if (hint != null) {
            JLabel h = new JLabel(hint);
            h.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
            form.add(h, cell(2, row, 1));
        }
        return row + 1;
    }

    private static GridBagConstraints cell(int x, int y, int width) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = x;
        c.gridy = y;
        c.gridwidth = width;
        c.anchor = GridBagConstraints.LINE_START;
        c.insets = new Insets(3, 0, 3, 10);
        return c;
    }

    private void accept() {
        try {
            result = ServerConfig.builder()
                    .port(number(port, "port"))
                    .framing(framing.framing())
                    .mode((Mode) mode.getSelectedItem())
                    .floodCount(number(floodCount, "flood frames"))
                    .floodSize(number(floodSize, "flood frame size"))
                    .tickInterval(Duration.ofMillis(number(tickMillis, "tick interval"))).build();
            dispose();
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
            pack();
        }
    }

    private static int number(JTextField field, String what) {
        String text = field.getText().strip();
        if (!text.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is not a whole number.");
        }
        return Integer.parseInt(text);
    }

    /** Shows the dialog and returns the config chosen, or {@code null} when cancelled. */
    static ServerConfig ask(Window owner, ServerConfig initial) {
        ServerDialog d = new ServerDialog(owner, initial);
        d.setVisible(true);
        return d.result;
    }
}
