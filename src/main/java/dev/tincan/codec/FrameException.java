package dev.tincan.codec;

import java.io.IOException;

/**
 * A received byte stream could not be split into frames. The message is one sentence a
 * person can read.
 */
public abstract class FrameException extends IOException {
    private static final long serialVersionUID = 1L;

    FrameException(String message) {
        super(message);
    }
}
