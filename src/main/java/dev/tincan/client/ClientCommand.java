package dev.tincan.client;

import dev.tincan.codec.Bytes;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;

/**
 * A command to a {@link SocketClientThread}, put on its command queue. Every command gets
 * exactly one outcome {@link ClientReply} that points back to it. Commands without fields
 * are equal to each other, so match an outcome to its command by identity ({@code ==}).
 */
public sealed interface ClientCommand {

    /**
     * A command that gives the thread a connection: {@link Connect} opens one, {@link Adopt}
     * takes over one a listener accepted. Its outcome is {@link ClientReply.Connected} or
     * {@link ClientReply.Error}.
     */
    sealed interface Opening extends ClientCommand {
        /** The peer's host as given (or its address, for an adopted socket). */
        String host();

        /** The peer's port. */
        int port();

        /** How to read and write the connection. */
        ConnectOptions options();
    }

    /**
     * Open a connection. Outcome: {@link ClientReply.Connected} or {@link ClientReply.Error}.
     * Connecting while connected is an error; close first.
     */
    record Connect(String host, int port, ConnectOptions options) implements Opening {
        /** Checks the host and port, with sentences a person can act on. */
        public Connect {
            Objects.requireNonNull(options, "options");
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("no host given: type a host name or address, e.g. 127.0.0.1.");
            }
            host = host.strip();
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range: use 1 to 65535.");
            }
        }
    }

    /**
     * Take over a socket that a listener accepted, and run it as this thread's connection
     * with {@code options} (the connect timeout is not used), exactly as if it had been
     * opened by {@link Connect}. Outcome: {@link ClientReply.Connected} or
     * {@link ClientReply.Error}; on an error the socket is closed. From this command on the
     * thread owns the socket. With {@code serverTls}, the thread first speaks TLS as the
     * server, with that context's certificate, and gives the client the connect timeout to
     * finish the handshake; {@link ClientReply.Connected#tls()} then says what was agreed.
     *
     * @param serverTls the context to speak TLS as a server with, or null for plain TCP
     */
    record Adopt(Socket socket, ConnectOptions options, javax.net.ssl.SSLContext serverTls) implements Opening {
        /** A plain TCP socket. */
        public Adopt(Socket socket, ConnectOptions options) {
            this(socket, options, null);
        }
        /** Rejects a socket that is not connected. */
        public Adopt {
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(options, "options");
            if (!(socket.getRemoteSocketAddress() instanceof InetSocketAddress)) {
                throw new IllegalArgumentException("socket : not connected (expected: a socket a listener accepted)");
            }
        }

        /** The peer's address as text, e.g. {@code 127.0.0.1}. */
        @Override
        public String host() {
            return ((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress().getHostAddress();
        }

        /** The peer's port. */
        @Override
        public int port() {
            return socket.getPort();
        }
    }

    /**
     * Send one payload as one frame, in one write. Outcome: {@link ClientReply.Sent} or
     * {@link ClientReply.Error} (not connected, cannot be framed, write failed).
     */
    record Send(Bytes payload) implements ClientCommand {
        /** Rejects a null payload. */
        public Send {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * Pull mode: read one frame. Outcome: {@link ClientReply.Received} pointing to this
     * command, or {@link ClientReply.Error}. In push mode frames arrive on their own and
     * this command is an error.
     */
    record Receive() implements ClientCommand {
    }

    /**
     * Close the connection. Outcome: {@link ClientReply.Closed} by the client, or
     * {@link ClientReply.Error} when not connected.
     */
    record Close() implements ClientCommand {
    }

    /**
     * Close any connection and end the thread. Outcome: {@link ClientReply.Stopped}, the last
     * reply the thread posts (preceded by {@link ClientReply.Closed} if it was connected).
     */
    record Shutdown() implements ClientCommand {
    }
}
