package dev.tincan.ui;

import dev.tincan.session.TranscriptSearch;
import java.util.List;
import javax.swing.RowSorter;
import javax.swing.event.EventListenerList;
import javax.swing.event.RowSorterEvent;
import javax.swing.event.RowSorterListener;

/**
 * Shows only the transcript rows a {@link TranscriptSearch} matched, by mapping the
 * table's rows straight onto the search's kept matches: view row {@code v} is the
 * {@code v}-th match at or after the oldest row held. Nothing is copied or filtered
 * again as rows arrive or leave, so every call costs a binary search, whatever the
 * transcript holds; a {@code TableRowSorter} with a {@code RowFilter} instead filters
 * the whole transcript again on most batches of a flood, and expects the model's row
 * count to match each event as it is fired, which a ring that appends a batch before
 * it fires its delete event does not give.
 *
 * <p>It learns of the model's changes from the table (its own count of model rows, and
 * the running number of model row 0), and of new matches from {@link #searched(boolean)},
 * which the find bar calls after each slice of searching. Never sorts. Confined to the EDT.
 */
final class MatchSorter extends RowSorter<TranscriptModel> {
    private final TranscriptModel model;
    private final TranscriptSearch search;
    private final EventListenerList listeners = new EventListenerList();
    /** The running number of model row 0, as the table knows it. */
    private long base;
    private int modelRows;
    /** Rows before this running number are shown if they match: scanned and held. */
    private long limit;

    MatchSorter(TranscriptModel model, TranscriptSearch search) {
        this.model = model;
        this.search = search;
        resync();
    }

    private void resync() {
        base = model.firstSeq();
        modelRows = model.getRowCount();
        limit = Math.min(search.scannedUpTo(), base + modelRows);
    }

    private int first() {
        return search.keptAtOrAfter(base);
    }

    /**
     * The search went on (or started over, when {@code restarted}): shows the matches it
     * found since, and tells the table, which keeps the selected row when it still shows.
     */
    void searched(boolean restarted) {
        long oldLimit = limit;
        int oldCount = getViewRowCount();
        limit = Math.min(search.scannedUpTo(), base + modelRows);
        if (!restarted && limit == oldLimit) {
            return;
        }
        fireRowSorterChanged(new RowSorterEvent(this, RowSorterEvent.Type.SORTED, null) {
            @Override
            public int getPreviousRowCount() {
                return oldCount;
            }

            @Override
            public int convertPreviousRowIndexToModel(int index) {
                // Matches only ever join at the end, so the rows shown before keep their index.
                return !restarted && index >= 0 && index < oldCount ? convertRowIndexToModel(index) : -1;
            }
        });
    }

    /** Tells the listeners with an event of its own, whose previous mapping costs nothing to build. */
    private void fireRowSorterChanged(RowSorterEvent e) {
        for (RowSorterListener l : listeners.getListeners(RowSorterListener.class)) {
            l.sorterChanged(e);
        }
    }

    @Override
    public void addRowSorterListener(RowSorterListener l) {
        listeners.add(RowSorterListener.class, l);
    }

    @Override
    public void removeRowSorterListener(RowSorterListener l) {
        listeners.remove(RowSorterListener.class, l);
    }

    @Override
    public TranscriptModel getModel() {
        return model;
    }

    @Override
    public void toggleSortOrder(int column) {
        // never sorts
    }

    @Override
    public int convertRowIndexToModel(int index) {
        if (index < 0 || index >= getViewRowCount()) {
            throw new IndexOutOfBoundsException("view row " + index + " of " + getViewRowCount());
        }
        return (int) (search.kept(first() + index) - base);
    }

    @Override
    public int convertRowIndexToView(int index) {
        if (index < 0 || index >= modelRows) {
            throw new IndexOutOfBoundsException("model row " + index + " of " + modelRows);
        }
        long seq = base + index;
        if (seq >= limit) {
            return -1;
        }
        int i = search.keptAtOrAfter(seq);
        return i < search.keptAtOrAfter(limit) && search.kept(i) == seq ? i - first() : -1;
    }

    @Override
    public void setSortKeys(List<? extends SortKey> keys) {
        // never sorts
    }

    @Override
    public List<? extends SortKey> getSortKeys() {
        return List.of();
    }

    @Override
    public int getViewRowCount() {
        return search.keptAtOrAfter(limit) - first();
    }

    @Override
    public int getModelRowCount() {
        return modelRows;
    }

    @Override
    public void modelStructureChanged() {
        resync();
    }

    @Override
    public void allRowsChanged() {
        resync();
    }

    @Override
    public void rowsInserted(int firstRow, int endRow) {
        modelRows += endRow - firstRow + 1;
    }

    @Override
    public void rowsDeleted(int firstRow, int endRow) {
        int n = endRow - firstRow + 1;
        modelRows -= n;
        if (firstRow == 0) {
            base += n;
        } else {
            resync();
        }
        limit = Math.max(base, Math.min(limit, base + modelRows));
    }

    @Override
    public void rowsUpdated(int firstRow, int endRow) {
        // what a row says does not change whether it matches
    }

    @Override
    public void rowsUpdated(int firstRow, int endRow, int column) {
        // what a row says does not change whether it matches
    }
}
