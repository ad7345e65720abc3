package dev.tincan.codec;

import java.util.List;

/**
 * Splits a byte stream into frames, incrementally: bytes may be fed in chunks of any size
 * and the frames that come out never depend on how the stream was split.
 *
 * <p>A decoder is stateful and not thread-safe: one decoder per connection, used by one
 * thread at a time.
 */
public interface FrameDecoder {

    /**
     * Consumes {@code len} bytes from {@code in} and appends every frame they complete to
     * {@code out}, in order. The whole chunk is always consumed.
     *
     * <p>If a frame is too long, the decoder discards it (up to its end), goes on decoding
     * the rest of the chunk, and then throws {@link TooLongFrameException}: frames added to
     * {@code out}, before or after the too-long one, are valid and must still be delivered,
     * and the next call goes on decoding. On a {@link CorruptedFrameException} the frames
     * added before it are valid too, but the decoder is failed and throws again on every
     * call.
     *
     * @throws FrameException when the stream breaks the framing
     */
    void decode(byte[] in, int off, int len, List<byte[]> out) throws FrameException;

    /**
     * How many bytes of a frame that is not complete yet have been consumed, header or
     * partial delimiter included, and also while a too-long frame is being discarded; 0
     * between frames. Whatever this says, a decoder never holds more than the max frame
     * length plus its header or delimiter.
     */
    long pending();
}
