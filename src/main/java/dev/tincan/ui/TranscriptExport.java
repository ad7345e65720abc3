package dev.tincan.ui;

import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;
import dev.tincan.codec.Json;
import dev.tincan.session.TranscriptRow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes transcript rows to a file, as aligned text or as JSON Lines (one object per row,
 * with the payload both escaped and in hex). Runs on any thread; it works on a snapshot of
 * the rows, never on the live model.
 */
final class TranscriptExport {
    /** The two file formats. */
    enum Format {
        /** One aligned line per row, as shown in the window. */
        TEXT("Text", "txt"),
        /** One JSON object per line. */
        JSON_LINES("JSON Lines", "jsonl");

        private final String label;
        private final String extension;

        Format(String label, String extension) {
            this.label = label;
            this.extension = extension;
        }

        String label() {
            return label;
        }

        String extension() {
            return extension;
        }
    }

    private TranscriptExport() {
    }

    /** Writes {@code rows}, numbered from {@code firstSeq}, to {@code file}, replacing it. */
    static void write(List<TranscriptRow> rows, long firstSeq, WallClock clock, Path file, Format format)
            throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(rows, firstSeq, clock, out, format);
        }
    }

    /** Writes {@code rows} to {@code out}. */
    static void write(List<TranscriptRow> rows, long firstSeq, WallClock clock, Writer out, Format format)
            throws IOException {
        long seq = firstSeq;
        for (TranscriptRow row : rows) {
            long millis = clock.toEpochMillis(row.nanos());
            out.write(format == Format.TEXT ? textLine(seq, millis, row) : jsonLine(seq, millis, row));
            out.write('\n');
            seq++;
        }
    }

    /** {@code "    12  12:34:56.789  ←      5 B     420 µs   ← #11  hello"}. */
    static String textLine(long seq, long epochMillis, TranscriptRow row) {
        String size = row.isFrame() ? Formats.bytes(row.size()) : "";
        String rtt = row.rttNanos() >= 0 ? Formats.duration(row.rttNanos()) : "";
        String what = row.isFrame() ? Escapes.escape(row.payload()) : row.message();
        return String.format(Locale.ROOT, "%6d  %s  %s  %9s  %9s  %7s  %s", seq, Formats.timeOfDay(epochMillis),
                row.kind().symbol(), size, rtt, TranscriptModel.pairText(row), what);
    }

    /**
     * One JSON object: seq, time, kind, then size, wire bytes, rtt, pair, a datagram's source,
     * text and hex, or message.
     */
    static String jsonLine(long seq, long epochMillis, TranscriptRow row) {
        StringBuilder sb = new StringBuilder(96 + row.size() * 3);
        sb.append("{\"seq\":").append(seq);
        sb.append(",\"time\":\"").append(Instant.ofEpochMilli(epochMillis)).append('"');
        sb.append(",\"kind\":\"").append(row.kind().word()).append('"');
        if (row.isFrame()) {
            sb.append(",\"size\":").append(row.size());
            if (row.wireBytes() > 0) {
                sb.append(",\"wire_bytes\":").append(row.wireBytes());
            }
            if (row.rttNanos() >= 0) {
                sb.append(",\"rtt_us\":").append(String.format(Locale.ROOT, "%.1f", row.rttNanos() / 1e3));
            }
            if (row.pair() != 0) {
                sb.append(",\"pair\":").append(row.pair());
            }
            if (row.source() != null) {
                sb.append(",\"source\":").append(Json.quote(row.source()));
            }
            sb.append(",\"text\":");
            sb.append(Json.quote(Escapes.escape(row.payload())));
            sb.append(",\"hex\":\"").append(Hex.encode(row.payload().toByteArray())).append('"');
        } else {
            sb.append(",\"message\":");
            sb.append(Json.quote(row.message()));
        }
        return sb.append('}').toString();
    }
}
