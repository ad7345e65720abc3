package dev.tincan.session;

import dev.tincan.codec.Bytes;
import java.util.Arrays;

/**
 * A session's traffic second by second over the last {@link #DEFAULT_SECONDS} seconds, for
 * charts: frames and payload bytes in and out, and the round trips of paired replies with
 * their median, 99th percentile and greatest value. Memory is fixed whatever the rate or the
 * duration: a ring of one slot per second, each nine numbers, and one {@link LogHistogram}
 * for the second still open (about 73 KiB in all at the default size).
 *
 * <pre>
 *   second   … 41 42 43 44 45 …       ring slot = second mod size
 *   slot     … [in out bytes rtt p50 p99 max] …
 * </pre>
 *
 * <p>Seconds are counted by the engine's stamps ({@link System#nanoTime()} taken when a frame
 * was sent or read), never by when the drainer came to it, so a drainer that falls behind
 * changes nothing but how soon a second fills. Stamps come in the engine's order; a round
 * trip stamped in a second already closed cannot be placed and is counted in
 * {@link #unplaced()} instead, as is anything older than the ring.
 *
 * <p>Hook it to a {@link Session} with {@link Session#addFrameListener}: it is then written
 * on the thread that drains the session (the window's event thread, or a command line's own
 * thread). {@link #snapshot} may be called from any thread; every method holds this object's
 * lock, which the writer holds for a few array stores per frame.
 */
public final class TrafficSeries implements FrameListener {
    /** Seconds kept by default: fifteen minutes. */
    public static final int DEFAULT_SECONDS = 900;
    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final long NONE = Long.MIN_VALUE;

    private final int size;
    /** The second each slot holds, or {@link #NONE}: a slot holding another second reads as zero. */
    private final long[] second;
    private final long[] framesIn;
    private final long[] framesOut;
    private final long[] bytesIn;
    private final long[] bytesOut;
    private final long[] rttCount;
    private final long[] rttP50;
    private final long[] rttP99;
    private final long[] rttMax;
    /** The round trips of {@link #openSecond}, not yet summed up into its slot. */
    private final LogHistogram open = new LogHistogram();
    private long openSecond = NONE;
    private long unplaced;

    /** A series of the last {@link #DEFAULT_SECONDS} seconds. */
    public TrafficSeries() {
        this(DEFAULT_SECONDS);
    }

    /** A series of the last {@code seconds} seconds. */
    public TrafficSeries(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds : " + seconds + " (expected: > 0)");
        }
        size = seconds;
        second = new long[seconds];
        Arrays.fill(second, NONE);
        framesIn = new long[seconds];
        framesOut = new long[seconds];
        bytesIn = new long[seconds];
        bytesOut = new long[seconds];
        rttCount = new long[seconds];
        rttP50 = new long[seconds];
        rttP99 = new long[seconds];
        rttMax = new long[seconds];
    }

    /** How many seconds the ring holds. */
    public int capacity() {
        return size;
    }

    @Override
    public synchronized void sent(Bytes payload, long nanos) {
        int slot = slotFor(nanos);
        if (slot >= 0) {
            framesOut[slot]++;
            bytesOut[slot] += payload.length();
        }
    }

    @Override
    public synchronized void received(Bytes frame, long nanos) {
        int slot = slotFor(nanos);
        if (slot >= 0) {
            framesIn[slot]++;
            bytesIn[slot] += frame.length();
        }
    }

    @Override
    public synchronized void roundTrip(long rttNanos, long nanos) {
        long s = Math.floorDiv(nanos, SECOND_NANOS);
        if (s != openSecond) {
            if (openSecond != NONE && s < openSecond) {
                unplaced++;
                return;
            }
            closeOpen();
            openSecond = s;
        }
        open.record(rttNanos);
    }

    /**
     * Replies, frames and round trips that could not be placed: stamped before the ring's
     * oldest second, or a round trip stamped in a second already closed.
     */
    public synchronized long unplaced() {
        return unplaced;
    }

    /**
     * The last {@code seconds} whole seconds before the one {@code nowNanos} falls in, oldest
     * first (the second under way is left out, so a rate never shows half a second). Seconds
     * without traffic read as zero; {@code seconds} is cut to {@link #capacity()}.
     */
    public synchronized Snapshot snapshot(int seconds, long nowNanos) {
        if (seconds < 1) {
            throw new IllegalArgumentException("seconds : " + seconds + " (expected: > 0)");
        }
        int n = Math.min(seconds, size);
        long end = Math.floorDiv(nowNanos, SECOND_NANOS);
        long first = end - n;
        long[][] a = new long[Snapshot.FIELDS][n];
        for (int i = 0; i < n; i++) {
            long s = first + i;
            int slot = (int) Math.floorMod(s, (long) size);
            a[Snapshot.RTT_P50][i] = -1;
            a[Snapshot.RTT_P99][i] = -1;
            a[Snapshot.RTT_MAX][i] = -1;
            if (second[slot] != s) {
                continue;
            }
            a[Snapshot.FRAMES_IN][i] = framesIn[slot];
            a[Snapshot.FRAMES_OUT][i] = framesOut[slot];
            a[Snapshot.BYTES_IN][i] = bytesIn[slot];
            a[Snapshot.BYTES_OUT][i] = bytesOut[slot];
            if (s == openSecond) {
                a[Snapshot.RTT_COUNT][i] = open.count();
                a[Snapshot.RTT_P50][i] = open.percentile(50);
                a[Snapshot.RTT_P99][i] = open.percentile(99);
                a[Snapshot.RTT_MAX][i] = open.max();
            } else if (rttCount[slot] > 0) {
                a[Snapshot.RTT_COUNT][i] = rttCount[slot];
                a[Snapshot.RTT_P50][i] = rttP50[slot];
                a[Snapshot.RTT_P99][i] = rttP99[slot];
                a[Snapshot.RTT_MAX][i] = rttMax[slot];
            }
        }
        return new Snapshot(first * SECOND_NANOS, a);
    }

    /** The slot for a frame stamped {@code nanos}, emptied first if it held an older second; -1 if too old. */
    private int slotFor(long nanos) {
        long s = Math.floorDiv(nanos, SECOND_NANOS);
        int slot = (int) Math.floorMod(s, (long) size);
        long held = second[slot];
        if (held == s) {
            return slot;
        }
        if (held != NONE && s < held) {
            unplaced++;
            return -1;
        }
        if (held == openSecond) {
            closeOpen();
        }
        second[slot] = s;
        framesIn[slot] = 0;
        framesOut[slot] = 0;
        bytesIn[slot] = 0;
        bytesOut[slot] = 0;
        rttCount[slot] = 0;
        rttP50[slot] = -1;
        rttP99[slot] = -1;
        rttMax[slot] = -1;
        return slot;
    }

    /** Sums up the open second's round trips into its slot, if the slot still holds that second. */
    private void closeOpen() {
        if (openSecond == NONE) {
            return;
        }
        int slot = (int) Math.floorMod(openSecond, (long) size);
        if (second[slot] == openSecond && open.count() > 0) {
            rttCount[slot] = open.count();
            rttP50[slot] = open.percentile(50);
            rttP99[slot] = open.percentile(99);
            rttMax[slot] = open.max();
        }
        open.clear();
        openSecond = NONE;
    }

    /**
     * A copy of some consecutive seconds of a {@link TrafficSeries}, oldest first, that no
     * longer changes. Round-trip figures are in nanoseconds and read -1 for a second without
     * a paired reply. Immutable.
     */
    public static final class Snapshot {
        static final int FRAMES_IN = 0;
        static final int FRAMES_OUT = 1;
        static final int BYTES_IN = 2;
        static final int BYTES_OUT = 3;
        static final int RTT_COUNT = 4;
        static final int RTT_P50 = 5;
        static final int RTT_P99 = 6;
        static final int RTT_MAX = 7;
        static final int FIELDS = 8;

        private final long startNanos;
        private final long[][] values;

        private Snapshot(long startNanos, long[][] values) {
            this.startNanos = startNanos;
            this.values = values;
        }

        /** How many seconds it holds. */
        public int length() {
            return values[0].length;
        }

        /** Where second 0 starts, on the {@link System#nanoTime()} clock; second {@code i} starts {@code i} s later. */
        public long startNanos() {
            return startNanos;
        }

        /** Frames received in second {@code i}. */
        public long framesIn(int i) {
            return values[FRAMES_IN][i];
        }

        /** Frames sent in second {@code i}. */
        public long framesOut(int i) {
            return values[FRAMES_OUT][i];
        }

        /** Payload bytes received in second {@code i}. */
        public long bytesIn(int i) {
            return values[BYTES_IN][i];
        }

        /** Payload bytes sent in second {@code i}. */
        public long bytesOut(int i) {
            return values[BYTES_OUT][i];
        }

        /** Replies paired with a send in second {@code i} (stamped by the reply). */
        public long roundTrips(int i) {
            return values[RTT_COUNT][i];
        }

        /** The median round trip of second {@code i}, to within 1/64, or -1 when none. */
        public long rttP50(int i) {
            return values[RTT_P50][i];
        }

        /** The 99th-percentile round trip of second {@code i}, to within 1/64, or -1 when none. */
        public long rttP99(int i) {
            return values[RTT_P99][i];
        }

        /** The longest round trip of second {@code i}, exact, or -1 when none. */
        public long rttMax(int i) {
            return values[RTT_MAX][i];
        }

        /** Frames received in all its seconds. */
        public long totalFramesIn() {
            return sum(FRAMES_IN);
        }

        /** Frames sent in all its seconds. */
        public long totalFramesOut() {
            return sum(FRAMES_OUT);
        }

        /** Round trips in all its seconds. */
        public long totalRoundTrips() {
            return sum(RTT_COUNT);
        }

        /** Whether {@code o} is a snapshot of the same seconds with the same figures. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot s && s.startNanos == startNanos && Arrays.deepEquals(s.values, values);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(startNanos) * 31 + Arrays.deepHashCode(values);
        }

        private long sum(int field) {
            long total = 0;
            for (long v : values[field]) {
                total += v;
            }
            return total;
        }
    }
}
