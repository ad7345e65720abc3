package dev.tincan.server;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.FixedLengthFraming;
import dev.tincan.codec.Framing;
import java.util.Arrays;

/**
 * The numbered frames of {@link Mode#FLOOD} mode. Frame {@code i} (from 1) carries
 * {@code i} in ASCII decimal, padded on the right with {@code '.'} to the payload size:
 *
 * <pre>
 * size 8:   "1.......", "2.......", ..., "12345678", then "23456789" for 123456789
 * </pre>
 *
 * <p>A number with more digits than the payload has bytes keeps its last digits. The
 * payload size is the flood size, except with {@code fixed:N} (always N) and with a length
 * prefix too narrow for it ({@code len8}: at most 255). Immutable and thread-safe.
 */
final class FloodFrames {
    private final Framing framing;
    private final int size;

    FloodFrames(Framing framing, int floodSize) {
        this.framing = framing;
        if (framing instanceof FixedLengthFraming fixed) {
            this.size = fixed.frameLength();
        } else {
            this.size = (int) Math.min(floodSize, framing.maxPayloadLength());
        }
    }

    /** The payload size of every frame. */
    int size() {
        return size;
    }

    /** The payload of frame {@code sequence}. */
    static byte[] payload(long sequence, int size) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) '.');
        String digits = Long.toString(sequence);
        int skip = Math.max(0, digits.length() - size);
        for (int i = skip; i < digits.length(); i++) {
            payload[i - skip] = (byte) digits.charAt(i);
        }
        return payload;
    }

    /**
     * The wire bytes of frame {@code sequence}.
     *
     * @throws IllegalArgumentException when the framing cannot carry it (a {@code delim:HEX}
     *     delimiter made of digits or dots)
     */
    byte[] frame(long sequence) {
        return framing.encode(Bytes.adopt(payload(sequence, size)));
    }
}
