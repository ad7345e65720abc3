package dev.tincan.codec;

/**
 * The stream breaks the framing in a way that cannot be recovered from, such as a
 * negative 64-bit length prefix. The decoder that raised it stays failed.
 */
public final class CorruptedFrameException extends FrameException {
    private static final long serialVersionUID = 1L;

    /** @param message one sentence saying what was wrong */
    public CorruptedFrameException(String message) {
        super(message);
    }
}
