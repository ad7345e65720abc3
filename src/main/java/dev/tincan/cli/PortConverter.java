package dev.tincan.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a TCP port to connect to: 1 to 65535. {@link Listen} also accepts 0, which asks
 * the system for any free port. Stateless and thread-safe.
 */
class PortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        return parse(value, 1);
    }

    /** Ports to listen on: 0 (any free port) to 65535. */
    static final class Listen extends PortConverter {
        @Override
        public Integer convert(String value) {
            return parse(value, 0);
        }
    }

    /**
     * Parses a port from {@code min} to 65535.
     *
     * @throws TypeConversionException with one sentence saying what is wrong and what to write
     */
    static int parse(String text, int min) {
        String s = text == null ? "" : text.strip();
        String range = min == 0 ? "0 (any free port) to 65535" : "1 to 65535";
        if (!s.matches("-?[0-9]+")) {
            throw new TypeConversionException("port " + Cli.quote(text) + " is not a number: use " + range
                    + ", e.g. 50007.");
        }
        // Ten digits or more is out of range whatever they say; fewer fit in an int.
        int port = s.replaceFirst("^-?0*", "").length() > 9 ? -1 : Integer.parseInt(s);
        if (port < min || port > 65535) {
            throw new TypeConversionException("port " + s + " is out of range: use " + range + ", e.g. 50007.");
        }
        return port;
    }
}
