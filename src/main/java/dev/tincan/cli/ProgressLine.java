package dev.tincan.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The single updating progress line of the commands that run for a while ({@code bench},
 * {@code bench gui}, {@code send --file}, {@code send --repeat}, {@code replay},
 * {@code export-pcap}): each line replaces the last in place, and an empty line clears it.
 * Only a terminal gets it; piped output stays free of carriage returns and escape codes.
 */
final class ProgressLine implements Consumer<String> {
    private final PrintWriter terminal;
    private boolean shown;

    private ProgressLine(PrintWriter terminal) {
        this.terminal = terminal;
    }

    /** A progress line on {@code err} when this process has a terminal, else one that prints nothing. */
    static Consumer<String> onTerminal(PrintWriter err) {
        return onTerminal(err, System.console() != null);
    }

    /** A progress line on {@code err} when {@code terminal}, else one that prints nothing. */
    static Consumer<String> onTerminal(PrintWriter err, boolean terminal) {
        return terminal ? new ProgressLine(err) : line -> { };
    }

    /** A time so far as a progress line shows it: {@code 0.4s}, {@code 12.3s}. */
    static String elapsed(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
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
