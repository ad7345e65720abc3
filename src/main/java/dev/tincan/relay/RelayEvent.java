package dev.tincan.relay;

import dev.tincan.codec.Bytes;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What happened in a relay, in the order it happened: {@link #seq()} numbers every event of
 * one relay from 1 without gaps and {@link #nanos()} is a {@link System#nanoTime()} reading
 * taken in the same step, as for {@link dev.tincan.client.ClientReply}. {@link #link()} is the
 * client link the event belongs to, from 1; 0 for events of the relay itself.
 */
public sealed interface RelayEvent {
    /** This event's place among the relay's events, from 1, without gaps. */
    long seq();

    /** When it happened, from {@link System#nanoTime()}. */
    long nanos();

    /** The link, from 1; 0 for the relay itself. */
    int link();

    /** What became of a frame the relay decoded. */
    enum Fate {
        /** Forwarded as it arrived, byte for byte. */
        PASSED,
        /** Held for a person (the direction is paused); a {@link Released} follows with the same id. */
        HELD,
        /** Typed by a person and sent into the link. */
        INJECTED,
        /** Dropped by a rule; the other side never saw it. */
        DROPPED_BY_RULE,
        /** Replaced by a rule; {@link Frame#payload()} is what was sent instead. */
        REWRITTEN_BY_RULE
    }

    /** How a held frame left the hold. */
    enum Outcome {
        /** Forwarded unchanged. */
        FORWARDED,
        /** Edited, then forwarded. */
        EDITED,
        /** Dropped by a person. */
        DROPPED
    }

    /** A client connected and the relay reached the server for it. */
    record Opened(int link, InetSocketAddress client, InetSocketAddress server, long seq, long nanos)
            implements RelayEvent {
    }

    /**
     * One frame decoded in {@code direction}. {@code id} names the frame within the relay (for
     * {@link Relay#forward}, {@link Relay#drop}); {@code gapNanos} is the time since the
     * previous frame of the same link in either direction (0 for the first).
     */
    record Frame(int link, Direction direction, Bytes payload, long id, Fate fate, long gapNanos, long seq,
            long nanos) implements RelayEvent {
        /** Rejects null parts. */
        public Frame {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(fate, "fate");
        }
    }

    /**
     * Bytes the framing could not frame (a prefix past the maximum, a broken stream, what was
     * left when the link closed mid-frame); {@code bytes} of them were forwarded anyway and
     * {@code why} says what was wrong, in one sentence.
     */
    record Broken(int link, Direction direction, Bytes bytes, String why, long seq, long nanos)
            implements RelayEvent {
    }

    /** A held frame left the hold: {@code payload} is what was sent, or null when dropped. */
    record Released(int link, Direction direction, long id, Outcome outcome, Bytes payload, long seq, long nanos)
            implements RelayEvent {
    }

    /** Something a person should read that is not a frame: a rule's note, a toxic's reset, a pause. */
    record Notice(int link, String sentence, long seq, long nanos) implements RelayEvent {
    }

    /**
     * What became of injected frames that wait for a frame boundary: they have waited
     * {@link RelayConfig#injectWait()} while the other side's frame stays unfinished
     * ({@link Kind#WAITING}), or a person cancelled them ({@link Kind#CANCELLED}) or sent them
     * anyway, inside that frame ({@link Kind#SENT_ANYWAY}). {@code frames} is how many;
     * {@code sentence} says it to a person, with what they can do.
     */
    record InjectWait(int link, Direction direction, Kind kind, int frames, String sentence, long seq, long nanos)
            implements RelayEvent {
        /** Which of the three it is. */
        public enum Kind {
            /** Still waiting, past the relay's inject wait; they go when the frame ends. */
            WAITING,
            /** Taken off the queue by a person; they were never sent. */
            CANCELLED,
            /** Going now, inside the unfinished frame, as a person asked. */
            SENT_ANYWAY
        }

        /** Rejects null parts. */
        public InjectWait {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(sentence, "sentence");
        }
    }

    /** A link ended; {@code sentence} says who ended it and why, {@code failed} whether it was a failure. */
    record Closed(int link, String sentence, boolean failed, long seq, long nanos) implements RelayEvent {
    }

    /**
     * A client was turned away: the cap was reached or the server could not be reached for it.
     * {@code link} is 0.
     */
    record Refused(InetSocketAddress client, String sentence, long seq, long nanos) implements RelayEvent {
        @Override
        public int link() {
            return 0;
        }
    }
}
