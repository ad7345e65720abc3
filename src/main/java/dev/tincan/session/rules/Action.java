package dev.tincan.session.rules;

import dev.tincan.session.Placeholders;
import java.time.Duration;
import java.util.Objects;

/**
 * One thing a rule does when a frame matches, in the order the rule lists them. Replies go
 * out the moment the frame matches, or after their delay; the rest happens at once.
 * Immutable; each checks itself when made and refuses with one sentence.
 */
public sealed interface Action {
    /** The longest delay a reply may have. */
    Duration MAX_DELAY = Duration.ofHours(1);
    /** The most frames a snapshot may hold. */
    int MAX_SNAPSHOT_FRAMES = History.CAPACITY;

    /** What it does, in a few words for a table: {@code reply "PONG" after 100 ms}. */
    String describe();

    /**
     * Sends {@code template} back, {@code delay} after the frame matched (zero: at once).
     * The template is kept as written; {@link Rule} reads it against the rule's match.
     */
    record Reply(String template, boolean hex, Duration delay) implements Action {
        /** Checks the delay. */
        public Reply {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
                throw new IllegalArgumentException("a reply's delay of " + delay.toMillis() + " ms is out of range: "
                        + "give 0 to " + MAX_DELAY.toMillis() + " ms.");
            }
        }

        @Override
        public String describe() {
            String shown = Match.shorten(template);
            return "reply " + (hex ? "hex " : "") + "\"" + shown + "\""
                    + (delay.isZero() ? "" : " after " + delay.toMillis() + " ms");
        }
    }

    /** Adds a note row after the frame saying {@code text}. */
    record Note(String text) implements Action {
        /** Refuses a blank note. */
        public Note {
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("a note needs words: write what the match means.");
            }
        }

        @Override
        public String describe() {
            return "note \"" + Match.shorten(text) + "\"";
        }
    }

    /** Marks the frame's row so a person notices it. */
    record Mark() implements Action {
        @Override
        public String describe() {
            return "mark";
        }
    }

    /** Stops every repeat running in the conversation. */
    record StopRepeat() implements Action {
        @Override
        public String describe() {
            return "stop repeats";
        }
    }

    /** Ends the search: the rules below this one do not look at the frame. */
    record StopRules() implements Action {
        @Override
        public String describe() {
            return "stop here";
        }
    }

    /**
     * Writes the last {@code frames} frames, both directions, the matched one last, to a
     * recording file named by {@code file} (library placeholders allowed, such as
     * {@code {{time:HHmmss}}}); a relative name is taken in the rules' snapshot folder.
     */
    record Snapshot(int frames, String file) implements Action {
        /** The name used when none is given. */
        public static final String DEFAULT_FILE = "snapshot-{{time:yyyyMMdd-HHmmss-SSS}}.jsonl";

        /** Checks the count and the name. */
        public Snapshot {
            Objects.requireNonNull(file, "file");
            if (frames < 1 || frames > MAX_SNAPSHOT_FRAMES) {
                throw new IllegalArgumentException("a snapshot of " + frames + " frames is out of range: give 1 to "
                        + MAX_SNAPSHOT_FRAMES + ".");
            }
            if (file.isBlank()) {
                throw new IllegalArgumentException("a snapshot needs a file name, such as " + DEFAULT_FILE + ".");
            }
            Placeholders.parse(file, false);
        }

        @Override
        public String describe() {
            return "snapshot of " + frames + " frames to " + Match.shorten(file);
        }
    }
}
