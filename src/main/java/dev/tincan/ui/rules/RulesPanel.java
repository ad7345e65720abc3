package dev.tincan.ui.rules;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.session.rules.Rule;
import dev.tincan.session.rules.RuleEngine;
import dev.tincan.session.rules.RulesFile;
import dev.tincan.session.rules.RulesFileException;
import dev.tincan.ui.library.Sentences;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dialog;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.Timer;
import javax.swing.filechooser.FileNameExtensionFilter;
import javax.swing.table.DefaultTableCellRenderer;

/**
 * One tab's auto-reply rules: a table (on, name, match, actions, fired, last fired) and
 * the buttons to add, edit, delete and move rules and to import and export a rules file.
 * Every change runs at once in the tab's {@link RuleEngine} and is handed to the tab to
 * keep. While shown, the counts are read again twice a second; a rule the loop guard paused
 * says so in words in its last column. It lives in a window of its own beside the main one
 * ({@link #open}). Confined to the EDT.
 */
public final class RulesPanel extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final int REFRESH_MILLIS = 500;

    private final RulesTableModel model;
    private final JTable table;
    private final JTextArea problem = Sentences.area();
    private final Timer refresh;
    private transient JDialog window;

    /**
     * A panel over {@code engine}'s rules.
     *
     * @param changed hears the whole list after every change, to keep it
     */
    public RulesPanel(RuleEngine engine, Consumer<List<Rule>> changed) {
        super(new BorderLayout(0, 8));
        setName("rulesPanel");
        setBorder(BorderFactory.createEmptyBorder(10, 12, 10, 12));
        model = new RulesTableModel(engine, changed);
        table = new JTable(model);
        table.setName("rulesTable");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setFillsViewportHeight(true);
        table.getColumnModel().getColumn(0).setMaxWidth(40);
        table.getColumnModel().getColumn(1).setPreferredWidth(120);
        table.getColumnModel().getColumn(2).setPreferredWidth(180);
        table.getColumnModel().getColumn(3).setPreferredWidth(260);
        table.getColumnModel().getColumn(4).setMaxWidth(70);
        table.getColumnModel().getColumn(5).setPreferredWidth(160);
        table.setDefaultRenderer(String.class, new DefaultTableCellRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Component getTableCellRendererComponent(JTable t, Object value, boolean selected,
                    boolean focus, int row, int column) {
                Component c = super.getTableCellRendererComponent(t, value, selected, focus, row, column);
                setToolTipText(value == null ? null : value.toString());
                return c;
            }
        });
        table.putClientProperty("html.disable", Boolean.TRUE);
        table.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2 && table.columnAtPoint(e.getPoint()) != 0) {
                    edit();
                }
            }
        });
        table.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "tincan.edit");
        table.getActionMap().put("tincan.edit", action(this::edit));
        table.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(KeyEvent.VK_DELETE, 0),
                "tincan.delete");
        table.getActionMap().put("tincan.delete", action(this::delete));

        JLabel intro = new JLabel("Each enabled rule that matches a received frame fires, top to bottom, until one "
                + "says stop here. Replies go out from the connection's own thread.");
        intro.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEADING, 6, 0));
        buttons.add(button("Add…", "rulesAdd", KeyEvent.VK_A, this::add));
        buttons.add(button("Edit…", "rulesEdit", KeyEvent.VK_E, this::edit));
        buttons.add(button("Delete", "rulesDelete", KeyEvent.VK_D, this::delete));
        buttons.add(button("Up", "rulesUp", KeyEvent.VK_U, () -> move(-1)));
        buttons.add(button("Down", "rulesDown", KeyEvent.VK_W, () -> move(1)));
        buttons.add(button("Import…", "rulesImport", KeyEvent.VK_I, this::importFile));
        buttons.add(button("Export…", "rulesExport", KeyEvent.VK_X, this::exportFile));
        JScrollPane scroll = new JScrollPane(table);
        scroll.setPreferredSize(new Dimension(860, 260));
        JPanel south = new JPanel(new BorderLayout(0, 6));
        south.add(buttons, BorderLayout.NORTH);
        south.add(problem, BorderLayout.SOUTH);
        add(intro, BorderLayout.NORTH);
        add(scroll, BorderLayout.CENTER);
        add(south, BorderLayout.SOUTH);
        refresh = new Timer(REFRESH_MILLIS, e -> model.refreshCounts());
    }

    /**
     * Shows the panel in a window of its own over {@code owner}, titled {@code title}; the
     * same window comes to the front when it is open already.
     */
    public void open(Window owner, String title) {
        if (window == null) {
            window = new JDialog(owner, title, Dialog.ModalityType.MODELESS);
            window.setName("rulesWindow");
            window.getContentPane().add(this);
            window.getRootPane().registerKeyboardAction(e -> window.setVisible(false),
                    KeyStroke.getKeyStroke("ESCAPE"), JComponent.WHEN_IN_FOCUSED_WINDOW);
            window.addComponentListener(new ComponentAdapter() {
                @Override
                public void componentHidden(ComponentEvent e) {
                    refresh.stop();
                }
            });
            window.pack();
            window.setLocationRelativeTo(owner);
        }
        window.setTitle(title);
        refresh.start();
        window.setVisible(true);
        window.toFront();
        table.requestFocusInWindow();
    }

    /** Closes the panel's window for good, with its tab. */
    public void dispose() {
        refresh.stop();
        if (window != null) {
            window.dispose();
        }
    }

    /** The rules shown, in order. */
    public List<Rule> rules() {
        return model.rules();
    }

    /**
     * Adds {@code rule} at the end, as the Add button does after its dialog; returns null,
     * or the sentence saying why not.
     */
    public String addRule(Rule rule) {
        List<Rule> next = new ArrayList<>(model.rules());
        next.add(rule);
        return apply(next);
    }

    /** The sentence under the buttons: what the last change could not do, or empty. */
    /** Shows {@code sentence} as news, not as a failure. */
    private void news(String sentence) {
        problem.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanNews");
        problem.setText(sentence);
    }

    /** Shows {@code sentence} as a failure, in the error style ("" clears it). */
    private void failure(String sentence) {
        problem.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        problem.setText(sentence);
    }

    public String problem() {
        return problem.getText();
    }

    /** What the last column says for row {@code row}: when it last fired, or that it is paused. */
    public String lastFired(int row) {
        return String.valueOf(model.getValueAt(row, 5));
    }

    /** How many times the rule in row {@code row} fired. */
    public long fired(int row) {
        return (Long) model.getValueAt(row, 4);
    }

    private String apply(List<Rule> next) {
        try {
            model.set(next);
            failure("");
            return null;
        } catch (IllegalArgumentException e) {
            failure(e.getMessage());
            return e.getMessage();
        }
    }

    private void add() {
        List<Rule> now = model.rules();
        String name = "rule " + (now.size() + 1);
        for (int n = now.size() + 2; taken(now, name); n++) {
            name = "rule " + n;
        }
        Rule r = RuleDialog.show(this, "Add rule", RuleDialog.blank(name), rule -> check(rule, -1));
        if (r != null) {
            addRule(r);
            int row = model.getRowCount() - 1;
            table.setRowSelectionInterval(row, row);
        }
    }

    private void edit() {
        int row = table.getSelectedRow();
        if (row < 0) {
            failure("select a rule to edit first.");
            return;
        }
        Rule r = RuleDialog.show(this, "Edit rule", model.rule(row), rule -> check(rule, row));
        if (r != null) {
            List<Rule> next = new ArrayList<>(model.rules());
            next.set(row, r);
            apply(next);
            table.setRowSelectionInterval(row, row);
        }
    }

    /** Null when {@code rule} may go in row {@code row} (-1: at the end), else why not. */
    private String check(Rule rule, int row) {
        List<Rule> next = new ArrayList<>(model.rules());
        if (row < 0) {
            next.add(rule);
        } else {
            next.set(row, rule);
        }
        try {
            RuleEngine.check(next);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static boolean taken(List<Rule> rules, String name) {
        return rules.stream().anyMatch(r -> r.name().equals(name));
    }

    private void delete() {
        int row = table.getSelectedRow();
        if (row < 0) {
            failure("select a rule to delete first.");
            return;
        }
        List<Rule> next = new ArrayList<>(model.rules());
        next.remove(row);
        apply(next);
        if (!next.isEmpty()) {
            int keep = Math.min(row, next.size() - 1);
            table.setRowSelectionInterval(keep, keep);
        }
    }

    private void move(int step) {
        int row = table.getSelectedRow();
        int to = row + step;
        if (row < 0 || to < 0 || to >= model.getRowCount()) {
            return;
        }
        List<Rule> next = new ArrayList<>(model.rules());
        next.add(to, next.remove(row));
        apply(next);
        table.setRowSelectionInterval(to, to);
    }

    private void importFile() {
        JFileChooser chooser = chooser();
        if (chooser.showOpenDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path file = chooser.getSelectedFile().toPath();
        try {
            List<Rule> read = RulesFile.read(file);
            if (apply(read) == null) {
                news("imported " + read.size() + (read.size() == 1 ? " rule" : " rules") + " from "
                        + file.getFileName() + ", in place of the ones shown.");
            }
        } catch (RulesFileException e) {
            failure(e.getMessage());
        }
    }

    private void exportFile() {
        JFileChooser chooser = chooser();
        chooser.setSelectedFile(new File("rules.json"));
        if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path file = chooser.getSelectedFile().toPath();
        try {
            RulesFile.write(file, model.rules());
            news("exported " + model.getRowCount() + (model.getRowCount() == 1 ? " rule" : " rules")
                    + " to " + file + ".");
        } catch (RulesFileException e) {
            failure(e.getMessage());
        }
    }

    private static JFileChooser chooser() {
        JFileChooser chooser = new JFileChooser();
        chooser.setFileFilter(new FileNameExtensionFilter("Rules files (*.json)", "json"));
        return chooser;
    }

    private static JButton button(String text, String name, int mnemonic, Runnable run) {
        JButton b = new JButton(text);
        b.setName(name);
        b.setMnemonic(mnemonic);
        b.addActionListener(e -> run.run());
        return b;
    }

    private static Action action(Runnable run) {
        return new AbstractAction() {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                run.run();
            }
        };
    }
}
