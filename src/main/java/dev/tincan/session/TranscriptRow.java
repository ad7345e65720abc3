package dev.tincan.session;

import dev.tincan.codec.Bytes;
import java.util.Objects;

/**
 * One line of the transcript: a frame sent or received, or a connection event or error in
 * words. Rows are numbered by the session that makes them, one after another from 1;
 * the number is the row's place in that order, not a field. Immutable.
 *
 * @param kind what happened
 * @param nanos when, from {@link System#nanoTime()}, as carried by the reply
 * @param payload the frame's payload, or {@code null} for events and errors
 * @param wireBytes bytes on the wire, header and delimiter included; 0 when not known
 * @param message the sentence of an event or error, or {@code null} for frames
 * @param rttNanos the round-trip time when the session's pairing rule paired this received
 *     frame with a send, else -1
 * @param pair the number of the row this frame is paired with (for a send, its reply; for a
 *     received frame, the send it answers), or 0 when none
 * @param marked whether something (a rule) marked this row for a person to notice
 * @param source where a received datagram came from, {@code host:port}; {@code null} for rows
 *     of a TCP connection, whose frames all come from its one peer, and for every other kind
 */
public record TranscriptRow(Kind kind, long nanos, Bytes payload, int wireBytes, String message, long rttNanos,
        long pair, boolean marked, String source) {

    /** What a row records. */
    public enum Kind {
        /** A frame this end sent. */
        SENT("→", "sent"),
        /** A frame the peer sent. */
        RECEIVED("←", "received"),
        /** A connection event: connecting, connected, closed. */
        EVENT("•", "event"),
        /** Something that failed. */
        ERROR("!", "error"),
        /** A note added beside the frames, such as a rule saying what it did. */
        NOTE("✎", "note");

        private final String symbol;
        private final String word;

        Kind(String symbol, String word) {
            this.symbol = symbol;
            this.word = word;
        }

        /** A one-character mark for the direction column. */
        public String symbol() {
            return symbol;
        }

        /** The kind in one word, for exports. */
        public String word() {
            return word;
        }
    }

    /** Checks that frames carry a payload and events a sentence. */
    public TranscriptRow {
        Objects.requireNonNull(kind, "kind");
        boolean frame = kind == Kind.SENT || kind == Kind.RECEIVED;
        if (frame && payload == null) {
            throw new IllegalArgumentException("payload : null (expected: bytes for a " + kind.word() + " frame)");
        }
        if (!frame && message == null) {
            throw new IllegalArgumentException("message : null (expected: a sentence for a row of kind "
                    + kind.word() + ")");
        }
    }

    /** A frame this end sent. */
    public static TranscriptRow sent(Bytes payload, int wireBytes, long nanos) {
        return new TranscriptRow(Kind.SENT, nanos, payload, wireBytes, null, -1, 0, false, null);
    }

    /** A frame the peer sent, answering no send. */
    public static TranscriptRow received(Bytes payload, long nanos) {
        return new TranscriptRow(Kind.RECEIVED, nanos, payload, 0, null, -1, 0, false, null);
    }

    /** A frame the peer sent, answering the send in row {@code sentRow} after {@code rttNanos}. */
    public static TranscriptRow reply(Bytes payload, long nanos, long rttNanos, long sentRow) {
        return new TranscriptRow(Kind.RECEIVED, nanos, payload, 0, null, rttNanos, sentRow, false, null);
    }

    /** A connection event, in words. */
    public static TranscriptRow event(String message, long nanos) {
        return new TranscriptRow(Kind.EVENT, nanos, null, 0, message, -1, 0, false, null);
    }

    /** A failure, in words. */
    public static TranscriptRow error(String message, long nanos) {
        return new TranscriptRow(Kind.ERROR, nanos, null, 0, message, -1, 0, false, null);
    }

    /** A note beside the frames, in words, such as what a rule did. */
    public static TranscriptRow note(String message, long nanos) {
        return new TranscriptRow(Kind.NOTE, nanos, null, 0, message, -1, 0, false, null);
    }

    /** This sent frame, answered by the frame in row {@code replyRow}. */
    public TranscriptRow answeredBy(long replyRow) {
        return new TranscriptRow(kind, nanos, payload, wireBytes, message, rttNanos, replyRow, marked, source);
    }

    /** This row, marked for a person to notice. */
    public TranscriptRow withMark() {
        return marked ? this : new TranscriptRow(kind, nanos, payload, wireBytes, message, rttNanos, pair, true,
                source);
    }

    /** This received datagram, as coming from {@code from} ({@code host:port}). */
    public TranscriptRow from(String from) {
        return new TranscriptRow(kind, nanos, payload, wireBytes, message, rttNanos, pair, marked, from);
    }

    /** Whether this row is a frame with a payload. */
    public boolean isFrame() {
        return payload != null;
    }

    /** The payload length, or 0 for events. */
    public int size() {
        return payload == null ? 0 : payload.length();
    }
}
