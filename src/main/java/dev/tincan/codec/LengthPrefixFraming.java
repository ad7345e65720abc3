package dev.tincan.codec;

import java.util.List;

/**
 * Each frame is preceded by its length, as an unsigned integer of 1, 2, 3, 4 or 8 bytes,
 * big-endian (network order) or little-endian.
 *
 * <pre>
 * len16      wire: | 00 05 | h e l l o |   frame: "hello"
 * len32le    wire: | 05 00 00 00 | h e l l o |   frame: "hello"
 * </pre>
 *
 * <p>The decoder checks the length against the max frame length as soon as the header is
 * complete, before allocating anything, and then grows the frame only as its bytes arrive:
 * a header alone never costs the length it announces. A too-long frame is skipped, so
 * decoding can go on after it; a 64-bit length with the top bit set cannot be skipped and
 * fails the decoder.
 */
public final class LengthPrefixFraming implements Framing {
    private final int width;
    private final boolean littleEndian;

    LengthPrefixFraming(int width, boolean littleEndian) {
        if (width != 1 && width != 2 && width != 3 && width != 4 && width != 8) {
            throw new IllegalArgumentException("width : " + width + " (expected: 1, 2, 3, 4 or 8)");
        }
        this.width = width;
        this.littleEndian = littleEndian;
    }

    /** The size of the length prefix in bytes. */
    public int width() {
        return width;
    }

    /** Whether the prefix is little-endian. */
    public boolean littleEndian() {
        return littleEndian;
    }

    @Override
    public String spec() {
        return "len" + (width * 8) + (littleEndian ? "le" : "");
    }

    @Override
    public String description() {
        return "length prefix, " + (width * 8) + "-bit " + (littleEndian ? "little-endian" : "big-endian");
    }

    @Override
    public long maxPayloadLength() {
        return width >= 4 ? MAX_FRAME_LENGTH_LIMIT - width : (1L << (width * 8)) - 1;
    }

    @Override
    public byte[] encode(Bytes payload) {
        check(payload);
        int n = payload.length();
        byte[] wire = new byte[width + n];
        long value = n;
        for (int i = 0; i < width; i++) {
            int shift = 8 * (littleEndian ? i : width - 1 - i);
            wire[i] = (byte) (value >>> shift);
        }
        payload.copyTo(wire, width);
        return wire;
    }

    @Override
    public void check(Bytes payload) {
        int n = payload.length();
        if (n > maxPayloadLength()) {
            throw new IllegalArgumentException("the message is " + n + " bytes, but " + spec()
                    + " can carry at most " + maxPayloadLength() + " bytes per frame: pick a wider length prefix.");
        }
    }

    @Override
    public FrameDecoder newDecoder(int maxFrameLength) {
        return new Decoder(Framing.checkMaxFrameLength(maxFrameLength));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LengthPrefixFraming f && f.width == width && f.littleEndian == littleEndian;
    }

    @Override
    public int hashCode() {
        return width * 2 + (littleEndian ? 1 : 0);
    }

    @Override
    public String toString() {
        return spec();
    }

    private final class Decoder implements FrameDecoder {
        private final int maxFrameLength;
        private final byte[] header = new byte[width];
        private int headerFilled;
        /** The frame being filled, or null while reading a header or skipping. */
        private FrameBuffer frame;
        /** Bytes of a too-long frame still to skip. */
        private long skipping;
        /** Bytes of the too-long frame skipped so far. */
        private long skipped;
        private CorruptedFrameException failure;

        Decoder(int maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
        }

        @Override
        public void decode(byte[] in, int off, int len, List<byte[]> out) throws FrameException {
            if (failure != null) {
                throw failure;
            }
            TooLongFrameException tooLong = null;
            int outStart = out.size();
            int pos = off;
            int end = off + len;
            while (pos < end) {
                if (skipping > 0) {
                    int n = (int) Math.min(end - pos, skipping);
                    skipping -= n;
                    skipped = skipping == 0 ? 0 : skipped + n;
                    pos += n;
                } else if (frame != null) {
                    pos += frame.fill(in, pos, end - pos);
                    if (frame.complete()) {
                        out.add(frame.frame());
                        frame = null;
                    }
                } else {
                    int n = Math.min(end - pos, width - headerFilled);
                    System.arraycopy(in, pos, header, headerFilled, n);
                    headerFilled += n;
                    pos += n;
                    if (headerFilled == width) {
                        headerFilled = 0;
                        TooLongFrameException e = startFrame(out);
                        if (tooLong == null) {
                            tooLong = e == null ? null : e.at(out.size() - outStart);
                        } else if (e != null) {
                            tooLong.alsoSkipped();
                        }
                        if (failure != null) {
                            break;
                        }
                    }
                }
            }
            // Errors come out in stream order: a too-long frame before the corruption first,
            // and the corruption on the next call.
            if (tooLong != null) {
                throw tooLong;
            }
            if (failure != null) {
                throw failure;
            }
        }

        /**
         * Acts on a complete header; returns the error for a too-long frame, else null. A
         * negative length sets {@link #failure}.
         */
        private TooLongFrameException startFrame(List<byte[]> out) {
            long length = headerValue();
            if (length < 0) {
                failure = new CorruptedFrameException("length prefix " + Hex.encode(header) + " is a negative "
                        + (width * 8) + "-bit length (" + length + "): the stream is not " + spec() + " framed.");
                return null;
            }
            if (length > maxFrameLength) {
                skipping = length;
                skipped = 0;
                return new TooLongFrameException(length, maxFrameLength, "frame too long: the " + spec()
                        + " prefix says " + length + " bytes, over the max frame length of " + maxFrameLength
                        + " bytes.");
            }
            if (length == 0) {
                out.add(new byte[0]);
            } else {
                frame = new FrameBuffer((int) length);
            }
            return null;
        }

        private long headerValue() {
            long value = 0;
            for (int i = 0; i < width; i++) {
                int b = header[littleEndian ? width - 1 - i : i] & 0xff;
                value = (value << 8) | b;
            }
            return value;
        }

        @Override
        public long pending() {
            if (skipping > 0) {
                return width + skipped;
            }
            return frame != null ? width + frame.filled() : headerFilled;
        }
    }
}
