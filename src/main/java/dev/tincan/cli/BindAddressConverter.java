package dev.tincan.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an address to listen on: an IP address or a host name. Stateless and thread-safe. */
final class BindAddressConverter implements ITypeConverter<InetAddress> {
    @Override
    public InetAddress convert(String value) {
        String s = value == null ? "" : value.strip();
        if (s.isEmpty()) {
            throw new TypeConversionException("no address given: use e.g. 127.0.0.1, or 0.0.0.0 for every interface.");
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new TypeConversionException("cannot listen on " + Cli.quote(value)
                    + ": it is not an address or a known host name; use e.g. 127.0.0.1, or 0.0.0.0 for every interface.");
        }
    }
}
