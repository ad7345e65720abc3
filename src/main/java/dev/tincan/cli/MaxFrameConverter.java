package dev.tincan.cli;

import dev.tincan.codec.Framing;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a maximum frame length: a size as {@link SizeConverter} reads it, from 1 byte to
 * just under 2 GiB. Stateless and thread-safe.
 */
final class MaxFrameConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        long size = SizeConverter.parse(value);
        if (size == 0) {
            throw new TypeConversionException("a max frame length of 0 would refuse every frame: "
                    + "give at least 1 byte, e.g. 16MiB.");
        }
        try {
            return Framing.checkMaxFrameLength(size);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
