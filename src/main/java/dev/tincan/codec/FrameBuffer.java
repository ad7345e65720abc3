package dev.tincan.codec;

import java.util.Arrays;

/**
 * Collects the bytes of one frame whose length is known in advance, growing only as the
 * bytes arrive: a header that announces 16 MiB costs a few KiB until the peer really
 * sends that much. When the frame is complete the array is exactly the frame.
 *
 * <p>Not thread-safe: it belongs to one decoder.
 */
final class FrameBuffer {
    /** The capacity a frame starts with; it doubles from there up to the frame length. */
    static final int FIRST_CAPACITY = 8 * 1024;

    private final int length;
    private byte[] bytes;
    private int filled;

    FrameBuffer(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length : " + length + " (expected: > 0)");
        }
        this.length = length;
        this.bytes = new byte[Math.min(length, FIRST_CAPACITY)];
    }

    /** Copies as many of {@code len} bytes as the frame still needs; returns how many. */
    int fill(byte[] in, int off, int len) {
        int n = Math.min(len, length - filled);
        int need = filled + n;
        if (need > bytes.length) {
            long doubled = Math.min(length, bytes.length * 2L);
            bytes = Arrays.copyOf(bytes, (int) Math.max(need, doubled));
        }
        System.arraycopy(in, off, bytes, filled, n);
        filled = need;
        return n;
    }

    /** Whether every byte of the frame has arrived. */
    boolean complete() {
        return filled == length;
    }

    /** How many bytes have arrived. */
    int filled() {
        return filled;
    }

    /** How many bytes are allocated now; never more than the frame length. */
    int capacity() {
        return bytes.length;
    }

    /** The complete frame; only valid once {@link #complete()}. */
    byte[] frame() {
        if (!complete()) {
            throw new IllegalStateException("frame incomplete: " + filled + " of " + length + " bytes");
        }
        return bytes;
    }
}
