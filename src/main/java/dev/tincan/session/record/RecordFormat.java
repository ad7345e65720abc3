package dev.tincan.session.record;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * The recording format: JSON Lines, one object per line, UTF-8. The first line is the
 * header; every line after it is one frame or one event, in the engine's order.
 *
 * <pre>
 * {"tincan":"recording","version":1,"started":"2026-11-30T08:31:02.123Z","host":"127.0.0.1","port":7,
 *  "framing":"line","maxFrame":16777216}
 * {"seq":2,"ns":1204331,"at":"2026-11-30T08:31:02.124204331Z","dir":"out","len":5,"b64":"aGVsbG8=","text":"hello"}
 * {"seq":3,"ns":1388004,"at":"2026-11-30T08:31:02.124388004Z","dir":"in","len":5,"b64":"aGVsbG8=","text":"hello"}
 * {"seq":4,"ns":9000000,"at":"2026-11-30T08:31:02.132Z","dir":"event","text":"closed by the server."}
 * </pre>
 *
 * <p>{@code seq} is the engine's number for the reply ({@code ClientReply.seq()}), {@code ns}
 * the nanoseconds since the recording started on one monotonic clock (so gaps between lines
 * are exact), {@code at} the wall-clock time it stands for. A frame carries its payload
 * twice: {@code b64} is the truth, {@code text} the same bytes with {@link Escapes} for a
 * person reading the file. A line is written whole or not at all, so a recording cut short
 * (a killed process, a full disk) loses at most its last, partial line; readers skip such a
 * last line and say so. Fields this version does not know are ignored; a newer
 * {@code version} is refused. Stateless and thread-safe.
 */
public final class RecordFormat {
    /** The version written here and the newest read. */
    public static final int VERSION = 1;
    /** The value of the header's {@code tincan} field. */
    public static final String MAGIC = "recording";

    private RecordFormat() {
    }

    /** What a line records. */
    public enum Dir {
        /** A frame this end sent. */
        OUT("out"),
        /** A frame the peer sent. */
        IN("in"),
        /** A connection event in words: connected, closed. */
        EVENT("event"),
        /** A failure in words. */
        ERROR("error"),
        /** A note in words, such as what a rule did. */
        NOTE("note");

        private final String word;

        Dir(String word) {
            this.word = word;
        }

        /** The word in the file. */
        public String word() {
            return word;
        }

        /** Whether lines of this kind carry a frame's bytes. */
        public boolean isFrame() {
            return this == OUT || this == IN;
        }

        static Dir of(String word) {
            for (Dir d : values()) {
                if (d.word.equals(word)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("dir : " + word + " (expected: out, in, event, error or note)");
        }
    }

    /**
     * The first line: when the recording started and the connection's settings.
     *
     * @param started the wall-clock time the recording started
     * @param host the host connected to, or {@code null} if not known
     * @param port the port connected to, or 0 if not known
     * @param framing the framing spec, e.g. {@code line}
     * @param maxFrame the maximum frame length in bytes
     */
    public record Header(Instant started, String host, int port, String framing, int maxFrame) {
        /** Rejects a missing start or framing. */
        public Header {
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(framing, "framing");
        }
    }

    /**
     * One frame or event.
     *
     * @param seq the engine's number for it
     * @param nanos nanoseconds since the recording started
     * @param dir what it is
     * @param bytes the payload of a frame, or {@code null} for events
     * @param text the sentence of an event; for frames, the escaped payload (not needed to write)
     */
    public record Line(long seq, long nanos, Dir dir, Bytes bytes, String text) {
        /** Checks that frames carry bytes and events words. */
        public Line {
            Objects.requireNonNull(dir, "dir");
            if (dir.isFrame() && bytes == null) {
                throw new IllegalArgumentException("bytes : null (expected: the payload of an " + dir.word()
                        + " frame)");
            }
            if (!dir.isFrame() && text == null) {
                throw new IllegalArgumentException("text : null (expected: the words of an " + dir.word()
                        + " line)");
            }
        }

        /** A frame line. */
        public static Line frame(long seq, long nanos, Dir dir, Bytes bytes) {
            return new Line(seq, nanos, dir, bytes, null);
        }

        /** An event, error or note line. */
        public static Line words(long seq, long nanos, Dir dir, String text) {
            return new Line(seq, nanos, dir, null, text);
        }
    }

    /** The header as one JSON line, without the line end. */
    public static String header(Header h) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"tincan\":\"").append(MAGIC).append("\",\"version\":").append(VERSION);
        sb.append(",\"started\":\"").append(h.started()).append('"');
        if (h.host() != null) {
            sb.append(",\"host\":");
            string(sb, h.host());
            sb.append(",\"port\":").append(h.port());
        }
        sb.append(",\"framing\":");
        string(sb, h.framing());
        sb.append(",\"maxFrame\":").append(h.maxFrame()).append('}');
        return sb.toString();
    }

    /** Appends {@code line} as one JSON line, without the line end, to {@code sb}. */
    public static StringBuilder line(StringBuilder sb, Line line, Instant started) {
        sb.append("{\"seq\":").append(line.seq()).append(",\"ns\":").append(line.nanos());
        sb.append(",\"at\":\"").append(started.plusNanos(line.nanos())).append("\",\"dir\":\"")
                .append(line.dir().word()).append('"');
        if (line.dir().isFrame()) {
            Bytes b = line.bytes();
            sb.append(",\"len\":").append(b.length()).append(",\"b64\":\"")
                    .append(Base64.getEncoder().encodeToString(b.toByteArray())).append("\",\"text\":");
            string(sb, Escapes.escape(b));
        } else {
            sb.append(",\"text\":");
            string(sb, line.text());
        }
        return sb.append('}');
    }

    /** Reads a header line; the sentence of the exception says what is wrong with it. */
    public static Header parseHeader(String json) {
        JsonObject o = object(json);
        if (!o.has("tincan") || !MAGIC.equals(text(o, "tincan"))) {
            throw new IllegalArgumentException("the first line is not a Tincan recording's header");
        }
        int version = whole(o, "version");
        if (version > VERSION) {
            throw new IllegalArgumentException("it was written by a newer Tincan (format version " + version
                    + "; this one reads up to " + VERSION + ")");
        }
        Instant started;
        try {
            started = Instant.parse(text(o, "started"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("its header's start time is not a time: " + text(o, "started"), e);
        }
        String host = o.has("host") ? text(o, "host") : null;
        int port = o.has("port") ? whole(o, "port") : 0;
        return new Header(started, host, port, text(o, "framing"), whole(o, "maxFrame"));
    }

    /** Reads a frame or event line; the sentence of the exception says what is wrong with it. */
    public static Line parseLine(String json) {
        JsonObject o = object(json);
        Dir dir = Dir.of(text(o, "dir"));
        long seq = o.has("seq") ? o.get("seq").getAsLong() : 0;
        long nanos = o.has("ns") ? o.get("ns").getAsLong() : 0;
        if (dir.isFrame()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text(o, "b64"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("its b64 is not Base64: " + e.getMessage(), e);
            }
            return new Line(seq, nanos, dir, Bytes.adopt(bytes), o.has("text") ? text(o, "text") : null);
        }
        return Line.words(seq, nanos, dir, text(o, "text"));
    }

    private static JsonObject object(String json) {
        JsonElement e;
        try {
            e = JsonParser.parseString(json);
        } catch (JsonParseException ex) {
            throw new IllegalArgumentException("it is not JSON (" + ex.getMessage() + ")", ex);
        }
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        return e.getAsJsonObject();
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("its \"" + name + "\" is missing or not a string");
        }
        return e.getAsString();
    }

    private static int whole(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("its \"" + name + "\" is missing or not a number");
        }
        return e.getAsInt();
    }

    /** Appends {@code s} as a JSON string: quotes, backslashes and control characters escaped. */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
