package dev.tincan.session.rules;

/**
 * A rules file could not be read or written. The message is one sentence naming the file
 * and the problem, fit to show as it is.
 */
public final class RulesFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code sentence}. */
    public RulesFileException(String sentence) {
        super(sentence);
    }

    /** A failure described by {@code sentence}, caused by {@code cause} (kept for the log). */
    public RulesFileException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
