package dev.tincan.client;

import dev.tincan.codec.HostPort;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A proxy that a connection goes through: its kind, where it listens, and the user name and
 * password it may ask for. Carried by {@link ConnectOptions#proxy()}; none there means a
 * direct connection.
 *
 * <pre>
 *   Tincan ──TCP──► proxy host:port ──handshake: "connect to HOST:PORT"──► HOST:PORT
 *                   (SOCKS5, RFC 1928/1929, or HTTP CONNECT with Basic auth)
 * </pre>
 *
 * The host to reach is always sent to the proxy as it was given: a name is resolved by the
 * proxy, never here, so the proxy's DNS answers and nothing leaks outside it. TLS, when
 * asked for, runs through the tunnel to that host.
 *
 * <p>Immutable and thread-safe. The password is never shown: not by {@link #toString()},
 * not in sentences or logs. It is kept as a supplier that hands out a fresh copy for each
 * handshake, which the handshake clears after use.
 */
public final class ProxyOptions {
    /** The kinds of proxy Tincan speaks. */
    public enum Type {
        /** SOCKS version 5 (RFC 1928), with user name and password (RFC 1929) when given. */
        SOCKS5("SOCKS5"),
        /** An HTTP proxy's CONNECT method, with Basic authentication when a user is given. */
        HTTP("HTTP");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** The kind as people write it: {@code SOCKS5}, {@code HTTP}. */
        public String label() {
            return label;
        }
    }

    private final Type type;
    private final String host;
    private final int port;
    private final String user;
    private final Supplier<char[]> password;

    private ProxyOptions(Type type, String host, int port, String user, Supplier<char[]> password) {
        this.type = Objects.requireNonNull(type, "type");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("no proxy host given: type the proxy's host name or address, e.g. "
                    + "127.0.0.1.");
        }
        this.host = HostPort.unbracketed(host.strip());
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port " + port + " is out of range: use 1 to 65535.");
        }
        this.port = port;
        if (user != null) {
            int length = user.getBytes(StandardCharsets.UTF_8).length;
            if (length == 0 || length > 255) {
                throw new IllegalArgumentException("the proxy user name is " + length + " bytes long: use 1 to 255 "
                        + "bytes.");
            }
            if (type == Type.HTTP && user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("the proxy user name contains a colon, which HTTP Basic "
                        + "authentication cannot carry: use a name without one.");
            }
        }
        if (password != null && user == null) {
            throw new IllegalArgumentException("a proxy password without a user name makes no sense: give both.");
        }
        this.user = user;
        this.password = password;
    }

    /** A SOCKS5 proxy at {@code host:port}, without authentication. */
    public static ProxyOptions socks5(String host, int port) {
        return new ProxyOptions(Type.SOCKS5, host, port, null, null);
    }

    /** An HTTP proxy at {@code host:port}, spoken to with CONNECT, without authentication. */
    public static ProxyOptions http(String host, int port) {
        return new ProxyOptions(Type.HTTP, host, port, null, null);
    }

    /** A proxy of {@code type} at {@code host:port}, without authentication. */
    public static ProxyOptions of(Type type, String host, int port) {
        return new ProxyOptions(type, host, port, null, null);
    }

    /**
     * These options with a user name and password; {@code password} is copied, so the caller
     * may clear its array at once.
     *
     * @throws IllegalArgumentException with a sentence when the user name does not fit
     */
    public ProxyOptions withCredentials(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        char[] copy = Objects.requireNonNull(password, "password").clone();
        return new ProxyOptions(type, host, port, user, copy::clone);
    }

    /**
     * These options with a user name, and a password asked for at each handshake (from a
     * vault, a prompt); the handshake clears each array it is given.
     *
     * @throws IllegalArgumentException with a sentence when the user name does not fit
     */
    public ProxyOptions withCredentials(String user, Supplier<char[]> password) {
        return new ProxyOptions(type, host, port, Objects.requireNonNull(user, "user"),
                Objects.requireNonNull(password, "password"));
    }

    /** These options without user name and password. */
    public ProxyOptions withoutCredentials() {
        return new ProxyOptions(type, host, port, null, null);
    }

    /** The kind of proxy. */
    public Type type() {
        return type;
    }

    /** The proxy's host name or address (an IPv6 literal without brackets). */
    public String host() {
        return host;
    }

    /** The proxy's port. */
    public int port() {
        return port;
    }

    /** The user name given to the proxy, or null for none. */
    public String user() {
        return user;
    }

    /** Whether a user name and password are given. */
    public boolean hasCredentials() {
        return user != null;
    }

    /**
     * A fresh copy of the password, which the caller clears after use; an empty array when
     * none is given. Package-private: nothing outside the engine reads it back.
     */
    char[] password() {
        if (password == null) {
            return new char[0];
        }
        char[] p = password.get();
        return p == null ? new char[0] : p;
    }

    /** {@code SOCKS5 proxy 127.0.0.1:1080}, as sentences name it. */
    public String describe() {
        return type.label() + " proxy " + HostPort.of(host, port);
    }

    /** The kind, user and address, e.g. {@code socks5://ann@127.0.0.1:1080}; never the password. */
    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + "://" + (user != null ? user + "@" : "")
                + HostPort.of(host, port);
    }

    /** Equal when kind, address and user are; the password is not compared. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ProxyOptions p && p.type == type && p.host.equals(host) && p.port == port
                && Objects.equals(p.user, user);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, host, port, user);
    }
}
