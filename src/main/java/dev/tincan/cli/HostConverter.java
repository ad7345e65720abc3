package dev.tincan.cli;

import dev.tincan.codec.HostPort;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a host to connect to: a name or an address, spaces around it ignored, an IPv6
 * literal with or without brackets ({@code ::1} or {@code [::1]}). Stateless and thread-safe.
 */
final class HostConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        String s = value == null ? "" : value.strip();
        if (s.isEmpty()) {
            throw new TypeConversionException("no host given: type a host name or address, e.g. 127.0.0.1.");
        }
        return HostPort.unbracketed(s);
    }
}
