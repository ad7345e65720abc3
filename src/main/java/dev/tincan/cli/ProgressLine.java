package dev.tincan.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * The single updating progress line of {@code bench} and {@code bench gui}: each line
 * replaces the last in place, and an empty line clears it. Only a terminal gets it; piped
 * output stays free of carriage returns and escape codes.
 */
final class ProgressLine implements Consumer<String> {
    private final PrintWriter terminal;
    private boolean shown;

    private ProgressLine(PrintWriter terminal) {
        this.terminal = terminal;
    }

    /** A progress line on {@code err} when this process has a terminal, else one that prints nothing. */
    static Consumer<String> onTerminal(PrintWriter err) {
        return System.console() != null ? new ProgressLine(err) : line -> { };
    }

    @Override
    public void accept(String line) {
        if (line.isEmpty() && !shown) {
            return;
        }
        terminal.print("\r\033[K" + line);
        terminal.flush();
        shown = !line.isEmpty();
    }
}
