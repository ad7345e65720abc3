package dev.tincan.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.TlsOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.testing.TestCertificates;
import dev.tincan.testing.TestCertificates.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS on either side of a relay, on 127.0.0.1 with certificates made here: the relay ends
 * each TLS conversation, decodes the plaintext, and speaks TLS again (or plain TCP) to the
 * other side; a failed handshake turns that one client away with a sentence.
 */
@Timeout(20)
class RelayTlsTest {
    private static final long TIMEOUT_MILLIS = 5000;
    private static final Issued CA = TestCertificates.authority("Relay Test CA");
    /** The relay's own certificate, shown to its clients. */
    private static final Issued RELAY = TestCertificates.issue(CA, "relay", "127.0.0.1");
    /** The server's certificate, shown to the relay. */
    private static final Issued SERVER = TestCertificates.issue(CA, "server", "127.0.0.1");

    private final List<AutoCloseable> open = new ArrayList<>();
    private Relay relay;

    @AfterEach
    void tearDown() throws Exception {
        if (relay != null) {
            relay.close();
        }
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void aTlsClientReachesATlsServerThroughTheRelayByteForByteBothWays() throws Exception {
        ServerSocket server = server(serverContext(SERVER));
        start(b -> b.listenTls(serverContext(RELAY)).targetTls(trusting(SERVER)), server);
        SSLSocket client = tlsClient(RELAY);
        Socket far = accept(server);

        write(client, "hello\n");
        assertThat(read(far, 6)).isEqualTo("hello\n");
        write(far, "hi there\n");
        assertThat(read(client, 9)).isEqualTo("hi there\n");
        // The relay saw the plaintext, framed.
        awaitEvent(RelayEvent.Frame.class, f -> f.direction() == Direction.UP && f.payload().equals(Bytes.utf8(
                "hello")));
        awaitEvent(RelayEvent.Frame.class, f -> f.direction() == Direction.DOWN && f.payload().equals(Bytes.utf8(
                "hi there")));

        relay.quiet(true);
        byte[] up = random(700_000, 1);
        byte[] down = random(900_000, 2);
        CompletableFuture<byte[]> atServer = CompletableFuture.supplyAsync(() -> readExactly(far, up.length));
        CompletableFuture<byte[]> atClient = CompletableFuture.supplyAsync(() -> readExactly(client, down.length));
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> writeQuietly(far, down));
        client.getOutputStream().write(up);
        sending.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(atServer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(up);
        assertThat(atClient.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(down);
        assertThat(relay.links()).singleElement().satisfies(l -> {
            assertThat(l.bytesUp()).isEqualTo(6 + up.length);
            assertThat(l.bytesDown()).isEqualTo(9 + down.length);
        });
    }

    @Test
    void aPlainClientReachesATlsServerThroughTheRelay() throws Exception {
        ServerSocket server = server(serverContext(SERVER));
        start(b -> b.targetTls(trusting(SERVER)), server);
        Socket client = plainClient();
        Socket far = accept(server);

        write(client, "ping\n");
        assertThat(read(far, 5)).isEqualTo("ping\n");
        write(far, "pong\n");
        assertThat(read(client, 5)).isEqualTo("pong\n");
        awaitEvent(RelayEvent.Frame.class, f -> f.direction() == Direction.UP && f.payload().equals(Bytes.utf8(
                "ping")));
        awaitEvent(RelayEvent.Frame.class, f -> f.direction() == Direction.DOWN && f.payload().equals(Bytes.utf8(
                "pong")));

        // The end of the client's stream reaches the server as TLS's close_notify, and back.
        client.shutdownOutput();
        assertThat(far.getInputStream().read()).isEqualTo(-1);
        far.shutdownOutput();
        assertThat(client.getInputStream().read()).isEqualTo(-1);
        assertThat(awaitEvent(RelayEvent.Closed.class, c -> true).sentence()).isEqualTo("client closed the link.");
    }

    @Test
    void holdingAndInjectingWorkOnThePlaintextOfATlsLink() throws Exception {
        ServerSocket server = server(serverContext(SERVER));
        start(b -> b.listenTls(serverContext(RELAY)).targetTls(trusting(SERVER)), server);
        SSLSocket client = tlsClient(RELAY);
        Socket far = accept(server);
        // The server's side of the handshake runs on its first use: here, so the link opens.
        ((SSLSocket) far).startHandshake();
        int link = awaitEvent(RelayEvent.Opened.class, o -> true).link();

        relay.hold(Direction.UP, true);
        write(client, "held\n");
        RelayEvent.Frame held = awaitEvent(RelayEvent.Frame.class, f -> f.fate() == RelayEvent.Fate.HELD);
        assertThat(held.payload()).isEqualTo(Bytes.utf8("held"));
        assertThat(relay.inject(link, Direction.UP, Bytes.utf8("first"))).isNull();
        assertThat(read(far, 6)).as("the injected frame passes the held one").isEqualTo("first\n");
        assertThat(relay.forward(held.id(), Bytes.utf8("edited"))).isNull();
        assertThat(read(far, 7)).isEqualTo("edited\n");

        assertThat(relay.inject(link, Direction.DOWN, Bytes.utf8("to the client"))).isNull();
        assertThat(read(client, 14)).isEqualTo("to the client\n");
    }

    @Test
    void aTargetWhoseCertificateIsNotTrustedTurnsTheClientAwayWithTheReason() throws Exception {
        Issued stranger = TestCertificates.issue(TestCertificates.authority("Stranger CA"), "stranger", "127.0.0.1");
        ServerSocket server = server(serverContext(stranger));
        CompletableFuture<Void> serverSide = CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                ((SSLSocket) s).startHandshake();
            } catch (IOException e) {
                // The relay refuses the certificate: the handshake fails here too.
            }
        });
        start(b -> b.targetTls(TlsOptions.defaults()), server);
        Socket client = plainClient();

        RelayEvent.Refused refused = awaitEvent(RelayEvent.Refused.class, r -> true);
        assertThat(refused.sentence()).startsWith("client " + dev.tincan.codec.HostPort.of(
                (InetSocketAddress) client.getLocalSocketAddress()) + " turned away: connect to 127.0.0.1:"
                + server.getLocalPort() + " failed: the server's certificate (")
                .contains("which is not a trusted authority").endsWith(".");
        assertThat(client.getInputStream().read()).as("the client is closed").isEqualTo(-1);
        serverSide.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(relay.links()).isEmpty();
    }

    @Test
    void aClientSpeakingPlainToTheTlsPortIsTurnedAwayAndTheOthersGoOn() throws Exception {
        ServerSocket server = plainServer();
        start(b -> b.listenTls(serverContext(RELAY)), server);
        SSLSocket first = tlsClient(RELAY);
        Socket firstFar = accept(server);
        write(first, "one\n");
        assertThat(read(firstFar, 4)).isEqualTo("one\n");

        Socket plain = plainClient();
        write(plain, "hello\n");
        RelayEvent.Refused refused = awaitEvent(RelayEvent.Refused.class, r -> true);
        assertThat(refused.sentence()).isEqualTo("client " + dev.tincan.codec.HostPort.of(
                (InetSocketAddress) plain.getLocalSocketAddress()) + " turned away: TLS with the client failed: it "
                + "spoke plain TCP, not TLS (connect it with TLS, or listen without it).");
        assertEnded(plain);

        // The link already open goes on, and the next client is relayed.
        write(firstFar, "still here\n");
        assertThat(read(first, 11)).isEqualTo("still here\n");
        SSLSocket second = tlsClient(RELAY);
        Socket secondFar = accept(server);
        write(second, "two\n");
        assertThat(read(secondFar, 4)).isEqualTo("two\n");
        assertThat(relay.links()).hasSize(2);
    }

    @Test
    void aStalledHandshakeDelaysNoOtherClientAndEndsAtTheConnectTimeout() throws Exception {
        ServerSocket server = plainServer();
        start(b -> b.listenTls(serverContext(RELAY)).connectTimeout(Duration.ofMillis(1500)), server);
        Socket silent = plainClient();
        long began = System.nanoTime();

        SSLSocket client = tlsClient(RELAY);
        Socket far = accept(server);
        write(client, "quick\n");
        assertThat(read(far, 6)).isEqualTo("quick\n");
        write(far, "back\n");
        assertThat(read(client, 5)).isEqualTo("back\n");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began))
                .as("the other client was relayed while the silent one's handshake waited").isLessThan(1500);

        RelayEvent.Refused refused = awaitEvent(RelayEvent.Refused.class, r -> true);
        assertThat(refused.sentence()).endsWith(" turned away: TLS with the client failed: it did not finish the TLS "
                + "handshake within 1500 ms (does it speak TLS?).");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isGreaterThanOrEqualTo(1400);
        assertEnded(silent);
    }

    // ---- the rig ----

    private void start(UnaryOperator<RelayConfig.Builder> settings, ServerSocket server) throws IOException {
        relay = Relay.start(settings.apply(RelayConfig.builder("127.0.0.1", server.getLocalPort())
                .framing(Framing.parse("line"))).build());
    }

    private ServerSocket plainServer() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        s.setSoTimeout((int) TIMEOUT_MILLIS);
        open.add(s);
        return s;
    }

    private ServerSocket server(SSLContext context) throws IOException {
        SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        s.setSoTimeout((int) TIMEOUT_MILLIS);
        open.add(s);
        return s;
    }

    private Socket accept(ServerSocket server) throws IOException {
        Socket s = server.accept();
        s.setSoTimeout((int) TIMEOUT_MILLIS);
        open.add(s);
        return s;
    }

    private Socket plainClient() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), relay.address().getPort());
        s.setSoTimeout((int) TIMEOUT_MILLIS);
        open.add(s);
        return s;
    }

    /** A TLS client of the relay that trusts {@code identity}'s certificate alone. */
    private SSLSocket tlsClient(Issued identity) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("relay", identity.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        context.init(null, tmf.getTrustManagers(), new SecureRandom());
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                relay.address().getPort());
        s.setSoTimeout((int) TIMEOUT_MILLIS);
        open.add(s);
        s.startHandshake();
        return s;
    }

    private static SSLContext serverContext(Issued identity) {
        try {
            return context(identity);
        } catch (GeneralSecurityException | IOException e) {
            throw new AssertionError("the test's TLS context could not be made", e);
        }
    }

    private static SSLContext context(Issued identity) throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] none = new char[0];
        keys.setKeyEntry("server", identity.keys().getPrivate(), none,
                identity.chain().toArray(new java.security.cert.X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, none);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    private static TlsOptions trusting(Issued identity) {
        return TlsOptions.builder().trust(List.of(identity.certificate())).build();
    }

    private <T extends RelayEvent> T awaitEvent(Class<T> type, Predicate<T> test) throws InterruptedException {
        return RelayFixture.await(relay, new ArrayList<>(), type, test);
    }

    /**
     * The relay closed {@code s}: its stream ends (after a TLS alert, if the relay sent one),
     * or is found reset.
     */
    private static void assertEnded(Socket s) {
        try {
            byte[] rest = s.getInputStream().readAllBytes();
            assertThat(rest.length).as("bytes before the end (a TLS alert at most)").isLessThan(64);
        } catch (IOException e) {
            assertThat(e.getMessage()).as("how the stream ended").containsIgnoringCase("reset");
        }
    }

    private static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    private static String read(Socket s, int n) throws IOException {
        return new String(s.getInputStream().readNBytes(n), StandardCharsets.ISO_8859_1);
    }

    private static byte[] readExactly(Socket s, int n) {
        try {
            InputStream in = s.getInputStream();
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeQuietly(Socket s, byte[] bytes) {
        try {
            s.getOutputStream().write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
