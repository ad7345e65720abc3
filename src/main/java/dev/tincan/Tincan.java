package dev.tincan;

import dev.tincan.cli.Cli;

/**
 * Tincan's entry point: with no arguments it opens the window, otherwise it runs the
 * command line ({@code tincan --help} lists the commands).
 */
public final class Tincan {
    private Tincan() {
    }

    /** Runs Tincan; see {@link Cli#main}. */
    public static void main(String[] args) {
        Cli.main(args);
    }
}
