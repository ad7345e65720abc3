package dev.tincan.cli;

import dev.tincan.codec.HostPort;
import java.net.InetAddress;
import picocli.CommandLine.Option;

/** {@code -p, --port} and {@code -b, --bind}: where a command that accepts clients listens. */
final class ListenOptions {
    /** {@code --port} when not given. */
    static final String DEFAULT_PORT = "50007";
    /** {@code --bind} when not given. */
    static final String DEFAULT_BIND = "127.0.0.1";

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = DEFAULT_PORT, converter = PortConverter.Listen.class,
            description = "The port to listen on; 0 picks any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-b", "--bind"}, paramLabel = "ADDR", defaultValue = DEFAULT_BIND,
            converter = BindAddressConverter.class,
            description = "The address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
    InetAddress bind;

    /** {@code address:port} for messages, with {@code port} the one actually bound. */
    String address(int boundPort) {
        return HostPort.of(bind.getHostAddress(), boundPort);
    }
}
