package dev.tincan.client;

import java.io.IOException;

/** A write stayed blocked past the write timeout because the peer read nothing. */
final class WriteStalledException extends IOException {
    private static final long serialVersionUID = 1L;

    WriteStalledException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
