package dev.tincan.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text with escapes, both ways. Input is UTF-8 text in which {@code \n \r \t \0 \\} and
 * {@code \xHH} stand for bytes. Output escapes every byte that is not printable the same
 * way, so one frame is always one line, {@code parse(escape(b))} gives back {@code b},
 * and nothing a peer sends can move a terminal's cursor or ring its bell.
 *
 * <p>Printable means: ASCII 0x20-0x7e, and well-formed UTF-8 for a code point that is
 * neither a control, a format character (such as a bidi override or zero-width space), a
 * line or paragraph separator, a private-use, surrogate nor unassigned code point. Every
 * other byte is written {@code \xHH}.
 */
public final class Escapes {
    /** The escapes input accepts, for error messages and help. */
    public static final String VALID_ESCAPES = "\\n \\r \\t \\0 \\\\ or \\xHH";

    private Escapes() {
    }

    /**
     * Turns escaped text into bytes.
     *
     * @throws IllegalArgumentException with one sentence naming the bad escape and where it is
     */
    public static byte[] parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        int runStart = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '\\') {
                continue;
            }
            appendUtf8(out, text, runStart, i);
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException("a lone \\ at the end of the text: write \\\\ for a backslash.");
            }
            char e = text.charAt(i + 1);
            switch (e) {
                case 'n':
                    out.write('\n');
                    break;
                case 'r':
                    out.write('\r');
                    break;
                case 't':
                    out.write('\t');
                    break;
                case '0':
                    out.write(0);
                    break;
                case '\\':
                    out.write('\\');
                    break;
                case 'x':
                    int hi = i + 2 < text.length() ? hexDigit(text.charAt(i + 2)) : -1;
                    int lo = i + 3 < text.length() ? hexDigit(text.charAt(i + 3)) : -1;
                    if (hi < 0 || lo < 0) {
                        String after = codePoints(text, i + 2, 2);
                        throw new IllegalArgumentException("bad escape \"\\x" + escapeText(after) + "\" at character "
                                + (i + 1) + ": \\x needs two hex digits, e.g. \\x1b.");
                    }
                    out.write(hi << 4 | lo);
                    i += 2;
                    break;
                default:
                    throw new IllegalArgumentException("bad escape \"\\" + escapeText(codePoints(text, i + 1, 1))
                            + "\" at character " + (i + 1) + ": use " + VALID_ESCAPES + ", and \\\\ for a backslash.");
            }
            i++;
            runStart = i + 1;
        }
        appendUtf8(out, text, runStart, text.length());
        return out.toByteArray();
    }

    /** Up to {@code count} whole code points of {@code text} from {@code from}. */
    private static String codePoints(String text, int from, int count) {
        int end = from;
        for (int k = 0; k < count && end < text.length(); k++) {
            end += Character.charCount(text.codePointAt(end));
        }
        return text.substring(Math.min(from, text.length()), end);
    }

    private static int hexDigit(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    private static void appendUtf8(ByteArrayOutputStream out, String text, int from, int to) {
        if (from < to) {
            byte[] b = text.substring(from, to).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
        }
    }

    /** {@code bytes} as one printable line; see the class comment. */
    public static String escape(Bytes bytes) {
        return escape(bytes, Integer.MAX_VALUE);
    }

    /**
     * {@code bytes} as one printable line of at most about {@code maxChars} characters; a
     * cut line ends in {@code …}. An escape is never cut in half, so a cut line may run up
     * to 3 characters past {@code maxChars}, plus the {@code …}.
     *
     * @throws IllegalArgumentException if {@code maxChars} is not positive
     */
    public static String escape(Bytes bytes, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars : " + maxChars + " (expected: > 0)");
        }
        StringBuilder sb = new StringBuilder(Math.min(bytes.length(), maxChars) + 16);
        int n = bytes.length();
        int i = 0;
        while (i < n) {
            if (sb.length() >= maxChars) {
                sb.append('…');
                break;
            }
            int b = bytes.get(i) & 0xff;
            if (b < 0x80) {
                appendAscii(sb, b);
                i++;
                continue;
            }
            int len = sequenceLength(bytes, i);
            if (len > 0 && printable(decode(bytes, i, len))) {
                sb.appendCodePoint(decode(bytes, i, len));
                i += len;
                continue;
            }
            // One byte at a time, so that a cut may fall between them; the continuation
            // bytes that follow are not valid starts and are escaped in turn.
            appendHex(sb, b);
            i++;
        }
        return sb.toString();
    }

    /**
     * {@code text} made safe to print as one line, by the same rule as {@link #escape}: a
     * code point that is not printable is written as its escape ({@code \n}, {@code \x1b},
     * {@code \xe2\x80\xae} for a bidi override, ...); everything else, backslashes included,
     * stays as it is. For sentences that quote what a person typed or a server sent, which
     * are read, not parsed back. Thread-safe.
     */
    public static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (cp == '\\' || cp >= 0x20 && cp < 0x7f || cp >= 0x80 && printable(cp)) {
                sb.append(text, i, i + n);
            } else if (cp < 0x80) {
                appendAscii(sb, cp);
            } else {
                // A lone surrogate has no UTF-8 form; its three bytes as if it had one.
                byte[] utf8 = Character.isSurrogate((char) cp)
                        ? new byte[] {(byte) (0xe0 | cp >> 12), (byte) (0x80 | cp >> 6 & 0x3f), (byte) (0x80 | cp & 0x3f)}
                        : text.substring(i, i + n).getBytes(StandardCharsets.UTF_8);
                for (byte b : utf8) {
                    appendHex(sb, b & 0xff);
                }
            }
            i += n;
        }
        return sb.toString();
    }

    /** Escapes a Java string's characters the same way, for echoing a person's input back. */
    static String escapeText(String s) {
        return escape(Bytes.utf8(s));
    }

    /** One code point, escaped if it is not printable. */
    static String escapeCodePoint(int codePoint) {
        return escapeText(new String(Character.toChars(codePoint)));
    }

    private static void appendAscii(StringBuilder sb, int b) {
        switch (b) {
            case '\n':
                sb.append("\\n");
                break;
            case '\r':
                sb.append("\\r");
                break;
            case '\t':
                sb.append("\\t");
                break;
            case 0:
                sb.append("\\0");
                break;
            case '\\':
                sb.append("\\\\");
                break;
            default:
                if (b >= 0x20 && b < 0x7f) {
                    sb.append((char) b);
                } else {
                    appendHex(sb, b);
                }
        }
    }

    private static void appendHex(StringBuilder sb, int b) {
        sb.append("\\x").append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
    }

    /** The length of the well-formed UTF-8 sequence starting at {@code i}, or 0. */
    private static int sequenceLength(Bytes bytes, int i) {
        int b = bytes.get(i) & 0xff;
        int len;
        int min;
        if (b >= 0xc2 && b <= 0xdf) {
            len = 2;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            len = 3;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            len = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + len > bytes.length()) {
            return 0;
        }
        for (int k = 1; k < len; k++) {
            if ((bytes.get(i + k) & 0xc0) != 0x80) {
                return 0;
            }
        }
        int cp = decode(bytes, i, len);
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
        return len;
    }

    private static int decode(Bytes bytes, int i, int len) {
        int b = bytes.get(i) & 0xff;
        int cp = len == 2 ? b & 0x1f : len == 3 ? b & 0x0f : b & 0x07;
        for (int k = 1; k < len; k++) {
            cp = cp << 6 | (bytes.get(i + k) & 0x3f);
        }
        return cp;
    }

    /**
     * Whether a code point can be shown as itself: not a control, format, separator,
     * private-use, surrogate or unassigned character. The one rule for what is printable:
     * {@link #escape}, {@link #oneLine} and {@link Json} all use it.
     */
    static boolean printable(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.PRIVATE_USE:
            case Character.SURROGATE:
            case Character.UNASSIGNED:
                return false;
            default:
                return true;
        }
    }
}
