package dev.tincan.client;

import dev.tincan.codec.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The certificate and private key Tincan shows a server that asks who the client is
 * (mutual TLS). Read from PEM (a certificate chain file and a PKCS#8 key file) or from a
 * PKCS#12 file and its password. Immutable; {@link #toString()} never shows the key, and no
 * password is kept.
 */
public final class ClientCertificate {
    private final PrivateKey key;
    private final List<X509Certificate> chain;

    /**
     * A key and its certificate chain, the client's own certificate first.
     *
     * @throws IllegalArgumentException if the chain is empty or its first certificate does not
     *     hold the key's public half
     */
    public ClientCertificate(PrivateKey key, List<X509Certificate> chain) {
        this.key = Objects.requireNonNull(key, "key");
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("a client certificate needs at least one certificate.");
        }
        if (!Pem.isPair(key, this.chain.get(0))) {
            throw new IllegalArgumentException("the client key is not the key of the certificate for " + subject()
                    + ": give the key that was made with it.");
        }
    }

    /**
     * Reads a PEM certificate chain and a PEM PKCS#8 key.
     *
     * @throws IllegalArgumentException with one sentence naming the file that is wrong
     */
    public static ClientCertificate fromPem(Path certificateFile, Path keyFile) {
        return new ClientCertificate(Pem.readPrivateKey(keyFile), Pem.readCertificates(certificateFile));
    }

    /**
     * Reads the first key entry of a PKCS#12 file. The password is used and not kept; the
     * caller may clear it afterwards.
     *
     * @throws IllegalArgumentException with one sentence when the file is missing, the password
     *     is wrong, or it holds no key
     */
    public static ClientCertificate fromPkcs12(Path file, char[] password) {
        KeyStore store = loadPkcs12(file, password);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    Certificate[] certificates = store.getCertificateChain(alias);
                    if (key instanceof PrivateKey privateKey && certificates != null) {
                        List<X509Certificate> chain = new ArrayList<>();
                        for (Certificate c : certificates) {
                            chain.add((X509Certificate) c);
                        }
                        return new ClientCertificate(privateKey, chain);
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key in " + file + " cannot be read: " + e.getMessage() + ".");
        }
        throw new IllegalArgumentException(file + " holds no private key with a certificate.");
    }

    /**
     * Loads a PKCS#12 file; the password is not kept.
     *
     * @throws IllegalArgumentException with one sentence when the file is missing or the
     *     password wrong
     */
    static KeyStore loadPkcs12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist.");
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")) {
                throw new IllegalArgumentException("the password for " + file + " is wrong.");
            }
            throw new IllegalArgumentException(file + " cannot be read as PKCS#12: " + e.getMessage() + ".");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " cannot be read as PKCS#12: " + e.getMessage() + ".");
        }
    }

    /** The private key. */
    public PrivateKey key() {
        return key;
    }

    /** The certificate chain, the client's own first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The subject of the client's own certificate, e.g. {@code CN=device-7}. */
    public String subject() {
        return chain.get(0).getSubjectX500Principal().getName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientCertificate c && c.key.equals(key) && c.chain.equals(chain);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {key, chain});
    }

    /** The subject only; never the key. */
    @Override
    public String toString() {
        return "ClientCertificate[" + subject() + "]";
    }
}
