package dev.tincan.bench;

import java.io.IOException;

/**
 * Runs one pattern over one connection for a bounded number of frames or a bounded time,
 * and reports what it measured. One implementation goes through the engine, one through a
 * plain socket.
 */
interface Driver {

    /** What one call to {@link #run} echoed: frames and their payload bytes. */
    record Echoed(long frames, long bytes) {
    }

    /**
     * Sends payloads with at most {@code window} in flight, up to {@code frames} of them and
     * for as long as {@code nanos} has not passed since the call began (whichever ends first),
     * then waits for every echo; records each round trip's nanoseconds in {@code rtts} when it
     * is not null. {@code Long.MAX_VALUE} for either means no limit of that kind.
     */
    Echoed run(byte[] payload, long frames, long nanos, int window, LongSamples rtts)
            throws IOException, InterruptedException;

    /** Closes the connection and ends its threads; returns the nanoseconds that took. */
    long shutdown() throws InterruptedException;
}
