package dev.tincan.codec;

/**
 * A frame is longer than the maximum frame length. Raised from the header or from the
 * first byte past the limit, before anything that large is allocated. The decoder that
 * raised it discards the rest of the oversized frame and can go on decoding.
 */
public final class TooLongFrameException extends FrameException {
    private static final long serialVersionUID = 1L;

    private final long length;
    private final int maxFrameLength;
    private int frames = 1;
    private int framesBefore;

    /**
     * @param length the declared or observed length; for an unterminated run, the number
     *     of bytes seen without a delimiter
     * @param maxFrameLength the limit in force
     * @param message one sentence naming both numbers
     */
    public TooLongFrameException(long length, int maxFrameLength, String message) {
        super(message);
        this.length = length;
        this.maxFrameLength = maxFrameLength;
    }

    /** The declared or observed length that broke the limit. */
    public long length() {
        return length;
    }

    /**
     * How many too-long frames the decode call that threw this skipped: the message names
     * the first, and one call throws one exception however many there were.
     */
    public int frames() {
        return frames;
    }

    /**
     * How many of the frames the throwing call added to its output came before the first
     * too-long frame in the stream; the rest came after it. Lets a caller report the skip in
     * stream order.
     */
    public int framesBefore() {
        return framesBefore;
    }

    /**
     * For a reader that ends the connection at a frame too long rather than skip it: removes
     * from {@code frames}, the output of the decode call that raised {@code failure}, the
     * frames that came after the first too-long one in the stream, and returns how many.
     * Nothing is removed for another failure, or none.
     */
    public static int dropAfter(FrameException failure, java.util.List<byte[]> frames) {
        if (!(failure instanceof TooLongFrameException tooLong)) {
            return 0;
        }
        java.util.List<byte[]> after = frames.subList(Math.min(tooLong.framesBefore, frames.size()), frames.size());
        int dropped = after.size();
        after.clear();
        return dropped;
    }

    /** Records where in the call's output the first too-long frame was; returns this. */
    TooLongFrameException at(int framesBefore) {
        this.framesBefore = framesBefore;
        return this;
    }

    /** Counts one more too-long frame skipped in the same decode call. */
    void alsoSkipped() {
        frames++;
    }

    /** The maximum frame length in force. */
    public int maxFrameLength() {
        return maxFrameLength;
    }
}
