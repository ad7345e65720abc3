package dev.tincan.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;

/** Runs the command line in-process with a given standard input, capturing what it prints. */
final class CliRun {
    /** What a run ended with. */
    record Result(int exitCode, String out, String err) {
        /** Standard output, line by line. */
        List<String> outLines() {
            return out.lines().toList();
        }

        /** The first line on standard error, or "" when there is none. */
        String errFirstLine() {
            return err.lines().findFirst().orElse("");
        }
    }

    private CliRun() {
    }

    /** Runs {@code args} with an empty standard input. */
    static Result run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    /** Runs {@code args} reading {@code stdin}. */
    static Result run(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(stdin, out, err, args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Runs {@code args} printing to {@code out} and {@code err}; returns the exit code. The
     * command tree is built for {@code args}, as {@link Cli#main} builds it.
     */
    static int run(InputStream stdin, Writer out, Writer err, String... args) {
        return Cli.execute(Cli.commandLine(new TincanCommand(stdin), new PrintWriter(out, true),
                new PrintWriter(err, true), args), args);
    }
}
