package dev.tincan.session.record;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import java.time.Instant;
import java.util.Base64;

/**
 * Writes lines exactly as {@link RecordFormat#line} does, faster: the date and time of the
 * current second is kept rather than formatted again for every line, Base64 is appended
 * straight from one reused buffer, and payloads of plain printable ASCII are copied as they are instead of
 * being escaped twice. Anything else takes {@link RecordFormat}'s own path. For one thread at
 * a time (the recorder's lock).
 */
final class LineWriter {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            .toCharArray();

    private final Instant started;
    private long second = Long.MIN_VALUE;
    /** {@code second} as {@link Instant#toString()} writes it, without its {@code Z}. */
    private String secondText;
    private byte[] payload = new byte[256];

    LineWriter(Instant started) {
        this.started = started;
    }

    /** Appends {@code line} to {@code sb} as {@link RecordFormat#line} would, without the line end. */
    StringBuilder append(StringBuilder sb, RecordFormat.Line line) {
        if (!line.dir().isFrame()) {
            return RecordFormat.line(sb, line, started);
        }
        sb.append("{\"seq\":").append(line.seq()).append(",\"ns\":").append(line.nanos()).append(",\"at\":\"");
        at(sb, started.plusNanos(line.nanos()));
        sb.append("\",\"dir\":\"").append(line.dir().word()).append('"');
        Bytes b = line.bytes();
        int n = b.length();
        if (payload.length < n) {
            payload = new byte[Math.max(n, payload.length * 2)];
        }
        b.copyTo(payload, 0);
        sb.append(",\"len\":").append(n).append(",\"b64\":\"");
        base64(sb, payload, n);
        sb.append("\",\"text\":");
        if (plain(payload, n)) {
            sb.append('"');
            for (int i = 0; i < n; i++) {
                sb.append((char) payload[i]);
            }
            sb.append('"');
        } else {
            RecordFormat.string(sb, Escapes.escape(b));
        }
        return sb.append('}');
    }

    /** Appends the first {@code n} bytes of {@code a} in Base64 as {@link Base64#getEncoder()} writes it. */
    private static void base64(StringBuilder sb, byte[] a, int n) {
        int i = 0;
        for (; i + 2 < n; i += 3) {
            int v = (a[i] & 0xff) << 16 | (a[i + 1] & 0xff) << 8 | (a[i + 2] & 0xff);
            sb.append(ALPHABET[v >>> 18]).append(ALPHABET[(v >>> 12) & 63]).append(ALPHABET[(v >>> 6) & 63])
                    .append(ALPHABET[v & 63]);
        }
        if (i + 1 == n) {
            int v = (a[i] & 0xff) << 16;
            sb.append(ALPHABET[v >>> 18]).append(ALPHABET[(v >>> 12) & 63]).append("==");
        } else if (i + 2 == n) {
            int v = (a[i] & 0xff) << 16 | (a[i + 1] & 0xff) << 8;
            sb.append(ALPHABET[v >>> 18]).append(ALPHABET[(v >>> 12) & 63]).append(ALPHABET[(v >>> 6) & 63])
                    .append('=');
        }
    }

    /** Whether the bytes are printable ASCII that neither {@code Escapes} nor JSON change. */
    private static boolean plain(byte[] a, int n) {
        for (int i = 0; i < n; i++) {
            byte c = a[i];
            if (c < 0x20 || c >= 0x7f || c == '\\' || c == '"') {
                return false;
            }
        }
        return true;
    }

    /** Appends {@code t} as {@link Instant#toString()} does. */
    private void at(StringBuilder sb, Instant t) {
        long s = t.getEpochSecond();
        if (s != second) {
            String whole = Instant.ofEpochSecond(s).toString();
            if (whole.length() != 20) {
                // A year outside 0000-9999 is written differently: leave it to Instant.
                sb.append(t);
                return;
            }
            second = s;
            secondText = whole.substring(0, 19);
        }
        sb.append(secondText);
        int nano = t.getNano();
        if (nano != 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                digits(sb, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(sb, nano / 1000, 6);
            } else {
                digits(sb, nano, 9);
            }
        }
        sb.append('Z');
    }

    private static void digits(StringBuilder sb, int value, int width) {
        int start = sb.length();
        sb.append(value);
        for (int i = sb.length() - start; i < width; i++) {
            sb.insert(start, '0');
        }
    }
}
