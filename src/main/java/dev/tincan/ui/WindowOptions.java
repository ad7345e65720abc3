package dev.tincan.ui;

import java.util.Objects;

/**
 * What a new window starts with: where to connect, how messages are framed, and where its
 * settings live. Immutable.
 *
 * @param host the host shown in the connection bar
 * @param port the port shown
 * @param framing the framing spec shown, e.g. {@code line}
 * @param prefs where the window reads and saves its settings
 */
public record WindowOptions(String host, int port, String framing, UiPrefs prefs) {

    /** Checks that nothing is missing. */
    public WindowOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(prefs, "prefs");
    }

    /** Starts where the saved settings left off. */
    public static WindowOptions from(UiPrefs prefs) {
        return new WindowOptions(prefs.host(), prefs.port(), prefs.framing(), prefs);
    }
}
