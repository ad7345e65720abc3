package dev.tincan.cli;

import java.math.BigInteger;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads the counts and rates that options take ({@code --count}, {@code --connections},
 * {@code --flood-rate}, ...) in place of picocli's own {@code 'abc' is not an int}: digits,
 * optionally signed, within the range of the option's Java type. Whether the value makes
 * sense (at least 1, at most so many) is for the command to say. Stateless and thread-safe.
 */
final class WholeNumberConverter {
    private WholeNumberConverter() {
    }

    /** For {@code int} and {@link Integer} options. */
    static final class Int implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parse(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
    }

    /** For {@code long} and {@link Long} options. */
    static final class Long implements ITypeConverter<java.lang.Long> {
        @Override
        public java.lang.Long convert(String value) {
            return parse(value, java.lang.Long.MIN_VALUE, java.lang.Long.MAX_VALUE);
        }
    }

    /**
     * Parses a whole number from {@code min} to {@code max}.
     *
     * @throws TypeConversionException with one sentence saying what is wrong
     */
    static long parse(String text, long min, long max) {
        String s = text == null ? "" : text.strip();
        if (!s.matches("[-+]?[0-9]+")) {
            throw new TypeConversionException(Cli.quote(text) + " is not a whole number: write digits only, e.g. 10.");
        }
        BigInteger n = new BigInteger(s);
        if (n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new TypeConversionException(s + " is too large: the most is " + max + ".");
        }
        if (n.compareTo(BigInteger.valueOf(min)) < 0) {
            throw new TypeConversionException(s + " is too small: the least is " + min + ".");
        }
        return n.longValueExact();
    }
}
