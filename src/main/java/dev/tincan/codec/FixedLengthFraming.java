package dev.tincan.codec;

import java.util.List;

/**
 * Every frame is exactly N bytes.
 *
 * <pre>
 * fixed:4   wire: | ABCD | EFGH |   frames: "ABCD", "EFGH"
 * </pre>
 *
 * <p>The decoder grows each frame as its bytes arrive rather than allocating N bytes at
 * the first one.
 */
public final class FixedLengthFraming implements Framing {
    private final int frameLength;

    FixedLengthFraming(int frameLength) {
        if (frameLength < 1) {
            throw new IllegalArgumentException("frameLength : " + frameLength + " (expected: > 0)");
        }
        this.frameLength = frameLength;
    }

    /** The size of every frame. */
    public int frameLength() {
        return frameLength;
    }

    @Override
    public String spec() {
        return "fixed:" + frameLength;
    }

    @Override
    public String description() {
        return "every frame is " + frameLength + (frameLength == 1 ? " byte" : " bytes");
    }

    @Override
    public long maxPayloadLength() {
        return frameLength;
    }

    @Override
    public byte[] encode(Bytes payload) {
        check(payload);
        return payload.toByteArray();
    }

    @Override
    public void check(Bytes payload) {
        if (payload.length() != frameLength) {
            throw new IllegalArgumentException("the message is " + payload.length() + " bytes, but " + spec()
                    + " frames are exactly " + frameLength + " bytes.");
        }
    }

    @Override
    public FrameDecoder newDecoder(int maxFrameLength) {
        Framing.checkMaxFrameLength(maxFrameLength);
        if (frameLength > maxFrameLength) {
            throw new IllegalArgumentException(spec() + " frames are longer than the max frame length of "
                    + maxFrameLength + " bytes: raise the max frame length.");
        }
        return new Decoder(frameLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedLengthFraming f && f.frameLength == frameLength;
    }

    @Override
    public int hashCode() {
        return frameLength;
    }

    @Override
    public String toString() {
        return spec();
    }

    private static final class Decoder implements FrameDecoder {
        private final int frameLength;
        /** The frame being filled, or null between frames. */
        private FrameBuffer frame;

        Decoder(int frameLength) {
            this.frameLength = frameLength;
        }

        @Override
        public void decode(byte[] in, int off, int len, List<byte[]> out) {
            int pos = off;
            int end = off + len;
            while (pos < end) {
                if (frame == null) {
                    frame = new FrameBuffer(frameLength);
                }
                pos += frame.fill(in, pos, end - pos);
                if (frame.complete()) {
                    out.add(frame.frame());
                    frame = null;
                }
            }
        }

        @Override
        public long pending() {
            return frame == null ? 0 : frame.filled();
        }
    }
}
