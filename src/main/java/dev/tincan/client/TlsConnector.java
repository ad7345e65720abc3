package dev.tincan.client;

import dev.tincan.codec.TlsPeerFailure;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Turns one connected TCP socket into a TLS one, as {@link TlsOptions} say, and turns what
 * can go wrong into a {@link Failure} and a sentence:
 *
 * <pre>
 *   tcp socket ──► handshake (within the connect timeout) ──► SSLSocket + {@link TlsSession}
 *                      │ chain, dates, host name, pins: {@link CheckingTrustManager}
 *                      └ refused ──► {@link #failure}: TLS_UNTRUSTED, TLS_HOSTNAME, ...
 * </pre>
 *
 * One per connection: it remembers whether the server asked for a client certificate, which
 * explains a failure that TLS 1.3 reports only after the handshake, on the first read.
 * Used by the client thread, then by the connection's reader.
 */
final class TlsConnector {

    private final TlsOptions options;
    private final String host;
    private final int port;
    /** Set on the handshake thread, read later by the reader thread. */
    private volatile boolean askedForCertificate;
    private volatile boolean handshakeDone;
    /** Whether any byte has arrived since the handshake; set by the reader. */
    private volatile boolean dataReceived;

    TlsConnector(TlsOptions options, String host, int port) {
        this.options = options;
        this.host = host;
        this.port = port;
    }

    /**
     * Wraps {@code tcp}, already connected, and runs the handshake, giving up after
     * {@code timeoutMillis}. Closing {@code tcp} from another thread aborts it.
     *
     * @throws IOException for any failure, {@link #failure} explains it
     */
    SSLSocket handshake(Socket tcp, long timeoutMillis) throws IOException {
        SSLContext context = context();
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        // A raw SSLSocket checks no host name unless told to; HTTPS rules are the ones certificates follow.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (options.serverName() != null) {
            parameters.setServerNames(List.of(new SNIHostName(options.serverName())));
        }
        if (!options.alpn().isEmpty()) {
            parameters.setApplicationProtocols(options.alpn().toArray(new String[0]));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis)));
        ssl.startHandshake();
        ssl.setSoTimeout(0);
        handshakeDone = true;
        return ssl;
    }

    /** What the handshake of {@code ssl} settled. */
    static TlsSession session(SSLSocket ssl) {
        SSLSession session = ssl.getSession();
        List<TlsSession.PeerCertificate> chain = new ArrayList<>();
        try {
            for (java.security.cert.Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(TlsSession.PeerCertificate.of(x));
                }
            }
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            // An anonymous server: no chain to show.
        }
        String alpn = ssl.getApplicationProtocol();
        return new TlsSession(session.getProtocol(), session.getCipherSuite(),
                alpn == null || alpn.isEmpty() ? null : alpn, chain);
    }

    /**
     * Why {@code e} happened, as a cause and a phrase (lower-case, no period), when it is
     * about TLS; null when it is an ordinary network failure that {@link NetworkErrors} says
     * better.
     */
    Verdict failure(IOException e, long timeoutMillis) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refusal refusal) {
                return new Verdict(refusal.cause, refusal.phrase);
            }
        }
        if (!handshakeDone && e instanceof SocketTimeoutException) {
            return new Verdict(Failure.TIMED_OUT, "the TLS handshake timed out after "
                    + NetworkErrors.Durations.format(timeoutMillis) + " (does the server speak TLS on port " + port
                    + "?)");
        }
        ClientCertificate mine = options.clientCertificate();
        if (handshakeDone && !dataReceived && askedForCertificate && mine == null) {
            // TLS 1.3: the server judges the client after the client's handshake is over, and its
            // refusal may reach the writer as a plain reset before the reader sees the alert.
            return new Verdict(Failure.TLS_CLIENT_CERT_REQUIRED,
                    "the server requires a client certificate and none was given");
        }
        if (!(e instanceof SSLException)) {
            return null;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        String alert = TlsPeerFailure.alert(message);
        if (alert != null && (TlsPeerFailure.isCertificateAlert(alert) || (askedForCertificate && mine == null))) {
            if (mine == null) {
                return new Verdict(Failure.TLS_CLIENT_CERT_REQUIRED,
                        "the server requires a client certificate and none was given");
            }
            return new Verdict(Failure.TLS_CLIENT_CERT_REJECTED, "the server refused the client certificate "
                    + mine.subject() + " (it answered " + alert + ")");
        }
        if ("no_application_protocol".equals(alert)) {
            return new Verdict(Failure.TLS_HANDSHAKE, "the server supports none of the ALPN protocols offered ("
                    + String.join(", ", options.alpn()) + ")");
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if ("handshake_failure".equals(alert) || "protocol_version".equals(alert)
                || "insufficient_security".equals(alert) || lower.contains("no appropriate protocol")
                || lower.contains("not accepted by client preferences") || lower.contains("cipher suite")) {
            return new Verdict(Failure.TLS_HANDSHAKE, "the server and Tincan share no TLS version or cipher suite ("
                    + (alert != null ? "the server answered " + alert : message) + ")");
        }
        if (lower.contains("unrecognized ssl message") || lower.contains("plaintext connection")) {
            return new Verdict(Failure.TLS_HANDSHAKE, "the server did not answer in TLS (is it a plain TCP server? "
                    + "then connect without TLS)");
        }
        if (!handshakeDone && (e.getCause() instanceof EOFException || lower.contains("remote host terminated"))) {
            return new Verdict(Failure.TLS_HANDSHAKE, "the server closed the connection during the TLS handshake "
                    + "(does it speak TLS on port " + port + "?)");
        }
        if (e instanceof SSLHandshakeException || !handshakeDone) {
            return new Verdict(Failure.TLS_HANDSHAKE, "the TLS handshake failed: " + message);
        }
        return null;
    }

    /**
     * Why a handshake Tincan ran as the server (a listener's client) failed, as a phrase
     * (lower-case, no period): a client that spoke plain TCP, did not trust the certificate,
     * took too long, or shared no version or cipher suite with Tincan.
     */
    static String serverSideFailure(IOException e, long timeoutMillis) {
        if (e instanceof SocketTimeoutException) {
            return "it did not finish the TLS handshake within " + NetworkErrors.Durations.format(timeoutMillis)
                    + " (does it speak TLS?)";
        }
        String phrase = TlsPeerFailure.asServer(e, "this listener's", "listen without it");
        return phrase != null ? phrase : "the TLS handshake failed: " + NetworkErrors.describe(e);
    }

    /** Notes that application data arrived: a failure from now on is not about the handshake. Reader thread. */
    void received() {
        if (!dataReceived) {
            dataReceived = true;
        }
    }

    /** A TLS failure as a type and a phrase (lower-case, no period). */
    record Verdict(Failure cause, String phrase) {
    }

    private SSLContext context() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager trust = new CheckingTrustManager(CheckingTrustManager.authorities(options.trusted()),
                    options, options.serverName() != null ? options.serverName() : host);
            KeyManager keys = new FixedKeyManager(options.clientCertificate(), () -> askedForCertificate = true);
            context.init(new KeyManager[] {keys}, new TrustManager[] {trust}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS cannot be set up: " + e.getMessage(), e);
        }
    }

    /** A certificate check that failed, with its cause and phrase; travels inside the handshake's exception. */
    static final class Refusal extends CertificateException {
        private final transient Failure cause;
        private final String phrase;

        Refusal(Failure cause, String phrase, Throwable why) {
            super(phrase, why);
            this.cause = cause;
            this.phrase = phrase;
        }
    }
}
