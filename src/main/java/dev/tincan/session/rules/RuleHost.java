package dev.tincan.session.rules;

import dev.tincan.codec.Bytes;
import dev.tincan.session.record.RecordFormat;
import java.time.Instant;

/**
 * Where a {@link RuleEngine}'s actions land: a session (the window's or {@code connect}'s),
 * or one client of the companion server. Every method may be called on the engine's own
 * threads and must never wait for long.
 */
public interface RuleHost {
    /** Sends {@code payload} without waiting. Returns {@code null} when it is on its way, or why not. */
    String send(Bytes payload);

    /**
     * Marks the frame numbered {@code frameSeq} and/or adds {@code note} (null for none) right
     * after it. Called on the thread that handed the engine that frame, before it moves on.
     */
    void annotate(long frameSeq, boolean mark, String note);

    /** Adds a note that belongs to no frame in particular, such as a delayed reply's failure. Any thread. */
    void note(String note);

    /** Stops the repeats running in the conversation; returns how many. */
    int stopRepeats();

    /** The recording header of a snapshot that starts at {@code started}. */
    RecordFormat.Header header(Instant started);
}
