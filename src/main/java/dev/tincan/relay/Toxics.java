package dev.tincan.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults a relay adds to one direction on demand, to test how a program copes with a slow or
 * broken network: a delay on every chunk, a bandwidth cap, writes sliced into small pieces,
 * and a reset after a number of bytes. All zero is a clean pass-through. Immutable.
 *
 * @param latency how long each chunk waits before it is written; zero for none
 * @param bytesPerSecond the most bytes written per second; 0 for no cap
 * @param sliceBytes write at most this many bytes per write call; 0 for whole chunks
 * @param resetAfterBytes reset both sides of the link (RST) once this many bytes have gone
 *     this way; 0 for never
 */
public record Toxics(Duration latency, long bytesPerSecond, int sliceBytes, long resetAfterBytes) {
    /** No faults. */
    public static final Toxics NONE = new Toxics(Duration.ZERO, 0, 0, 0);

    /** Rejects negative values with a sentence naming them. */
    public Toxics {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency " + latency.toMillis() + " ms is negative: use 0 or more.");
        }
        if (bytesPerSecond < 0 || sliceBytes < 0 || resetAfterBytes < 0) {
            throw new IllegalArgumentException("a bandwidth, slice or reset size is negative: use 0 (off) or more.");
        }
    }

    /** Whether every fault is off. */
    public boolean isNone() {
        return latency.isZero() && bytesPerSecond == 0 && sliceBytes == 0 && resetAfterBytes == 0;
    }
}
