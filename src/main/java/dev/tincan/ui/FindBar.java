package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.icons.FlatSearchIcon;
import com.formdev.flatlaf.util.UIScale;
import dev.tincan.codec.Bytes;
import dev.tincan.session.SearchQuery;
import dev.tincan.session.SearchableRows;
import dev.tincan.session.TranscriptRow;
import dev.tincan.session.TranscriptSearch;
import java.awt.Dimension;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import javax.swing.AbstractAction;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTable;
import javax.swing.JTextField;
import javax.swing.JToggleButton;
import javax.swing.JToolBar;
import javax.swing.KeyStroke;
import javax.swing.SwingConstants;
import javax.swing.Timer;
import javax.swing.border.EmptyBorder;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The slim bar above the transcript that finds frames: a query read as text, hex or a
 * pattern, the direction, Match case, "3 of 120", previous and next, and "Only matching
 * rows". Ctrl+F opens it (through the window's View ▸ Find…), Esc closes it; Enter and F3
 * go to the next match, Shift+Enter and Shift+F3 to the previous, wrapping around. A match
 * gone to is selected and scrolled into view, and the transcript stops following the
 * newest row until the person follows it again.
 *
 * <p>The search runs on the event thread in slices of at most {@link #SLICE_NANOS}, one per
 * timer tick, so paints and keys get in between; it goes on into rows that arrive while the
 * bar is open. "Only matching rows" puts a {@link MatchSorter} on the table, which shows
 * the search's matches as they are found, and takes it off again when unticked or when the
 * bar closes, so an unfiltered transcript pays nothing for it. Confined to the EDT.
 */
final class FindBar extends JPanel {
    /** The longest slice of searching the bar runs in one go. */
    static final long SLICE_NANOS = 8_000_000;
    static final KeyStroke FIND_KEY = KeyStroke.getKeyStroke(KeyEvent.VK_F, InputEvent.CTRL_DOWN_MASK);
    private static final String[] MODES = {"Text", "Hex", "Regex"};
    private static final String[] DIRECTIONS = {"Both ways", "Sent", "Received"};

    private final TranscriptView view;
    private final TranscriptModel model;
    private final TranscriptSearch search;
    private final JTextField query = new JTextField(14);
    private final JToggleButton matchCase = new JToggleButton("Aa");
    private final JComboBox<String> mode = new JComboBox<>(MODES);
    private final JComboBox<String> direction = new JComboBox<>(DIRECTIONS);
    private final JLabel count = new CountLabel();
    private final ClippedLabel problemLine = new ClippedLabel();
    private final JButton previous = new JButton("↑");
    private final JButton next = new JButton("↓");
    private final JButton close = new JButton("✕");
    private final JCheckBox onlyMatching = new JCheckBox("Only matching rows");
    private final Timer timer;
    private String problem;
    private MatchSorter sorter;
    private boolean restarted;
    /** The row selected before the search started over, to select again in a filtered table. */
    private long reselect = -1;

    private FindBar(TranscriptView view, TranscriptModel model) {
        super(new GridBagLayout());
        this.view = view;
        this.model = model;
        this.search = new TranscriptSearch(rowsOf(model));
        timer = new Timer(0, e -> tick());
        timer.setCoalesce(true);
        setName("findBar");
        setBorder(new EmptyBorder(0, 0, UIScale.scale(6), 0));
        build();
        bindKeys();
        model.addTableModelListener(e -> {
            if (isVisible()) {
                timer.start();
            }
        });
        view.table().getSelectionModel().addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting() && isVisible()) {
                showCount();
            }
        });
        setVisible(false);
    }

    /** Makes a find bar for {@code view}, which shows {@code model}, and puts it above the transcript, hidden. */
    static FindBar attach(TranscriptView view, TranscriptModel model) {
        FindBar bar = new FindBar(view, model);
        view.setFindBar(bar);
        return bar;
    }

    /** The transcript's rows as the search reads them, by running number. */
    static SearchableRows rowsOf(TranscriptModel model) {
        return new SearchableRows() {
            @Override
            public long firstSeq() {
                return model.firstSeq();
            }

            @Override
            public long nextSeq() {
                return model.nextSeq();
            }

            @Override
            public Bytes payload(long seq) {
                return model.row((int) (seq - model.firstSeq())).payload();
            }

            @Override
            public boolean isSent(long seq) {
                return model.row((int) (seq - model.firstSeq())).kind() == TranscriptRow.Kind.SENT;
            }
        };
    }

    private void build() {
        query.setName("findQuery");
        query.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "Find in the transcript");
        query.putClientProperty(FlatClientProperties.TEXT_FIELD_LEADING_ICON, new FlatSearchIcon());
        query.putClientProperty(FlatClientProperties.TEXT_FIELD_SHOW_CLEAR_BUTTON, Boolean.TRUE);
        matchCase.setName("findMatchCase");
        matchCase.setToolTipText("Match case");
        matchCase.setFocusable(false);
        JToolBar inField = new JToolBar();
        inField.setFloatable(false);
        inField.setBorder(null);
        inField.setOpaque(false);
        inField.add(matchCase);
        query.putClientProperty(FlatClientProperties.TEXT_FIELD_TRAILING_COMPONENT, inField);
        query.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                restart();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                restart();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                restart();
            }
        });
        mode.setName("findMode");
        mode.setToolTipText("Text and Regex look at the frame as shown, non-printable bytes escaped; Hex at its bytes");
        direction.setName("findDirection");
        direction.setToolTipText("Which frames to look at");
        mode.addActionListener(e -> restart());
        direction.addActionListener(e -> restart());
        matchCase.addActionListener(e -> restart());
        count.setName("findCount");
        count.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        count.setHorizontalAlignment(SwingConstants.CENTER);
        problemLine.setName("findProblem");
        problemLine.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        problemLine.setVisible(false);
        previous.setName("findPrevious");
        previous.setToolTipText("Previous match (Shift+Enter, Shift+F3)");
        previous.addActionListener(e -> go(false));
        next.setName("findNext");
        next.setToolTipText("Next match (Enter, F3)");
        next.addActionListener(e -> go(true));
        close.setName("findClose");
        close.setToolTipText("Close (Esc)");
        close.addActionListener(e -> close());
        for (JButton b : new JButton[] {previous, next, close}) {
            b.putClientProperty(FlatClientProperties.BUTTON_TYPE, FlatClientProperties.BUTTON_TYPE_TOOLBAR_BUTTON);
            b.setFocusable(false);
        }
        onlyMatching.setName("findOnlyMatching");
        onlyMatching.setMnemonic(KeyEvent.VK_W);
        onlyMatching.setToolTipText("Hide every row that does not match (Alt+W)");
        onlyMatching.addActionListener(e -> setFiltering(onlyMatching.isSelected()));

        int gap = UIScale.scale(6);
        add(query, at(0, 1.0, 0));
        add(mode, at(1, 0, gap));
        add(direction, at(2, 0, gap));
        add(count, at(3, 0, gap));
        add(previous, at(4, 0, gap / 2));
        add(next, at(5, 0, 0));
        add(onlyMatching, at(6, 0, gap));
        add(close, at(7, 0, gap / 2));
        GridBagConstraints line = at(0, 1.0, 0);
        line.gridy = 1;
        line.gridwidth = 8;
        line.insets = new Insets(UIScale.scale(3), UIScale.scale(2), 0, 0);
        add(problemLine, line);
    }

    private static GridBagConstraints at(int x, double weight, int left) {
        GridBagConstraints c = new GridBagConstraints();
        c.gridx = x;
        c.gridy = 0;
        c.weightx = weight;
        c.fill = weight > 0 ? GridBagConstraints.HORIZONTAL : GridBagConstraints.NONE;
        c.insets = new Insets(0, left, 0, 0);
        return c;
    }

    private void bindKeys() {
        bind(this, JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT, KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
                "tincan-find-close", this::close);
        bind(query, JComponent.WHEN_FOCUSED, KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "tincan-find-next",
                () -> go(true));
        bind(query, JComponent.WHEN_FOCUSED, KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, InputEvent.SHIFT_DOWN_MASK),
                "tincan-find-previous", () -> go(false));
        bind(this, JComponent.WHEN_IN_FOCUSED_WINDOW, KeyStroke.getKeyStroke(KeyEvent.VK_F3, 0), "tincan-find-next",
                () -> go(true));
        bind(this, JComponent.WHEN_IN_FOCUSED_WINDOW, KeyStroke.getKeyStroke(KeyEvent.VK_F3,
                InputEvent.SHIFT_DOWN_MASK), "tincan-find-previous", () -> go(false));
    }

    private static void bind(JComponent c, int condition, KeyStroke key, String name, Runnable run) {
        c.getInputMap(condition).put(key, name);
        c.getActionMap().put(name, new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                run.run();
            }
        });
    }

    /** Shows the bar, or brings the caret back to it, with the query selected to type over. */
    void open() {
        if (!isVisible()) {
            setVisible(true);
            view.revalidate();
            restart();
        }
        query.selectAll();
        query.requestFocusInWindow();
    }

    /** Hides the bar, shows every row again, and gives the keys back to the transcript. */
    void close() {
        if (!isVisible()) {
            return;
        }
        onlyMatching.setSelected(false);
        setFiltering(false);
        timer.stop();
        search.clearQuery();
        setVisible(false);
        view.revalidate();
        view.table().requestFocusInWindow();
    }

    private void restart() {
        if (!isVisible()) {
            return;
        }
        // Asked before the search forgets its matches: a filtered table maps its rows onto them.
        reselect = sorter != null ? selectedSeq() : -1;
        SearchQuery.Mode m = SearchQuery.Mode.values()[mode.getSelectedIndex()];
        SearchQuery.Direction d = SearchQuery.Direction.values()[direction.getSelectedIndex()];
        problem = search.setQuery(new SearchQuery(m, query.getText(), matchCase.isSelected(), d));
        query.putClientProperty(FlatClientProperties.OUTLINE, problem == null ? null : FlatClientProperties.OUTLINE_ERROR);
        restarted = true;
        timer.restart();
        tick();
    }

    /** Runs one slice of searching and shows what it found; the timer calls it, and so may a benchmark. */
    void tick() {
        boolean done = search.step(SLICE_NANOS);
        if (sorter != null) {
            sorter.searched(restarted);
            if (restarted) {
                reselect(reselect);
            }
        }
        restarted = false;
        if (done) {
            timer.stop();
        }
        showCount();
    }

    private void showCount() {
        count.setText(countText());
        problemLine.setText(problem == null ? "" : problem);
        if (problemLine.isVisible() != (problem != null)) {
            problemLine.setVisible(problem != null);
            view.revalidate();
        }
    }

    /** What the count says: "3 of 120", "120 matches", "no matches", or nothing when there is nothing to find. */
    String countText() {
        if (!search.isActive()) {
            return "";
        }
        int n = search.count();
        if (n == 0) {
            return search.isCaughtUp() ? "no matches" : "searching…";
        }
        String total = (search.isAtLeast() ? "at least " : "") + Formats.count(n);
        long selected = selectedSeq();
        int at = selected < 0 ? 0 : search.ordinal(selected);
        if (at > 0) {
            return Formats.count(at) + " of " + total;
        }
        return total + (n == 1 && !search.isAtLeast() ? " match" : " matches");
    }

    private long selectedSeq() {
        JTable table = view.table();
        int row = table.getSelectedRow();
        return row < 0 ? -1 : model.seq(table.convertRowIndexToModel(row));
    }

    /** Selects the next (or previous) match after the selected row, wrapping around, and shows it. */
    void go(boolean forward) {
        if (!isVisible()) {
            open();
            return;
        }
        long from = selectedSeq();
        long seq = forward ? search.next(from < 0 ? 0 : from) : search.previous(from < 0 ? Long.MAX_VALUE : from);
        if (seq >= 0) {
            view.showRow((int) (seq - model.firstSeq()));
        }
        showCount();
    }

    private void setFiltering(boolean on) {
        if (on == (sorter != null)) {
            return;
        }
        long selected = selectedSeq();
        sorter = on ? new MatchSorter(model, search) : null;
        view.table().setRowSorter(sorter);
        reselect(selected);
    }

    /** Selects row {@code seq} again if it is held and shown, and scrolls it (or the newest row) into view. */
    private void reselect(long seq) {
        int index = (int) (seq - model.firstSeq());
        if (seq >= 0 && index >= 0 && index < model.getRowCount() && view.table().convertRowIndexToView(index) >= 0) {
            view.showRow(index);
        } else {
            view.selectionShown();
        }
    }

    JTextField queryField() {
        return query;
    }

    JCheckBox onlyMatchingBox() {
        return onlyMatching;
    }

    JComboBox<String> modeBox() {
        return mode;
    }

    TranscriptSearch search() {
        return search;
    }

    /** A label as wide as "88,888 of 88,888" whatever it says, so the bar does not shift as the count changes. */
    private static final class CountLabel extends JLabel {
        CountLabel() {
            putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        }

        @Override
        public Dimension getPreferredSize() {
            Dimension d = super.getPreferredSize();
            Insets in = getInsets();
            d.width = getFontMetrics(getFont()).stringWidth("88,888 of 88,888") + in.left + in.right;
            return d;
        }

        @Override
        public Dimension getMinimumSize() {
            return getPreferredSize();
        }
    }
}
