package dev.tincan.ui;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Payload;
import dev.tincan.session.Placeholders;

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
        return of(text, hex, framing, null);
    }

    /**
     * As {@link #of(String, boolean, Framing)}, with placeholders such as {@code {{counter}}}
     * filled in from {@code context} (the tab's conversation), so the payload is the bytes that
     * go out; an unknown or unfillable placeholder is the problem. With a {@code null} context
     * the text is read as it stands.
     */
    static OutgoingMessage of(String text, boolean hex, Framing framing, Placeholders.Context context) {
        try {
            Bytes payload = context != null && Placeholders.mayContain(text)
                    ? Placeholders.expand(text, hex, context) : Payload.parse(text, hex);
            if (framing != null) {
                framing.check(payload);
            }
            return new OutgoingMessage(payload, null);
        } catch (IllegalArgumentException e) {
            return new OutgoingMessage(null, e.getMessage());
        }
    }

    /** Whether the message can be sent. */
    boolean ok() {
        return payload != null;
    }
}
