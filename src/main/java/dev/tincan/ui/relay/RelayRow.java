package dev.tincan.ui.relay;

import dev.tincan.codec.Bytes;
import dev.tincan.relay.Direction;
import dev.tincan.relay.RelayEvent;
import java.util.Objects;

/**
 * One row of a relay's transcript: a frame that went one way through one link, bytes the
 * framing could not frame, or a sentence about a link or the relay (opened, closed, refused,
 * a note). A held frame's row changes its {@link Fate} when a person forwards, edits or
 * drops it; nothing else about a row changes. Confined to the EDT.
 */
final class RelayRow {
    /** What a row is. */
    enum Kind {
        /** A decoded frame. */
        FRAME,
        /** Bytes the framing could not frame, forwarded anyway. */
        BROKEN,
        /** A link opened, closed or was refused, or the relay says something. */
        NOTICE,
        /** A link failed, or a client was turned away. */
        FAILURE
    }

    /** What became of a frame, as the fate column says it. */
    enum Fate {
        HELD("held"),
        FORWARDED("forwarded"),
        EDITED("edited"),
        DROPPED("dropped"),
        INJECTED("injected"),
        RULE_DROPPED("rule: dropped"),
        RULE_REWRITTEN("rule: rewritten"),
        NONE("");

        private final String word;

        Fate(String word) {
            this.word = word;
        }

        /** The fate in the column's words. */
        String word() {
            return word;
        }

        static Fate of(RelayEvent.Fate fate) {
            switch (fate) {
                case HELD:
                    return HELD;
                case INJECTED:
                    return INJECTED;
                case DROPPED_BY_RULE:
                    return RULE_DROPPED;
                case REWRITTEN_BY_RULE:
                    return RULE_REWRITTEN;
                default:
                    return FORWARDED;
            }
        }

        static Fate of(RelayEvent.Outcome outcome) {
            switch (outcome) {
                case EDITED:
                    return EDITED;
                case DROPPED:
                    return DROPPED;
                default:
                    return FORWARDED;
            }
        }
    }

    private final Kind kind;
    private final long nanos;
    private final long gapNanos;
    private final int link;
    private final Direction direction;
    private final long frameId;
    private final Bytes payload;
    private final String text;
    private Fate fate;
    private Bytes sent;
    private long seq;

    private RelayRow(Kind kind, long nanos, long gapNanos, int link, Direction direction, long frameId, Bytes payload,
            String text, Fate fate) {
        this.kind = kind;
        this.nanos = nanos;
        this.gapNanos = gapNanos;
        this.link = link;
        this.direction = direction;
        this.frameId = frameId;
        this.payload = payload;
        this.text = text;
        this.fate = fate;
    }

    /** The row of a decoded frame. */
    static RelayRow frame(RelayEvent.Frame f) {
        return new RelayRow(Kind.FRAME, f.nanos(), f.gapNanos(), f.link(), f.direction(), f.id(), f.payload(), null,
                Fate.of(f.fate()));
    }

    /** The row of bytes the framing could not frame; its text says why. */
    static RelayRow broken(RelayEvent.Broken b) {
        return new RelayRow(Kind.BROKEN, b.nanos(), -1, b.link(), b.direction(), -1, b.bytes(), b.why(), Fate.FORWARDED);
    }

    /** A row that is a sentence, about {@code link} (0 for the relay itself). */
    static RelayRow notice(long nanos, int link, String sentence, boolean failure) {
        return new RelayRow(failure ? Kind.FAILURE : Kind.NOTICE, nanos, -1, link, null, -1, null,
                Objects.requireNonNull(sentence, "sentence"), Fate.NONE);
    }

    Kind kind() {
        return kind;
    }

    /** Whether the row carries bytes (a frame, or bytes the framing could not frame). */
    boolean hasBytes() {
        return payload != null;
    }

    long nanos() {
        return nanos;
    }

    /** Nanoseconds since the previous frame of the same link; -1 when not a frame. */
    long gapNanos() {
        return gapNanos;
    }

    int link() {
        return link;
    }

    /** The way the bytes went, or null for a sentence. */
    Direction direction() {
        return direction;
    }

    /** The relay's id of the frame, for forward and drop; -1 when not a frame. */
    long frameId() {
        return frameId;
    }

    /** The bytes as they arrived, or null for a sentence. */
    Bytes payload() {
        return payload;
    }

    /** What was sent in their place when a person edited a held frame; else null. */
    Bytes sent() {
        return sent;
    }

    /** The sentence of a notice, or why broken bytes could not be framed; else null. */
    String text() {
        return text;
    }

    Fate fate() {
        return fate;
    }

    boolean isHeld() {
        return fate == Fate.HELD;
    }

    /** Records how a held frame left the hold. */
    void released(RelayEvent.Released r) {
        fate = Fate.of(r.outcome());
        if (r.outcome() == RelayEvent.Outcome.EDITED) {
            sent = r.payload();
        }
    }

    /** The row's running number in the transcript; 0 until it is shown. */
    long seq() {
        return seq;
    }

    void shownAs(long seq) {
        this.seq = seq;
    }

    /** The bytes the row counts towards the transcript's bound. */
    long size() {
        return (payload == null ? 0 : payload.length()) + (sent == null ? 0 : sent.length());
    }
}
