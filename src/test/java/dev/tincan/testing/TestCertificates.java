package dev.tincan.testing;

import dev.tincan.codec.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in the test, with BouncyCastle: an authority, and certificates it
 * issues for chosen names and dates (or self-signed). EC P-256 keys, so making one takes
 * a millisecond or two. Written out as PEM or PKCS#12 for the command line and OpenSSL.
 */
public final class TestCertificates {
    private TestCertificates() {
    }

    /** A key and its certificate, with the chain a server would send (its own first). */
    public record Issued(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
        /** Writes the chain as PEM to {@code file}. */
        public Path writeCertificate(Path file) throws IOException {
            StringBuilder pem = new StringBuilder();
            for (X509Certificate c : chain) {
                try {
                    pem.append(Pem.encode("CERTIFICATE", c.getEncoded()));
                } catch (GeneralSecurityException e) {
                    throw new IOException(e);
                }
            }
            return Files.writeString(file, pem);
        }

        /** Writes the private key as PEM PKCS#8 to {@code file}. */
        public Path writeKey(Path file) throws IOException {
            return Files.writeString(file, Pem.encode("PRIVATE KEY", keys.getPrivate().getEncoded()));
        }

        /** Writes key and chain as PKCS#12 protected by {@code password}. */
        public Path writePkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("tincan", keys.getPrivate(), password, chain.toArray(new X509Certificate[0]));
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        }
    }

    /** A certificate authority valid from a day ago for a year. */
    public static Issued authority(String commonName) {
        KeyPair keys = keys();
        Instant now = Instant.now();
        X509Certificate c = build("CN=" + commonName, keys, "CN=" + commonName, keys, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365)), true, List.of());
        return new Issued(keys, c, List.of(c));
    }

    /** A server certificate issued by {@code ca} for {@code names}, valid from a day ago for 30 days. */
    public static Issued issue(Issued ca, String commonName, String... names) {
        Instant now = Instant.now();
        return issue(ca, commonName, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), names);
    }

    /** A certificate issued by {@code ca} for {@code names} (DNS names, or IP literals), valid between the dates. */
    public static Issued issue(Issued ca, String commonName, Instant notBefore, Instant notAfter, String... names) {
        KeyPair keys = keys();
        X509Certificate c = build("CN=" + commonName, keys, ca.certificate().getSubjectX500Principal().getName(),
                ca.keys(), notBefore, notAfter, false, List.of(names));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(c);
        chain.addAll(ca.chain());
        return new Issued(keys, c, List.copyOf(chain));
    }

    /** A self-signed certificate for {@code names}, valid from a day ago for 30 days. */
    public static Issued selfSigned(String commonName, String... names) {
        KeyPair keys = keys();
        Instant now = Instant.now();
        X509Certificate c = build("CN=" + commonName, keys, "CN=" + commonName, keys, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)), false, List.of(names));
        return new Issued(keys, c, List.of(c));
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate build(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
            Instant notBefore, Instant notAfter, boolean authority, List<String> names) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    new BigInteger(64, new SecureRandom()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (authority) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            if (!names.isEmpty()) {
                List<GeneralName> general = new ArrayList<>();
                for (String name : names) {
                    boolean ip = name.contains(":") || name.chars().allMatch(ch -> Character.isDigit(ch) || ch == '.');
                    general.add(ip ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(name).getHostAddress())
                            : new GeneralName(GeneralName.dNSName, name));
                }
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(general.toArray(new GeneralName[0])));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("making a test certificate failed", e);
        }
    }
}
