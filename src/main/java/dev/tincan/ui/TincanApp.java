package dev.tincan.ui;

/**
 * The desktop application: sets up the look and feel and opens the main window on the
 * event dispatch thread. Placeholder until the window lands.
 */
public final class TincanApp {
    private TincanApp() {
    }

    /** Opens the Tincan window; returns at once, the window lives on the EDT. */
    public static void open() {
        throw new UnsupportedOperationException("the Tincan window is not built yet");
    }
}
