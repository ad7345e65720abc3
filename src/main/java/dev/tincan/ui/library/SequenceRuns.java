package dev.tincan.ui.library;

import dev.tincan.session.Sequence;

/**
 * How the library panel runs a sequence against the window's connection. The window adapts
 * its sequence runner to this: {@link #start} makes and starts a run whose steps resolve
 * message names through the library and send through the session's outbox.
 */
public interface SequenceRuns {
    /**
     * Starts running {@code sequence}; {@code listener} hears each step and the end, on the
     * runner's own thread.
     *
     * @throws IllegalArgumentException with one sentence when it cannot start (not connected,
     *     a message missing)
     */
    Run start(Sequence sequence, Listener listener);

    /** A sequence being run. Its methods may be called from any thread. */
    interface Run {
        /** Holds before the next step. */
        void pause();

        /** Goes on after {@link #pause()}. */
        void resume();

        /** Ends the run; the listener hears {@link Listener#finished}. */
        void stop();
    }

    /** What a run reports, on the runner's thread. */
    interface Listener {
        /** Step {@code index} (from 0) is starting. */
        void step(int index, Sequence.Step step);

        /** The run ended: completed, stopped, or failed with the reason in {@code sentence}. */
        void finished(String sentence, boolean failed);
    }
}
