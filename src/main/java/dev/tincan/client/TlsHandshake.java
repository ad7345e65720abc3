package dev.tincan.client;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * TLS over a socket connected by someone else (a relay's two ends): the handshake as the
 * client, checked as {@link TlsOptions} say, or as the server, with a context's certificate;
 * each bounded by a timeout, and aborted by closing the TCP socket from another thread. A
 * failure comes back as {@link Failed}, whose message is the same phrase a connection or a
 * listener would give. Stateless.
 */
public final class TlsHandshake {
    private TlsHandshake() {
    }

    /**
     * Speaks TLS as the client over {@code tcp}, connected to {@code host}:{@code port}, and
     * checks the server's certificate as {@code options} say.
     *
     * @return the TLS socket, in blocking mode; closing it closes {@code tcp}
     * @throws Failed with the phrase of {@link SocketClientThread}'s "connect to HOST:PORT failed: ..."
     */
    public static SSLSocket asClient(Socket tcp, TlsOptions options, String host, int port, long timeoutMillis)
            throws Failed {
        TlsConnector connector = new TlsConnector(options, host, port);
        try {
            return connector.handshake(tcp, timeoutMillis);
        } catch (IOException e) {
            TlsConnector.Verdict verdict = connector.failure(e, timeoutMillis);
            if (verdict != null) {
                throw new Failed(verdict.cause(), verdict.phrase(), e);
            }
            throw new Failed(NetworkErrors.causeOf(e), NetworkErrors.describe(e), e);
        }
    }

    /**
     * Speaks TLS as the server over {@code tcp}, an accepted client, showing the certificate
     * of {@code context}.
     *
     * @return the TLS socket, in blocking mode; closing it closes {@code tcp}
     * @throws Failed with the phrase of a listener's "TLS with the client at ... failed: ..."
     */
    public static SSLSocket asServer(Socket tcp, SSLContext context, long timeoutMillis) throws Failed {
        try {
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(tcp, null, tcp.getPort(), true);
            ssl.setUseClientMode(false);
            ssl.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis)));
            ssl.startHandshake();
            ssl.setSoTimeout(0);
            return ssl;
        } catch (IOException e) {
            throw new Failed(e instanceof SocketTimeoutException ? Failure.TIMED_OUT : Failure.TLS_HANDSHAKE,
                    TlsConnector.serverSideFailure(e, timeoutMillis), e);
        }
    }

    /** The protocol and cipher suite a handshake settled, e.g. "TLSv1.3, TLS_AES_256_GCM_SHA384". */
    public static String summary(SSLSocket ssl) {
        return TlsConnector.session(ssl).summary();
    }

    /** A handshake that failed: its cause, and its phrase (lower-case, no period) as the message. */
    public static final class Failed extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Failure cause;

        Failed(Failure cause, String phrase, Throwable why) {
            super(phrase, why);
            this.cause = cause;
        }

        /** What went wrong, as a type. */
        public Failure failure() {
            return cause;
        }
    }
}
