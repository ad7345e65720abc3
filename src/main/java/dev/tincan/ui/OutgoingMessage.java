package dev.tincan.ui;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.Hex;

/**
 * What the composer would send: the payload parsed from the person's text (escaped text or
 * hex), or the one sentence that says why it cannot be sent. Immutable.
 *
 * @param payload the bytes to send, or {@code null} when {@code problem} is set
 * @param problem why the text cannot be sent, or {@code null}
 */
record OutgoingMessage(Bytes payload, String problem) {

    /**
     * Parses {@code text} as escaped text or as hex and checks it fits {@code framing}, the
     * framing of the open connection, or {@code null} when not connected.
     */
    static OutgoingMessage of(String text, boolean hex, Framing framing) {
        byte[] bytes;
        try {
            bytes = hex ? Hex.parse(text) : Escapes.parse(text);
        } catch (IllegalArgumentException e) {
            return new OutgoingMessage(null, e.getMessage());
        }
        if (framing == null) {
            return new OutgoingMessage(null, "not connected: connect first (Ctrl+K), then send.");
        }
        Bytes payload = Bytes.adopt(bytes);
        try {
            framing.encode(payload);
        } catch (IllegalArgumentException e) {
            return new OutgoingMessage(null, e.getMessage());
        }
        return new OutgoingMessage(payload, null);
    }

    /** Whether the message can be sent. */
    boolean ok() {
        return payload != null;
    }
}
