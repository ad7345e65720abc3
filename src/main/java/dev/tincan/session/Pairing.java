package dev.tincan.session;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rule that says which received frame answers which sent frame, and so what a round
 * trip is. A frame the rule pairs with nothing has no round-trip time; no rule pairs
 * across connections. Written as one spec string:
 *
 * <pre>
 * next          the first frame to arrive after a send answers it; several sends in a
 *               row are answered in the order they were sent (the default)
 * echo          a frame answers the oldest unanswered send with the same bytes
 * match:REGEX   a frame answers the oldest unanswered send whose first capture group
 *               holds the same text, e.g. match:id=(\d+)
 * </pre>
 *
 * <p>Patterns are matched against the frame's bytes read as ISO-8859-1 (one character per
 * byte), within its first {@value #MATCH_LIMIT} bytes. Immutable.
 */
public sealed interface Pairing permits Pairing.NextFrame, Pairing.SameBytes, Pairing.Correlation {

    /** How many bytes of a frame a {@code match:} pattern looks at. */
    int MATCH_LIMIT = 64 * 1024;

    /** The valid forms, for sentences and help. */
    String VALID_FORMS = "next, echo or match:REGEX (with one capture group, e.g. match:id=(\\d+))";

    /** The first frame after a send answers it. */
    Pairing NEXT = new NextFrame();

    /** A frame with the same bytes answers a send. */
    Pairing ECHO = new SameBytes();

    /**
     * Parses a spec: {@code next}, {@code echo} or {@code match:REGEX}.
     *
     * @throws IllegalArgumentException with one sentence naming what is wrong
     */
    static Pairing parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no pairing given: use " + VALID_FORMS + ".");
        }
        String s = spec.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("next")) {
            return NEXT;
        }
        if (lower.equals("echo")) {
            return ECHO;
        }
        if (lower.startsWith("match:")) {
            return Correlation.of(s.substring("match:".length()));
        }
        throw new IllegalArgumentException("unknown pairing \"" + s + "\": use " + VALID_FORMS + ".");
    }

    /** The spec string; {@code parse(spec())} gives an equal rule. */
    String spec();

    /** A few words for people, e.g. "the next frame after a send". */
    String description();

    /** The first frame to arrive after a send answers it. */
    record NextFrame() implements Pairing {
        @Override
        public String spec() {
            return "next";
        }

        /**
         * What the record's own would print, written out: picocli prints every option's value
         * to its trace as it sets it, and the record's own is made at the first call, which
         * took a one-shot {@code tincan send} some 10 ms.
         */
        @Override
        public String toString() {
            return "NextFrame[]";
        }

        @Override
        public String description() {
            return "the next frame after a send";
        }
    }

    /** A frame with the same bytes answers a send: an echo. */
    record SameBytes() implements Pairing {
        @Override
        public String spec() {
            return "echo";
        }

        /**
         * What the record's own would print, written out: picocli prints every option's value
         * to its trace as it sets it, and the record's own is made at the first call, which
         * took a one-shot {@code tincan send} some 10 ms.
         */
        @Override
        public String toString() {
            return "SameBytes[]";
        }

        @Override
        public String description() {
            return "the same bytes back";
        }
    }

    /**
     * A frame answers the send whose first capture group of {@code pattern} holds the same
     * text, found anywhere in the frame.
     *
     * @param pattern the pattern, with at least one capture group
     */
    record Correlation(Pattern pattern) implements Pairing {
        /** Checks there is a capture group. */
        public Correlation {
            Objects.requireNonNull(pattern, "pattern");
            if (pattern.matcher("").groupCount() < 1) {
                throw new IllegalArgumentException("the pairing pattern " + pattern.pattern()
                        + " has no capture group: put the part that the request and its reply share in "
                        + "parentheses, e.g. id=(\\d+).");
            }
        }

        /**
         * A rule from the text of a pattern.
         *
         * @throws IllegalArgumentException with one sentence when it is not a pattern or has no group
         */
        static Correlation of(String regex) {
            if (regex.isEmpty()) {
                throw new IllegalArgumentException("match: needs a pattern with a capture group, e.g. "
                        + "match:id=(\\d+).");
            }
            try {
                return new Correlation(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("the pairing pattern " + regex + " is not a valid pattern: "
                        + e.getDescription() + " near position " + Math.max(0, e.getIndex()) + ".");
            }
        }

        @Override
        public String spec() {
            return "match:" + pattern.pattern();
        }

        @Override
        public String description() {
            return "the same " + pattern.pattern() + " in request and reply";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Correlation c && c.pattern.pattern().equals(pattern.pattern());
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }
    }
}
