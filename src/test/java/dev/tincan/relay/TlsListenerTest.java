package dev.tincan.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.client.TlsSession;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.server.ServerTls;
import dev.tincan.session.Session;
import dev.tincan.session.TranscriptRow;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A listener that speaks TLS: each client's handshake runs on its own client thread, with the
 * certificate the listener was given, within the connect timeout. Over real sockets on
 * 127.0.0.1, with a plain JDK TLS client trusting that certificate.
 */
@Timeout(30)
class TlsListenerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static ServerTls identity;
    private static SSLContext trusting;

    private final List<Listener> listeners = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicReference<TlsSession> agreed = new AtomicReference<>();

    @BeforeAll
    static void makeTheCertificate() throws Exception {
        identity = ServerTls.selfSigned();
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("listener", identity.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void forget() {
        identity = null;
        trusting = null;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        for (Listener l : listeners) {
            l.close();
        }
        for (Session s : sessions) {
            assertThat(s.awaitStopped(ReplyRecorder.TIMEOUT_MILLIS)).as(s.threadName() + " stopped").isTrue();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private Listener listen(Duration handshakeTimeout) throws IOException {
        ConnectOptions options = ConnectOptions.builder().framing(Framing.parse("line"))
                .connectTimeout(handshakeTimeout).build();
        Listener l = Listener.start(new ListenConfig(LOOPBACK, 0, options, 10, session -> session.addTap(reply -> {
            if (reply instanceof ClientReply.Connected c) {
                agreed.set(c.tls());
            }
        })).withTls(identity.context()));
        listeners.add(l);
        return l;
    }

    private Session accepted(Listener l) throws InterruptedException {
        Listener.Event e = l.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(e).as("a client accepted within " + ReplyRecorder.TIMEOUT_MILLIS + " ms")
                .isInstanceOf(Listener.Event.Accepted.class);
        Session s = ((Listener.Event.Accepted) e).client().session();
        sessions.add(s);
        return s;
    }

    private static Predicate<TranscriptRow> error(String containing) {
        return r -> r.kind() == TranscriptRow.Kind.ERROR && r.message().contains(containing);
    }

    @Test
    void aTlsClientIsHeardAndAnsweredAndTheSessionSaysWhatWasAgreed() throws Exception {
        Listener l = listen(Duration.ofSeconds(5));
        SSLSocket client = (SSLSocket) trusting.getSocketFactory().createSocket(LOOPBACK, l.address().getPort());
        sockets.add(client);
        client.setSoTimeout((int) ReplyRecorder.TIMEOUT_MILLIS);
        client.getOutputStream().write("hello over TLS\n".getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().flush();
        Session session = accepted(l);

        ListenerTest.drainUntil(session, r -> r.kind() == TranscriptRow.Kind.RECEIVED
                && r.payload().equals(Bytes.utf8("hello over TLS")));
        assertThat(agreed.get()).as("the Connected reply carries the TLS session").isNotNull();
        assertThat(agreed.get().protocol()).startsWith("TLSv1.");
        assertThat(l.broadcast(Bytes.utf8("hi back"))).isNull();
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("hi back");
    }

    @Test
    void aClientSpeakingPlainTcpIsClosedWithASentence() throws Exception {
        Listener l = listen(Duration.ofSeconds(5));
        Socket plain = new Socket(LOOPBACK, l.address().getPort());
        sockets.add(plain);
        plain.getOutputStream().write("hello in the clear\n".getBytes(StandardCharsets.UTF_8));
        Session session = accepted(l);

        List<TranscriptRow> rows = ListenerTest.drainUntil(session, error("failed"));
        assertThat(rows).filteredOn(error("failed")).extracting(TranscriptRow::message).containsExactly(
                "TLS with the client at 127.0.0.1:" + plain.getLocalPort() + " failed: it spoke plain TCP, not TLS "
                        + "(connect it with TLS, or listen without it); it was closed.");
        assertThat(rows).noneMatch(r -> r.kind() == TranscriptRow.Kind.RECEIVED);
    }

    @Test
    void aClientThatNeverStartsTheHandshakeIsClosedAfterTheConnectTimeout() throws Exception {
        Listener l = listen(Duration.ofMillis(300));
        Socket silent = new Socket(LOOPBACK, l.address().getPort());
        sockets.add(silent);
        Session session = accepted(l);

        ListenerTest.drainUntil(session, error("did not finish the TLS handshake within 300 ms"));
        silent.setSoTimeout((int) ReplyRecorder.TIMEOUT_MILLIS);
        assertThat(silent.getInputStream().read()).as("the listener closed it").isEqualTo(-1);
    }
}
