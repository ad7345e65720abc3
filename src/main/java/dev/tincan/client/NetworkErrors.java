package dev.tincan.client;

import dev.tincan.codec.HostPort;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Turns I/O exceptions into the words a person reads. Stateless. */
public final class NetworkErrors {
    private NetworkErrors() {
    }

    /** What went wrong, as a type. */
    static Failure causeOf(IOException e) {
        if (e instanceof WriteStalledException) {
            return Failure.WRITE_STALLED;
        }
        if (e instanceof UnknownHostException) {
            return Failure.UNKNOWN_HOST;
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return Failure.TIMED_OUT;
        }
        if (e instanceof NoRouteToHostException || e instanceof PortUnreachableException) {
            return Failure.UNREACHABLE;
        }
        if (e instanceof EOFException) {
            return Failure.RESET;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof ConnectException && message.contains("refused")) {
            return Failure.REFUSED;
        }
        if (message.contains("connection reset") || message.contains("broken pipe")) {
            return Failure.RESET;
        }
        if (message.contains("network is unreachable")) {
            return Failure.UNREACHABLE;
        }
        return Failure.IO;
    }

    /** What went wrong, in a few lower-case words without a trailing period. */
    public static String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return "timed out";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof PortUnreachableException) {
            return "port unreachable";
        }
        if (e instanceof EOFException) {
            return "the server closed the connection";
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof ConnectException && message.contains("refused")) {
            return "connection refused";
        }
        if (message.contains("connection reset") || message.contains("broken pipe")) {
            return "the connection was reset by the server";
        }
        if (message.contains("network is unreachable")) {
            return "network is unreachable";
        }
        if (message.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        // Strip JDK decorations such as "(connect failed)" to keep the sentence short.
        return message.replaceAll("\\s*\\((connect|read|write) failed\\)", "");
    }

    /**
     * Whether {@code e} only says the socket had been closed on this side, so the real cause
     * is whatever closed it (a reset, for one, says so instead).
     */
    public static boolean closedHere(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return e instanceof java.net.SocketException
                && (message.equals("socket closed") || message.equals("socket is closed"));
    }

    private static boolean ipv6Loopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * A whole sentence for a failed connect, with a hint where one helps, e.g. "connect to
     * 127.0.0.1:9 failed: connection refused (is a server listening on port 9?)."
     */
    public static String connectFailed(String host, int port, IOException e, long timeoutMillis) {
        Failure cause = causeOf(e);
        String where = "connect to " + hostPort(host, port) + " failed: ";
        if (cause == Failure.REFUSED) {
            // A server on 127.0.0.1 alone (serve's default) is not there at ::1.
            return where + "connection refused (is a server listening on port " + port
                    + (ipv6Loopback(host) ? " at ::1? one that listens on 127.0.0.1 only is reached at 127.0.0.1)."
                            : "?).");
        }
        if (e instanceof Resolver.LookupTimeout) {
            return where + "looking up " + host + " took longer than the connect timeout ("
                    + Durations.format(timeoutMillis) + "); check the name server, or use an address such as 127.0.0.1.";
        }
        if (cause == Failure.TIMED_OUT) {
            return where + "timed out after " + Durations.format(timeoutMillis) + ".";
        }
        if (cause == Failure.UNKNOWN_HOST) {
            return where + "unknown host " + host + " (check the spelling, or use an address such as 127.0.0.1).";
        }
        return where + describe(e) + ".";
    }

    /**
     * Why the proxy itself could not be connected to, as a phrase (lower-case, no period)
     * that follows "connect to HOST:PORT through ... proxy ... failed: ".
     */
    static String proxyUnreachable(ProxyOptions proxy, IOException e, long timeoutMillis) {
        Failure cause = causeOf(e);
        if (cause == Failure.REFUSED) {
            return "the proxy refused the connection (is a proxy listening on port " + proxy.port() + "?)";
        }
        if (e instanceof Resolver.LookupTimeout) {
            return "looking up the proxy host " + proxy.host() + " took longer than the connect timeout ("
                    + Durations.format(timeoutMillis) + "); check the name server";
        }
        if (cause == Failure.TIMED_OUT) {
            return "the proxy did not answer within " + Durations.format(timeoutMillis);
        }
        if (cause == Failure.UNKNOWN_HOST) {
            return "unknown proxy host " + proxy.host() + " (check the spelling, or use an address such as 127.0.0.1)";
        }
        return "the proxy could not be reached (" + describe(e) + ")";
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    static String hostPort(String host, int port) {
        return HostPort.of(host, port);
    }

    /** Small duration formatting for sentences. */
    static final class Durations {
        private Durations() {
        }

        static String format(long millis) {
            if (millis % 60_000 == 0) {
                return millis / 60_000 + " min";
            }
            if (millis % 1000 == 0) {
                return millis / 1000 + " s";
            }
            return millis + " ms";
        }
    }
}
