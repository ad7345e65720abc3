package dev.tincan.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes PEM, the text form of certificates and keys that OpenSSL and most
 * servers use:
 *
 * <pre>
 *   -----BEGIN CERTIFICATE-----        -----BEGIN PRIVATE KEY-----
 *   MIIBszCCAVmgAwIBAgIU...            MIGHAgEAMBMGByqGSM49AgEG...   (PKCS#8)
 *   -----END CERTIFICATE-----          -----END PRIVATE KEY-----
 * </pre>
 *
 * Keys are read in PKCS#8 only (RSA, EC, Ed25519, Ed448); a PKCS#1 or SEC1 key, or an
 * encrypted one, is refused with a sentence saying how to convert it. Every failure is an
 * {@link IllegalArgumentException} with one sentence that names the file. Stateless.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};
    /** Larger than any certificate chain or key file a person would name. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    private Pem() {
    }

    /**
     * The certificates in a PEM file, in file order (a server's chain: its own first).
     *
     * @throws IllegalArgumentException with one sentence when the file cannot be read or holds
     *     no certificate
     */
    public static List<X509Certificate> readCertificates(Path file) {
        String text = read(file);
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE")) {
                certificates.add(certificate(file, decode(file, m.group(2))));
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no certificate (expected a PEM file with "
                    + "-----BEGIN CERTIFICATE-----).");
        }
        return List.copyOf(certificates);
    }

    /**
     * The private key in a PEM file, PKCS#8 unencrypted.
     *
     * @throws IllegalArgumentException with one sentence when the file cannot be read, holds no
     *     key, or holds one in another form (with the command that converts it)
     */
    public static PrivateKey readPrivateKey(Path file) {
        String text = read(file);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("PRIVATE KEY")) {
                return privateKey(file, decode(file, m.group(2)));
            }
            if (type.equals("RSA PRIVATE KEY") || type.equals("EC PRIVATE KEY")) {
                throw new IllegalArgumentException(file + " holds a " + (type.startsWith("RSA") ? "PKCS#1 RSA" : "SEC1 EC")
                        + " key; Tincan reads PKCS#8 keys: convert it with 'openssl pkcs8 -topk8 -nocrypt -in " + file
                        + " -out key.pem'.");
            }
            if (type.equals("ENCRYPTED PRIVATE KEY")) {
                throw new IllegalArgumentException(file + " holds an encrypted key; Tincan reads unencrypted PKCS#8 "
                        + "keys: decrypt it with 'openssl pkcs8 -in " + file + " -out key.pem', or use a PKCS#12 file "
                        + "with its password.");
            }
        }
        throw new IllegalArgumentException(file + " holds no private key (expected a PEM file with "
                + "-----BEGIN PRIVATE KEY-----).");
    }

    /**
     * Whether {@code key} is the private half of {@code certificate}'s public key, tested by
     * signing a few bytes; true for kinds of key this cannot test (it then lets TLS judge).
     */
    public static boolean isPair(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return true;
        }
        try {
            byte[] probe = "tincan".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code der} as a PEM block of {@code type}, e.g. "CERTIFICATE", lines of 64 characters. */
    public static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES
                        + " bytes: it is not a certificate or key file.");
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist.");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage() + ".");
        }
    }

    private static byte[] decode(Path file, String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " holds a broken PEM block: " + e.getMessage() + ".");
        }
    }

    private static X509Certificate certificate(Path file, byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " holds a certificate that cannot be read: " + e.getMessage()
                    + ".");
        }
    }

    private static PrivateKey privateKey(Path file, byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Not this algorithm; try the next.
            }
        }
        throw new IllegalArgumentException(file + " holds a private key of a kind Tincan cannot read (expected RSA, "
                + "EC, Ed25519 or Ed448 in PKCS#8).");
    }
}
