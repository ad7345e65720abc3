package dev.tincan;

/**
 * Tincan's entry point: with no arguments it opens the window, otherwise it runs the
 * command line.
 */
public final class Tincan {
    private Tincan() {
    }

    /** Runs Tincan. */
    public static void main(String[] args) {
        System.out.println("Tincan: the window and the command line are on their way.");
    }
}
