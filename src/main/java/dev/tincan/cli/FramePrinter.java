package dev.tincan.cli;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;
import dev.tincan.codec.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Prints received frames, one line per frame, flushed at once so a frame shows the moment
 * it arrives:
 *
 * <pre>
 * text   hello\r\n\x1b[2J        every non-printable byte escaped (see Escapes)
 * hex    68656c6c6f
 * json   {"n":1,"bytes":5,"text":"hello","hex":"68656c6c6f","t_ms":0.420}
 * </pre>
 *
 * <p>In JSON, {@code text} is the frame decoded as UTF-8 (malformed bytes become U+FFFD;
 * {@code hex} is always exact) and {@code t_ms} is the time in milliseconds from the
 * moment the latest message before it was handed to the connection (or from connecting,
 * if none was) to the frame's arrival: a round-trip time when replies answer messages one
 * by one. Not thread-safe: one thread prints.
 */
final class FramePrinter {
    private final OutputFormat format;
    private final PrintWriter out;

    FramePrinter(OutputFormat format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    /** Prints frame number {@code n} (from 1) that arrived {@code nanosAfter} ns after the latest send. */
    void print(int n, Bytes frame, long nanosAfter) {
        out.println(line(format, n, frame, nanosAfter));
        out.flush();
    }

    /** The line for one frame, without the line end. */
    static String line(OutputFormat format, int n, Bytes frame, long nanosAfter) {
        switch (format) {
            case HEX:
                return Hex.encode(frame.toByteArray());
            case JSON:
                byte[] b = frame.toByteArray();
                return "{\"n\":" + n + ",\"bytes\":" + b.length
                        + ",\"text\":" + Json.quote(new String(b, StandardCharsets.UTF_8))
                        + ",\"hex\":\"" + Hex.encode(b) + "\""
                        + ",\"t_ms\":" + String.format(Locale.ROOT, "%.3f", Math.max(0, nanosAfter) / 1e6) + "}";
            default:
                return Escapes.escape(frame);
        }
    }
}
