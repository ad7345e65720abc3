package dev.tincan.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks a server's certificates one question at a time, so that a refusal says which
 * question failed: is the chain trusted and within its dates, does it name the host, does
 * it match a pin. The JDK's own trust manager answers the first two (the second only
 * because the socket asks for HTTPS endpoint identification); this class asks them
 * separately and turns each "no" into a {@link TlsConnector.Refusal}. Stateless after
 * construction; used on the handshake thread.
 */
final class CheckingTrustManager extends X509ExtendedTrustManager {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** The system's trust store, read once: reading it takes tens of milliseconds. */
    private static volatile X509ExtendedTrustManager system;

    private final X509ExtendedTrustManager authorities;
    private final TlsOptions options;
    private final String expectedName;

    CheckingTrustManager(X509ExtendedTrustManager authorities, TlsOptions options, String expectedName) {
        this.authorities = authorities;
        this.options = options;
        this.expectedName = expectedName;
    }

    /** The system's authorities, plus {@code extra} when there are any. */
    static X509ExtendedTrustManager authorities(List<X509Certificate> extra) throws GeneralSecurityException {
        X509ExtendedTrustManager base = system;
        if (base == null) {
            base = fromStore(null);
            system = base;
        }
        if (extra.isEmpty()) {
            return base;
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int n = 0;
        for (X509Certificate c : base.getAcceptedIssuers()) {
            store.setCertificateEntry("system-" + n++, c);
        }
        for (X509Certificate c : extra) {
            store.setCertificateEntry("extra-" + n++, c);
        }
        return fromStore(store);
    }

    private static X509ExtendedTrustManager fromStore(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the Java runtime offers no X.509 trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        if (!options.insecure()) {
            checkChain(chain, authType);
            try {
                authorities.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                throw hostnameRefusal(chain[0], e);
            }
        }
        checkPins(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        if (!options.insecure()) {
            checkChain(chain, authType);
            try {
                authorities.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                throw hostnameRefusal(chain[0], e);
            }
        }
        checkPins(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (!options.insecure()) {
            checkChain(chain, authType);
        }
        checkPins(chain[0]);
    }

    /** The chain alone, without the host name: trusted, and every certificate within its dates. */
    private void checkChain(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            authorities.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw chainRefusal(chain, e);
        }
    }

    private TlsConnector.Refusal chainRefusal(X509Certificate[] chain, CertificateException e) {
        for (int i = 0; i < chain.length; i++) {
            X509Certificate c = chain[i];
            String which = i == 0 ? "the server's certificate (" + subject(c) + ")"
                    : "the certificate " + subject(c) + " in the server's chain";
            try {
                c.checkValidity();
            } catch (CertificateExpiredException expired) {
                return new TlsConnector.Refusal(Failure.TLS_EXPIRED, which + " expired on " + when(c.getNotAfter())
                        + " (it was valid from " + when(c.getNotBefore()) + ")", e);
            } catch (CertificateNotYetValidException notYet) {
                return new TlsConnector.Refusal(Failure.TLS_NOT_YET_VALID, which + " is not valid until "
                        + when(c.getNotBefore()) + " (it is now " + when(new Date())
                        + "; check the clocks of both machines)", e);
            }
        }
        X509Certificate top = chain[chain.length - 1];
        String leaf = "the server's certificate (" + subject(chain[0]) + ")";
        if (chain.length == 1 && top.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
            return new TlsConnector.Refusal(Failure.TLS_UNTRUSTED, leaf + " is self-signed and not trusted (trust it "
                    + "by giving the certificate itself as a CA file)", e);
        }
        return new TlsConnector.Refusal(Failure.TLS_UNTRUSTED, leaf + " is issued by "
                + top.getIssuerX500Principal().getName() + ", which is not a trusted authority (give that "
                + "authority's certificate as a CA file)", e);
    }

    private TlsConnector.Refusal hostnameRefusal(X509Certificate leaf, CertificateException e) {
        List<String> names = names(leaf);
        String held = names.isEmpty() ? "it names no host at all (only " + subject(leaf) + ", which is not checked)"
                : "it names only " + String.join(", ", names);
        return new TlsConnector.Refusal(Failure.TLS_HOSTNAME, "the server's certificate is not valid for "
                + expectedName + ": " + held, e);
    }

    private void checkPins(X509Certificate leaf) throws TlsConnector.Refusal {
        List<CertificatePin> pins = options.pins();
        if (pins.isEmpty() || pins.stream().anyMatch(p -> p.matches(leaf))) {
            return;
        }
        throw new TlsConnector.Refusal(Failure.TLS_PIN, "the server's certificate (" + subject(leaf)
                + ") matches no pin: its public key is " + CertificatePin.ofPublicKey(leaf) + " and its certificate "
                + CertificatePin.ofCertificate(leaf) + ", but the " + (pins.size() == 1 ? "pin is " : "pins are ")
                + pins.stream().map(CertificatePin::toString).collect(Collectors.joining(", ")), null);
    }

    /** The DNS names and addresses a certificate holds, e.g. {@code localhost}, {@code IP 127.0.0.1}. */
    static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    int type = (Integer) entry.get(0);
                    if (type == 2) {
                        names.add(String.valueOf(entry.get(1)));
                    } else if (type == 7) {
                        names.add("IP " + entry.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // Unreadable names name nothing.
        }
        return names;
    }

    private static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    private static String when(Date date) {
        return WHEN.format(date.toInstant());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a client does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a client does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client does not check clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities.getAcceptedIssuers();
    }
}
