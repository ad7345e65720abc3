package dev.tincan.client;

import dev.tincan.codec.Fingerprints;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a TLS handshake settled, for a person to look at: the version, the cipher suite, the
 * application protocol, and the server's certificates. Carried by
 * {@link ClientReply.Connected#tls()}. Immutable.
 *
 * @param protocol the TLS version, e.g. {@code TLSv1.3}
 * @param cipherSuite the cipher suite, e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param applicationProtocol the ALPN protocol the server chose, or null when none was agreed
 * @param peerChain the server's certificates as it sent them, its own first
 */
public record TlsSession(String protocol, String cipherSuite, String applicationProtocol,
        List<PeerCertificate> peerChain) {
    /** Copies the chain. */
    public TlsSession {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        peerChain = List.copyOf(peerChain);
    }

    /** The server's own certificate, or null when it sent none. */
    public PeerCertificate peer() {
        return peerChain.isEmpty() ? null : peerChain.get(0);
    }

    /**
     * One line for a person, e.g. "TLSv1.3, TLS_AES_128_GCM_SHA256, ALPN h2; server CN=example.org,
     * SHA-256 AB:CD:..." .
     */
    public String summary() {
        StringBuilder s = new StringBuilder(protocol).append(", ").append(cipherSuite);
        if (applicationProtocol != null) {
            s.append(", ALPN ").append(applicationProtocol);
        }
        PeerCertificate peer = peer();
        if (peer != null) {
            s.append("; server ").append(peer.subject()).append(", SHA-256 ").append(peer.sha256());
        }
        return s.toString();
    }

    /**
     * One certificate of the server's chain, as facts a person checks.
     *
     * @param subject whom it is for, e.g. {@code CN=example.org}
     * @param issuer who signed it
     * @param notBefore when it starts to be valid
     * @param notAfter when it expires
     * @param sha256 the certificate's SHA-256 fingerprint, colon hex
     * @param publicKeySha256 its public key's SHA-256 pin, {@code sha256/BASE64}
     */
    public record PeerCertificate(String subject, String issuer, Instant notBefore, Instant notAfter, String sha256,
            String publicKeySha256) {
        /** The facts of {@code certificate}. */
        public static PeerCertificate of(X509Certificate certificate) {
            return new PeerCertificate(certificate.getSubjectX500Principal().getName(),
                    certificate.getIssuerX500Principal().getName(), certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant(), Fingerprints.certificate(certificate),
                    Fingerprints.publicKey(certificate));
        }
    }
}
