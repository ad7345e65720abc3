package dev.tincan.ui;

/**
 * Frames and bytes in and out, the current rates and the last round-trip time, as shown
 * in the status bar. Counts are written on the EDT; the totals are volatile so that a
 * benchmark may read them from another thread.
 */
final class TrafficStats {
    /** The shortest span a rate is measured over. */
    static final long RATE_WINDOW_NANOS = 500_000_000L;

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
    void received(int size) {
        framesIn++;
        bytesIn += size;
    }

    /** Counts a sent frame of {@code size} payload bytes. */
    void sent(int size) {
        framesOut++;
        bytesOut += size;
    }

    void roundTrip(long rttNanos) {
        lastRttNanos = rttNanos;
    }

    /** Updates the rates if at least {@link #RATE_WINDOW_NANOS} passed since the last sample. */
    void sample(long nowNanos) {
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
    void reset() {
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

    long framesIn() {
        return framesIn;
    }

    long framesOut() {
        return framesOut;
    }

    long bytesIn() {
        return bytesIn;
    }

    long bytesOut() {
        return bytesOut;
    }

    /** The last round-trip time, or -1 when none was measured. */
    long lastRttNanos() {
        return lastRttNanos;
    }

    double framesInPerSecond() {
        return framesInPerSecond;
    }

    double framesOutPerSecond() {
        return framesOutPerSecond;
    }

    double bytesInPerSecond() {
        return bytesInPerSecond;
    }
}
