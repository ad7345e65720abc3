package dev.tincan.cli;

import dev.tincan.session.Pairing;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --pair}: {@code next}, {@code echo} or {@code match:REGEX}, with the rule's own sentence when wrong. */
final class PairingConverter implements ITypeConverter<Pairing> {
    @Override
    public Pairing convert(String value) {
        try {
            return Pairing.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
