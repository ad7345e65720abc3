package dev.tincan.session.rules;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which received frames a rule answers. Five kinds:
 *
 * <pre>
 *   exact     the whole frame is the pattern's bytes
 *   prefix    the frame starts with them
 *   contains  the frame holds them somewhere
 *   regex     a Java regular expression finds a match in the frame's text (UTF-8, first 64 KiB);
 *             anchor it with ^ and $ to match the whole frame
 *   hex       the whole frame, byte by byte, as hex with wildcards: ?? is any one byte,
 *             * any run of bytes (none included): 02 ?? ?? 03, or 7e * 7e
 * </pre>
 *
 * <p>For exact, prefix and contains the pattern is text with escapes ({@code \r \n \xHH}),
 * or hex when {@code hex} is set. Regex groups, and each {@code ??} and {@code *} of a hex
 * pattern in order, are the groups a reply can use ({@code {{1}}}, {@code {{2}}}, ...).
 * Everything is checked when a match is made: a bad pattern is refused with one sentence.
 * Immutable and thread-safe.
 *
 * @param kind how to compare
 * @param pattern the pattern as written
 * @param hex for exact, prefix and contains: whether the pattern is hex rather than text
 */
public record Match(Kind kind, String pattern, boolean hex) {
    /** How much of a frame a regex looks at. */
    public static final int REGEX_WINDOW = 64 * 1024;

    /** How a frame is compared with the pattern. */
    public enum Kind {
        /** The whole frame is the pattern. */
        EXACT("exact"),
        /** The frame starts with the pattern. */
        PREFIX("prefix"),
        /** The frame holds the pattern. */
        CONTAINS("contains"),
        /** A regular expression finds a match in the frame's text. */
        REGEX("regex"),
        /** Hex with wildcards matches the whole frame. */
        HEX("hex");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The word in a rules file, e.g. {@code contains}. */
        public String word() {
            return word;
        }

        /** The kind written {@code word}, or null for none. */
        public static Kind of(String word) {
            for (Kind k : values()) {
                if (k.word.equals(word.strip().toLowerCase(Locale.ROOT))) {
                    return k;
                }
            }
            return null;
        }

        /** The words of every kind, for sentences. */
        public static final String WORDS = "exact, prefix, contains, regex or hex";
    }

    /**
     * Checks the pattern.
     *
     * @throws IllegalArgumentException with one sentence when it cannot be used
     */
    public Match {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
        compile(kind, pattern, hex);
    }

    /** A match of {@code kind} for {@code pattern}, written as text. */
    public static Match text(Kind kind, String pattern) {
        return new Match(kind, pattern, false);
    }

    /** The groups of a frame that matched: group 0 is what matched, then the pattern's groups. */
    public interface Groups {
        /** How many groups there are besides group 0. */
        int count();

        /** The bytes of group {@code n}, or null when it took no part in the match or does not exist. */
        Bytes group(int n);

        /** The bytes of the named group, or null when there is none or it took no part. */
        Bytes group(String name);
    }

    /**
     * This match compiled once, for code outside this package that tests many frames (a
     * relay's rules): the function gives the groups of a frame it matches, or null. The
     * function is immutable and thread-safe.
     *
     * @throws IllegalArgumentException with one sentence when the pattern is bad
     */
    public java.util.function.Function<Bytes, Groups> matcher() {
        Compiled c = compile();
        return c::match;
    }

    /** What this match compiles to: the pattern's bytes, or a regular expression. */
    Compiled compile() {
        return compile(kind, pattern, hex);
    }

    private static Compiled compile(Kind kind, String pattern, boolean hex) {
        switch (kind) {
            case EXACT:
            case PREFIX:
            case CONTAINS:
                byte[] bytes;
                try {
                    bytes = hex ? Hex.parse(pattern) : Escapes.parse(pattern);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("the " + kind.word() + " pattern \"" + shorten(pattern)
                            + "\" cannot be read: " + e.getMessage());
                }
                if (bytes.length == 0 && kind != Kind.EXACT) {
                    throw new IllegalArgumentException("the " + kind.word() + " pattern is empty: it would match "
                            + "every frame; use regex . for that.");
                }
                return new Bytewise(kind, bytes);
            case REGEX:
                if (pattern.isEmpty()) {
                    throw new IllegalArgumentException("the regex is empty: write one, such as ^PING$.");
                }
                try {
                    return new Regex(Pattern.compile(pattern), false, -1);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("the regex \"" + shorten(pattern) + "\" is not valid: "
                            + Escapes.oneLine(e.getDescription()) + near(e, pattern) + ".");
                }
            case HEX:
                int[] fixed = new int[1];
                String re = hexRegex(pattern, fixed);
                return new Regex(Pattern.compile(re, Pattern.DOTALL), true, fixed[0]);
            default:
                throw new IllegalStateException("unknown kind " + kind);
        }
    }

    /**
     * Turns {@code 02 ?? * 03} into a regular expression over the frame read as ISO-8859-1;
     * {@code fixed[0]} becomes the one frame length it can match, or -1 when it has a {@code *}.
     */
    private static String hexRegex(String pattern, int[] fixed) {
        StringBuilder re = new StringBuilder("^");
        int i = 0;
        int bytes = 0;
        String p = pattern.strip();
        if (p.isEmpty()) {
            throw new IllegalArgumentException("the hex pattern is empty: write bytes such as 02 ?? ?? 03.");
        }
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == ' ' || c == ',' || c == ':' || c == '-' || c == '\t') {
                i++;
            } else if (c == '*') {
                re.append("(.*?)");
                i++;
            } else if (c == '?') {
                if (i + 1 >= p.length() || p.charAt(i + 1) != '?') {
                    throw new IllegalArgumentException("the hex pattern \"" + shorten(pattern) + "\" has a lone ? at "
                            + "character " + (i + 1) + ": write ?? for any one byte.");
                }
                re.append("(.)");
                i += 2;
                bytes++;
            } else {
                int hi = Character.digit(c, 16);
                int lo = i + 1 < p.length() ? Character.digit(p.charAt(i + 1), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("the hex pattern \"" + shorten(pattern) + "\" has \""
                            + Escapes.oneLine(p.substring(i, Math.min(p.length(), i + 2))) + "\" at character "
                            + (i + 1) + ": write two hex digits per byte, ?? for any byte, * for any run of bytes.");
                }
                re.append(String.format(Locale.ROOT, "\\x%02x", hi << 4 | lo));
                i += 2;
                bytes++;
            }
        }
        if (bytes == 0 && re.indexOf("(") < 0) {
            throw new IllegalArgumentException("the hex pattern is empty: write bytes such as 02 ?? ?? 03.");
        }
        fixed[0] = re.indexOf("*") < 0 ? bytes : -1;
        return re.append('$').toString();
    }

    private static String near(PatternSyntaxException e, String pattern) {
        if (e.getIndex() < 0) {
            return "";
        }
        return e.getIndex() >= pattern.length() ? " at the end" : " near character " + (e.getIndex() + 1);
    }

    static String shorten(String s) {
        String one = Escapes.oneLine(s);
        return one.length() > 40 ? one.substring(0, 40) + "..." : one;
    }

    /** A compiled match: the groups of a frame it matches, or null. Immutable. */
    abstract static sealed class Compiled permits Bytewise, Regex {
        /** The groups of {@code frame}, or null when it does not match. */
        abstract Groups match(Bytes frame);
    }

    /** Exact, prefix, contains: byte comparison, no text decoding. */
    static final class Bytewise extends Compiled {
        private final Kind kind;
        private final byte[] pattern;

        Bytewise(Kind kind, byte[] pattern) {
            this.kind = kind;
            this.pattern = pattern;
        }

        @Override
        Groups match(Bytes frame) {
            int n = frame.length();
            int m = pattern.length;
            int at;
            if (kind == Kind.EXACT) {
                at = n == m && startsAt(frame, 0) ? 0 : -1;
            } else if (kind == Kind.PREFIX) {
                at = n >= m && startsAt(frame, 0) ? 0 : -1;
            } else {
                at = -1;
                for (int i = 0; i + m <= n; i++) {
                    if (frame.get(i) == pattern[0] && startsAt(frame, i)) {
                        at = i;
                        break;
                    }
                }
            }
            if (at < 0) {
                return null;
            }
            Bytes whole = Bytes.of(pattern);
            return new Groups() {
                @Override
                public int count() {
                    return 0;
                }

                @Override
                public Bytes group(int g) {
                    return g == 0 ? whole : null;
                }

                @Override
                public Bytes group(String name) {
                    return null;
                }
            };
        }

        private boolean startsAt(Bytes frame, int off) {
            for (int k = 0; k < pattern.length; k++) {
                if (frame.get(off + k) != pattern[k]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Regex on the frame's UTF-8 text, or a hex pattern on its bytes read one char per byte. */
    static final class Regex extends Compiled {
        private final Pattern pattern;
        private final boolean bytewise;
        private final int fixedLength;

        /** {@code fixedLength}: the one frame length a hex pattern without * can match, so others are skipped at once; else -1. */
        Regex(Pattern pattern, boolean bytewise, int fixedLength) {
            this.pattern = pattern;
            this.bytewise = bytewise;
            this.fixedLength = fixedLength;
        }

        /** How many groups the pattern has besides group 0. */
        int groupCount() {
            return pattern.matcher("").groupCount();
        }

        @Override
        Groups match(Bytes frame) {
            if (fixedLength >= 0 && frame.length() != fixedLength) {
                return null;
            }
            int n = bytewise ? frame.length() : Math.min(frame.length(), REGEX_WINDOW);
            byte[] head = new byte[n];
            for (int i = 0; i < n; i++) {
                head[i] = frame.get(i);
            }
            String text = new String(head, bytewise ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            Matcher m = pattern.matcher(text);
            if (!(bytewise ? m.matches() : m.find())) {
                return null;
            }
            List<Bytes> groups = new ArrayList<>(m.groupCount() + 1);
            for (int g = 0; g <= m.groupCount(); g++) {
                String s = m.group(g);
                groups.add(s == null ? null : Bytes.adopt(s.getBytes(bytewise ? StandardCharsets.ISO_8859_1
                        : StandardCharsets.UTF_8)));
            }
            return new Groups() {
                @Override
                public int count() {
                    return groups.size() - 1;
                }

                @Override
                public Bytes group(int g) {
                    return g >= 0 && g < groups.size() ? groups.get(g) : null;
                }

                @Override
                public Bytes group(String name) {
                    try {
                        String s = m.group(name);
                        return s == null ? null : Bytes.utf8(s);
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
            };
        }
    }
}
