package dev.tincan.session.record;

/**
 * A recording could not be started, read or written. The message is one sentence naming the
 * file and the problem, fit to show as it is.
 */
public final class RecorderException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code sentence}. */
    public RecorderException(String sentence) {
        super(sentence);
    }

    /** A failure described by {@code sentence}, caused by {@code cause} (kept for the log). */
    public RecorderException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
