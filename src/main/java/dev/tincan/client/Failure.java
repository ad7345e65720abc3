package dev.tincan.client;

/**
 * Why a command failed or a connection ended, as a type beside the sentence a person
 * reads: code decides on this (offer to start a server, choose an exit code, retry),
 * never on the words of {@link ClientReply.Error#message()} or
 * {@link ClientReply.Closed#reason()}.
 */
public enum Failure {
    /** Nothing listens at the address: the connect was refused. */
    REFUSED,
    /** The host name could not be resolved. */
    UNKNOWN_HOST,
    /** The connect took longer than its timeout. */
    TIMED_OUT,
    /** No route to the host or network, or the port is unreachable. */
    UNREACHABLE,
    /** The peer reset the connection, or it broke under a read or write. */
    RESET,
    /** The peer closed the connection in the middle of a frame. */
    TRUNCATED_FRAME,
    /** A frame from the peer was longer than the max frame length. */
    FRAME_TOO_LONG,
    /** The peer's bytes broke the framing (for example a length prefix out of range). */
    CORRUPT_FRAME,
    /** The peer read nothing for the whole write timeout while a frame was being written. */
    WRITE_STALLED,
    /**
     * The peer has sent nothing for the connection's idle timeout; the connection stays open.
     * Reported once per silent stretch, as an {@link ClientReply.Error} without a command.
     */
    IDLE,
    /** The command needs an open connection and there is none. */
    NOT_CONNECTED,
    /** A connect was asked for while a connection is open. */
    ALREADY_CONNECTED,
    /** The payload cannot be carried by the connection's framing. */
    CANNOT_FRAME,
    /** A payload is longer than one UDP datagram can carry on the way to the peer; nothing was sent. */
    DATAGRAM_TOO_LONG,
    /** A {@link ClientCommand.Receive} was sent to a connection that reads continuously. */
    NOT_PULL_MODE,
    /** Too many {@link ClientCommand.Receive}s are already waiting for frames. */
    TOO_MANY_RECEIVES,
    /** The connection ended before the command could be served. */
    CONNECTION_ENDED,
    /** The server's certificate does not name the host connected to (or the server name asked for). */
    TLS_HOSTNAME,
    /** The server's certificate chain does not lead to a trusted authority. */
    TLS_UNTRUSTED,
    /** A certificate in the server's chain has expired. */
    TLS_EXPIRED,
    /** A certificate in the server's chain is not valid yet. */
    TLS_NOT_YET_VALID,
    /** The server's certificate matches none of the pinned fingerprints. */
    TLS_PIN,
    /** The TLS handshake failed otherwise: no common version or cipher suite, or the server does not speak TLS. */
    TLS_HANDSHAKE,
    /** The server requires a client certificate and none was given. */
    TLS_CLIENT_CERT_REQUIRED,
    /** The server refused the client certificate that was given. */
    TLS_CLIENT_CERT_REJECTED,
    /** The proxy could not be connected to at all: refused, timed out, unknown or unreachable. */
    PROXY_UNREACHABLE,
    /** The proxy wants a user name and password, or refused the ones given. */
    PROXY_AUTH,
    /** The proxy refused to open the tunnel (its rules, a method or address type it does not support). */
    PROXY_REFUSED,
    /** The proxy could not reach the host: unreachable, refused by the host, or timed out behind the proxy. */
    PROXY_TARGET_UNREACHABLE,
    /** The proxy broke its protocol: another protocol, an answer too long, or a close during the handshake. */
    PROXY_PROTOCOL,
    /** The local address to connect from cannot be used: not this machine's, or its port is taken. */
    LOCAL_ADDRESS,
    /** Another input/output failure; the sentence says which. */
    IO,
    /** A failure inside Tincan itself; the log has the details. */
    INTERNAL;

    /**
     * Whether trying the same connect again later may succeed: nothing listening yet, a
     * timeout, a route or peer that comes back, a proxy that restarts. A name that does not
     * resolve, a certificate, a pin, a password or a local address stays wrong however often
     * it is tried, so a reconnect stops at those.
     */
    public boolean retryable() {
        return switch (this) {
            case REFUSED, TIMED_OUT, UNREACHABLE, RESET, TRUNCATED_FRAME, WRITE_STALLED, CONNECTION_ENDED,
                    PROXY_UNREACHABLE, PROXY_TARGET_UNREACHABLE, IO -> true;
            default -> false;
        };
    }
}
