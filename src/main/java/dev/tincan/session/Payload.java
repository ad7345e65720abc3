package dev.tincan.session;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.Hex;

/**
 * Turns what a person typed into the bytes to send, the same way in the window and on the
 * command line: text with the escapes {@code \n \r \t \0 \\ \xHH}, or hex digits; then
 * checks that the framing can carry it, without encoding it (the engine encodes each
 * payload once, when it sends). Stateless.
 */
public final class Payload {
    private Payload() {
    }

    /**
     * The bytes of {@code text}, read as escaped text or as hex.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    public static Bytes parse(String text, boolean hex) {
        return Bytes.adopt(hex ? Hex.parse(text) : Escapes.parse(text));
    }

    /**
     * The bytes of {@code text}, checked against {@code framing}.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    public static Bytes parse(String text, boolean hex, Framing framing) {
        Bytes payload = parse(text, hex);
        framing.check(payload);
        return payload;
    }
}
