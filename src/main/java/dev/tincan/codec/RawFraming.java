package dev.tincan.codec;

import java.util.Arrays;
import java.util.List;

/**
 * No framing: bytes go out as they are, and each read that returns bytes is one frame.
 * Where a reply ends is left to the reader (an idle gap, or the peer closing).
 *
 * <pre>
 * wire:    | hello wor | ld\n |      (two reads)
 * frames:  "hello wor", "ld\n"
 * </pre>
 */
public final class RawFraming implements Framing {
    static final RawFraming INSTANCE = new RawFraming();

    private RawFraming() {
    }

    @Override
    public String spec() {
        return "raw";
    }

    @Override
    public String description() {
        return "no framing: bytes as they arrive";
    }

    @Override
    public long maxPayloadLength() {
        return MAX_FRAME_LENGTH_LIMIT;
    }

    @Override
    public byte[] encode(Bytes payload) {
        check(payload);
        return payload.toByteArray();
    }

    @Override
    public void check(Bytes payload) {
        if (payload.isEmpty()) {
            throw new IllegalArgumentException("the message is empty, and raw framing has nothing to send for it.");
        }
    }

    @Override
    public FrameDecoder newDecoder(int maxFrameLength) {
        Framing.checkMaxFrameLength(maxFrameLength);
        return new RawDecoder(maxFrameLength);
    }

    @Override
    public String toString() {
        return spec();
    }

    /** Each chunk is a frame; a chunk longer than the max is cut into max-sized frames. */
    static final class RawDecoder implements FrameDecoder {
        private final int maxFrameLength;

        RawDecoder(int maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
        }

        @Override
        public void decode(byte[] in, int off, int len, List<byte[]> out) {
            for (int pos = off, end = off + len; pos < end; pos += maxFrameLength) {
                out.add(Arrays.copyOfRange(in, pos, Math.min(end, pos + maxFrameLength)));
            }
        }

        @Override
        public long pending() {
            return 0;
        }
    }
}
