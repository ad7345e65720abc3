package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;
import java.awt.BorderLayout;
import java.awt.Point;
import java.util.function.Consumer;
import javax.swing.BoundedRangeModel;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.border.EmptyBorder;
import javax.swing.event.TableModelEvent;
import javax.swing.table.TableColumn;

/**
 * The transcript table with its scroll pane. It follows the newest row unless the person
 * has scrolled away from the bottom; while they read older rows, rows leaving at the top
 * do not move what they are reading. A line above the table says how many older rows left
 * the view. Confined to the EDT.
 */
final class TranscriptView extends JPanel {
    private final TranscriptModel model;
    private final JTable table;
    private final JScrollPane scroll;
    private final JLabel trimmedNotice = new JLabel();
    private boolean follow = true;
    private boolean scrolling;
    private int lastMaximum;

    TranscriptView(TranscriptModel model) {
        super(new BorderLayout());
        this.model = model;
        table = new JTable(model);
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

        scroll = new JScrollPane(table);
        BoundedRangeModel bar = scroll.getVerticalScrollBar().getModel();
        lastMaximum = bar.getMaximum();
        bar.addChangeListener(e -> scrolled(bar));
        model.addTableModelListener(this::modelChanged);

        trimmedNotice.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        trimmedNotice.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        trimmedNotice.setBorder(new EmptyBorder(0, 2, 3, 0));
        trimmedNotice.setVisible(false);
        add(trimmedNotice, BorderLayout.NORTH);
        add(scroll, BorderLayout.CENTER);
    }

    private void sizeColumns() {
        int[] widths = {64, 96, 28, 72, 72, 64};
        for (int i = 0; i < widths.length; i++) {
            TableColumn c = table.getColumnModel().getColumn(i);
            c.setPreferredWidth(UIScale.scale(widths[i]));
            c.setMinWidth(UIScale.scale(Math.min(widths[i], 28)));
            if (i == TranscriptModel.COL_KIND) {
                c.setMaxWidth(UIScale.scale(widths[i]));
            }
        }
        table.getColumnModel().getColumn(TranscriptModel.COL_PREVIEW).setPreferredWidth(UIScale.scale(600));
    }

    private void scrolled(BoundedRangeModel bar) {
        if (scrolling) {
            return;
        }
        if (bar.getMaximum() != lastMaximum) {
            lastMaximum = bar.getMaximum();
            if (follow) {
                scrollToBottom(bar);
            }
            return;
        }
        follow = atBottom(bar);
    }

    private boolean atBottom(BoundedRangeModel bar) {
        return bar.getValue() + bar.getExtent() >= bar.getMaximum() - table.getRowHeight() / 2;
    }

    private void scrollToBottom(BoundedRangeModel bar) {
        scrolling = true;
        try {
            bar.setValue(bar.getMaximum() - bar.getExtent());
        } finally {
            scrolling = false;
        }
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
        }
        updateNotice();
    }

    private void updateNotice() {
        long trimmed = model.trimmedRows();
        if (trimmed == 0) {
            trimmedNotice.setVisible(false);
            return;
        }
        trimmedNotice.setText(Formats.count(trimmed) + " older rows left the view: it keeps the newest "
                + Formats.count(model.maxRows()) + " rows (View ▸ Rows to keep…).");
        trimmedNotice.setVisible(true);
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

    /** Follows the newest row again, as after pressing End. */
    void followNewest() {
        follow = true;
        scrollToBottom(scroll.getVerticalScrollBar().getModel());
    }

    /** The text of the notice about rows that left the view, or {@code null} when hidden. */
    String trimmedNotice() {
        return trimmedNotice.isVisible() ? trimmedNotice.getText() : null;
    }

    JTable table() {
        return table;
    }
}
