package dev.tincan.ui;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;

/**
 * Turns what the composer holds from one input mode into the other without changing the
 * bytes it spells: escaped text to spaced hex, and hex back to escaped text in which each
 * line feed but a last one is a line break. Text that does not parse is refused with one
 * sentence. Stateless.
 */
public final class MessageText {
    private MessageText() {
    }

    /**
     * The hex spelling of escaped {@code text}: {@code "hi\n"} becomes {@code "68 69 0a"}.
     *
     * @throws IllegalArgumentException with one sentence when the text has a bad escape
     */
    public static String toHex(String text) {
        try {
            return Hex.spaced(Bytes.adopt(Escapes.parse(text)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot convert to hex: " + e.getMessage(), e);
        }
    }

    /**
     * The escaped-text spelling of {@code hex}.
     *
     * @throws IllegalArgumentException with one sentence when it is not hex
     */
    public static String toText(String hex) {
        try {
            return textOf(Bytes.adopt(Hex.parse(hex)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot convert to text: " + e.getMessage(), e);
        }
    }

    /**
     * {@code bytes} as text the composer parses back to the same bytes: escapes for what is
     * not printable, a line break for each line feed except a final one, which stays
     * {@code \n} so that it can be seen.
     */
    public static String textOf(Bytes bytes) {
        byte[] b = bytes.toByteArray();
        StringBuilder sb = new StringBuilder(b.length + 8);
        int start = 0;
        for (int i = 0; i < b.length - 1; i++) {
            if (b[i] == '\n') {
                sb.append(Escapes.escape(Bytes.of(b, start, i - start))).append('\n');
                start = i + 1;
            }
        }
        return sb.append(Escapes.escape(Bytes.of(b, start, b.length - start))).toString();
    }
}
