package dev.tincan.bench;

import java.io.IOException;

/**
 * Runs one pattern over one connection for a bounded number of frames, and reports what it
 * measured. One implementation goes through the engine, one through a plain socket.
 */
interface Driver {

    /**
     * Sends {@code frames} payloads with at most {@code window} in flight and waits for every
     * echo; records each round trip's nanoseconds in {@code rtts} when it is not null.
     *
     * @return the number of payload bytes received back
     */
    long run(byte[] payload, long frames, int window, LongSamples rtts) throws IOException, InterruptedException;

    /** Closes the connection and ends its threads; returns the nanoseconds that took. */
    long shutdown() throws InterruptedException;
}
