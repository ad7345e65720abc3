package dev.tincan.ui.library;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.session.Library;
import dev.tincan.session.LibraryFile;
import dev.tincan.session.LibraryFileException;
import dev.tincan.session.SavedMessage;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JList;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPopupMenu;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextField;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.filechooser.FileNameExtensionFilter;

/**
 * The library side panel: saved messages in folders, filtered as you type, sent with a
 * double-click, Enter or Alt+1..9; New, Edit, Delete, imports and export; and the
 * sequences below them, in a {@link SequencesPanel}. It talks to the window only through
 * {@link Host} and {@link SequenceRuns}, and to the disk only through a {@link LibraryStore},
 * so it never blocks the event thread.
 *
 * <pre>
 *   [ Filter messages               ]
 *   [Send] [New] [Edit] [Delete] [...]
 *   greetings (2)
 *     hello                     Alt+1
 *     hello\n
 *     ...
 *   ----------------------------------
 *   Sequences
 *     login
 *   [Run] [Pause] [Stop] [New] [Delete]      (double-click a sequence to edit it)
 *   login: step 2 of 3, send hello
 * </pre>
 *
 * Confined to the EDT.
 */
public final class LibraryPanel extends JPanel {
    /**
     * The key that saves the composer's message into the library, Ctrl+S; the transcript is
     * saved with Ctrl+Shift+S.
     */
    public static final KeyStroke SAVE_COMPOSER_KEY = KeyStroke.getKeyStroke(KeyEvent.VK_S, InputEvent.CTRL_DOWN_MASK);

    /** What the panel needs from the window. Called on the EDT. */
    public interface Host {
        /**
         * Sends {@code message} on the current connection, its placeholders filled in; returns
         * {@code null} when it is on its way, or one sentence saying why not.
         */
        String send(SavedMessage message);

        /**
         * What the composer holds, as a message to save (its name a suggestion), or {@code null}
         * when there is nothing to save.
         */
        SavedMessage fromComposer();

        /** Shows one sentence to the person, as an error or as news. */
        void notice(String sentence, boolean error);
    }

    private final Host host;
    private final LibraryStore store;
    private Library library = new Library();
    private Path file;

    private final JTextField filter = new JTextField();
    private final DefaultListModel<LibraryRow> rows = new DefaultListModel<>();
    private final JList<LibraryRow> list = new JList<>(rows) {
        private static final long serialVersionUID = 1L;

        /** An empty list says why it is empty and what to do, rather than showing nothing. */
        @Override
        protected void paintComponent(Graphics g) {
            super.paintComponent(g);
            if (getModel().getSize() == 0) {
                Graphics2D g2 = (Graphics2D) g.create();
                try {
                    g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                            RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g2.setColor(UIManager.getColor("Label.disabledForeground"));
                    g2.setFont(getFont());
                    paintWrapped(g2, emptyText(), 8, 8, getWidth() - 16);
                } finally {
                    g2.dispose();
                }
            }
        }
    };
    private final Action send = action("Send", "Send the selected message (Enter, double-click)", this::sendSelected);
    private final Action edit = action("Edit…", "Edit the selected message", this::editSelected);
    private final Action delete = action("Delete", "Delete the selected message", this::deleteSelected);
    private final Action saveComposer = action("Save message to library…", "Save what is in the Message box",
            this::saveComposer);
    private final SequencesPanel sequences;

    /**
     * A panel that sends through {@code host}, runs sequences through {@code runs} ({@code null}
     * when the window cannot run them) and reads and writes files on {@code store}'s thread.
     */
    public LibraryPanel(Host host, SequenceRuns runs, LibraryStore store) {
        super(new BorderLayout());
        this.host = host;
        this.store = store;
        sequences = new SequencesPanel(host, runs, () -> library, this::changed);
        saveComposer.putValue(Action.ACCELERATOR_KEY, SAVE_COMPOSER_KEY);

        filter.setName("library.filter");
        filter.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "Filter messages");
        filter.putClientProperty(FlatClientProperties.TEXT_FIELD_SHOW_CLEAR_BUTTON, true);
        filter.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                refresh();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                refresh();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                refresh();
            }
        });
        filter.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_DOWN, 0), "tincan.library.toList");
        filter.getActionMap().put("tincan.library.toList", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                selectFirstMessage();
                list.requestFocusInWindow();
            }
        });
        filter.addActionListener(e -> {
            // Enter in the filter sends the only match, or the first.
            selectFirstMessage();
            sendSelected();
        });

        list.setName("library.messages");
        list.setCellRenderer(new LibraryRowRenderer());
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        list.addListSelectionListener(e -> updateActions());
        list.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "tincan.library.send");
        list.getActionMap().put("tincan.library.send", send);
        list.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_DELETE, 0), "tincan.library.delete");
        list.getActionMap().put("tincan.library.delete", delete);
        list.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (SwingUtilities.isLeftMouseButton(e) && e.getClickCount() == 2) {
                    int i = list.locationToIndex(e.getPoint());
                    if (i >= 0 && list.getCellBounds(i, i).contains(e.getPoint())) {
                        list.setSelectedIndex(i);
                        sendSelected();
                    }
                }
            }

            @Override
            public void mousePressed(MouseEvent e) {
                popup(e);
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                popup(e);
            }
        });

        JPanel top = new JPanel(new BorderLayout(0, 6));
        top.setBorder(BorderFactory.createEmptyBorder(8, 8, 6, 8));
        top.add(filter, BorderLayout.NORTH);
        JToolBar tools = toolBar();
        tools.add(send);
        tools.add(action("New…", "Save a new message", this::newMessage));
        tools.add(edit);
        tools.add(delete);
        tools.add(Box.createHorizontalGlue());
        tools.add(moreButton());
        top.add(tools, BorderLayout.SOUTH);

        JScrollPane messages = new JScrollPane(list);
        messages.setBorder(BorderFactory.createMatteBorder(1, 0, 1, 0, separatorColour()));

        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, messages, sequences);
        split.setResizeWeight(0.75);
        split.setBorder(null);
        split.setContinuousLayout(true);

        add(top, BorderLayout.NORTH);
        add(split, BorderLayout.CENTER);
        setPreferredSize(new Dimension(320, 560));
        refresh();
    }

    /** Shows {@code library} (the panel keeps it and changes it as the person edits). */
    public void setLibrary(Library library) {
        this.library = library;
        refresh();
    }

    /** A copy of the library as it is now. */
    public Library library() {
        return library.copy();
    }

    /**
     * Loads the library from {@code file} off the event thread, shows it when it is in, and
     * from then on saves it there after every change. A file that cannot be read is left
     * alone (nothing is saved over it) and its sentence goes to the host.
     */
    public void persistTo(Path file) {
        store.load(file, loaded -> {
            this.file = file;
            setLibrary(loaded);
        }, sentence -> host.notice(sentence.substring(0, sentence.length() - 1)
                + "; the library starts empty and is not saved over it.", true));
    }

    /**
     * Binds Alt+1..9 (the first nine messages) and {@link #SAVE_COMPOSER_KEY} on {@code root},
     * for as long as its window has focus.
     */
    public void installKeys(JComponent root) {
        for (int n = 1; n <= Library.QUICK_KEYS; n++) {
            int slot = n;
            String key = "tincan.library.quick" + n;
            root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW)
                    .put(KeyStroke.getKeyStroke(KeyEvent.VK_0 + n, InputEvent.ALT_DOWN_MASK), key);
            root.getActionMap().put(key, new AbstractAction() {
                @Override
                public void actionPerformed(ActionEvent e) {
                    sendQuick(slot);
                }
            });
        }
        root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(SAVE_COMPOSER_KEY, "tincan.library.saveComposer");
        root.getActionMap().put("tincan.library.saveComposer", saveComposer);
    }

    /** Saves the composer's message into the library, through the edit dialog; for a menu. */
    public Action saveComposerAction() {
        return saveComposer;
    }

    /** Sends quick message {@code slot} (1 to 9), if there is one. */
    void sendQuick(int slot) {
        List<SavedMessage> quick = library.quickNine();
        if (slot <= quick.size()) {
            send(quick.get(slot - 1));
        } else {
            host.notice("Alt+" + slot + " has no message: the first nine messages in the library get Alt+1 to Alt+9.",
                    true);
        }
    }

    JTextField filterField() {
        return filter;
    }

    JList<LibraryRow> messageList() {
        return list;
    }

    private void send(SavedMessage m) {
        String refused = host.send(m);
        if (refused != null) {
            host.notice(refused, true);
        }
    }

    private void sendSelected() {
        SavedMessage m = selected();
        if (m != null) {
            send(m);
        }
    }

    private SavedMessage selected() {
        LibraryRow row = list.getSelectedValue();
        return row == null ? null : row.message();
    }

    private void selectFirstMessage() {
        if (selected() != null) {
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isHeading()) {
                list.setSelectedIndex(i);
                list.ensureIndexIsVisible(i);
                return;
            }
        }
    }

    /** What the message list says when it shows nothing. */
    String emptyText() {
        String f = filter.getText().strip();
        return f.isEmpty() ? "No saved messages yet. Type one in the Message box and press Ctrl+S, or import "
                + "a library or a Packet Sender export (More\u00a0▾)."
                : "No message matches \"" + f + "\".";
    }

    /** Draws {@code text} from ({@code x}, {@code y}) on, broken at spaces to lines of at most {@code width}. */
    private static void paintWrapped(Graphics2D g, String text, int x, int y, int width) {
        FontMetrics fm = g.getFontMetrics();
        int line = y + fm.getAscent();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String next = current.length() == 0 ? word : current + " " + word;
            if (fm.stringWidth(next) > width && current.length() > 0) {
                g.drawString(current.toString(), x, line);
                line += fm.getHeight();
                current.setLength(0);
                current.append(word);
            } else {
                current.setLength(0);
                current.append(next);
            }
        }
        g.drawString(current.toString(), x, line);
    }

    /**
     * Rebuilds the rows from the library and the filter, and the sequences, keeping the
     * selection where it can.
     */
    private void refresh() {
        SavedMessage was = selected();
        List<String> quick = library.quickNine().stream().map(SavedMessage::name).toList();
        List<LibraryRow> fresh = new ArrayList<>();
        String folder = null;
        int headingAt = -1;
        int inFolder = 0;
        for (SavedMessage m : library.filter(filter.getText())) {
            if (!m.folder().equals(folder)) {
                if (headingAt >= 0) {
                    fresh.set(headingAt, LibraryRow.heading(folder, inFolder));
                }
                folder = m.folder();
                headingAt = fresh.size();
                inFolder = 0;
                fresh.add(LibraryRow.heading(folder, 0));
            }
            inFolder++;
            fresh.add(LibraryRow.message(m, quick.indexOf(m.name()) + 1));
        }
        if (headingAt >= 0) {
            fresh.set(headingAt, LibraryRow.heading(folder, inFolder));
        }
        rows.clear();
        rows.addAll(fresh);
        // An empty list paints what it lacks, which changes with the filter though no row does.
        list.repaint();
        if (was != null) {
            for (int i = 0; i < rows.size(); i++) {
                if (!rows.get(i).isHeading() && rows.get(i).message().name().equals(was.name())) {
                    list.setSelectedIndex(i);
                    break;
                }
            }
        }
        sequences.refresh();
        updateActions();
    }

    private void updateActions() {
        boolean one = selected() != null;
        send.setEnabled(one);
        edit.setEnabled(one);
        delete.setEnabled(one);
    }

    /** After every change: show it, and save it if the panel has a file. */
    private void changed() {
        refresh();
        if (file != null) {
            store.save(file, library.copy(), sentence -> host.notice(sentence, true));
        }
    }

    private void newMessage() {
        SavedMessage current = selected();
        String folder = current == null ? "" : current.folder();
        addThroughDialog("New message", new SavedMessage(freeName("new message"), folder, "", false, null, ""));
    }

    private void saveComposer() {
        SavedMessage m = host.fromComposer();
        if (m == null) {
            host.notice("the message box is empty: type a message, then save it to the library (Ctrl+S).", true);
            return;
        }
        addThroughDialog("Save message", new SavedMessage(freeName(m.name()), m.folder(), m.payload(), m.hex(),
                m.framing(), m.notes()));
    }

    private void addThroughDialog(String title, SavedMessage initial) {
        SavedMessage made = MessageDialog.show(this, title, initial, library.folders(),
                m -> refusal(() -> library.add(m)));
        if (made != null) {
            changed();
            select(made.name());
        }
    }

    private void editSelected() {
        SavedMessage m = selected();
        if (m == null) {
            return;
        }
        SavedMessage made = MessageDialog.show(this, "Edit message", m, library.folders(),
                edited -> refusal(() -> library.replace(m.name(), edited)));
        if (made != null) {
            changed();
            select(made.name());
        }
    }

    private void deleteSelected() {
        SavedMessage m = selected();
        if (m == null) {
            return;
        }
        int answer = JOptionPane.showConfirmDialog(SwingUtilities.getWindowAncestor(this),
                "Delete \"" + m.name() + "\" from the library?", "Delete message", JOptionPane.OK_CANCEL_OPTION);
        if (answer == JOptionPane.OK_OPTION) {
            library.remove(m.name());
            changed();
        }
    }

    private void shiftSelected(int by) {
        SavedMessage m = selected();
        if (m != null) {
            library.shift(m.name(), by);
            changed();
        }
    }

    private void select(String name) {
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isHeading() && rows.get(i).message().name().equals(name)) {
                list.setSelectedIndex(i);
                list.ensureIndexIsVisible(i);
                return;
            }
        }
    }

    private String freeName(String wanted) {
        String base = wanted == null || wanted.isBlank() ? "message" : wanted.strip();
        String name = base;
        for (int n = 2; library.find(name).isPresent(); n++) {
            name = base + " (" + n + ")";
        }
        return name;
    }

    private void popup(MouseEvent e) {
        if (!e.isPopupTrigger()) {
            return;
        }
        int i = list.locationToIndex(e.getPoint());
        if (i >= 0) {
            list.setSelectedIndex(i);
        }
        if (selected() == null) {
            return;
        }
        JPopupMenu menu = new JPopupMenu();
        menu.add(new JMenuItem(send));
        menu.add(new JMenuItem(edit));
        menu.add(new JMenuItem(action("Move up", null, () -> shiftSelected(-1))));
        menu.add(new JMenuItem(action("Move down", null, () -> shiftSelected(1))));
        menu.addSeparator();
        menu.add(new JMenuItem(delete));
        menu.show(list, e.getX(), e.getY());
    }

    private JButton moreButton() {
        JPopupMenu menu = new JPopupMenu();
        menu.add(new JMenuItem(saveComposer));
        menu.addSeparator();
        menu.add(new JMenuItem(action("Import library…", "Add the messages of a Tincan library file",
                () -> importFrom("Import library", LibraryFile::readForImport))));
        menu.add(new JMenuItem(action("Import Packet Sender…", "Add the packets of a Packet Sender export",
                () -> importFrom("Import Packet Sender packets", LibraryFile::readPacketSender))));
        menu.add(new JMenuItem(action("Export library…", "Write the library to a file", this::exportTo)));
        JButton more = new JButton("More ▾");
        more.setToolTipText("Save the message, import, export");
        more.addActionListener(e -> menu.show(more, 0, more.getHeight()));
        return more;
    }

    /** Reads a file that can be imported. */
    private interface Reader {
        LibraryFile.Import read(Path file) throws LibraryFileException;
    }

    private void importFrom(String title, Reader reader) {
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle(title);
        chooser.setFileFilter(new FileNameExtensionFilter("JSON files", "json"));
        if (chooser.showOpenDialog(SwingUtilities.getWindowAncestor(this)) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path chosen = chooser.getSelectedFile().toPath();
        Consumer<String> failed = sentence -> host.notice(sentence, true);
        store.run(() -> {
            try {
                LibraryFile.Import found = reader.read(chosen);
                SwingUtilities.invokeLater(() -> {
                    String sentence = LibraryFile.merge(library, found, chosen);
                    changed();
                    host.notice(sentence, false);
                });
            } catch (LibraryFileException e) {
                SwingUtilities.invokeLater(() -> failed.accept(e.getMessage()));
            }
        }, failed);
    }

    private void exportTo() {
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Export library");
        chooser.setFileFilter(new FileNameExtensionFilter("JSON files", "json"));
        if (chooser.showSaveDialog(SwingUtilities.getWindowAncestor(this)) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path chosen = chooser.getSelectedFile().toPath();
        Library copy = library.copy();
        Consumer<String> failed = sentence -> host.notice(sentence, true);
        store.run(() -> {
            try {
                LibraryFile.write(chosen, copy);
                String sentence = "exported " + copy.size() + (copy.size() == 1 ? " message" : " messages")
                        + " and " + copy.sequences().size() + " sequences to " + chosen + ".";
                SwingUtilities.invokeLater(() -> host.notice(sentence, false));
            } catch (LibraryFileException e) {
                SwingUtilities.invokeLater(() -> failed.accept(e.getMessage()));
            }
        }, failed);
    }

    /** A flat tool bar that does not float, for a row of buttons. */
    static JToolBar toolBar() {
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        bar.setBorder(BorderFactory.createEmptyBorder());
        return bar;
    }

    /** Runs {@code change}; {@code null} when it went through, else its sentence. */
    static String refusal(Runnable change) {
        try {
            change.run();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Color separatorColour() {
        Color c = UIManager.getColor("Component.borderColor");
        return c != null ? c : Color.GRAY;
    }

    private static Action action(String name, String tip, Runnable body) {
        Action a = new AbstractAction(name) {
            @Override
            public void actionPerformed(ActionEvent e) {
                body.run();
            }
        };
        if (tip != null) {
            a.putValue(Action.SHORT_DESCRIPTION, tip);
        }
        return a;
    }
}
