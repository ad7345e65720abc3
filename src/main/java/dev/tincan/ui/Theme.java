package dev.tincan.ui;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.AWTError;
import java.awt.Toolkit;
import java.util.Locale;
import java.util.Map;

/**
 * The three theme choices. FlatLaf core cannot ask the desktop whether it is dark, so
 * {@link #SYSTEM} uses a plain heuristic and says so: dark when the GTK theme
 * ({@code GTK_THEME} or the desktop's theme name) is named dark, light otherwise.
 */
public enum Theme {
    /** FlatLaf Light. */
    LIGHT("Light"),
    /** FlatLaf Dark. */
    DARK("Dark"),
    /** Light or dark after the desktop's theme name. */
    SYSTEM("Follow the system");

    /** Where Tincan's own colours and styles live, per theme. */
    static final String DEFAULTS_SOURCE = "dev.tincan.ui.themes";

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    /** The menu label. */
    String label() {
        return label;
    }

    /** Whether this choice shows dark, on this desktop, now. */
    boolean isDark() {
        if (this == SYSTEM) {
            return systemLooksDark(System.getenv(), desktopThemeName());
        }
        return this == DARK;
    }

    /**
     * Installs this theme. On the EDT after the first window exists, follow with
     * {@link FlatLaf#updateUI()}.
     */
    void install() {
        FlatLaf.registerCustomDefaultsSource(DEFAULTS_SOURCE);
        if (isDark()) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
    }

    /** The choice saved as {@code name}, or {@code fallback} when unknown. */
    static Theme parse(String name, Theme fallback) {
        if (name != null) {
            for (Theme t : values()) {
                if (t.name().equalsIgnoreCase(name.strip())) {
                    return t;
                }
            }
        }
        return fallback;
    }

    /** The heuristic for {@link #SYSTEM}: a GTK theme whose name contains "dark". */
    static boolean systemLooksDark(Map<String, String> env, String desktopThemeName) {
        String gtk = env.getOrDefault("GTK_THEME", "");
        return containsDark(gtk) || containsDark(desktopThemeName);
    }

    private static boolean containsDark(String s) {
        return s != null && s.toLowerCase(Locale.ROOT).contains("dark");
    }

    private static String desktopThemeName() {
        try {
            Object name = Toolkit.getDefaultToolkit().getDesktopProperty("gnome.Net/ThemeName");
            return name instanceof String s ? s : "";
        } catch (RuntimeException | AWTError e) {
            return "";
        }
    }
}
