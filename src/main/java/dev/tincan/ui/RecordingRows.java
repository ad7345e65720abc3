package dev.tincan.ui;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.TranscriptRow;
import dev.tincan.session.record.RecordFormat;
import dev.tincan.session.record.RecorderException;
import dev.tincan.session.record.RecordingFile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows of a recording on disk, for a read-only transcript: each row is read and decoded
 * from the {@link RecordingFile} when the table first asks for it, and the last
 * {@link #CACHE} rows asked for are kept, so scrolling a million frames holds a screenful
 * or two of them, never the recording. A line that cannot be read becomes an error row
 * saying why. Confined to the EDT.
 */
final class RecordingRows {
    /** Rows kept decoded: a few screens' worth, for scrolling back and forth and the detail pane. */
    static final int CACHE = 4096;

    private final RecordingFile file;
    /** The recording's framing, for the wire size of a sent frame; {@code null} when unknown. */
    private final Framing framing;
    private final Map<Integer, TranscriptRow> cache = new LinkedHashMap<>(CACHE * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, TranscriptRow> eldest) {
            return size() > CACHE;
        }
    };

    RecordingRows(RecordingFile file) {
        this.file = file;
        Framing f;
        try {
            f = Framing.parse(file.header().framing());
        } catch (IllegalArgumentException e) {
            f = null;
        }
        this.framing = f;
    }

    /** The recording. */
    RecordingFile file() {
        return file;
    }

    /** How many rows: one per line after the header. */
    int size() {
        return file.size();
    }

    /** Row {@code i}, read now or kept from before. */
    TranscriptRow row(int i) {
        TranscriptRow row = cache.get(i);
        if (row == null) {
            row = read(i);
            cache.put(i, row);
        }
        return row;
    }

    /** How many rows are held decoded now. */
    int cached() {
        return cache.size();
    }

    /** The frame's size on the wire in the recording's framing, delimiter or prefix included. */
    private int wireBytes(Bytes payload) {
        if (framing != null) {
            try {
                framing.check(payload);
                return framing.encode(payload).length;
            } catch (IllegalArgumentException e) {
                // Not framable as recorded: the payload's own size is all there is to say.
            }
        }
        return payload.length();
    }

    private TranscriptRow read(int i) {
        RecordFormat.Line line;
        try {
            line = file.line(i);
        } catch (RecorderException e) {
            return TranscriptRow.error(e.getMessage(), 0);
        }
        switch (line.dir()) {
            case OUT:
                return TranscriptRow.sent(line.bytes(), wireBytes(line.bytes()), line.nanos());
            case IN:
                return TranscriptRow.received(line.bytes(), line.nanos());
            case ERROR:
                return TranscriptRow.error(line.text(), line.nanos());
            case NOTE:
                return TranscriptRow.note(line.text(), line.nanos());
            default:
                return TranscriptRow.event(line.text(), line.nanos());
        }
    }
}
