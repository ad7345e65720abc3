package dev.tincan.ui;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Payload;

/**
 * What the composer would send: the payload parsed from the person's text (escaped text or
 * hex), or the one sentence that says why it cannot be sent. Whether a connection is open
 * is not decided here but by {@link Session#send}. Immutable.
 *
 * @param payload the bytes to send, or {@code null} when {@code problem} is set
 * @param problem why the text cannot be sent, or {@code null}
 */
record OutgoingMessage(Bytes payload, String problem) {

    /**
     * Parses {@code text} as escaped text or as hex and, when {@code framing} is not
     * {@code null} (a connection is open), checks the framing can carry it.
     */
    static OutgoingMessage of(String text, boolean hex, Framing framing) {
        try {
            return new OutgoingMessage(framing == null ? Payload.parse(text, hex) : Payload.parse(text, hex, framing),
                    null);
        } catch (IllegalArgumentException e) {
            return new OutgoingMessage(null, e.getMessage());
        }
    }

    /** Whether the message can be sent. */
    boolean ok() {
        return payload != null;
    }
}
