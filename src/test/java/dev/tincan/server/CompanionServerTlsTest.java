package dev.tincan.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.CertificatePin;
import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.client.TlsOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Fingerprints;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.TestCertificates;
import dev.tincan.testing.TestCertificates.Issued;
import dev.tincan.testing.Threads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The companion server speaking TLS, with Tincan's own client at the other end. */
class CompanionServerTlsTest {
    @TempDir
    Path dir;

    private final ReplyRecorder recorder = new ReplyRecorder();
    private final BlockingQueue<String> drops = new LinkedBlockingQueue<>();
    private CompanionServer server;

    @AfterEach
    void tearDown() {
        recorder.shutdown();
        if (server != null) {
            server.close();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private CompanionServer start(ServerTls tls) throws Exception {
        server = new CompanionServer(ServerConfig.builder().port(0).tls(tls).build(),
                (InetSocketAddress client, String why) -> drops.add(why), null);
        return server.start();
    }

    private ClientReply.Connected connect(TlsOptions tls) {
        recorder.send(new ClientCommand.Connect("127.0.0.1", server.port(), ConnectOptions.builder().tls(tls)
                .build()));
        ClientReply reply = recorder.next();
        assertThat(reply).as("%s", reply).isInstanceOf(ClientReply.Connected.class);
        return (ClientReply.Connected) reply;
    }

    private void echoes(String text) {
        recorder.send(new ClientCommand.Send(Bytes.utf8(text)));
        recorder.next(ClientReply.Sent.class);
        assertThat(recorder.nextFrames(1)).containsExactly(text);
    }

    @Test
    void aSelfSignedServerIsReachedByTrustingItsCertificateAndPinningItsFingerprint() throws Exception {
        ServerTls tls = ServerTls.selfSigned();
        start(tls);

        ClientReply.Connected c = connect(TlsOptions.builder().trust(tls.chain())
                .pin(CertificatePin.parse(tls.fingerprint())).build());

        assertThat(c.tls().peer().sha256()).isEqualTo(tls.fingerprint());
        assertThat(c.tls().peer().publicKeySha256()).isEqualTo(tls.publicKeyPin());
        assertThat(tls.certificate().getNotAfter().getTime() - tls.certificate().getNotBefore().getTime())
                .isEqualTo(ServerTls.SELF_SIGNED_VALIDITY.plusHours(1).toMillis());
        echoes("self-signed");
    }

    @Test
    void aCertificateFromPemOrPkcs12IsTheOneShown() throws Exception {
        Issued ca = TestCertificates.authority("Test CA");
        Issued identity = TestCertificates.issue(ca, "served", "127.0.0.1");
        ServerTls pem = ServerTls.fromPem(identity.writeCertificate(dir.resolve("s.pem")),
                identity.writeKey(dir.resolve("s.key")));
        ServerTls p12 = ServerTls.fromPkcs12(identity.writePkcs12(dir.resolve("s.p12"), "pw".toCharArray()),
                "pw".toCharArray());

        assertThat(pem.fingerprint()).isEqualTo(Fingerprints.certificate(identity.certificate()));
        assertThat(p12.fingerprint()).isEqualTo(pem.fingerprint());
        assertThat(pem.chain()).hasSize(2);
        start(pem);
        assertThat(connect(TlsOptions.builder().trust(ca.chain()).build()).tls().peer().subject())
                .isEqualTo("CN=served");
        echoes("from files");
    }

    @Test
    void aClientClosingIsAnOrdinaryEndAndTheServerStoppingClosesTheClient() throws Exception {
        ServerTls tls = ServerTls.selfSigned();
        start(tls);
        connect(TlsOptions.builder().trust(tls.chain()).build());
        echoes("one");
        recorder.send(new ClientCommand.Close());
        assertThat(recorder.next(ClientReply.Closed.class).by()).isEqualTo(ClientReply.By.CLIENT);
        assertThat(server.awaitClientCount(0, java.time.Duration.ofSeconds(5))).isTrue();

        connect(TlsOptions.builder().trust(tls.chain()).build());
        echoes("two");
        server.close();
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.by()).as(closed.reason()).isEqualTo(ClientReply.By.SERVER);
        assertThat(drops).as("clients the server reported as dropped").isEmpty();
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsDroppedWithASentenceThatSaysSo() throws Exception {
        start(ServerTls.selfSigned());
        recorder.send(new ClientCommand.Connect("127.0.0.1", server.port(), ConnectOptions.builder()
                .tls(TlsOptions.builder().build()).build()));
        assertThat(recorder.next()).isNotInstanceOf(ClientReply.Connected.class);

        assertThat(nextDrop()).matches("the TLS handshake failed: it does not trust this server's certificate \\(it "
                + "answered \\w+\\): give it the certificate to trust, e\\.g\\. the file --save-cert writes\\.");
    }

    @Test
    void aClientSpeakingPlainTcpIsDroppedWithASentenceThatSaysSo() throws Exception {
        start(ServerTls.selfSigned());
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            plain.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            plain.getOutputStream().flush();

            assertThat(nextDrop()).isEqualTo("the TLS handshake failed: it spoke plain TCP, not TLS (connect it with "
                    + "TLS, or serve without --tls).");
        }
    }

    private String nextDrop() throws InterruptedException {
        String drop = drops.poll(10, TimeUnit.SECONDS);
        assertThat(drop).as("a drop within 10 s").isNotNull();
        return drop;
    }

    @Test
    void aWrongPasswordOrAMissingFileIsOneSentence() throws Exception {
        Issued identity = TestCertificates.selfSigned("x", "localhost");
        Path p12 = identity.writePkcs12(dir.resolve("s.p12"), "right".toCharArray());

        assertThat(List.of(catchMessage(() -> ServerTls.fromPkcs12(p12, "wrong".toCharArray())),
                catchMessage(() -> ServerTls.fromPem(dir.resolve("none.pem"), dir.resolve("none.key")))))
                .containsExactly("the password for " + p12 + " is wrong.", dir.resolve("none.key") + " does not exist.");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedBeforeAnyClientSeesIt() throws Exception {
        Issued identity = TestCertificates.selfSigned("mine", "localhost");
        Issued other = TestCertificates.selfSigned("other", "localhost");

        Path cert = identity.writeCertificate(dir.resolve("c.pem"));
        Path key = other.writeKey(dir.resolve("k.pem"));
        assertThat(catchMessage(() -> ServerTls.fromPem(cert, key))).isEqualTo("the key is not the key of the certificate for "
                + "CN=mine: give the key that was made with it.");
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("no IllegalArgumentException");
    }
}
