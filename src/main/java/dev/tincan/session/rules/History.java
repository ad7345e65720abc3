package dev.tincan.session.rules;

import dev.tincan.codec.Bytes;
import dev.tincan.session.record.RecordFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The last frames of a conversation, both directions, for snapshots: at most
 * {@link #CAPACITY} frames and {@link #BYTE_BUDGET} bytes of payload; the oldest make room.
 * Thread-safe (the engine's reader and client threads both add).
 */
final class History {
    /** The most frames kept. */
    static final int CAPACITY = 10_000;
    /** The most payload bytes kept. */
    static final long BYTE_BUDGET = 16L * 1024 * 1024;

    /** One frame as the engine saw it. */
    record Frame(long seq, long nanos, RecordFormat.Dir dir, Bytes bytes) {
    }

    private final Frame[] ring = new Frame[CAPACITY];
    private int start;
    private int size;
    private long bytes;

    synchronized void add(long seq, long nanos, RecordFormat.Dir dir, Bytes payload) {
        while (size > 0 && (size == CAPACITY || bytes + payload.length() > BYTE_BUDGET)) {
            bytes -= ring[start].bytes().length();
            ring[start] = null;
            start = (start + 1) % CAPACITY;
            size--;
        }
        if (payload.length() > BYTE_BUDGET) {
            return;
        }
        ring[(start + size) % CAPACITY] = new Frame(seq, nanos, dir, payload);
        size++;
        bytes += payload.length();
    }

    /** The newest {@code n} frames at most, oldest first. */
    synchronized List<Frame> last(int n) {
        int k = Math.min(n, size);
        List<Frame> out = new ArrayList<>(k);
        for (int i = size - k; i < size; i++) {
            out.add(ring[(start + i) % CAPACITY]);
        }
        return out;
    }

    synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        start = 0;
        size = 0;
        bytes = 0;
    }
}
