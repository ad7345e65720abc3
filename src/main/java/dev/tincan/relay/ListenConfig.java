package dev.tincan.relay;

import dev.tincan.client.ConnectOptions;
import dev.tincan.session.Session;
import java.net.InetAddress;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * What a listener binds and how it runs each client it accepts.
 *
 * @param bind the address to listen on; 127.0.0.1 unless chosen
 * @param port the port; 0 picks a free one
 * @param options framing, maximum frame and timeouts for every client's connection
 * @param maxClients the most clients connected at once; one more is turned away with a sentence
 * @param setup called with each client's session before its connection is handed over, on the
 *     accepting thread, so taps (rules, a recorder) see its first frame; may be a no-op
 * @param tls the context every client's TLS handshake is run with, as the server, each on the
 *     client's own thread; null to listen in plain TCP
 */
public record ListenConfig(InetAddress bind, int port, ConnectOptions options, int maxClients,
        Consumer<Session> setup, SSLContext tls) {
    /** Clients at once when not chosen. */
    public static final int DEFAULT_MAX_CLIENTS = 100;

    /** Checks every value. */
    public ListenConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(setup, "setup");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listening port " + port + " is out of range: use 1 to 65535.");
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("client cap " + maxClients + " is not positive: use 1 or more.");
        }
    }

    /** Plain TCP. */
    public ListenConfig(InetAddress bind, int port, ConnectOptions options, int maxClients, Consumer<Session> setup) {
        this(bind, port, options, maxClients, setup, null);
    }

    /** The same, with every client speaking TLS to {@code context}'s certificate. */
    public ListenConfig withTls(SSLContext context) {
        return new ListenConfig(bind, port, options, maxClients, setup, context);
    }

    /**
     * The same, with {@code more} run after this config's setup on each client's session, still
     * before its connection is handed over (so rules it attaches see the first frame).
     */
    public ListenConfig withSetup(Consumer<Session> more) {
        Objects.requireNonNull(more, "more");
        return new ListenConfig(bind, port, options, maxClients, setup.andThen(more), tls);
    }

    /** Listens on 127.0.0.1:{@code port} with {@code options}, at most 100 clients, no setup. */
    public static ListenConfig of(int port, ConnectOptions options) {
        return new ListenConfig(Binding.defaultAddress(), port, options, DEFAULT_MAX_CLIENTS, s -> { });
    }
}
