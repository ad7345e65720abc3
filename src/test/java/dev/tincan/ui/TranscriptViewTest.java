package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLightLaf;
import dev.tincan.codec.Bytes;
import dev.tincan.session.TranscriptRow;
import java.awt.Component;
import java.awt.Container;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.List;
import javax.swing.BoundedRangeModel;
import javax.swing.JTable;
import javax.swing.LookAndFeel;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import org.junit.jupiter.api.Test;

/**
 * The transcript follows the newest row through everything but a person scrolling up: laid
 * out and scrolled for real, on the EDT, without a window (so without a display).
 */
class TranscriptViewTest {
    private long nanos;

    private List<TranscriptRow> frames(int n, int size) {
        List<TranscriptRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(TranscriptRow.received(Bytes.adopt(new byte[size]), ++nanos));
        }
        return rows;
    }

    private static TranscriptView view(TranscriptModel model, int width, int height) {
        TranscriptView view = new TranscriptView(model);
        view.setSize(width, height);
        layOut(view);
        return view;
    }

    /**
     * Lays out the tree as validation does after a tick, top down; without a window there is
     * no peer, so {@code validate()} would do nothing.
     */
    static void layOut(Container c) {
        c.doLayout();
        for (Component child : c.getComponents()) {
            if (child instanceof Container k) {
                layOut(k);
            }
        }
    }

    private static boolean showsNewestRow(TranscriptView view) {
        JTable table = view.table();
        Rectangle seen = view.scrollPane().getViewport().getViewRect();
        Rectangle last = table.getCellRect(table.getRowCount() - 1, 0, true);
        return seen.y + seen.height >= last.y + last.height;
    }

    private static String firstSeqShown(TranscriptView view) {
        JTable table = view.table();
        int row = table.rowAtPoint(view.scrollPane().getViewport().getViewPosition());
        return "#" + table.getModel().getValueAt(row, TranscriptModel.COL_SEQ);
    }

    private static void onEdt(Runnable test) throws Exception {
        SwingUtilities.invokeAndWait(test);
    }

    @Test
    void keepsFollowingOnceTheRowCapTrimsEveryBatch() throws Exception {
        onEdt(() -> {
            TranscriptModel model = new TranscriptModel(new WallClock(0, 0), 200, Long.MAX_VALUE);
            TranscriptView view = view(model, 600, 300);
            for (int tick = 0; tick < 40; tick++) {
                model.append(frames(37, 8));
                layOut(view);
                assertThat(showsNewestRow(view)).as("newest row in view after tick %d", tick).isTrue();
            }
            assertThat(model.trimmedRows()).isEqualTo(40 * 37 - 200);
            assertThat(view.isFollowing()).isTrue();
            assertThat(view.jumpText()).isNull();
        });
    }

    @Test
    void keepsFollowingWhenTheByteBudgetLeavesFewerRowsThanBefore() throws Exception {
        onEdt(() -> {
            TranscriptModel model = new TranscriptModel(new WallClock(0, 0), 100_000, 64 * 1024);
            TranscriptView view = view(model, 600, 300);
            model.append(frames(400, 16));
            layOut(view);
            for (int tick = 0; tick < 30; tick++) {
                // Each batch of big frames pushes out more rows than it brings.
                model.append(frames(3, 8 * 1024));
                layOut(view);
                assertThat(showsNewestRow(view)).as("newest row #%s in view after tick %d, view starts at %s",
                        model.firstSeq() + model.getRowCount() - 1, tick, firstSeqShown(view)).isTrue();
            }
            assertThat(model.getRowCount()).isEqualTo(8);
            assertThat(view.isFollowing()).isTrue();
        });
    }

    @Test
    void keepsFollowingWhenTheWindowShrinksAndGrowsAgain() throws Exception {
        onEdt(() -> {
            TranscriptModel model = new TranscriptModel(new WallClock(0, 0), 1000, Long.MAX_VALUE);
            TranscriptView view = view(model, 600, 400);
            model.append(frames(300, 8));
            layOut(view);
            for (int height : new int[] {150, 90, 500, 220, 700}) {
                view.setSize(600, height);
                layOut(view);
                assertThat(showsNewestRow(view)).as("newest row in view at height %d", height).isTrue();
                model.append(frames(5, 8));
                layOut(view);
                assertThat(showsNewestRow(view)).as("newest row in view after rows at height %d", height).isTrue();
            }
            assertThat(view.isFollowing()).isTrue();
        });
    }

    @Test
    void keepsFollowingAcrossAThemeChange() throws Exception {
        LookAndFeel before = UIManager.getLookAndFeel();
        try {
            onEdt(() -> {
                install(new FlatLightLaf());
                TranscriptModel model = new TranscriptModel(new WallClock(0, 0), 1000, Long.MAX_VALUE);
                TranscriptView view = view(model, 600, 300);
                model.append(frames(200, 8));
                layOut(view);
                install(new FlatDarkLaf());
                UIManager.put("Table.rowHeight", 31);
                SwingUtilities.updateComponentTreeUI(view);
                layOut(view);
                model.append(frames(10, 8));
                layOut(view);

                assertThat(view.table().getRowHeight()).isEqualTo(31);
                assertThat(showsNewestRow(view)).isTrue();
                assertThat(view.isFollowing()).isTrue();
            });
        } finally {
            onEdt(() -> install(before));
        }
    }

    private static void install(LookAndFeel laf) {
        try {
            UIManager.setLookAndFeel(laf);
        } catch (javax.swing.UnsupportedLookAndFeelException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void scrollingUpStopsFollowingCountsNewRowsAndKeepsTheRowsBeingRead() throws Exception {
        onEdt(() -> {
            TranscriptModel model = new TranscriptModel(new WallClock(0, 0), 500, Long.MAX_VALUE);
            TranscriptView view = view(model, 600, 300);
            model.append(frames(480, 8));
            layOut(view);
            BoundedRangeModel bar = view.scrollPane().getVerticalScrollBar().getModel();
            bar.setValue(bar.getValue() - 20 * view.table().getRowHeight());
            String reading = firstSeqShown(view);

            model.append(frames(1, 8));
            layOut(view);
            assertThat(view.jumpText()).isEqualTo("↓ 1 new row — jump to newest");
            // 20 more rows pass the cap of 500: the oldest leave, the rows being read stay put.
            model.append(frames(20, 8));
            layOut(view);

            assertThat(view.isFollowing()).isFalse();
            assertThat(showsNewestRow(view)).isFalse();
            assertThat(firstSeqShown(view)).isEqualTo(reading);
            assertThat(view.unseenRows()).isEqualTo(21);
            assertThat(view.jumpText()).isEqualTo("↓ 21 new rows — jump to newest");
            assertThat(view.jumpButton().isVisible()).isTrue();
        });
    }

    @Test
    void theJumpButtonAndScrollingBackDownFollowAgain() throws Exception {
        onEdt(() -> {
            TranscriptModel model = new TranscriptModel(new WallClock(0, 0), 1000, Long.MAX_VALUE);
            TranscriptView view = view(model, 600, 300);
            model.append(frames(100, 8));
            layOut(view);
            BoundedRangeModel bar = view.scrollPane().getVerticalScrollBar().getModel();
            bar.setValue(0);
            model.append(frames(3, 8));
            layOut(view);
            assertThat(view.isFollowing()).isFalse();

            view.jumpButton().doClick();
            layOut(view);
            assertThat(view.isFollowing()).isTrue();
            assertThat(showsNewestRow(view)).isTrue();
            assertThat(view.jumpText()).isNull();

            bar.setValue(0);
            assertThat(view.isFollowing()).isFalse();
            bar.setValue(bar.getMaximum() - bar.getExtent());
            assertThat(view.isFollowing()).isTrue();
            model.append(frames(3, 8));
            layOut(view);
            assertThat(showsNewestRow(view)).isTrue();
        });
    }

    @Test
    void ctrlEndInTheTableSelectsAndFollowsTheNewestRowAgainUnderEveryTheme() throws Exception {
        LookAndFeel before = UIManager.getLookAndFeel();
        try {
            onEdt(() -> ctrlEndInTheTable());
            onEdt(() -> install(new FlatLightLaf()));
            onEdt(() -> ctrlEndInTheTable());
        } finally {
            onEdt(() -> install(before));
        }
    }

    private void ctrlEndInTheTable() {
        {
            TranscriptModel model = new TranscriptModel(new WallClock(0, 0), 1000, Long.MAX_VALUE);
            TranscriptView view = view(model, 600, 300);
            model.append(frames(100, 8));
            layOut(view);
            view.scrollPane().getVerticalScrollBar().getModel().setValue(0);
            model.append(frames(3, 8));
            layOut(view);

            JTable table = view.table();
            assertThat(SwingUtilities.processKeyBindings(new KeyEvent(table, KeyEvent.KEY_PRESSED, 0,
                    KeyEvent.CTRL_DOWN_MASK, KeyEvent.VK_END, KeyEvent.CHAR_UNDEFINED))).as("Ctrl+End is bound").isTrue();
            layOut(view);

            assertThat(view.isFollowing()).isTrue();
            assertThat(showsNewestRow(view)).isTrue();
            assertThat(table.getSelectedRow()).as("the newest row is selected").isEqualTo(102);
        }
    }

    @Test
    void theNoticeAboveSaysWhichLimitMadeRowsLeave() throws Exception {
        onEdt(() -> {
            TranscriptModel model = new TranscriptModel(new WallClock(0, 0), 100_000, 64L * 1024 * 1024);
            TranscriptView view = view(model, 900, 300);
            assertThat(view.trimmedNotice()).isNull();
            for (int i = 0; i < 100; i++) {
                model.append(frames(1, 1024 * 1024 + 64));
            }
            layOut(view);

            assertThat(view.trimmedNotice()).isEqualTo("37 older rows left the view: the transcript keeps at most "
                    + "64.0 MiB of payload (63 rows fit now).");
            assertThat(showsNewestRow(view)).isTrue();
        });
    }

    @Test
    void aCutCellShowsItsWholeTextOnHoverAndAShortOneNothing() throws Exception {
        onEdt(() -> {
            TranscriptModel model = new TranscriptModel(new WallClock(0, 0), 1000, Long.MAX_VALUE);
            TranscriptView view = view(model, 700, 300);
            String sentence = "connect to localhost:50099 failed: connection refused (is a server listening on port"
                    + " 50099?) <html><b>not markup";
            model.append(List.of(TranscriptRow.error(sentence, 1), TranscriptRow.event("connected", 2)));
            layOut(view);
            JTable table = view.table();

            Rectangle cut = table.getCellRect(0, TranscriptModel.COL_PREVIEW, false);
            Rectangle whole = table.getCellRect(1, TranscriptModel.COL_PREVIEW, false);
            assertThat(table.getToolTipText(at(table, cut))).isEqualTo(sentence);
            assertThat(table.getToolTipText(at(table, whole))).isNull();
            assertThat(table.createToolTip().getClientProperty(TranscriptCellRenderer.HTML_DISABLE))
                    .isEqualTo(Boolean.TRUE);
        });
    }

    private static java.awt.event.MouseEvent at(JTable table, Rectangle cell) {
        return new java.awt.event.MouseEvent(table, java.awt.event.MouseEvent.MOUSE_MOVED, 0, 0, cell.x + 4,
                cell.y + 4, 0, false);
    }
}
