package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.session.SearchQuery;
import dev.tincan.session.TranscriptRow;
import dev.tincan.session.TranscriptSearch;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * A table filtered by {@link MatchSorter} shows exactly the matches among the rows held,
 * while the ring appends batches and trims its oldest rows, and keeps the selected match
 * selected: on the EDT, without a window (so without a display).
 */
class MatchSorterTest {
    private long n;

    private List<TranscriptRow> rows(int count) {
        List<TranscriptRow> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            n++;
            out.add(TranscriptRow.received(Bytes.utf8(n % 10 == 0 ? "match " + n : "other " + n), n));
        }
        return out;
    }

    private static List<Long> shown(JTable table) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < table.getRowCount(); i++) {
            seqs.add((Long) table.getValueAt(i, TranscriptModel.COL_SEQ));
        }
        return seqs;
    }

    @Test
    void showsOnlyMatchesHeldWhileTheRingAppendsAndTrimsAndKeepsTheSelection() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            TranscriptModel model = new TranscriptModel(new WallClock(0, 0), 100, Long.MAX_VALUE);
            TranscriptSearch search = new TranscriptSearch(FindBar.rowsOf(model));
            JTable table = new JTable(model);
            model.append(rows(100));
            search.setQuery(SearchQuery.text("MATCH"));
            MatchSorter sorter = new MatchSorter(model, search);
            table.setRowSorter(sorter);
            assertThat(table.getRowCount()).as("nothing scanned yet").isZero();

            search.step(Long.MAX_VALUE);
            sorter.searched(true);
            assertThat(shown(table)).containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);

            table.changeSelection(5, 0, false, false); // row 60
            model.append(rows(45)); // rows 1-45 leave, 101-145 arrive in one batch
            assertThat(shown(table)).as("rows that left are gone; new ones wait for the search")
                    .containsExactly(50L, 60L, 70L, 80L, 90L, 100L);
            assertThat(table.getValueAt(table.getSelectedRow(), TranscriptModel.COL_SEQ)).isEqualTo(60L);

            search.step(Long.MAX_VALUE);
            sorter.searched(false);
            assertThat(shown(table)).containsExactly(50L, 60L, 70L, 80L, 90L, 100L, 110L, 120L, 130L, 140L);
            assertThat(table.getValueAt(table.getSelectedRow(), TranscriptModel.COL_SEQ)).isEqualTo(60L);
            assertThat(table.convertRowIndexToView((int) (65 - model.firstSeq()))).isEqualTo(-1);

            model.clear();
            assertThat(table.getRowCount()).isZero();
        });
    }
}
