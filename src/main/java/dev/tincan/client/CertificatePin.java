package dev.tincan.client;

import dev.tincan.codec.Fingerprints;
import dev.tincan.codec.Hex;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One expected SHA-256 fingerprint of the server's own certificate, written one of two ways:
 *
 * <pre>
 *   sha256/q1w2e3...=             the public key (SubjectPublicKeyInfo), base64, as curl's --pinnedpubkey
 *   AB:12:...:9F  or  ab12...9f   the whole certificate, hex, as 'openssl x509 -fingerprint -sha256'
 * </pre>
 *
 * Immutable.
 *
 * @param publicKey whether the digest is of the public key rather than of the whole certificate
 * @param sha256 the 32-byte digest; copied in and out
 */
public record CertificatePin(boolean publicKey, byte[] sha256) {
    /** Checks the digest is 32 bytes, and copies it. */
    public CertificatePin {
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 pin is 32 bytes, not " + sha256.length + ".");
        }
        sha256 = sha256.clone();
    }

    /**
     * Reads {@code sha256/BASE64} (public key) or 64 hex digits, colons allowed (certificate).
     *
     * @throws IllegalArgumentException with one sentence saying what a pin looks like
     */
    public static CertificatePin parse(String text) {
        String t = text.strip();
        String hint = " (expected sha256/ and 44 base64 characters for the public key, or 64 hex digits for the "
                + "certificate, as 'openssl x509 -noout -fingerprint -sha256' prints).";
        if (t.regionMatches(true, 0, "sha256/", 0, 7)) {
            byte[] digest;
            try {
                // curl writes sha256//BASE64; accept both.
                digest = Base64.getDecoder().decode(t.substring(7).replaceFirst("^/", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pin " + text + " is not valid base64" + hint);
            }
            if (digest.length != 32) {
                throw new IllegalArgumentException("pin " + text + " is " + digest.length + " bytes, not 32" + hint);
            }
            return new CertificatePin(true, digest);
        }
        byte[] digest;
        try {
            digest = Hex.parse(t.replace(":", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pin " + text + " is neither base64 nor hex" + hint);
        }
        if (digest.length != 32) {
            throw new IllegalArgumentException("pin " + text + " is " + digest.length + " bytes, not 32" + hint);
        }
        return new CertificatePin(false, digest);
    }

    /** The pin of {@code certificate}'s public key. */
    public static CertificatePin ofPublicKey(X509Certificate certificate) {
        return new CertificatePin(true, Fingerprints.sha256(certificate.getPublicKey().getEncoded()));
    }

    /** The pin of the whole {@code certificate}. */
    public static CertificatePin ofCertificate(X509Certificate certificate) {
        return parse(Fingerprints.certificate(certificate));
    }

    /** The digest, copied. */
    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** Whether {@code certificate} has this fingerprint. */
    public boolean matches(X509Certificate certificate) {
        CertificatePin actual = publicKey ? ofPublicKey(certificate) : ofCertificate(certificate);
        return Arrays.equals(sha256, actual.sha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificatePin p && p.publicKey == publicKey && Arrays.equals(p.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(publicKey) * 31 + Arrays.hashCode(sha256);
    }

    /** As written: {@code sha256/BASE64} or colon hex. */
    @Override
    public String toString() {
        return publicKey ? "sha256/" + Base64.getEncoder().encodeToString(sha256) : Fingerprints.colonHex(sha256);
    }
}
