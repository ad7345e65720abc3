package dev.tincan.cli;

import dev.tincan.codec.Framing;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a framing spec with {@link Framing#parse}. Stateless and thread-safe. */
final class FramingConverter implements ITypeConverter<Framing> {
    @Override
    public Framing convert(String value) {
        try {
            return Framing.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
