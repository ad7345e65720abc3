package dev.tincan.ui;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.session.Session;
import dev.tincan.session.TranscriptRow;
import java.util.ArrayList;
import java.util.List;
import javax.swing.table.AbstractTableModel;

/**
 * The transcript as a table: the newest rows only, in a ring that never holds more than
 * {@code maxRows} rows nor (beyond the newest row) more than {@code maxBytes} of payload.
 * Rows arrive in batches; each batch fires at most one delete event (for rows that left
 * the view) and exactly one insert event, so a flood costs the table one update per pump
 * tick.
 *
 * <p>A transcript may instead show a recording ({@link #TranscriptModel(WallClock,
 * RecordingRows)}): then its rows are the recording's lines, read on demand, and it is
 * read-only: nothing is appended, cleared or trimmed. Confined to the EDT.
 */
final class TranscriptModel extends AbstractTableModel {
    /** Rows kept when nothing else is set. */
    static final int DEFAULT_MAX_ROWS = 100_000;
    /** The fewest rows a person may ask to keep. */
    static final int MIN_MAX_ROWS = 100;
    /** Payload bytes kept when nothing else is set; memory stays bounded for big frames. */
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    /** Characters of a frame shown in the preview column. */
    static final int PREVIEW_CHARS = 240;

    static final int COL_SEQ = 0;
    static final int COL_TIME = 1;
    static final int COL_KIND = 2;
    static final int COL_SIZE = 3;
    static final int COL_RTT = 4;
    static final int COL_PAIR = 5;
    static final int COL_PREVIEW = 6;
    private static final String[] NAMES = {"#", "Time", "", "Payload", "RTT", "Pair", "Message"};

    private final WallClock clock;
    private final long maxBytes;
    private int maxRows;
    private TranscriptRow[] ring = new TranscriptRow[64];
    private int head;
    private int count;
    private long bytes;
    private long firstSeq = 1;
    private long trimmedByRows;
    private long trimmedByBytes;
    private boolean hexPreview;
    /** The recording shown, or {@code null} for a live transcript. */
    private final RecordingRows recording;

    /** An empty transcript that keeps {@code maxRows} rows and {@code maxBytes} of payload. */
    TranscriptModel(WallClock clock, int maxRows, long maxBytes) {
        this.clock = clock;
        this.maxRows = checkMaxRows(maxRows);
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes : " + maxBytes + " (expected: > 0)");
        }
        this.maxBytes = maxBytes;
        this.recording = null;
    }

    /** A read-only transcript of {@code recording}'s rows, its times read with {@code clock}. */
    TranscriptModel(WallClock clock, RecordingRows recording) {
        this.clock = clock;
        this.maxRows = Math.max(MIN_MAX_ROWS, recording.size());
        this.maxBytes = Long.MAX_VALUE;
        this.recording = recording;
    }

    /** The recording shown, or {@code null} for a live transcript. */
    RecordingRows recording() {
        return recording;
    }

    static int checkMaxRows(int maxRows) {
        if (maxRows < MIN_MAX_ROWS) {
            throw new IllegalArgumentException("keep at least " + MIN_MAX_ROWS + " rows (asked for " + maxRows + ").");
        }
        return maxRows;
    }

    /** Appends a batch, trims the oldest rows past the bounds, fires one delete and one insert event. */
    void append(List<TranscriptRow> batch) {
        if (batch.isEmpty() || recording != null) {
            return;
        }
        int before = count;
        int removed = 0;
        for (TranscriptRow row : batch) {
            if (count == maxRows) {
                removeHead();
                trimmedByRows++;
                removed++;
            }
            push(row);
        }
        while (bytes > maxBytes && count > 1) {
            removeHead();
            trimmedByBytes++;
            removed++;
        }
        fireBatch(before, removed);
    }

    /**
     * Applies what a session's drain changed: appends its rows (one insert event) and marks
     * the earlier sends they answer. The session numbers rows; an empty transcript takes up
     * its numbering, so the numbers shown are the session's.
     */
    void apply(Session.Changes changes) {
        if (count == 0 && firstSeq != changes.firstSeq()) {
            firstSeq = changes.firstSeq();
        }
        for (Session.Changes.Answered a : changes.answered()) {
            answered(a.sentSeq(), a.replySeq());
        }
        append(changes.rows());
    }

    private void fireBatch(int before, int removed) {
        int removedOld = Math.min(removed, before);
        if (removedOld > 0) {
            fireTableRowsDeleted(0, removedOld - 1);
        }
        int firstNew = before - removedOld;
        if (count > firstNew) {
            fireTableRowsInserted(firstNew, count - 1);
        }
    }

    private void push(TranscriptRow row) {
        if (count == ring.length) {
            grow();
        }
        ring[(head + count) % ring.length] = row;
        count++;
        bytes += row.size();
    }

    private void grow() {
        int size = (int) Math.min(maxRows, Math.max(64L, ring.length * 2L));
        TranscriptRow[] bigger = new TranscriptRow[size];
        for (int i = 0; i < count; i++) {
            bigger[i] = ring[(head + i) % ring.length];
        }
        ring = bigger;
        head = 0;
    }

    private void removeHead() {
        TranscriptRow old = ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        count--;
        bytes -= old.size();
        firstSeq++;
    }

    /** Keeps at most {@code maxRows} rows from now on, dropping the oldest now if needed. */
    void setMaxRows(int maxRows) {
        checkMaxRows(maxRows);
        if (recording != null) {
            return;
        }
        this.maxRows = maxRows;
        int removed = 0;
        while (count > maxRows) {
            removeHead();
            trimmedByRows++;
            removed++;
        }
        if (removed > 0) {
            fireTableRowsDeleted(0, removed - 1);
        }
        if (ring.length > maxRows) {
            ring = copyRows(maxRows);
            head = 0;
        }
    }

    private TranscriptRow[] copyRows(int length) {
        TranscriptRow[] copy = new TranscriptRow[length];
        for (int i = 0; i < count; i++) {
            copy[i] = ring[(head + i) % ring.length];
        }
        return copy;
    }

    /** Empties the transcript; numbering continues. */
    void clear() {
        if (recording != null) {
            return;
        }
        firstSeq += count;
        ring = new TranscriptRow[64];
        head = 0;
        count = 0;
        bytes = 0;
        trimmedByRows = 0;
        trimmedByBytes = 0;
        fireTableDataChanged();
    }

    int maxRows() {
        return maxRows;
    }

    /** How many rows left the view to keep the transcript bounded, since the last clear. */
    long trimmedRows() {
        return trimmedByRows + trimmedByBytes;
    }

    /** How many of the rows that left did so to keep at most {@link #maxRows()} rows. */
    long trimmedByRows() {
        return trimmedByRows;
    }

    /** How many of the rows that left did so to keep the payload within {@link #maxBytes()}. */
    long trimmedByBytes() {
        return trimmedByBytes;
    }

    /** The most payload bytes kept (beyond the newest row, which always stays). */
    long maxBytes() {
        return maxBytes;
    }

    /**
     * One sentence saying how many older rows left the view and why, with the limit that
     * made each leave, or {@code null} when none left since the last clear.
     */
    String trimNotice() {
        long total = trimmedRows();
        if (total == 0) {
            return null;
        }
        String left = Formats.count(total, "older row", "older rows") + " left the view";
        String rowCap = "the newest " + Formats.count(maxRows) + " rows";
        String byteCap = "at most " + Formats.bytes(maxBytes) + " of payload (" + Formats.count(count, "row", "rows")
                + " fit now)";
        if (trimmedByBytes == 0) {
            return left + ": the transcript keeps " + rowCap + " (View ▸ Rows to keep…).";
        }
        if (trimmedByRows == 0) {
            return left + ": the transcript keeps " + byteCap + ".";
        }
        return left + ": " + Formats.count(trimmedByRows) + " to keep " + rowCap + ", " + Formats.count(trimmedByBytes)
                + " to keep " + byteCap + ".";
    }

    /** The payload bytes the transcript holds. */
    long retainedBytes() {
        return bytes;
    }

    /** The row at view index {@code index}. */
    TranscriptRow row(int index) {
        if (recording != null) {
            if (index < 0 || index >= recording.size()) {
                throw new IndexOutOfBoundsException("row " + index + " of " + recording.size());
            }
            return recording.row(index);
        }
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("row " + index + " of " + count);
        }
        return ring[(head + index) % ring.length];
    }

    /** The running number of the row at {@code index}; it stays with the row as older rows leave. */
    long seq(int index) {
        return firstSeq + index;
    }

    /** A copy of the rows, oldest first, for saving off the EDT. */
    List<TranscriptRow> snapshot() {
        if (recording != null) {
            List<TranscriptRow> all = new ArrayList<>(recording.size());
            for (int i = 0; i < recording.size(); i++) {
                all.add(recording.row(i));
            }
            return all;
        }
        List<TranscriptRow> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(ring[(head + i) % ring.length]);
        }
        return out;
    }

    /** The running number the next appended row will get. */
    long nextSeq() {
        return firstSeq + getRowCount();
    }

    /**
     * Marks the sent frame in row {@code sentSeq} as answered by row {@code replySeq}, if
     * the transcript still holds it.
     */
    void answered(long sentSeq, long replySeq) {
        if (recording != null) {
            return;
        }
        long index = sentSeq - firstSeq;
        if (index < 0 || index >= count) {
            return;
        }
        int i = (int) index;
        int at = (head + i) % ring.length;
        ring[at] = ring[at].answeredBy(replySeq);
        fireTableCellUpdated(i, COL_PAIR);
    }

    /** The running number of the oldest row. */
    long firstSeq() {
        return firstSeq;
    }

    WallClock clock() {
        return clock;
    }

    boolean hexPreview() {
        return hexPreview;
    }

    /** Shows frames in the preview column as escaped text or as hex. */
    void setHexPreview(boolean hex) {
        if (hex != hexPreview) {
            hexPreview = hex;
            if (getRowCount() > 0) {
                fireTableRowsUpdated(0, getRowCount() - 1);
            }
        }
    }

    /** The preview of a row: its escaped text or hex, or its sentence; never interpreted. */
    String preview(TranscriptRow row) {
        if (!row.isFrame()) {
            return row.message();
        }
        if (hexPreview) {
            return hexPrefix(row.payload(), PREVIEW_CHARS / 3);
        }
        return Escapes.escape(row.payload(), PREVIEW_CHARS);
    }

    /** Which row a frame is paired with: "→ #7" for the reply to a send, "← #6" for the send a frame answers. */
    static String pairText(TranscriptRow row) {
        if (row.pair() == 0) {
            return "";
        }
        return (row.kind() == TranscriptRow.Kind.SENT ? "→ #" : "← #") + row.pair();
    }

    /** The first {@code max} bytes as spaced hex, ending in {@code …} when cut. */
    static String hexPrefix(Bytes payload, int max) {
        int n = Math.min(payload.length(), max);
        StringBuilder sb = new StringBuilder(n * 3 + 2);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            int b = payload.get(i) & 0xff;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return n < payload.length() ? sb.append(" …").toString() : sb.toString();
    }

    @Override
    public int getRowCount() {
        return recording != null ? recording.size() : count;
    }

    @Override
    public int getColumnCount() {
        return NAMES.length;
    }

    @Override
    public String getColumnName(int column) {
        return NAMES[column];
    }

    @Override
    public Class<?> getColumnClass(int column) {
        return column == COL_SEQ ? Long.class : column == COL_KIND ? TranscriptRow.Kind.class : String.class;
    }

    @Override
    public Object getValueAt(int rowIndex, int column) {
        TranscriptRow row = row(rowIndex);
        switch (column) {
            case COL_SEQ:
                return seq(rowIndex);
            case COL_TIME:
                return Formats.timeOfDay(clock.toEpochMillis(row.nanos()));
            case COL_KIND:
                return row.kind();
            case COL_SIZE:
                return row.isFrame() ? Formats.bytes(row.size()) : "";
            case COL_RTT:
                return row.rttNanos() >= 0 ? Formats.duration(row.rttNanos()) : "";
            case COL_PAIR:
                return pairText(row);
            case COL_PREVIEW:
                return preview(row);
            default:
                throw new IndexOutOfBoundsException("column " + column);
        }
    }
}
