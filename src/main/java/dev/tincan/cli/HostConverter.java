package dev.tincan.cli;

import dev.tincan.codec.HostPort;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a host to connect to: a name or an address, spaces around it ignored, an IPv6
 * literal with or without brackets ({@code ::1} or {@code [::1]}). A host with a port after
 * a colon ({@code 127.0.0.1:50007}, {@code [::1]:50007}) is refused with a sentence saying to
 * give the two as words: left to the port, the mistake was blamed on the next word.
 * Stateless and thread-safe.
 */
final class HostConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        String s = value == null ? "" : value.strip();
        if (s.isEmpty()) {
            throw new TypeConversionException("no host given: type a host name or address, e.g. 127.0.0.1.");
        }
        int colon = s.lastIndexOf(':');
        if (colon > 0 && colon < s.length() - 1 && digits(s.substring(colon + 1))) {
            String host = s.substring(0, colon);
            if (host.indexOf(':') < 0 || host.startsWith("[") && host.endsWith("]")) {
                // 127.0.0.1:50007 or [::1]:50007, as other tools take it.
                throw new TypeConversionException(Cli.quote(s) + " has its port after a colon: give HOST and PORT as "
                        + "two words, e.g. " + HostPort.unbracketed(host) + " " + s.substring(colon + 1) + ".");
            }
        }
        return HostPort.unbracketed(s);
    }

    private static boolean digits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
