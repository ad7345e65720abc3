package dev.tincan.cli;

import dev.tincan.codec.Escapes;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command ended with an exception: prints {@code error:} and one sentence, logs the
 * stack trace (never shown to a person) and exits with 1. Expected failures
 * ({@link CommandFailedException}) are logged in one line; anything else is a surprise and
 * is logged with its trace.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    /** The exit code for a network or protocol failure or a timeout. */
    static final int EXIT_FAILURE = 1;

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        return report(ex, cl.getCommandSpec().qualifiedName(), cl.getErr());
    }

    /**
     * Says on {@code err} how {@code command} (e.g. {@code tincan send}) failed with
     * {@code ex}, logs it, and returns the exit code.
     */
    static int report(Exception ex, String command, PrintWriter err) {
        if (ex instanceof CommandFailedException) {
            LOG.info("{}: {}", command, ex.getMessage());
            err.println("error: " + Escapes.oneLine(ex.getMessage()));
        } else if (ex instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            LOG.info("{}: interrupted", command);
            err.println("error: " + command + " was interrupted before it finished.");
        } else {
            LOG.error("{} failed unexpectedly", command, ex);
            err.println("error: " + command + " failed unexpectedly (" + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + Escapes.oneLine(ex.getMessage()))
                    + "); the details are in " + Cli.logFile() + ".");
        }
        err.flush();
        return EXIT_FAILURE;
    }
}
