package dev.tincan.ui;

import dev.tincan.ui.library.LibraryStore;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a new window starts with: where to connect, how messages are framed, and where its
 * settings and its message library live. Immutable.
 *
 * @param host the host shown in the connection bar
 * @param port the port shown
 * @param framing the framing spec shown, e.g. {@code line}
 * @param prefs where the window reads and saves its settings
 * @param library the message library's file, or {@code null} for a library kept in memory only
 */
public record WindowOptions(String host, int port, String framing, UiPrefs prefs, Path library) {
    /** The system property that moves the library file, so that tests never touch the real one. */
    public static final String LIBRARY_PROPERTY = "tincan.library.file";

    /** Checks that nothing is missing. */
    public WindowOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(framing, "framing");
        Objects.requireNonNull(prefs, "prefs");
    }

    /** A window whose library is kept in memory only, as a program's or a test's window is. */
    public WindowOptions(String host, int port, String framing, UiPrefs prefs) {
        this(host, port, framing, prefs, null);
    }

    /** Starts where the saved settings left off, with the library in {@link #userLibrary()}. */
    public static WindowOptions from(UiPrefs prefs) {
        return new WindowOptions(prefs.host(), prefs.port(), prefs.framing(), prefs, userLibrary());
    }

    /**
     * The person's library file: {@code ~/.tincan/library.json}, or where the system property
     * {@value #LIBRARY_PROPERTY} points.
     */
    public static Path userLibrary() {
        String moved = System.getProperty(LIBRARY_PROPERTY);
        return moved != null && !moved.isBlank() ? Path.of(moved) : LibraryStore.defaultFile();
    }
}
