package dev.tincan.client;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;

/**
 * How a connection speaks TLS: whom it trusts, what it pins, the name it asks for, the
 * certificate it shows, the application protocols it offers. Carried by
 * {@link ConnectOptions#tls()}; none there means plain TCP. Immutable; make one with
 * {@link #builder()}, change one with {@link #toBuilder()}; {@link Builder#build()} checks
 * every value, with a sentence naming it.
 *
 * <p>What is checked, in this order, like curl:
 * <ol>
 * <li>The server's chain leads to a trusted authority: the system's trust store, plus
 *     {@link #trusted()} (a CA, or a server's self-signed certificate), and every certificate
 *     in it is within its dates.</li>
 * <li>The server's certificate names the host connected to (or {@link #serverName()} when
 *     given): host-name verification is always on.</li>
 * <li>When {@link #pins()} are given, the server's own certificate matches at least one.</li>
 * </ol>
 * A pin is checked in addition to the chain, not instead of it (curl's {@code --pinnedpubkey}
 * does the same): to reach a server whose certificate no authority signed, trust that
 * certificate itself with {@link Builder#trust}. Only {@link #insecure()} skips steps 1 and
 * 2; pins are still checked then.
 *
 * @param trusted certificates trusted besides the system's, as authorities
 * @param pins fingerprints of which the server's own certificate must match one; empty for none
 * @param serverName the name sent in SNI and checked against the certificate, or null for the host
 * @param clientCertificate shown when the server asks for one, or null for none
 * @param alpn application protocols offered, most wanted first, e.g. {@code h2}; empty for none
 * @param insecure accept any certificate for any name: no protection against anyone in the path
 */
public record TlsOptions(List<X509Certificate> trusted, List<CertificatePin> pins, String serverName,
        ClientCertificate clientCertificate, List<String> alpn, boolean insecure) {

    /** Checks every value; the messages are sentences naming the value. */
    public TlsOptions {
        trusted = List.copyOf(trusted);
        pins = List.copyOf(pins);
        alpn = List.copyOf(alpn);
        if (serverName != null) {
            checkServerName(serverName);
        }
        for (String protocol : alpn) {
            int length = protocol.getBytes(StandardCharsets.US_ASCII).length;
            if (protocol.isEmpty() || length > 255 || !StandardCharsets.US_ASCII.newEncoder().canEncode(protocol)) {
                throw new IllegalArgumentException("ALPN protocol \"" + protocol + "\" is not 1 to 255 ASCII "
                        + "characters (use names such as h2, http/1.1).");
            }
        }
        if (insecure && !trusted.isEmpty()) {
            throw new IllegalArgumentException("a trusted certificate and insecure together make no sense: insecure "
                    + "checks no certificate; leave one out.");
        }
    }

    /** TLS with the system's trust store and nothing else: what a browser would check. */
    public static TlsOptions defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.trusted.addAll(trusted);
        b.pins.addAll(pins);
        b.alpn.addAll(alpn);
        return b.serverName(serverName).clientCertificate(clientCertificate).insecure(insecure);
    }

    /** The options in brief: certificates by subject, never a key. */
    @Override
    public String toString() {
        return "TlsOptions[trusted=" + trusted.stream().map(c -> c.getSubjectX500Principal().getName()).toList()
                + ", pins=" + pins + ", serverName=" + serverName + ", clientCertificate=" + clientCertificate
                + ", alpn=" + alpn + ", insecure=" + insecure + "]";
    }

    private static void checkServerName(String name) {
        if (name.isEmpty() || name.chars().allMatch(c -> Character.isDigit(c) || c == '.') || name.contains(":")) {
            throw new IllegalArgumentException("server name \"" + name + "\" is not a host name (SNI carries names "
                    + "such as example.org, never addresses).");
        }
        try {
            new SNIHostName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("server name \"" + name + "\" is not a valid host name (use letters, "
                    + "digits, dots and dashes, such as example.org).");
        }
    }

    /**
     * Collects TLS options; nothing but the system's trust store by default. Not
     * thread-safe; {@link #build()} checks every value.
     */
    public static final class Builder {
        private final List<X509Certificate> trusted = new ArrayList<>();
        private final List<CertificatePin> pins = new ArrayList<>();
        private final List<String> alpn = new ArrayList<>();
        private String serverName;
        private ClientCertificate clientCertificate;
        private boolean insecure;

        private Builder() {
        }

        /** Trusts these certificates as authorities besides the system's, e.g. a private CA or a self-signed server. */
        public Builder trust(List<X509Certificate> certificates) {
            certificates.forEach(c -> trusted.add(Objects.requireNonNull(c, "certificate")));
            return this;
        }

        /** Requires the server's own certificate to match this pin or another one given. */
        public Builder pin(CertificatePin pin) {
            pins.add(Objects.requireNonNull(pin, "pin"));
            return this;
        }

        /** The name to send in SNI and to check the certificate against; null (the default) for the host. */
        public Builder serverName(String serverName) {
            this.serverName = serverName;
            return this;
        }

        /** The certificate to show a server that asks for one; null (the default) for none. */
        public Builder clientCertificate(ClientCertificate clientCertificate) {
            this.clientCertificate = clientCertificate;
            return this;
        }

        /** The application protocols to offer, most wanted first; none by default. */
        public Builder alpn(List<String> protocols) {
            alpn.clear();
            alpn.addAll(protocols);
            return this;
        }

        /** Accepts any certificate for any name (pins are still checked); off by default. */
        public Builder insecure(boolean insecure) {
            this.insecure = insecure;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException with one sentence naming a value that does not fit
         */
        public TlsOptions build() {
            return new TlsOptions(trusted, pins, serverName, clientCertificate, alpn, insecure);
        }
    }
}
