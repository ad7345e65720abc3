package dev.tincan.server;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.FixedLengthFraming;
import dev.tincan.codec.Framing;
import dev.tincan.codec.RawFraming;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns a received frame into the wire bytes of the server's answer: the mode decides the
 * payload, the framing frames it.
 *
 * <p>A payload is fitted to the framing before it is framed: with {@code fixed:N} it is
 * cut or padded with spaces to N bytes, and a payload longer than a length prefix can
 * carry ({@code len8}: 255 bytes) is cut. A payload that still cannot be framed (it
 * contains a {@code delim:HEX} delimiter) is refused by {@link Framing#encode}.
 * Immutable and thread-safe.
 */
final class Replies {
    private static final byte[] HELLO = "Hello ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] YOU_SENT = "You sent me: ".getBytes(StandardCharsets.US_ASCII);

    private final Mode mode;
    private final Framing framing;

    Replies(Mode mode, Framing framing) {
        this.mode = mode;
        this.framing = framing;
    }

    /** The payload the mode answers {@code frame} with: the frame itself except in upper and you-sent. */
    byte[] answer(byte[] frame) {
        if (mode == Mode.UPPER) {
            String text = new String(frame, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
            return concat(HELLO, text.getBytes(StandardCharsets.UTF_8));
        }
        if (mode == Mode.YOU_SENT) {
            return concat(YOU_SENT, frame);
        }
        return frame;
    }

    /**
     * The wire bytes for {@code payload}, fitted to the framing, or null when there is
     * nothing to send (an empty payload in {@code raw}). The payload array is not kept.
     *
     * @throws IllegalArgumentException with the framing's sentence when the payload cannot be framed
     */
    byte[] frame(byte[] payload) {
        byte[] fitted = fit(payload);
        if (fitted.length == 0 && framing instanceof RawFraming) {
            return null;
        }
        return framing.encode(Bytes.adopt(fitted));
    }

    /** The wire bytes answering {@code frame}; see {@link #answer} and {@link #frame}. */
    byte[] reply(byte[] frame) {
        return frame(answer(frame));
    }

    private byte[] fit(byte[] payload) {
        if (framing instanceof FixedLengthFraming fixed) {
            int n = fixed.frameLength();
            if (payload.length == n) {
                return payload;
            }
            byte[] fitted = Arrays.copyOf(payload, n);
            Arrays.fill(fitted, Math.min(payload.length, n), n, (byte) ' ');
            return fitted;
        }
        if (payload.length > framing.maxPayloadLength()) {
            return Arrays.copyOf(payload, (int) framing.maxPayloadLength());
        }
        return payload;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
