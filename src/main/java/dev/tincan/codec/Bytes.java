package dev.tincan.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable run of bytes: a payload to send or a frame received. Immutable and so
 * safe to share between threads.
 */
public final class Bytes {
    /** No bytes. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Bytes of(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    /**
     * A copy of {@code len} bytes of {@code bytes} from {@code off}.
     *
     * @throws IndexOutOfBoundsException if the range does not lie within {@code bytes}
     */
    public static Bytes of(byte[] bytes, int off, int len) {
        Objects.checkFromIndexSize(off, len, bytes.length);
        return new Bytes(Arrays.copyOfRange(bytes, off, off + len));
    }

    /**
     * Takes {@code bytes} without copying. The caller hands the array over and must never
     * write to it again; used for arrays that were just made, such as decoded frames.
     */
    public static Bytes adopt(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** The UTF-8 encoding of {@code text}. */
    public static Bytes utf8(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Whether there are no bytes. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index}. */
    public byte get(int index) {
        return bytes[index];
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Copies all bytes into {@code dst} at {@code dstOff}. */
    public void copyTo(byte[] dst, int dstOff) {
        System.arraycopy(bytes, 0, dst, dstOff, bytes.length);
    }

    /** Writes all bytes to {@code out} in one call. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    /** The index of the first occurrence of {@code b}, or -1. */
    public int indexOf(byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The bytes decoded as UTF-8, malformed input replaced. For display use {@link Escapes}. */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The bytes escaped as in {@link Escapes#escape}, cut after 64 characters. */
    @Override
    public String toString() {
        return "Bytes[" + bytes.length + "]\"" + Escapes.escape(this, 64) + "\"";
    }
}
