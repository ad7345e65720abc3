package dev.tincan.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads sizes in bytes: a plain number of bytes ({@code 300}), or a whole number with a
 * binary unit ({@code 64KiB}, {@code 16MiB}, {@code 1GiB}; 1 KiB = 1024 bytes; units are
 * case-insensitive, {@code B} is allowed). Decimal units ({@code KB}, {@code MB}, ...) are
 * refused with a sentence, because people use them for both 1000 and 1024. Stateless and
 * thread-safe.
 */
final class SizeConverter implements ITypeConverter<Long> {
    private static final Pattern FORM = Pattern.compile("([0-9]+)(b|kib|mib|gib)?");
    private static final Pattern DECIMAL = Pattern.compile("([0-9]+)(k|m|g|kb|mb|gb)");

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /**
     * Parses a size.
     *
     * @throws TypeConversionException with one sentence saying how to write it
     */
    static long parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            Matcher d = DECIMAL.matcher(s);
            if (d.matches()) {
                String unit = d.group(2).substring(0, 1).toUpperCase(Locale.ROOT) + "iB";
                throw new TypeConversionException("size " + Cli.quote(text) + " is ambiguous: write " + d.group(1)
                        + unit + " (units of 1024), or the number of bytes.");
            }
            throw new TypeConversionException("bad size " + Cli.quote(text)
                    + ": write a number of bytes or a whole number with KiB, MiB or GiB, e.g. 300 or 64KiB.");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw tooLarge(text);
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = unit.equals("kib") ? 10 : unit.equals("mib") ? 20 : unit.equals("gib") ? 30 : 0;
        if (n > Long.MAX_VALUE >> shift) {
            throw tooLarge(text);
        }
        return n << shift;
    }

    private static TypeConversionException tooLarge(String text) {
        return new TypeConversionException("size " + Cli.quote(text) + " is too large: write at most a few GiB.");
    }

    /** A size the way a person writes it: {@code 300}, {@code 64KiB}, {@code 16MiB}. */
    static String format(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return Long.toString(bytes);
    }
}
