package dev.tincan.codec;

import java.util.Locale;

/**
 * Writes JSON string literals. Quotes, backslashes and every character that is not
 * printable (controls, format characters such as bidi overrides, line separators,
 * private-use, unassigned and lone surrogates) are written as escapes, so a JSON line
 * holds exactly one line and cannot drive a terminal. Stateless and thread-safe.
 */
public final class Json {
    private Json() {
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                default:
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                            && Escapes.printable(Character.toCodePoint(c, s.charAt(i + 1)))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c >= 0x20 && c < 0x7f || c >= 0xa0 && Escapes.printable(c)) {
                        sb.append(c);
                    } else {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    }
            }
        }
        return sb.append('"').toString();
    }
}
