package dev.tincan.ui.send;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an interval typed into a field the way the command line writes it: a whole number
 * and a unit, {@code 10ms}, {@code 1s}, {@code 2m}; a bare {@code 0} means back to back.
 * Stateless.
 */
final class Durations {
    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})\\s*(ms|s|m)");

    private Durations() {
    }

    /**
     * The duration {@code text} says.
     *
     * @throws IllegalArgumentException with one sentence saying how to write it
     */
    static Duration parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.matches("0+")) {
            return Duration.ZERO;
        }
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("interval '" + text.strip() + "' is not a duration: write a number and "
                    + "a unit, e.g. 100ms or 1s.");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            default:
                return Duration.ofMinutes(n);
        }
    }
}
