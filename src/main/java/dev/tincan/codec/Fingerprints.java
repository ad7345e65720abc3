package dev.tincan.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;

/**
 * The two SHA-256 fingerprints of a certificate that people compare and pin:
 *
 * <pre>
 *   certificate  AB:12:...:9F (32 bytes, hex)   as in 'openssl x509 -noout -fingerprint -sha256'
 *   public key   sha256/q1w2...= (base64)       as in curl --pinnedpubkey, HPKP: the SubjectPublicKeyInfo
 * </pre>
 *
 * The certificate fingerprint changes when the certificate is renewed; the public-key one
 * only when the key changes. Stateless.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** SHA-256 of the whole certificate, as upper-case hex pairs joined by colons. */
    public static String certificate(X509Certificate certificate) {
        try {
            return colonHex(sha256(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage() + ".", e);
        }
    }

    /** SHA-256 of the certificate's public key (its SubjectPublicKeyInfo), as {@code sha256/BASE64}. */
    public static String publicKey(X509Certificate certificate) {
        return "sha256/" + Base64.getEncoder().encodeToString(sha256(certificate.getPublicKey().getEncoded()));
    }

    /** SHA-256 of {@code bytes}. */
    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code bytes} as upper-case hex pairs joined by colons, e.g. {@code AB:01:FF}. */
    public static String colonHex(byte[] bytes) {
        StringBuilder s = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            if (s.length() > 0) {
                s.append(':');
            }
            s.append(String.format(Locale.ROOT, "%02X", b & 0xff));
        }
        return s.toString();
    }
}
