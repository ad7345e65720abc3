package dev.tincan.client;

import java.io.IOException;

/** A write made no progress for the write timeout because the peer did not read enough to take more. */
final class WriteStalledException extends IOException {
    private static final long serialVersionUID = 1L;

    WriteStalledException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
