package dev.tincan.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations written as a whole number and a unit: {@code 500ms}, {@code 5s},
 * {@code 2m}, {@code 1h} (units are case-insensitive). A bare {@code 0} is accepted; any
 * other bare number is refused, because whether {@code 500} means milliseconds or seconds
 * is a guess nobody should have to make. At most {@link #MAX}, 8760h (a year). Stateless and
 * thread-safe.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("([0-9]+)(ms|s|m|h)");
    /** The longest duration accepted: far beyond any sensible timeout, far below an overflow in nanoseconds. */
    static final Duration MAX = Duration.ofHours(8760);

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * Parses a duration.
     *
     * @throws TypeConversionException with one sentence saying how to write it
     */
    static Duration parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new TypeConversionException("no duration given: write a number and a unit, e.g. 500ms or 5s.");
        }
        if (s.matches("0+")) {
            return Duration.ZERO;
        }
        if (s.matches("[0-9]+")) {
            throw new TypeConversionException("duration " + Cli.quote(text) + " has no unit: write a unit, e.g. "
                    + s + "ms or " + s + "s.");
        }
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new TypeConversionException("bad duration " + Cli.quote(text)
                    + ": write a whole number and a unit (ms, s, m or h), e.g. 500ms or 5s.");
        }
        // More than twelve digits of any unit exceed the maximum; twelve cannot overflow a Duration.
        if (m.group(1).replaceFirst("^0+", "").length() > 12) {
            throw tooLarge(text);
        }
        long n = Long.parseLong(m.group(1));
        Duration d;
        switch (m.group(2)) {
            case "ms":
                d = Duration.ofMillis(n);
                break;
            case "s":
                d = Duration.ofSeconds(n);
                break;
            case "m":
                d = Duration.ofMinutes(n);
                break;
            default:
                d = Duration.ofHours(n);
        }
        if (d.compareTo(MAX) > 0) {
            throw tooLarge(text);
        }
        return d;
    }

    private static TypeConversionException tooLarge(String text) {
        return new TypeConversionException("duration " + Cli.quote(text) + " is too large: use at most " + format(MAX)
                + " (a year).");
    }

    /** A duration the way a person writes it: {@code 5s}, {@code 1500ms}, {@code 2m}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms != 0 && ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
