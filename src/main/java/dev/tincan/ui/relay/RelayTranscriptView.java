package dev.tincan.ui.relay;

import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.LayoutManager;
import java.awt.Point;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import javax.swing.AbstractAction;
import javax.swing.BoundedRangeModel;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.border.EmptyBorder;
import javax.swing.event.TableModelEvent;
import javax.swing.table.TableColumn;

/**
 * A relay's transcript table in its scroll pane. Like a client's transcript it follows the
 * newest row unless the person scrolled up: only a change of the scroll bar's value that this
 * view did not make decides (at the bottom: follow; above it: stop), while new rows, rows
 * trimmed at the top and a resize keep a following view at the bottom. While the person reads
 * older rows, rows leaving at the top do not move what they read, and a button over the
 * table says how many arrived since ("12 new rows — jump to newest", or Ctrl+End). A line
 * above the table says how many older rows left the view. Confined to the EDT.
 */
final class RelayTranscriptView extends JPanel {
    /** The key that follows the newest row again. */
    static final KeyStroke FOLLOW_KEY = KeyStroke.getKeyStroke(KeyEvent.VK_END, InputEvent.CTRL_DOWN_MASK);
    private static final int BOTTOM_SLACK = 2;

    private final RelayTranscript model;
    private final JTable table;
    private final JScrollPane scroll;
    private final JLabel trimmedNotice = new JLabel();
    private final JButton jump = new JButton();
    private boolean follow = true;
    private long unseen;
    private boolean scrolling;
    private int lastValue;
    private int lastExtent;
    private int lastMaximum;
    private long paints;

    RelayTranscriptView(RelayTranscript model) {
        super(null);
        this.model = model;
        setLayout(new Layout());
        table = new JTable(model) {
            @Override
            protected void paintComponent(Graphics g) {
                super.paintComponent(g);
                paints++;
            }

            @Override
            public String getToolTipText(MouseEvent e) {
                int row = rowAtPoint(e.getPoint());
                int column = columnAtPoint(e.getPoint());
                if (row < 0 || column < 0) {
                    return null;
                }
                return RelayCellRenderer.tooltip(model.row(convertRowIndexToModel(row)),
                        convertColumnIndexToModel(column));
            }
        };
        table.setName("relayTranscript");
        table.getAccessibleContext().setAccessibleName("Relay transcript");
        RelayCellRenderer renderer = new RelayCellRenderer();
        table.setDefaultRenderer(Object.class, renderer);
        table.setDefaultRenderer(String.class, renderer);
        table.setDefaultRenderer(Long.class, renderer);
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.setAutoResizeMode(JTable.AUTO_RESIZE_LAST_COLUMN);
        table.setFillsViewportHeight(true);
        table.setShowHorizontalLines(false);
        table.setShowVerticalLines(false);
        table.getTableHeader().setReorderingAllowed(false);
        sizeColumns();
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

        trimmedNotice.setName("relayTrimmedNotice");
        trimmedNotice.putClientProperty(RelayCellRenderer.HTML_DISABLE, Boolean.TRUE);
        trimmedNotice.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        trimmedNotice.setBorder(new EmptyBorder(0, 2, 3, 0));
        trimmedNotice.setVisible(false);

        jump.setName("relayJumpToNewest");
        jump.putClientProperty(RelayCellRenderer.HTML_DISABLE, Boolean.TRUE);
        jump.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanJump");
        jump.setFocusable(false);
        jump.setToolTipText("Scroll to the newest row and follow new rows again (Ctrl+End)");
        jump.addActionListener(e -> followNewest());
        jump.setVisible(false);

        add(jump);
        add(trimmedNotice);
        add(scroll);
    }

    @Override
    public boolean isOptimizedDrawingEnabled() {
        return false;
    }

    private void sizeColumns() {
        int time = table.getFontMetrics(table.getFont()).stringWidth("00:00:00.000") + UIScale.scale(16);
        int gap = table.getFontMetrics(table.getFont()).stringWidth("+999.9 ms") + UIScale.scale(12);
        int fate = table.getFontMetrics(table.getFont()).stringWidth("rule: rewritten") + UIScale.scale(12);
        int[] widths = {UIScale.scale(56), time, gap, UIScale.scale(44), UIScale.scale(26), UIScale.scale(64), fate};
        for (int i = 0; i < widths.length; i++) {
            TableColumn c = table.getColumnModel().getColumn(i);
            c.setPreferredWidth(widths[i]);
            // A narrow window takes room from the payload only: a time or a fate is never cut.
            c.setMinWidth(widths[i]);
            if (i == RelayTranscript.COL_DIRECTION) {
                c.setMaxWidth(widths[i]);
            }
        }
        TableColumn payload = table.getColumnModel().getColumn(RelayTranscript.COL_PAYLOAD);
        payload.setPreferredWidth(UIScale.scale(600));
        payload.setMinWidth(UIScale.scale(120));
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

    private boolean atBottom(BoundedRangeModel bar) {
        int content = Math.max(table.getRowCount() * table.getRowHeight(), bar.getExtent());
        return bar.getValue() + bar.getExtent() >= Math.min(content, bar.getMaximum()) - BOTTOM_SLACK;
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
            int shift = (e.getLastRow() - e.getFirstRow() + 1) * table.getRowHeight();
            scrolling = true;
            try {
                scroll.getViewport().setViewPosition(new Point(p.x, Math.max(0, p.y - shift)));
            } finally {
                scrolling = false;
            }
        } else if (e.getType() == TableModelEvent.INSERT && !follow) {
            unseen += e.getLastRow() - e.getFirstRow() + 1;
            updateJump();
        }
        String notice = model.trimNotice();
        if (notice != null && !notice.equals(trimmedNotice.getText())) {
            trimmedNotice.setText(notice);
            if (!trimmedNotice.isVisible()) {
                trimmedNotice.setVisible(true);
                revalidate();
            }
        }
    }

    private void updateJump() {
        boolean allShow = table.getRowCount() * table.getRowHeight() <= scroll.getViewport().getExtentSize().height;
        if (follow || (unseen == 0 && allShow)) {
            if (jump.isVisible()) {
                jump.setVisible(false);
                repaint();
            }
            return;
        }
        jump.setText(unseen > 0 ? "↓ " + dev.tincan.ui.Formats.count(unseen, "new row", "new rows")
                + " — jump to newest" : "↓ jump to newest");
        jump.setVisible(true);
        revalidate();
        repaint();
    }

    /** How many times the table was painted. */
    long paints() {
        return paints;
    }

    /** Whether the view follows the newest row. */
    boolean isFollowing() {
        return follow;
    }

    /** Follows the newest row again, as after Ctrl+End or the jump button. */
    void followNewest() {
        setFollowing(true);
        scrollToBottom(scroll.getVerticalScrollBar().getModel());
    }

    /** Selects the row at {@code index} and scrolls it into view; the view stops following. */
    void showRow(int index) {
        setFollowing(false);
        table.changeSelection(index, 0, false, false);
        scrolling = true;
        try {
            table.scrollRectToVisible(table.getCellRect(index, 0, true));
        } finally {
            scrolling = false;
        }
    }

    /** The jump button's text, or null when hidden. */
    String jumpText() {
        return jump.isVisible() ? jump.getText() : null;
    }

    /** The text of the notice about rows that left the view, or null when hidden. */
    String trimmedNotice() {
        return trimmedNotice.isVisible() ? trimmedNotice.getText() : null;
    }

    JTable table() {
        return table;
    }

    JScrollPane scrollPane() {
        return scroll;
    }

    @Override
    public Dimension getMinimumSize() {
        if (isMinimumSizeSet()) {
            return super.getMinimumSize();
        }
        int header = table.getTableHeader().getPreferredSize().height;
        return new Dimension(UIScale.scale(200), header + 4 * table.getRowHeight() + UIScale.scale(4));
    }

    /** The notice on top, the scroll pane below, the jump button floating over its bottom. */
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
            return new Dimension(s.width, s.height + notice);
        }

        @Override
        public Dimension minimumLayoutSize(Container parent) {
            return getMinimumSize();
        }

        @Override
        public void layoutContainer(Container parent) {
            int w = parent.getWidth();
            int h = parent.getHeight();
            int notice = trimmedNotice.isVisible() ? trimmedNotice.getPreferredSize().height : 0;
            trimmedNotice.setBounds(0, 0, w, notice);
            scroll.setBounds(0, notice, w, Math.max(0, h - notice));
            Dimension j = jump.getPreferredSize();
            int bottomGap = UIScale.scale(10) + (scroll.getHorizontalScrollBar().isVisible()
                    ? scroll.getHorizontalScrollBar().getHeight() : 0);
            int jw = Math.min(j.width, Math.max(0, w - UIScale.scale(24)));
            jump.setBounds((w - jw) / 2, Math.max(notice, h - bottomGap - j.height), jw, j.height);
        }
    }
}
