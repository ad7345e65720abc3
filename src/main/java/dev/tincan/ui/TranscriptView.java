package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;
import dev.tincan.session.TranscriptRow;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Insets;
import java.awt.LayoutManager;
import java.awt.Point;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.BoundedRangeModel;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.KeyStroke;
import javax.swing.JToolTip;
import javax.swing.ListSelectionModel;
import javax.swing.ToolTipManager;
import javax.swing.border.EmptyBorder;
import javax.swing.event.TableModelEvent;
import javax.swing.table.TableColumn;

/**
 * The transcript table with its scroll pane. It follows the newest row unless the person
 * scrolled up: new rows, rows trimmed at the top, a resize or a theme change never stop it.
 * Only a scroll that the person made decides whether it follows: a change of the scroll
 * bar's value alone, not made by this view, follows again when it ends at the bottom and
 * stops following otherwise; a change of the scroll bar's extent or maximum is layout and
 * keeps the view at the bottom while following. While the person reads older rows, rows
 * leaving at the top do not move what they read, and a button over the table says how many
 * rows arrived since ("12 new rows — jump to newest"). A line above the table says how many
 * older rows left the view, and why. Confined to the EDT.
 */
final class TranscriptView extends JPanel {
    /** The key that follows the newest row again, from the table and from the composer. */
    static final KeyStroke FOLLOW_KEY = KeyStroke.getKeyStroke(KeyEvent.VK_END, InputEvent.CTRL_DOWN_MASK);
    /** Rows the transcript shows at least before the detail pane gets any room. */
    static final int MIN_VISIBLE_ROWS = 10;
    /** Pixels from the bottom that still count as at the bottom. */
    private static final int BOTTOM_SLACK = 2;

    private final TranscriptModel model;
    private final JTable table;
    private final JScrollPane scroll;
    private final ClippedLabel trimmedNotice = new ClippedLabel();
    private final JButton jump = new JButton();
    private JComponent findBar;
    private boolean follow = true;
    private long unseen;
    private boolean scrolling;
    private int lastValue;
    private int lastExtent;
    private int lastMaximum;

    TranscriptView(TranscriptModel model) {
        super(null);
        setLayout(new Layout());
        this.model = model;
        table = new Table(model);
        table.setName("transcript");
        table.getAccessibleContext().setAccessibleName("Transcript");
        table.setDefaultRenderer(Object.class, new TranscriptCellRenderer());
        table.setDefaultRenderer(Long.class, table.getDefaultRenderer(Object.class));
        table.setDefaultRenderer(String.class, table.getDefaultRenderer(Object.class));
        table.setDefaultRenderer(TranscriptRow.Kind.class, table.getDefaultRenderer(Object.class));
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setAutoResizeMode(JTable.AUTO_RESIZE_LAST_COLUMN);
        table.setFillsViewportHeight(true);
        table.setShowHorizontalLines(false);
        table.setShowVerticalLines(false);
        table.getTableHeader().setReorderingAllowed(false);
        sizeColumns();
        // Not the look and feel's Ctrl+End, which under FlatLaf selects the last column.
        table.getInputMap(JComponent.WHEN_FOCUSED).put(FOLLOW_KEY, "tincan-follow-newest");
        table.getActionMap().put("tincan-follow-newest", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                int last = table.getRowCount() - 1;
                if (last >= 0) {
                    table.changeSelection(last, 0, false, false);
                }
                followNewest();
            }
        });

        scroll = new JScrollPane(table);
        BoundedRangeModel bar = scroll.getVerticalScrollBar().getModel();
        lastValue = bar.getValue();
        lastExtent = bar.getExtent();
        lastMaximum = bar.getMaximum();
        bar.addChangeListener(e -> scrolled(bar));
        model.addTableModelListener(this::modelChanged);

        trimmedNotice.setName("trimmedNotice");
        trimmedNotice.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        trimmedNotice.setBorder(new EmptyBorder(0, 2, 3, 0));
        trimmedNotice.setVisible(false);

        jump.setName("jumpToNewest");
        jump.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        jump.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanJump");
        jump.setFocusable(false);
        jump.setToolTipText("Scroll to the newest row and follow new rows again (Ctrl+End)");
        jump.addActionListener(e -> followNewest());
        jump.setVisible(false);

        // The first child is painted last, so the button floats over the table.
        add(jump);
        add(trimmedNotice);
        add(scroll);
    }

    @Override
    public boolean isOptimizedDrawingEnabled() {
        // Children overlap: the jump button lies over the scroll pane.
        return false;
    }

    private void sizeColumns() {
        // A narrow window takes room from the message column only: the others keep their
        // width, so a time of day is never cut.
        int time = table.getFontMetrics(table.getFont()).stringWidth("00:00:00.000") + UIScale.scale(16);
        int[] widths = {UIScale.scale(64), Math.max(UIScale.scale(96), time), UIScale.scale(28), UIScale.scale(72),
            UIScale.scale(72), UIScale.scale(56)};
        for (int i = 0; i < widths.length; i++) {
            TableColumn c = table.getColumnModel().getColumn(i);
            c.setPreferredWidth(widths[i]);
            c.setMinWidth(widths[i]);
            if (i == TranscriptModel.COL_KIND) {
                c.setMaxWidth(widths[i]);
            }
        }
        TableColumn message = table.getColumnModel().getColumn(TranscriptModel.COL_PREVIEW);
        message.setPreferredWidth(UIScale.scale(600));
        message.setMinWidth(UIScale.scale(120));
    }

    /**
     * Makes {@link #FOLLOW_KEY} in {@code c} do what it did before and then {@code follow}:
     * in the message, the caret still moves to the end.
     */
    static void bindFollowKey(JComponent c, Runnable follow) {
        Action before = null;
        for (int condition : new int[] {JComponent.WHEN_FOCUSED, JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT}) {
            Object name = c.getInputMap(condition).get(FOLLOW_KEY);
            if (name != null && before == null) {
                before = c.getActionMap().get(name);
            }
        }
        Action previous = before;
        c.getInputMap(JComponent.WHEN_FOCUSED).put(FOLLOW_KEY, "tincan-follow-newest");
        c.getActionMap().put("tincan-follow-newest", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                if (previous != null) {
                    previous.actionPerformed(e);
                }
                follow.run();
            }
        });
    }

    private void scrolled(BoundedRangeModel bar) {
        int value = bar.getValue();
        int extent = bar.getExtent();
        int maximum = bar.getMaximum();
        boolean layout = extent != lastExtent || maximum != lastMaximum;
        boolean moved = value != lastValue;
        lastValue = value;
        lastExtent = extent;
        lastMaximum = maximum;
        if (scrolling) {
            return;
        }
        if (layout) {
            if (follow) {
                scrollToBottom(bar);
            }
        } else if (moved) {
            setFollowing(atBottom(bar));
        }
    }

    /**
     * Whether the view shows the end of the rows. Measured against the rows' own height
     * rather than the scroll bar's maximum, which lags behind while the viewport lays out
     * a table that just lost rows.
     */
    private boolean atBottom(BoundedRangeModel bar) {
        int content = Math.max(table.getRowCount() * table.getRowHeight(), bar.getExtent());
        return bar.getValue() + bar.getExtent() >= Math.min(content, bar.getMaximum()) - BOTTOM_SLACK;
    }

    /** Whether every row fits in the view, so there is nothing below to jump to. */
    private boolean allRowsShow() {
        return table.getRowCount() * table.getRowHeight() <= scroll.getViewport().getExtentSize().height;
    }

    private void scrollToBottom(BoundedRangeModel bar) {
        scrolling = true;
        try {
            bar.setValue(bar.getMaximum() - bar.getExtent());
        } finally {
            scrolling = false;
        }
    }

    private void setFollowing(boolean following) {
        if (following == follow) {
            return;
        }
        follow = following;
        if (following) {
            unseen = 0;
        }
        updateJump();
    }

    private void modelChanged(TableModelEvent e) {
        if (e.getType() == TableModelEvent.DELETE && e.getFirstRow() == 0 && !follow) {
            Point p = scroll.getViewport().getViewPosition();
            int shift = shownRows(e.getFirstRow(), e.getLastRow()) * table.getRowHeight();
            scrolling = true;
            try {
                scroll.getViewport().setViewPosition(new Point(p.x, Math.max(0, p.y - shift)));
            } finally {
                scrolling = false;
            }
        } else if (e.getType() == TableModelEvent.INSERT && !follow) {
            unseen += e.getLastRow() - e.getFirstRow() + 1;
            updateJump();
        } else if (e.getType() == TableModelEvent.UPDATE && e.getLastRow() == Integer.MAX_VALUE) {
            // Cleared: nothing is left to read above, so follow what comes next.
            setFollowing(true);
        }
        updateNotice();
    }

    /**
     * How many of the model's rows {@code first} to {@code last} the table shows: all of them
     * unless a filter hides some. Asked before the table hears of a change, so it still maps them.
     */
    private int shownRows(int first, int last) {
        if (table.getRowSorter() == null) {
            return last - first + 1;
        }
        int shown = 0;
        for (int i = first; i <= last; i++) {
            if (table.convertRowIndexToView(i) >= 0) {
                shown++;
            }
        }
        return shown;
    }

    private void updateNotice() {
        String notice = model.trimNotice();
        trimmedNotice.setText(notice == null ? "" : notice);
        if (trimmedNotice.isVisible() != (notice != null)) {
            trimmedNotice.setVisible(notice != null);
            revalidate();
        }
    }

    private void updateJump() {
        if (follow || (unseen == 0 && allRowsShow())) {
            if (jump.isVisible()) {
                jump.setVisible(false);
                repaint();
            }
            return;
        }
        jump.setText(unseen > 0 ? "↓ " + Formats.count(unseen, "new row", "new rows") + " — jump to newest"
                : "↓ jump to newest");
        jump.setVisible(true);
        revalidate();
        repaint();
    }

    /** Calls {@code listener} with the selected row, or {@code null} when none is selected. */
    void onSelection(Consumer<TranscriptRow> listener) {
        table.getSelectionModel().addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting()) {
                int i = table.getSelectedRow();
                listener.accept(i < 0 ? null : model.row(table.convertRowIndexToModel(i)));
            }
        });
    }

    /** Whether the view follows the newest row. */
    boolean isFollowing() {
        return follow;
    }

    /** Rows that arrived since the person scrolled up; 0 while following. */
    long unseenRows() {
        return unseen;
    }

    /** Follows the newest row again, as after Ctrl+End or the jump button. */
    void followNewest() {
        setFollowing(true);
        scrollToBottom(scroll.getVerticalScrollBar().getModel());
    }

    /** The text of the notice about rows that left the view, or {@code null} when hidden. */
    String trimmedNotice() {
        return trimmedNotice.isVisible() ? trimmedNotice.getText() : null;
    }

    /** The jump button's text, or {@code null} when hidden. */
    String jumpText() {
        return jump.isVisible() ? jump.getText() : null;
    }

    JButton jumpButton() {
        return jump;
    }

    JTable table() {
        return table;
    }

    JScrollPane scrollPane() {
        return scroll;
    }

    /** Puts {@code bar} above the transcript, where it takes room only while visible. */
    void setFindBar(JComponent bar) {
        findBar = bar;
        add(bar);
        revalidate();
    }

    private int findBarHeight() {
        return findBar != null && findBar.isVisible() ? findBar.getPreferredSize().height : 0;
    }

    /**
     * Selects the row at model index {@code modelIndex} and scrolls it into view; the view
     * stops following the newest row, so the row stays in view as rows arrive. Does nothing
     * when the row is not shown (filtered out).
     */
    void showRow(int modelIndex) {
        int v = table.convertRowIndexToView(modelIndex);
        if (v < 0) {
            return;
        }
        setFollowing(false);
        table.changeSelection(v, 0, false, false);
        selectionShown();
    }

    /** Scrolls the selected row into view, or to the newest row while following, after the rows shown changed. */
    void selectionShown() {
        int v = table.getSelectedRow();
        if (v >= 0 && !follow) {
            scrolling = true;
            try {
                table.scrollRectToVisible(table.getCellRect(v, 0, true));
            } finally {
                scrolling = false;
            }
        } else if (follow) {
            scrollToBottom(scroll.getVerticalScrollBar().getModel());
        }
    }

    /** Height of the header and {@link #MIN_VISIBLE_ROWS} rows, with the notice line and borders. */
    @Override
    public Dimension getMinimumSize() {
        if (isMinimumSizeSet()) {
            return super.getMinimumSize();
        }
        Insets scrollInsets = scroll.getInsets();
        int header = table.getTableHeader().getPreferredSize().height;
        int notice = trimmedNotice.isVisible() ? trimmedNotice.getPreferredSize().height : 0;
        int height = findBarHeight() + notice + scrollInsets.top + scrollInsets.bottom + header
                + MIN_VISIBLE_ROWS * table.getRowHeight();
        return new Dimension(UIScale.scale(200), height);
    }

    /** The table, with the whole text of a cut cell as its tooltip, never rendered as HTML. */
    private static final class Table extends JTable {
        Table(TranscriptModel model) {
            super(model);
            ToolTipManager.sharedInstance().registerComponent(this);
        }

        @Override
        public String getToolTipText(MouseEvent e) {
            int row = rowAtPoint(e.getPoint());
            int column = columnAtPoint(e.getPoint());
            if (row < 0 || column < 0) {
                return null;
            }
            Component c = prepareRenderer(getCellRenderer(row, column), row, column);
            if (!(c instanceof JLabel label) || label.getText() == null) {
                return null;
            }
            Insets in = label.getInsets();
            int room = getCellRect(row, column, false).width - in.left - in.right;
            int needed = label.getFontMetrics(label.getFont()).stringWidth(label.getText());
            return needed > room ? label.getText() : null;
        }

        @Override
        public JToolTip createToolTip() {
            JToolTip tip = super.createToolTip();
            tip.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
            return tip;
        }
    }

    /** The notice on top, the scroll pane below it, the jump button floating over its bottom. */
    private final class Layout implements LayoutManager {
        @Override
        public void addLayoutComponent(String name, Component comp) {
            // children are known fields
        }

        @Override
        public void removeLayoutComponent(Component comp) {
            // children are known fields
        }

        @Override
        public Dimension preferredLayoutSize(Container parent) {
            Dimension s = scroll.getPreferredSize();
            int notice = trimmedNotice.isVisible() ? trimmedNotice.getPreferredSize().height : 0;
            return new Dimension(s.width, s.height + notice + findBarHeight());
        }

        @Override
        public Dimension minimumLayoutSize(Container parent) {
            return getMinimumSize();
        }

        @Override
        public void layoutContainer(Container parent) {
            int w = parent.getWidth();
            int find = findBarHeight();
            if (findBar != null) {
                findBar.setBounds(0, 0, w, find);
            }
            int h = parent.getHeight() - find;
            int notice = trimmedNotice.isVisible() ? trimmedNotice.getPreferredSize().height : 0;
            trimmedNotice.setBounds(0, find, w, notice);
            scroll.setBounds(0, find + notice, w, Math.max(0, h - notice));
            Dimension j = jump.getPreferredSize();
            int bottomGap = UIScale.scale(10) + (scroll.getHorizontalScrollBar().isVisible()
                    ? scroll.getHorizontalScrollBar().getHeight() : 0);
            int jw = Math.min(j.width, Math.max(0, w - UIScale.scale(24)));
            jump.setBounds((w - jw) / 2, find + Math.max(notice, h - bottomGap - j.height), jw, j.height);
        }
    }
}
