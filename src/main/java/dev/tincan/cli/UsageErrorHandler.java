package dev.tincan.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Bad usage: prints {@code error:} and one sentence, picocli's suggestions if it has any,
 * and a hint to {@code --help}; exits with 2. A value that could not be read is reported
 * with the converter's own sentence, prefixed by the option it was given to unless the
 * sentence names it already.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    /** The exit code for bad usage. */
    static final int EXIT_USAGE = 2;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("error: " + Cli.oneLine(sentence(ex)));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return EXIT_USAGE;
    }

    /** The message of {@code ex} as one sentence starting in lower case. */
    static String sentence(ParameterException ex) {
        String message;
        if (ex.getCause() instanceof TypeConversionException) {
            message = ex.getCause().getMessage();
            if (ex.getArgSpec() instanceof OptionSpec option) {
                String bare = option.longestName().replaceFirst("^-+", "").replace('-', ' ');
                if (!message.startsWith(bare + " ")) {
                    message = option.longestName() + ": " + message;
                }
            }
        } else {
            message = ex.getMessage() == null ? "bad usage." : ex.getMessage();
        }
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0))
                && Character.isLowerCase(message.charAt(1))) {
            message = message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
        }
        return message;
    }
}
