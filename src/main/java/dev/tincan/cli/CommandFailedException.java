package dev.tincan.cli;

/**
 * A command failed in a way that was expected to be possible: refused, timed out, closed
 * by the server. The message is one sentence for a person; it is printed after
 * {@code error:} and the command exits with 1, without a stack trace anywhere.
 */
final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailedException(String sentence) {
        super(sentence, null, false, false);
    }
}
