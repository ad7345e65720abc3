package dev.tincan.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How received frames are printed, one line per frame. */
enum OutputFormat {
    /** The frame as text, every non-printable byte escaped ({@code \n}, {@code \x1b}, ...). */
    TEXT,
    /** The frame as lower-case hex digits, two per byte. */
    HEX,
    /** One JSON object per frame: number, size, text, hex and time. */
    JSON;

    /** The name as written on the command line. */
    String spec() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code text}, {@code hex} or {@code json}, case-insensitively. Stateless. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            String s = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
            for (OutputFormat f : values()) {
                if (f.name().equals(s)) {
                    return f;
                }
            }
            throw new TypeConversionException("unknown output format " + Cli.quote(value)
                    + ": use text, hex or json.");
        }
    }
}
