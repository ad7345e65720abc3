package dev.tincan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS server on 127.0.0.1, port 0, made with the JDK alone, for testing Tincan's client
 * against an independent server end: it echoes bytes back, and can require a client
 * certificate from a given authority and choose an ALPN protocol. Handshake failures on
 * its side are kept in {@link #failures()}.
 */
public final class TlsEchoServer implements AutoCloseable {
    private final SSLServerSocket serverSocket;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> peers = new LinkedBlockingQueue<>();

    private TlsEchoServer(TestCertificates.Issued identity, X509Certificate clientAuthority, List<String> alpn)
            throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] none = new char[0];
        keys.setKeyEntry("server", identity.keys().getPrivate(), none,
                identity.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, none);
        TrustManagerFactory tmf = null;
        if (clientAuthority != null) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", clientAuthority);
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), new SecureRandom());
        serverSocket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        SSLParameters parameters = serverSocket.getSSLParameters();
        parameters.setNeedClientAuth(clientAuthority != null);
        if (!alpn.isEmpty()) {
            parameters.setApplicationProtocols(alpn.toArray(new String[0]));
        }
        serverSocket.setSSLParameters(parameters);
        acceptor = new Thread(this::acceptLoop, "test-tls-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server showing {@code identity}, asking for no client certificate. */
    public static TlsEchoServer start(TestCertificates.Issued identity) throws Exception {
        return new TlsEchoServer(identity, null, List.of());
    }

    /** A server that requires a client certificate issued by {@code clientAuthority}. */
    public static TlsEchoServer requiringClientCertificate(TestCertificates.Issued identity,
            X509Certificate clientAuthority) throws Exception {
        return new TlsEchoServer(identity, clientAuthority, List.of());
    }

    /** A server that speaks the first of {@code alpn} the client also offers. */
    public static TlsEchoServer withAlpn(TestCertificates.Issued identity, List<String> alpn) throws Exception {
        return new TlsEchoServer(identity, null, alpn);
    }

    /** The bound port. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** What failed on the server's side, e.g. a handshake the client refused. */
    public BlockingQueue<Throwable> failures() {
        return failures;
    }

    /** The subject of the next client certificate the server accepted, waiting at most the test timeout. */
    public String awaitClientSubject() throws InterruptedException {
        String subject = peers.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (subject == null) {
            throw new AssertionError("no client handshake within " + ReplyRecorder.TIMEOUT_MILLIS + " ms");
        }
        return subject;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(socket);
            Thread t = new Thread(() -> echo((SSLSocket) socket), "test-tls-echo");
            t.setDaemon(true);
            t.start();
        }
    }

    private void echo(SSLSocket socket) {
        try (socket) {
            socket.startHandshake();
            try {
                peers.add(((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                        .getName());
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                peers.add("");
            }
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            failures.add(e);
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket s : sockets) {
            s.close();
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
