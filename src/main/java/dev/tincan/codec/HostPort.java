package dev.tincan.codec;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The one way Tincan writes an address and a port for people: {@code host:port}, with an
 * IPv6 literal in brackets exactly once, as in a URL.
 *
 * <pre>
 * of("127.0.0.1", 50007)   127.0.0.1:50007
 * of("example.org", 80)    example.org:80
 * of("::1", 50007)         [::1]:50007
 * of("[::1]", 50007)       [::1]:50007      a host typed with brackets keeps one pair
 * </pre>
 *
 * Stateless and thread-safe.
 */
public final class HostPort {
    private HostPort() {
    }

    /** {@code host:port}; a host containing a colon (an IPv6 literal) is put in brackets once. */
    public static String of(String host, int port) {
        return bracketed(host) + ":" + port;
    }

    /**
     * {@code host:port} for a socket address: the numeric address when it is resolved
     * (IPv6 in brackets), otherwise the host name it was made with.
     */
    public static String of(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return of(ip != null ? ip.getHostAddress() : address.getHostString(), address.getPort());
    }

    /**
     * {@code host} without one pair of surrounding brackets, for an IPv6 literal typed as
     * in a URL ({@code [::1]} gives {@code ::1}); any other host is returned as it is.
     */
    public static String unbracketed(String host) {
        if (host.length() > 2 && host.startsWith("[") && host.endsWith("]") && host.indexOf(':') > 0) {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }

    private static String bracketed(String host) {
        String bare = unbracketed(host);
        return bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare;
    }
}
