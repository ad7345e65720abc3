package dev.tincan.cli;

import dev.tincan.server.Mode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a companion server mode with {@link Mode#parse}. Stateless and thread-safe. */
final class ModeConverter implements ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
        try {
            return Mode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
