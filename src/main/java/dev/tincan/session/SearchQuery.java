package dev.tincan.session;

import java.util.Objects;

/**
 * What to find in a transcript, as a person typed it.
 *
 * @param mode how {@code text} is read
 * @param text the query: text or a pattern matched against the frame's escaped text, or hex bytes
 * @param matchCase whether text and patterns tell upper from lower case (hex ignores it)
 * @param direction which frames to look at
 */
public record SearchQuery(Mode mode, String text, boolean matchCase, Direction direction) {

    /** How the query is read. */
    public enum Mode {
        /** Plain text, found in the frame as the transcript shows it: non-printable bytes escaped. */
        TEXT,
        /** Bytes, written in hex (spaces ignored), found anywhere in the payload. */
        HEX,
        /** A {@link java.util.regex.Pattern}, found in the same escaped text as {@link #TEXT}. */
        REGEX
    }

    /** Which frames a search looks at. */
    public enum Direction {
        /** Sent and received frames. */
        BOTH,
        /** Only frames sent from this side. */
        SENT,
        /** Only frames the peer sent. */
        RECEIVED
    }

    /** Checks that every part is there. */
    public SearchQuery {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(direction, "direction");
    }

    /** Case-insensitive text in both directions. */
    public static SearchQuery text(String text) {
        return new SearchQuery(Mode.TEXT, text, false, Direction.BOTH);
    }

    /** Whether there is nothing to find. */
    public boolean isEmpty() {
        return text.isBlank() && (mode == Mode.HEX || text.isEmpty());
    }
}
