package dev.tincan.codec;

import java.util.Arrays;

/**
 * Hex input and output. Input accepts upper or lower case digits, separated or not by
 * spaces, colons, dashes or commas, with an optional {@code 0x} before each group of
 * digits: {@code "48 65 6c"}, {@code "48656C"}, {@code "0x48:0x65"}, {@code "0x48656c"}.
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /**
     * Parses hex text into bytes. Each group between separators has an even number of
     * digits, so {@code "1 2"} is refused rather than read as {@code 12}.
     *
     * @throws IllegalArgumentException with one sentence naming the bad character and its
     *     position, or the group with an odd number of digits
     */
    public static byte[] parse(String text) {
        byte[] out = new byte[text.length() / 2];
        int n = 0;
        int i = 0;
        while (i < text.length()) {
            if (isSeparator(text.charAt(i))) {
                i++;
                continue;
            }
            int group = i;
            if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
                i += 2;
            }
            int digits = i;
            for (; i < text.length() && !isSeparator(text.charAt(i)); i++) {
                if (digit(text.charAt(i)) < 0) {
                    throw new IllegalArgumentException("invalid hex: \"" + Escapes.escapeCodePoint(text.codePointAt(i))
                            + "\" at character " + (i + 1) + " is not a hex digit (use 0-9 and a-f, e.g. 48 65 6c).");
                }
            }
            if ((i - digits) % 2 != 0) {
                throw new IllegalArgumentException("invalid hex: \"" + Escapes.escape(Bytes.utf8(text.substring(group, i)), 24)
                        + "\" at character " + (group + 1) + " has an odd number of digits; each byte needs two digits"
                        + " (e.g. 0a, not a).");
            }
            for (int k = digits; k < i; k += 2) {
                out[n++] = (byte) (digit(text.charAt(k)) << 4 | digit(text.charAt(k + 1)));
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == '-' || c == ',';
    }

    private static int digit(char c) {
        return c <= 'f' ? Character.digit(c, 16) : -1;
    }

    /** Lower-case hex digits, two per byte, no separators. */
    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    /** Lower-case hex digits of {@code len} bytes from {@code off}. */
    public static String encode(byte[] bytes, int off, int len) {
        char[] out = new char[len * 2];
        for (int i = 0; i < len; i++) {
            int b = bytes[off + i] & 0xff;
            out[2 * i] = DIGITS[b >>> 4];
            out[2 * i + 1] = DIGITS[b & 0xf];
        }
        return new String(out);
    }

    /** Lower-case hex digits of {@code bytes}, a space between bytes. */
    public static String spaced(Bytes bytes) {
        StringBuilder sb = new StringBuilder(bytes.length() * 3);
        for (int i = 0; i < bytes.length(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            int b = bytes.get(i) & 0xff;
            sb.append(DIGITS[b >>> 4]).append(DIGITS[b & 0xf]);
        }
        return sb.toString();
    }

    /**
     * A classic hex dump: offset, 16 bytes in hex, and the printable ASCII, one line per 16
     * bytes, lines ending in {@code \n}.
     *
     * <pre>
     * 00000000  48 65 6c 6c 6f 0a                                 |Hello.|
     * </pre>
     */
    public static String dump(Bytes bytes) {
        StringBuilder sb = new StringBuilder((bytes.length() / 16 + 1) * 78);
        for (int line = 0; line < bytes.length(); line += 16) {
            String offset = Integer.toHexString(line);
            sb.append("0".repeat(Math.max(0, 8 - offset.length()))).append(offset).append("  ");
            for (int i = 0; i < 16; i++) {
                if (line + i < bytes.length()) {
                    int b = bytes.get(line + i) & 0xff;
                    sb.append(DIGITS[b >>> 4]).append(DIGITS[b & 0xf]).append(' ');
                } else {
                    sb.append("   ");
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append(" |");
            for (int i = 0; i < 16 && line + i < bytes.length(); i++) {
                int b = bytes.get(line + i) & 0xff;
                sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            sb.append("|\n");
        }
        return sb.toString();
    }
}
