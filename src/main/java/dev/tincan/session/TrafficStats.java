package dev.tincan.session;

/**
 * Frames and bytes in and out, the current rates and the last round-trip time, as shown
 * in a status line. Counts and rates are written on the thread that drains the session
 * (rates by whoever samples them, on that thread); the totals are volatile so that a
 * benchmark may read them from another thread.
 */
public final class TrafficStats {
    /** The shortest span a rate is measured over. */
    public static final long RATE_WINDOW_NANOS = 500_000_000L;

    private volatile long framesIn;
    private volatile long framesOut;
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile long lastRttNanos = -1;

    private long sampleNanos = Long.MIN_VALUE;
    private long sampleFramesIn;
    private long sampleFramesOut;
    private long sampleBytesIn;
    private double framesInPerSecond;
    private double framesOutPerSecond;
    private double bytesInPerSecond;

    /** Counts a received frame of {@code size} payload bytes. */
    public void received(int size) {
        framesIn++;
        bytesIn += size;
    }

    /** Counts a sent frame of {@code size} payload bytes. */
    public void sent(int size) {
        framesOut++;
        bytesOut += size;
    }

    public void roundTrip(long rttNanos) {
        lastRttNanos = rttNanos;
    }

    /** Updates the rates if at least {@link #RATE_WINDOW_NANOS} passed since the last sample. */
    public void sample(long nowNanos) {
        if (sampleNanos == Long.MIN_VALUE) {
            takeSample(nowNanos);
            return;
        }
        long dt = nowNanos - sampleNanos;
        if (dt < RATE_WINDOW_NANOS) {
            return;
        }
        double seconds = dt / 1e9;
        framesInPerSecond = (framesIn - sampleFramesIn) / seconds;
        framesOutPerSecond = (framesOut - sampleFramesOut) / seconds;
        bytesInPerSecond = (bytesIn - sampleBytesIn) / seconds;
        takeSample(nowNanos);
    }

    private void takeSample(long nowNanos) {
        sampleNanos = nowNanos;
        sampleFramesIn = framesIn;
        sampleFramesOut = framesOut;
        sampleBytesIn = bytesIn;
    }

    /** Starts counting from zero. */
    public void reset() {
        framesIn = 0;
        framesOut = 0;
        bytesIn = 0;
        bytesOut = 0;
        lastRttNanos = -1;
        sampleNanos = Long.MIN_VALUE;
        framesInPerSecond = 0;
        framesOutPerSecond = 0;
        bytesInPerSecond = 0;
    }

    public long framesIn() {
        return framesIn;
    }

    public long framesOut() {
        return framesOut;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long bytesOut() {
        return bytesOut;
    }

    /** The last round-trip time, or -1 when none was measured. */
    public long lastRttNanos() {
        return lastRttNanos;
    }

    public double framesInPerSecond() {
        return framesInPerSecond;
    }

    public double framesOutPerSecond() {
        return framesOutPerSecond;
    }

    public double bytesInPerSecond() {
        return bytesInPerSecond;
    }
}
