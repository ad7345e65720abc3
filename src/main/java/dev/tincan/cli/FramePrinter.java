package dev.tincan.cli;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;
import dev.tincan.codec.HostPort;
import dev.tincan.codec.Json;
import dev.tincan.session.Pairer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Prints received frames, one line per frame, flushed at once so a frame shows the moment
 * it arrives:
 *
 * <pre>
 * text   hello\r\n\x1b[2J        every non-printable byte escaped (see Escapes)
 * hex    68656c6c6f
 * json   {"n":1,"bytes":5,"text":"hello","hex":"68656c6c6f","answers":1,"rtt_ms":0.420}
 * </pre>
 *
 * <p>In JSON, {@code text} is the frame decoded as UTF-8 (malformed bytes become U+FFFD;
 * {@code hex} is always exact). When the pairing rule ({@code --pair}) pairs the frame with
 * a message, {@code answers} is that message's number (from 1) and {@code rtt_ms} the time
 * in milliseconds from the moment the message was committed to the connection to the
 * frame's arrival; a frame paired with nothing has neither. A datagram is printed after the
 * address it came from ({@code 127.0.0.1:50007 ← hello}; in JSON a {@code "from"} field
 * comes first). Not thread-safe: one thread prints.
 */
final class FramePrinter {
    private final OutputFormat format;
    private final PrintWriter out;

    FramePrinter(OutputFormat format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    /** Prints frame number {@code n} (from 1), answering the message {@code pair} names, or none when null. */
    void print(int n, Bytes frame, Pairer.Pair pair) {
        out.println(line(format, n, frame, pair));
        out.flush();
    }

    /**
     * Prints frame number {@code n} like {@link #print(int, Bytes, Pairer.Pair)}, from
     * {@code source} when it is not null (a datagram): {@code 127.0.0.1:50007 ← hello} in text
     * and hex, a {@code "from"} field in JSON.
     */
    void print(int n, Bytes frame, Pairer.Pair pair, InetSocketAddress source) {
        out.println(line(format, n, frame, pair, source));
        out.flush();
    }

    /** The line for one frame from {@code source}, or as {@link #line(OutputFormat, int, Bytes, Pairer.Pair)} when null. */
    static String line(OutputFormat format, int n, Bytes frame, Pairer.Pair pair, InetSocketAddress source) {
        String line = line(format, n, frame, pair);
        if (source == null) {
            return line;
        }
        String from = HostPort.of(source);
        if (format == OutputFormat.JSON) {
            return "{\"from\":" + Json.quote(from) + "," + line.substring(1);
        }
        return from + " ← " + line;
    }

    /** The line for one frame, without the line end. */
    static String line(OutputFormat format, int n, Bytes frame, Pairer.Pair pair) {
        switch (format) {
            case HEX:
                return Hex.encode(frame.toByteArray());
            case JSON:
                byte[] b = frame.toByteArray();
                return "{\"n\":" + n + ",\"bytes\":" + b.length
                        + ",\"text\":" + Json.quote(new String(b, StandardCharsets.UTF_8))
                        + ",\"hex\":\"" + Hex.encode(b) + "\""
                        + (pair == null ? "" : ",\"answers\":" + pair.sendId() + ",\"rtt_ms\":"
                                + String.format(Locale.ROOT, "%.3f", pair.rttNanos() / 1e6)) + "}";
            default:
                return Escapes.escape(frame);
        }
    }
}
