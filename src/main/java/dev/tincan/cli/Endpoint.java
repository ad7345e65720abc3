package dev.tincan.cli;

import picocli.CommandLine.Parameters;

/**
 * The server a command talks to: its first two parameters, {@code HOST PORT}. {@code send}
 * and {@code connect} mix it in; {@code bench} takes it as an optional group, both or
 * neither.
 */
final class Endpoint {
    @Parameters(index = "0", paramLabel = "HOST", converter = HostConverter.class,
            description = "The server's host name or address, e.g. 127.0.0.1 or ::1.")
    String host;

    @Parameters(index = "1", paramLabel = "PORT", converter = PortConverter.class,
            description = "The server's TCP port, 1 to 65535.")
    int port;
}
