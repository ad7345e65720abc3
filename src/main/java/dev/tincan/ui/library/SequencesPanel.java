package dev.tincan.ui.library;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.session.Library;
import dev.tincan.session.SavedMessage;
import dev.tincan.session.Sequence;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JToolBar;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;

/**
 * The lower half of the library panel: the library's sequences, with Run, Pause and Stop,
 * the step being run, New and Delete, and a double-click to edit one. It reads and changes
 * the library the {@link LibraryPanel} holds and tells it after every change, so the panel
 * shows and saves it.
 *
 * <pre>
 *   Sequences
 *     login  ·  3 steps
 *   [Run] [Pause] [Stop] [New] [Delete]
 *   login: step 2 of 3, send hello
 * </pre>
 *
 * Confined to the EDT.
 */
final class SequencesPanel extends JPanel {
    private static final long serialVersionUID = 1L;

    private final transient LibraryPanel.Host host;
    private final transient SequenceRuns runs;
    private final transient Supplier<Library> library;
    private final transient Runnable changed;

    private final DefaultListModel<Sequence> sequenceRows = new DefaultListModel<>();
    private final JList<Sequence> sequenceList = new JList<>(sequenceRows);
    private final JLabel runStatus = new JLabel(" ");
    private final JButton run = new JButton("Run");
    private final JButton pause = new JButton("Pause");
    private final JButton stop = new JButton("Stop");
    private final JButton deleteSequence = new JButton("Delete");
    private transient SequenceRuns.Run running;
    private boolean paused;

    /**
     * The sequences of {@code library} (asked again at every use, since the panel may be given
     * another), run through {@code runs} ({@code null} when the window cannot run them), with
     * sentences for {@code host}; {@code changed} runs after every change to the library.
     */
    SequencesPanel(LibraryPanel.Host host, SequenceRuns runs, Supplier<Library> library, Runnable changed) {
        super(new BorderLayout(0, 6));
        this.host = host;
        this.runs = runs;
        this.library = library;
        this.changed = changed;

        sequenceList.setName("library.sequences");
        sequenceList.setToolTipText("Double-click a sequence to edit it.");
        sequenceList.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        sequenceList.setVisibleRowCount(4);
        sequenceList.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> l, Object value, int index, boolean selected,
                    boolean focused) {
                super.getListCellRendererComponent(l, value, index, selected, focused);
                Sequence s = (Sequence) value;
                setText(s.name() + "  ·  " + s.steps().size() + (s.steps().size() == 1 ? " step" : " steps"));
                setBorder(BorderFactory.createEmptyBorder(3, 8, 3, 8));
                return this;
            }
        });
        sequenceList.addListSelectionListener(e -> updateActions());
        sequenceList.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (SwingUtilities.isLeftMouseButton(e) && e.getClickCount() == 2) {
                    editSequence(sequenceList.getSelectedValue());
                }
            }
        });
        run.addActionListener(e -> runSelected());
        pause.addActionListener(e -> togglePause());
        stop.addActionListener(e -> {
            if (running != null) {
                running.stop();
            }
        });
        JButton newSequence = new JButton("New…");
        newSequence.addActionListener(e -> editSequence(null));
        deleteSequence.setName("library.deleteSequence");
        deleteSequence.setToolTipText("Delete the selected sequence; the messages it sends stay");
        deleteSequence.addActionListener(e -> deleteSelected());
        if (runs == null) {
            run.setToolTipText("Sequences run in the window once it is connected.");
        }

        JLabel title = new JLabel("Sequences");
        title.putClientProperty(FlatClientProperties.STYLE, "font: bold");
        JToolBar buttons = LibraryPanel.toolBar();
        buttons.add(run);
        buttons.add(pause);
        buttons.add(stop);
        buttons.add(Box.createHorizontalGlue());
        buttons.add(newSequence);
        buttons.add(deleteSequence);
        runStatus.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        JPanel south = new JPanel(new BorderLayout(0, 4));
        south.add(buttons, BorderLayout.NORTH);
        south.add(runStatus, BorderLayout.SOUTH);

        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        add(title, BorderLayout.NORTH);
        add(new JScrollPane(sequenceList), BorderLayout.CENTER);
        add(south, BorderLayout.SOUTH);
        updateActions();
    }

    /** Rebuilds the list from the library, keeping the selected sequence where it can. */
    void refresh() {
        Library lib = library.get();
        Sequence selectedSequence = sequenceList.getSelectedValue();
        sequenceRows.clear();
        sequenceRows.addAll(lib.sequences());
        if (selectedSequence != null) {
            sequenceList.setSelectedValue(lib.sequence(selectedSequence.name()).orElse(null), true);
        }
        updateActions();
    }

    private void updateActions() {
        boolean canRun = runs != null && sequenceList.getSelectedValue() != null;
        run.setEnabled(running == null && canRun);
        pause.setEnabled(running != null);
        pause.setText(paused ? "Resume" : "Pause");
        stop.setEnabled(running != null);
        deleteSequence.setEnabled(running == null && sequenceList.getSelectedValue() != null);
    }

    private void deleteSelected() {
        Sequence s = sequenceList.getSelectedValue();
        if (s != null && running == null && JOptionPane.showConfirmDialog(SwingUtilities.getWindowAncestor(this),
                "Delete the sequence \"" + s.name() + "\"? The messages it sends stay.", "Delete sequence",
                JOptionPane.OK_CANCEL_OPTION) == JOptionPane.OK_OPTION) {
            library.get().removeSequence(s.name());
            changed.run();
        }
    }

    private void editSequence(Sequence existing) {
        Library lib = library.get();
        List<String> names = lib.messages().stream().map(SavedMessage::name).toList();
        Sequence initial = existing != null ? existing : new Sequence(freeSequenceName(), List.of());
        Sequence made = SequenceDialog.show(this, existing == null ? "New sequence" : "Edit sequence", initial, names,
                s -> LibraryPanel.refusal(() -> {
                    if (existing != null && !existing.name().equals(s.name())) {
                        if (lib.sequence(s.name()).isPresent()) {
                            throw new IllegalArgumentException("a sequence called \"" + s.name()
                                    + "\" is in the library already: choose another name.");
                        }
                        lib.putSequence(s);
                        lib.removeSequence(existing.name());
                    } else if (existing == null && lib.sequence(s.name()).isPresent()) {
                        throw new IllegalArgumentException("a sequence called \"" + s.name()
                                + "\" is in the library already: choose another name.");
                    } else {
                        lib.putSequence(s);
                    }
                }));
        if (made != null) {
            changed.run();
            sequenceList.setSelectedValue(made, true);
        }
    }

    private String freeSequenceName() {
        String name = "new sequence";
        for (int n = 2; library.get().sequence(name).isPresent(); n++) {
            name = "new sequence (" + n + ")";
        }
        return name;
    }

    private void runSelected() {
        Sequence s = sequenceList.getSelectedValue();
        if (s == null || runs == null || running != null) {
            return;
        }
        try {
            paused = false;
            runStatus.setText(s.name() + ": starting");
            running = runs.start(s, new SequenceRuns.Listener() {
                @Override
                public void step(int index, Sequence.Step step) {
                    SwingUtilities.invokeLater(() -> runStatus.setText(s.name() + ": step " + (index + 1) + " of "
                            + s.steps().size() + ", " + SequenceDialog.describe(step)));
                }

                @Override
                public void finished(String sentence, boolean failed) {
                    SwingUtilities.invokeLater(() -> {
                        running = null;
                        paused = false;
                        runStatus.setText(sentence);
                        host.notice(sentence, failed);
                        updateActions();
                    });
                }
            });
        } catch (IllegalArgumentException e) {
            runStatus.setText(" ");
            host.notice(e.getMessage(), true);
        }
        updateActions();
    }

    private void togglePause() {
        if (running == null) {
            return;
        }
        if (paused) {
            running.resume();
        } else {
            running.pause();
        }
        paused = !paused;
        updateActions();
    }
}
