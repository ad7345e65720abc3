package dev.tincan.client;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Offers one client certificate, or none, and notes whether the server asked for one. A
 * key manager of its own rather than the JDK's: the JDK's wants a key store, and putting a
 * key into a PKCS#12 store encrypts it, which costs a noticeable moment on every connect.
 * Used on the handshake thread.
 */
final class FixedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "client";

    private final ClientCertificate certificate;
    private final Runnable asked;

    /** Offers {@code certificate} (or nothing, when null); runs {@code asked} when the server asks. */
    FixedKeyManager(ClientCertificate certificate, Runnable asked) {
        this.certificate = certificate;
        this.asked = asked;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        asked.run();
        if (certificate == null) {
            return null;
        }
        String algorithm = certificate.key().getAlgorithm();
        for (String keyType : keyTypes) {
            if (fits(algorithm, keyType)) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return chooseClientAlias(keyTypes, issuers, (Socket) null);
    }

    /** Whether a key of {@code algorithm} can serve a handshake asking for {@code keyType}. */
    static boolean fits(String algorithm, String keyType) {
        if (keyType == null || keyType.equals(algorithm) || keyType.startsWith(algorithm + "_")) {
            return true;
        }
        if (algorithm.equals("RSA") && keyType.equals("RSASSA-PSS")) {
            return true;
        }
        return keyType.equals("EdDSA") && (algorithm.equals("Ed25519") || algorithm.equals("Ed448"));
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return certificate == null || !fits(certificate.key().getAlgorithm(), keyType) ? null : new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return certificate == null || !ALIAS.equals(alias) ? null
                : certificate.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return certificate == null || !ALIAS.equals(alias) ? null : certificate.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
