package dev.tincan.server;

import dev.tincan.codec.Fingerprints;
import dev.tincan.codec.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The companion server's TLS identity: a private key and its certificate chain, read from
 * PEM or PKCS#12, or a self-signed certificate made on the spot for this machine
 * ({@code localhost}, {@code 127.0.0.1}, {@code ::1}). Each accepted TCP socket is wrapped
 * by {@link #wrap}; the handshake then happens on the client's own thread, at its first
 * read, so a slow client never holds up the accept loop. Immutable.
 */
public final class ServerTls {
    /** How long a generated certificate is valid. */
    static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(30);

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final boolean selfSigned;
    private final SSLContext context;

    private ServerTls(PrivateKey key, List<X509Certificate> chain, boolean selfSigned) {
        this.key = Objects.requireNonNull(key, "key");
        this.chain = List.copyOf(chain);
        this.selfSigned = selfSigned;
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS server needs a certificate.");
        }
        if (!Pem.isPair(key, this.chain.get(0))) {
            throw new IllegalArgumentException("the key is not the key of the certificate for "
                    + this.chain.get(0).getSubjectX500Principal().getName() + ": give the key that was made with it.");
        }
        this.context = context(key, this.chain);
    }

    /**
     * Reads a PEM certificate chain (the server's own first) and a PEM PKCS#8 key.
     *
     * @throws IllegalArgumentException with one sentence naming the file that is wrong
     */
    public static ServerTls fromPem(Path certificateFile, Path keyFile) {
        return new ServerTls(Pem.readPrivateKey(keyFile), Pem.readCertificates(certificateFile), false);
    }

    /**
     * Reads the first key entry of a PKCS#12 file; the password is used and not kept.
     *
     * @throws IllegalArgumentException with one sentence when the file is missing, the
     *     password is wrong, or it holds no key
     */
    public static ServerTls fromPkcs12(Path file, char[] password) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist.");
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                throw new IllegalArgumentException("the password for " + file + " is wrong.");
            }
            throw new IllegalArgumentException(file + " cannot be read as PKCS#12: " + e.getMessage() + ".");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " cannot be read as PKCS#12: " + e.getMessage() + ".");
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                Key key = store.isKeyEntry(alias) ? store.getKey(alias, password) : null;
                Certificate[] certificates = store.getCertificateChain(alias);
                if (key instanceof PrivateKey privateKey && certificates != null) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : certificates) {
                        chain.add((X509Certificate) c);
                    }
                    return new ServerTls(privateKey, chain, false);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key in " + file + " cannot be read: " + e.getMessage() + ".");
        }
        throw new IllegalArgumentException(file + " holds no private key with a certificate.");
    }

    /**
     * A new EC P-256 key and a self-signed certificate for {@code localhost},
     * {@code 127.0.0.1} and {@code ::1}, valid from an hour ago for 30 days. A client trusts
     * it by its fingerprint or by the certificate itself ({@link #certificatePem()}).
     */
    public static ServerTls selfSigned() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost, O=Tincan companion server (self-signed)");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(SELF_SIGNED_VALIDITY)), name, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, InetAddress.getByName("::1").getHostAddress())}));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new ServerTls(keys.getPrivate(), List.of(certificate), true);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException
                | java.net.UnknownHostException e) {
            throw new IllegalStateException("making a self-signed certificate failed: " + e.getMessage(), e);
        }
    }

    /**
     * The context a TLS server socket is made with: this certificate and key, no client
     * certificate asked for. For a listener that runs the handshakes itself.
     */
    public SSLContext context() {
        return context;
    }

    /** The server's own certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The chain the server sends, its own certificate first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** Whether the certificate was made on the spot rather than read from a file. */
    public boolean isSelfSigned() {
        return selfSigned;
    }

    /** The certificate's SHA-256 fingerprint, colon hex: what a client pins or compares. */
    public String fingerprint() {
        return Fingerprints.certificate(certificate());
    }

    /** The public key's SHA-256 pin, {@code sha256/BASE64}, as curl's --pinnedpubkey takes it. */
    public String publicKeyPin() {
        return Fingerprints.publicKey(certificate());
    }

    /** The certificate as PEM, for a client to trust it as an authority. */
    public String certificatePem() {
        try {
            return Pem.encode("CERTIFICATE", certificate().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("the certificate cannot be encoded", e);
        }
    }

    /**
     * {@code tcp}, just accepted, as the server's end of a TLS connection. No handshake yet:
     * it happens at the first read or write. Closing {@code tcp} ends it without waiting.
     */
    Socket wrap(Socket tcp) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(tcp, null, tcp.getPort(), true);
        ssl.setUseClientMode(false);
        return ssl;
    }

    private static SSLContext context(PrivateKey key, List<X509Certificate> chain) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new FixedKeyManager(key, chain)}, null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key and certificate cannot be used for TLS: " + e.getMessage()
                    + ".", e);
        }
    }

    /**
     * Shows the one certificate to every client. The JDK's own key manager wants a key store,
     * and putting a key into a PKCS#12 store encrypts it, slowly, for nothing.
     */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "server";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        FixedKeyManager(PrivateKey key, List<X509Certificate> chain) {
            this.key = key;
            this.chain = chain.toArray(new X509Certificate[0]);
        }

        private boolean fits(String keyType) {
            String algorithm = key.getAlgorithm();
            return keyType == null || keyType.equals(algorithm) || keyType.startsWith(algorithm + "_")
                    || (algorithm.equals("RSA") && keyType.equals("RSASSA-PSS"))
                    || (keyType.equals("EdDSA") && algorithm.startsWith("Ed"));
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return fits(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return fits(keyType) ? ALIAS : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return fits(keyType) ? new String[] {ALIAS} : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /** The subject and fingerprint; never the key. */
    @Override
    public String toString() {
        return "ServerTls[" + certificate().getSubjectX500Principal().getName() + ", SHA-256 " + fingerprint() + "]";
    }
}
