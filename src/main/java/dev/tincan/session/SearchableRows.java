package dev.tincan.session;

import dev.tincan.codec.Bytes;

/**
 * The rows a {@link TranscriptSearch} reads: a window of running numbers that only moves
 * forward, as a bounded transcript drops its oldest rows and appends new ones. Numbers
 * from {@link #firstSeq()} up to, not including, {@link #nextSeq()} are held; a number
 * once given never names another row. Read on the thread that owns the rows.
 */
public interface SearchableRows {
    /** The running number of the oldest row held. */
    long firstSeq();

    /** The running number the next row will get: one past the newest row held. */
    long nextSeq();

    /** The payload of the frame in row {@code seq}, or {@code null} when that row is an event, not a frame. */
    Bytes payload(long seq);

    /** Whether the frame in row {@code seq} was sent from this side (else it was received). */
    boolean isSent(long seq);
}
