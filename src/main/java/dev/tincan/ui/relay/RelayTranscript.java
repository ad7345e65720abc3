package dev.tincan.ui.relay;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;
import dev.tincan.relay.RelayEvent;
import dev.tincan.ui.Formats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import javax.swing.table.AbstractTableModel;

/**
 * A relay's transcript as a table: both directions of every link in the order the relay
 * saw them, the newest rows only, in a ring that never holds more than {@code maxRows} rows
 * nor (beyond the newest row) more than {@code maxBytes} of payload; {@link #trimNotice()}
 * says how many left. Events are taken one at a time with {@link #take} and handed to the
 * table at each {@link #flush}: one update event for held frames that left the
 * hold, at most one delete event and one insert event, so a flood costs the table one update
 * per flush, at most once per display frame (see {@link RelayTab#SHOW_NANOS}). Confined to the EDT.
 */
final class RelayTranscript extends AbstractTableModel {
    /** Rows kept when nothing else is set. */
    static final int DEFAULT_MAX_ROWS = 100_000;
    /** Payload bytes kept when nothing else is set. */
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    /** Characters of a frame shown in the payload column. */
    static final int PREVIEW_CHARS = 240;

    static final int COL_SEQ = 0;
    static final int COL_TIME = 1;
    static final int COL_GAP = 2;
    static final int COL_LINK = 3;
    static final int COL_DIRECTION = 4;
    static final int COL_SIZE = 5;
    static final int COL_FATE = 6;
    static final int COL_PAYLOAD = 7;
    private static final String[] NAMES = {"#", "Time", "Gap", "Link", "", "Size", "Fate", "Payload"};

    private final LongUnaryOperator toEpochMillis;
    private final int maxRows;
    private final long maxBytes;
    private RelayRow[] ring = new RelayRow[64];
    private int head;
    private int count;
    private long bytes;
    private long firstSeq = 1;
    private long trimmed;
    private boolean hex;
    private final List<RelayRow> pending = new ArrayList<>();
    /** Held frames by the relay's id, until they leave the hold; bounded by the relay's hold. */
    private final Map<Long, RelayRow> held = new HashMap<>();
    /** Running numbers of rows in the ring whose fate changed since the last flush; -1 for none. */
    private long changedFrom = -1;
    private long changedTo = -1;

    /** An empty transcript that keeps {@code maxRows} rows and {@code maxBytes} of payload. */
    RelayTranscript(LongUnaryOperator toEpochMillis, int maxRows, long maxBytes) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows : " + maxRows + " (expected: > 0)");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes : " + maxBytes + " (expected: > 0)");
        }
        this.toEpochMillis = toEpochMillis;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    /**
     * Takes one event: a frame, broken bytes or a sentence becomes a row at the next
     * {@link #flush}; a release changes the fate of the held frame's row.
     */
    void take(RelayEvent event) {
        if (event instanceof RelayEvent.Frame f) {
            RelayRow row = RelayRow.frame(f);
            if (row.isHeld()) {
                held.put(f.id(), row);
            }
            pending.add(row);
        } else if (event instanceof RelayEvent.Released r) {
            RelayRow row = held.remove(r.id());
            if (row != null) {
                row.released(r);
                changed(row);
            }
        } else if (event instanceof RelayEvent.Broken b) {
            pending.add(RelayRow.broken(b));
        } else if (event instanceof RelayEvent.Opened o) {
            pending.add(RelayRow.notice(o.nanos(), o.link(), "link #" + o.link() + " opened: client "
                    + dev.tincan.codec.HostPort.of(o.client()) + " → server " + dev.tincan.codec.HostPort.of(o.server())
                    + ".", false));
        } else if (event instanceof RelayEvent.Closed c) {
            pending.add(RelayRow.notice(c.nanos(), c.link(), c.sentence(), c.failed()));
        } else if (event instanceof RelayEvent.Refused r) {
            pending.add(RelayRow.notice(r.nanos(), 0, r.sentence(), true));
        } else if (event instanceof RelayEvent.Notice n) {
            pending.add(RelayRow.notice(n.nanos(), n.link(), n.sentence(), false));
        } else if (event instanceof RelayEvent.InjectWait w) {
            pending.add(RelayRow.notice(w.nanos(), w.link(), w.sentence(), w.kind() != RelayEvent.InjectWait.Kind
                    .SENT_ANYWAY));
        }
    }

    private void changed(RelayRow row) {
        long seq = seqOf(row);
        if (seq < 0) {
            return; // still pending, or already left the view
        }
        changedFrom = changedFrom < 0 ? seq : Math.min(changedFrom, seq);
        changedTo = Math.max(changedTo, seq);
    }

    /** The running number of {@code row} if the ring holds it, else -1. */
    private long seqOf(RelayRow row) {
        long seq = row.seq();
        return seq >= firstSeq && seq < firstSeq + count ? seq : -1;
    }

    /** Whether rows or fates wait for the next {@link #flush}. */
    boolean hasChanges() {
        return !pending.isEmpty() || changedFrom >= 0;
    }

    /** How many rows wait for the next {@link #flush}. */
    int pendingRows() {
        return pending.size();
    }

    /** Hands the table what changed since the last flush: updated fates, then new rows. */
    void flush() {
        if (changedFrom >= 0) {
            int from = (int) Math.max(0, changedFrom - firstSeq);
            int to = (int) (changedTo - firstSeq);
            changedFrom = -1;
            changedTo = -1;
            if (to >= from && to < count) {
                fireTableRowsUpdated(from, to);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        int before = count;
        int removed = 0;
        for (RelayRow row : pending) {
            if (count == maxRows) {
                removeHead();
                removed++;
            }
            push(row);
        }
        pending.clear();
        while (bytes > maxBytes && count > 1) {
            removeHead();
            removed++;
        }
        int removedOld = Math.min(removed, before);
        if (removedOld > 0) {
            fireTableRowsDeleted(0, removedOld - 1);
        }
        int firstNew = before - removedOld;
        if (count > firstNew) {
            fireTableRowsInserted(firstNew, count - 1);
        }
    }

    private void push(RelayRow row) {
        if (count == ring.length) {
            int size = (int) Math.min(maxRows, ring.length * 2L);
            RelayRow[] bigger = new RelayRow[size];
            for (int i = 0; i < count; i++) {
                bigger[i] = ring[(head + i) % ring.length];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + count) % ring.length] = row;
        row.shownAs(firstSeq + count);
        count++;
        bytes += row.size();
    }

    private void removeHead() {
        RelayRow old = ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        count--;
        bytes -= old.size();
        firstSeq++;
        trimmed++;
    }

    /** The row at index {@code index}, oldest first. */
    RelayRow row(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("row " + index + " of " + count);
        }
        return ring[(head + index) % ring.length];
    }

    /** The index of the held frame {@code frameId}'s row, or -1 when it is not shown or not held. */
    int indexOfHeld(long frameId) {
        RelayRow row = held.get(frameId);
        long seq = row == null ? -1 : seqOf(row);
        return seq < 0 ? -1 : (int) (seq - firstSeq);
    }

    /** The running number of the row at {@code index}; it stays with the row as older rows leave. */
    long seq(int index) {
        return firstSeq + index;
    }

    /** How many rows left the view to keep the transcript bounded. */
    long trimmedRows() {
        return trimmed;
    }

    /** One sentence saying how many older rows left the view, or null when none did. */
    String trimNotice() {
        if (trimmed == 0) {
            return null;
        }
        return Formats.count(trimmed, "older row", "older rows") + " left the view: the transcript keeps the newest "
                + Formats.count(maxRows) + " rows and at most " + Formats.bytes(maxBytes) + " of payload.";
    }

    boolean hex() {
        return hex;
    }

    /** Shows payloads as escaped text or as hex. */
    void setHex(boolean hex) {
        if (hex != this.hex) {
            this.hex = hex;
            if (count > 0) {
                fireTableRowsUpdated(0, count - 1);
            }
        }
    }

    /** What the payload column shows: the bytes escaped or in hex (what was sent, when edited), or the sentence. */
    String preview(RelayRow row) {
        if (!row.hasBytes()) {
            return row.text();
        }
        Bytes b = row.sent() != null ? row.sent() : row.payload();
        String shown = hex ? hexPrefix(b, PREVIEW_CHARS / 3) : Escapes.escape(b, PREVIEW_CHARS);
        return row.kind() == RelayRow.Kind.BROKEN ? shown + "   (" + row.text() + ")" : shown;
    }

    /** The first {@code max} bytes as spaced hex, ending in {@code …} when cut. */
    static String hexPrefix(Bytes payload, int max) {
        int n = Math.min(payload.length(), max);
        String spaced = Hex.spaced(Bytes.of(payload.toByteArray(), 0, n));
        return n < payload.length() ? spaced + " …" : spaced;
    }

    @Override
    public int getRowCount() {
        return count;
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
        return column == COL_SEQ ? Long.class : String.class;
    }

    @Override
    public Object getValueAt(int rowIndex, int column) {
        RelayRow row = row(rowIndex);
        switch (column) {
            case COL_SEQ:
                return seq(rowIndex);
            case COL_TIME:
                return Formats.timeOfDay(toEpochMillis.applyAsLong(row.nanos()));
            case COL_GAP:
                return row.gapNanos() >= 0 && row.kind() == RelayRow.Kind.FRAME ? "+" + Formats.duration(row.gapNanos())
                        : "";
            case COL_LINK:
                return row.link() > 0 ? "#" + row.link() : "";
            case COL_DIRECTION:
                return row.direction() == null ? (row.kind() == RelayRow.Kind.FAILURE ? "!" : "•")
                        : row.direction().arrow();
            case COL_SIZE:
                return row.hasBytes() ? Formats.bytes(row.payload().length()) : "";
            case COL_FATE:
                return row.kind() == RelayRow.Kind.BROKEN ? "broken" : row.fate().word();
            case COL_PAYLOAD:
                return preview(row);
            default:
                throw new IndexOutOfBoundsException("column " + column);
        }
    }
}
