package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Fingerprints;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.TestCertificates;
import dev.tincan.testing.TestCertificates.Issued;
import dev.tincan.testing.Threads;
import dev.tincan.testing.TlsEchoServer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's TLS over loopback, against a JDK TLS server with certificates made in the
 * test: each check (chain, dates, host name, pins, client certificate) passes when it
 * should and, when it fails, says which check with its own cause and sentence.
 */
class TlsClientTest {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Issued CA = TestCertificates.authority("Tincan Test CA");

    private final ReplyRecorder recorder = new ReplyRecorder();
    private TlsEchoServer server;
    private LoopbackServer plain;

    @AfterEach
    void tearDown() throws Exception {
        recorder.shutdown();
        if (server != null) {
            server.close();
        }
        if (plain != null) {
            plain.close();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private ClientCommand.Connect connect(int port, TlsOptions tls) {
        return recorder.send(new ClientCommand.Connect("127.0.0.1", port,
                ConnectOptions.builder().tls(tls).build()));
    }

    private ClientReply.Connected connected(TlsOptions tls) {
        ClientCommand.Connect command = connect(server.port(), tls);
        ClientReply reply = recorder.next();
        assertThat(reply).as("the reply to the connect").isInstanceOf(ClientReply.Connected.class);
        ClientReply.Connected c = (ClientReply.Connected) reply;
        assertThat(c.command()).isSameAs(command);
        return c;
    }

    private ClientReply.Error refused(TlsOptions tls) {
        ClientCommand.Connect command = connect(server.port(), tls);
        ClientReply.Error error = recorder.next(ClientReply.Error.class);
        assertThat(error.command()).isSameAs(command);
        return error;
    }

    private String where() {
        return "connect to 127.0.0.1:" + server.port() + " failed: ";
    }

    private void echoes(String text) {
        recorder.send(new ClientCommand.Send(Bytes.utf8(text)));
        recorder.next(ClientReply.Sent.class);
        assertThat(recorder.nextFrames(1)).containsExactly(text);
    }

    private static TlsOptions trustingCa() {
        return TlsOptions.builder().trust(CA.chain()).build();
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }

    @Test
    void aServerIssuedByATrustedAuthorityConnectsAndReportsTheSession() throws Exception {
        Issued identity = TestCertificates.issue(CA, "tincan.test", "localhost", "127.0.0.1");
        server = TlsEchoServer.start(identity);

        ClientReply.Connected c = connected(trustingCa());

        TlsSession tls = c.tls();
        assertThat(tls).isNotNull();
        assertThat(tls.protocol()).isEqualTo("TLSv1.3");
        assertThat(tls.cipherSuite()).startsWith("TLS_");
        assertThat(tls.applicationProtocol()).isNull();
        assertThat(tls.peerChain()).hasSize(2);
        TlsSession.PeerCertificate peer = tls.peer();
        assertThat(peer.subject()).isEqualTo("CN=tincan.test");
        assertThat(peer.issuer()).isEqualTo("CN=Tincan Test CA");
        assertThat(peer.sha256()).isEqualTo(Fingerprints.certificate(identity.certificate()));
        assertThat(peer.publicKeySha256()).isEqualTo(Fingerprints.publicKey(identity.certificate()));
        assertThat(peer.notAfter()).isEqualTo(identity.certificate().getNotAfter().toInstant());
        assertThat(tls.summary()).startsWith("TLSv1.3, TLS_").contains("; server CN=tincan.test, SHA-256 "
                + peer.sha256());
        echoes("over TLS");
    }

    @Test
    void aPlainConnectionHasNoTlsSession() throws Exception {
        plain = LoopbackServer.start(socket -> socket.getInputStream().read());
        recorder.send(new ClientCommand.Connect("127.0.0.1", plain.port(), ConnectOptions.defaults()));
        assertThat(recorder.next(ClientReply.Connected.class).tls()).isNull();
    }

    @Test
    void aCertificateForAnotherNameIsRefusedNamingTheNamesItHolds() throws Exception {
        server = TlsEchoServer.start(TestCertificates.issue(CA, "other", "other.test", "10.9.8.7"));

        ClientReply.Error error = refused(trustingCa());

        assertThat(error.cause()).isEqualTo(Failure.TLS_HOSTNAME);
        assertThat(error.message()).isEqualTo(where() + "the server's certificate is not valid for 127.0.0.1: it "
                + "names only other.test, IP 10.9.8.7.");
    }

    @Test
    void theServerNameGivenIsTheNameChecked() throws Exception {
        server = TlsEchoServer.start(TestCertificates.issue(CA, "named", "tincan.test"));

        ClientReply.Connected c = connected(trustingCa().toBuilder().serverName("tincan.test").build());

        assertThat(c.tls().peer().subject()).isEqualTo("CN=named");
        echoes("by name");
    }

    @Test
    void anExpiredCertificateIsRefusedWithItsDates() throws Exception {
        Instant from = Instant.now().minus(Duration.ofDays(60)).truncatedTo(ChronoUnit.SECONDS);
        Instant until = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        server = TlsEchoServer.start(TestCertificates.issue(CA, "old", from, until, "127.0.0.1"));

        ClientReply.Error error = refused(trustingCa());

        assertThat(error.cause()).isEqualTo(Failure.TLS_EXPIRED);
        assertThat(error.message()).isEqualTo(where() + "the server's certificate (CN=old) expired on " + when(until)
                + " (it was valid from " + when(from) + ").");
    }

    @Test
    void aCertificateNotValidYetIsRefusedWithItsDates() throws Exception {
        Instant from = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        Instant until = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        server = TlsEchoServer.start(TestCertificates.issue(CA, "early", from, until, "127.0.0.1"));

        ClientReply.Error error = refused(trustingCa());

        assertThat(error.cause()).isEqualTo(Failure.TLS_NOT_YET_VALID);
        assertThat(error.message()).startsWith(where() + "the server's certificate (CN=early) is not valid until "
                + when(from) + " (it is now ").endsWith("; check the clocks of both machines).");
    }

    @Test
    void aCertificateFromAnUntrustedAuthorityIsRefusedNamingTheAuthority() throws Exception {
        Issued other = TestCertificates.authority("Unknown Test CA");
        server = TlsEchoServer.start(TestCertificates.issue(other, "stranger", "127.0.0.1"));

        ClientReply.Error error = refused(trustingCa());

        assertThat(error.cause()).isEqualTo(Failure.TLS_UNTRUSTED);
        assertThat(error.message()).isEqualTo(where() + "the server's certificate (CN=stranger) is issued by "
                + "CN=Unknown Test CA, which is not a trusted authority (give that authority's certificate as a CA "
                + "file).");
    }

    @Test
    void aSelfSignedCertificateIsRefusedUnlessTrustedItself() throws Exception {
        Issued self = TestCertificates.selfSigned("myself", "127.0.0.1");
        server = TlsEchoServer.start(self);

        ClientReply.Error error = refused(TlsOptions.defaults());
        assertThat(error.cause()).isEqualTo(Failure.TLS_UNTRUSTED);
        assertThat(error.message()).isEqualTo(where() + "the server's certificate (CN=myself) is self-signed and not "
                + "trusted (trust it by giving the certificate itself as a CA file).");

        ClientReply.Connected c = connected(TlsOptions.builder().trust(self.chain()).build());
        assertThat(c.tls().peer().subject()).isEqualTo("CN=myself");
    }

    @Test
    void theRightPinConnectsByPublicKeyOrByCertificate() throws Exception {
        Issued identity = TestCertificates.issue(CA, "pinned", "127.0.0.1");
        server = TlsEchoServer.start(identity);
        X509Certificate leaf = identity.certificate();

        connected(trustingCa().toBuilder().pin(CertificatePin.parse(Fingerprints.publicKey(leaf))).build());
        recorder.send(new ClientCommand.Close());
        recorder.next(ClientReply.Closed.class);
        connected(trustingCa().toBuilder().pin(CertificatePin.parse("00".repeat(32)))
                .pin(CertificatePin.parse(Fingerprints.certificate(leaf).replace(":", "").toLowerCase())).build());
        echoes("pinned");
    }

    @Test
    void aWrongPinIsRefusedShowingBothFingerprints() throws Exception {
        Issued identity = TestCertificates.issue(CA, "pinned", "127.0.0.1");
        server = TlsEchoServer.start(identity);
        String wrong = "sha256/" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

        ClientReply.Error error = refused(trustingCa().toBuilder().pin(CertificatePin.parse(wrong)).build());

        assertThat(error.cause()).isEqualTo(Failure.TLS_PIN);
        assertThat(error.message()).isEqualTo(where() + "the server's certificate (CN=pinned) matches no pin: its "
                + "public key is " + Fingerprints.publicKey(identity.certificate()) + " and its certificate "
                + Fingerprints.certificate(identity.certificate()) + ", but the pin is " + wrong + ".");
    }

    @Test
    void aPinIsCheckedInAdditionToTheChainNotInsteadOfIt() throws Exception {
        Issued self = TestCertificates.selfSigned("myself", "127.0.0.1");
        server = TlsEchoServer.start(self);

        ClientReply.Error error = refused(TlsOptions.builder().pin(CertificatePin.ofPublicKey(self.certificate()))
                .build());

        assertThat(error.cause()).isEqualTo(Failure.TLS_UNTRUSTED);
    }

    @Test
    void insecureConnectsToAnUntrustedCertificateForAnotherName() throws Exception {
        server = TlsEchoServer.start(TestCertificates.selfSigned("anyone", "elsewhere.test"));

        ClientReply.Connected c = connected(TlsOptions.builder().insecure(true).build());

        assertThat(c.tls().peer().subject()).isEqualTo("CN=anyone");
        echoes("unchecked");
    }

    @Test
    void insecureStillChecksPins() throws Exception {
        server = TlsEchoServer.start(TestCertificates.selfSigned("anyone", "elsewhere.test"));

        ClientReply.Error error = refused(TlsOptions.builder().insecure(true)
                .pin(CertificatePin.parse("ab".repeat(32))).build());

        assertThat(error.cause()).isEqualTo(Failure.TLS_PIN);
    }

    @Test
    void aClientCertificateIsShownToAServerThatRequiresOne() throws Exception {
        Issued clientCa = TestCertificates.authority("Client CA");
        Issued mine = TestCertificates.issue(clientCa, "device-7");
        server = TlsEchoServer.requiringClientCertificate(TestCertificates.issue(CA, "strict", "127.0.0.1"),
                clientCa.certificate());

        connected(trustingCa().toBuilder().clientCertificate(new ClientCertificate(mine.keys().getPrivate(),
                mine.chain())).build());

        assertThat(server.awaitClientSubject()).isEqualTo("CN=device-7");
        echoes("mutual");
    }

    @Test
    void aServerThatRequiresAClientCertificateSaysSoWhenNoneIsGiven() throws Exception {
        Issued clientCa = TestCertificates.authority("Client CA");
        server = TlsEchoServer.requiringClientCertificate(TestCertificates.issue(CA, "strict", "127.0.0.1"),
                clientCa.certificate());

        // TLS 1.3 ends the client's handshake before the server has judged the client: the
        // refusal comes either at the connect or as the first thing read after it.
        connect(server.port(), trustingCa());
        ClientReply reply = recorder.next();
        if (reply instanceof ClientReply.Error error) {
            assertThat(error.cause()).isEqualTo(Failure.TLS_CLIENT_CERT_REQUIRED);
            assertThat(error.message()).isEqualTo(where() + "the server requires a client certificate and none was "
                    + "given.");
        } else {
            assertThat(reply).isInstanceOf(ClientReply.Connected.class);
            ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
            assertThat(closed.cause()).isEqualTo(Failure.TLS_CLIENT_CERT_REQUIRED);
            assertThat(closed.reason()).isEqualTo("the connection to 127.0.0.1:" + server.port() + " failed: the "
                    + "server requires a client certificate and none was given.");
        }
    }

    @Test
    void theAlpnProtocolTheServerChoseIsReported() throws Exception {
        server = TlsEchoServer.withAlpn(TestCertificates.issue(CA, "alpn", "127.0.0.1"), List.of("h2", "tincan/1"));

        ClientReply.Connected c = connected(trustingCa().toBuilder().alpn(List.of("tincan/1", "http/1.1")).build());

        assertThat(c.tls().applicationProtocol()).isEqualTo("tincan/1");
        assertThat(c.tls().summary()).contains(", ALPN tincan/1; ");
    }

    @Test
    void aServerThatDoesNotSpeakTlsIsSaidToBePlain() throws Exception {
        plain = LoopbackServer.start(socket -> {
            socket.getOutputStream().write("hello, plain text here\n".getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().read();
        });
        recorder.send(new ClientCommand.Connect("127.0.0.1", plain.port(),
                ConnectOptions.builder().tls(TlsOptions.defaults()).build()));

        ClientReply.Error error = recorder.next(ClientReply.Error.class);

        assertThat(error.cause()).isEqualTo(Failure.TLS_HANDSHAKE);
        assertThat(error.message()).isEqualTo("connect to 127.0.0.1:" + plain.port() + " failed: the server did not "
                + "answer in TLS (is it a plain TCP server? then connect without TLS).");
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeTimesOutWithinTheConnectTimeout() throws Exception {
        plain = LoopbackServer.start(socket -> socket.getInputStream().readAllBytes());
        recorder.send(new ClientCommand.Connect("127.0.0.1", plain.port(), ConnectOptions.builder()
                .connectTimeout(Duration.ofMillis(300)).tls(TlsOptions.defaults()).build()));

        ClientReply.Error error = recorder.next(ClientReply.Error.class);

        assertThat(error.cause()).isEqualTo(Failure.TIMED_OUT);
        assertThat(error.message()).isEqualTo("connect to 127.0.0.1:" + plain.port() + " failed: the TLS handshake "
                + "timed out after 300 ms (does the server speak TLS on port " + plain.port() + "?).");
    }
}
