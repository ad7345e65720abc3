package dev.tincan.server;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Gathers small encoded frames into one buffer so that all the answers to one read go out
 * in one write call. A frame larger than the buffer is written on its own, right after
 * what was gathered before it, so memory stays bounded by the buffer size.
 *
 * <pre>
 * add(f1) add(f2) add(f3) flush()   →   out.write(| f1 | f2 | f3 |)      one call
 * add(f1) add(BIG)        flush()   →   out.write(| f1 |), out.write(| BIG |)
 * </pre>
 *
 * <p>Not thread-safe: one batch belongs to one thread.
 */
final class FrameBatch {
    private final OutputStream out;
    private final byte[] buffer;
    private int size;

    FrameBatch(OutputStream out, int capacity) {
        this.out = out;
        this.buffer = new byte[capacity];
    }

    /** Adds one encoded frame; writes what is gathered first if the frame does not fit. */
    void add(byte[] wire) throws IOException {
        if (size + wire.length > buffer.length) {
            flush();
            if (wire.length > buffer.length) {
                out.write(wire);
                return;
            }
        }
        System.arraycopy(wire, 0, buffer, size, wire.length);
        size += wire.length;
    }

    /** Writes whatever is gathered, in one call, and empties the batch. */
    void flush() throws IOException {
        if (size > 0) {
            int n = size;
            size = 0;
            out.write(buffer, 0, n);
        }
    }
}
