package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ClientCertificate;
import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.client.Failure;
import dev.tincan.client.TlsOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Fingerprints;
import dev.tincan.codec.Pem;
import dev.tincan.testing.OpenSsl;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.TestCertificates;
import dev.tincan.testing.TestCertificates.Issued;
import dev.tincan.testing.Threads;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tincan's TLS against an implementation it shares no code with: its client against
 * {@code openssl s_server}, and {@code openssl s_client} against {@code tincan serve --tls}.
 * Needs {@code openssl} on PATH, and fails saying so without it.
 */
class TlsOpenSslTest {
    private static final Issued CA = TestCertificates.authority("Tincan Test CA");
    private static final Pattern START = Pattern.compile("tincan serve: .*listening on 127\\.0\\.0\\.1:(\\d+) .*");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\\s]+-----END CERTIFICATE-----");

    @TempDir
    Path dir;

    private final ReplyRecorder recorder = new ReplyRecorder();

    @AfterEach
    void tearDown() {
        recorder.shutdown();
        Threads.assertNoneLeft("tincan-");
    }

    private ClientCommand.Connect connect(int port, TlsOptions tls) {
        return recorder.send(new ClientCommand.Connect("127.0.0.1", port, ConnectOptions.builder().tls(tls).build()));
    }

    private OpenSsl.Server sServer(Issued identity, String... more) throws Exception {
        String cert = identity.writeCertificate(dir.resolve("server.pem")).toString();
        String key = identity.writeKey(dir.resolve("server.key")).toString();
        List<String> args = new java.util.ArrayList<>(List.of("-cert", cert, "-key", key));
        args.addAll(List.of(more));
        return OpenSsl.server(args.toArray(new String[0]));
    }

    @Test
    void tincansClientTalksToOpenSslsServer() throws Exception {
        Issued identity = TestCertificates.issue(CA, "openssl.test", "127.0.0.1");
        try (OpenSsl.Server server = sServer(identity, "-rev")) {
            ClientReply.Connected c = (ClientReply.Connected) connectedOrFail(server.port(),
                    TlsOptions.builder().trust(CA.chain()).build());

            assertThat(c.tls().peer().sha256()).isEqualTo(Fingerprints.certificate(identity.certificate()));
            recorder.send(new ClientCommand.Send(Bytes.utf8("hello")));
            recorder.next(ClientReply.Sent.class);
            assertThat(recorder.nextFrames(1)).containsExactly("olleh");
        }
    }

    private ClientReply connectedOrFail(int port, TlsOptions tls) {
        connect(port, tls);
        ClientReply reply = recorder.next();
        assertThat(reply).as("%s", reply).isInstanceOf(ClientReply.Connected.class);
        return reply;
    }

    @Test
    void noCommonCipherSuiteWithOpenSslIsAHandshakeFailure() throws Exception {
        // ARIA: OpenSSL has it, the JDK does not.
        try (OpenSsl.Server server = sServer(TestCertificates.issue(CA, "aria", "127.0.0.1"), "-tls1_2", "-cipher",
                "ECDHE-ECDSA-ARIA128-GCM-SHA256")) {
            connect(server.port(), TlsOptions.builder().trust(CA.chain()).build());
            ClientReply.Error error = recorder.next(ClientReply.Error.class);

            assertThat(error.cause()).isEqualTo(Failure.TLS_HANDSHAKE);
            assertThat(error.message()).isEqualTo("connect to 127.0.0.1:" + server.port() + " failed: the server and "
                    + "Tincan share no TLS version or cipher suite (the server answered handshake_failure).");
        }
    }

    @Test
    void openSslRequiringAClientCertificateGetsOneOrRefusesWithItsCause() throws Exception {
        Issued clientCa = TestCertificates.authority("Client CA");
        Issued mine = TestCertificates.issue(clientCa, "device-7");
        String clientCaFile = clientCa.writeCertificate(dir.resolve("client-ca.pem")).toString();
        try (OpenSsl.Server server = sServer(TestCertificates.issue(CA, "strict", "127.0.0.1"), "-rev", "-Verify",
                "1", "-CAfile", clientCaFile)) {
            TlsOptions withCertificate = TlsOptions.builder().trust(CA.chain())
                    .clientCertificate(new ClientCertificate(mine.keys().getPrivate(), mine.chain())).build();
            connectedOrFail(server.port(), withCertificate);
            recorder.send(new ClientCommand.Send(Bytes.utf8("abc")));
            recorder.next(ClientReply.Sent.class);
            assertThat(recorder.nextFrames(1)).containsExactly("cba");
            recorder.send(new ClientCommand.Close());
            assertThat(recorder.next(ClientReply.Closed.class).by()).isEqualTo(ClientReply.By.CLIENT);
        }
        try (OpenSsl.Server server = sServer(TestCertificates.issue(CA, "strict", "127.0.0.1"), "-rev", "-Verify",
                "1", "-CAfile", clientCaFile)) {
            connect(server.port(), TlsOptions.builder().trust(CA.chain()).build());
            ClientReply reply = recorder.next();
            Failure cause;
            String sentence;
            if (reply instanceof ClientReply.Error error) {
                cause = error.cause();
                sentence = error.message();
            } else {
                assertThat(reply).isInstanceOf(ClientReply.Connected.class);
                ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
                cause = closed.cause();
                sentence = closed.reason();
            }
            assertThat(cause).isEqualTo(Failure.TLS_CLIENT_CERT_REQUIRED);
            assertThat(sentence).endsWith("127.0.0.1:" + server.port() + " failed: the server requires a client "
                    + "certificate and none was given.");
        }
    }

    @Test
    void openSslsClientVerifiesServeTlsAndSeesTheFingerprintItPrints() throws Exception {
        LineQueue out = new LineQueue();
        Path saved = dir.resolve("serve.pem");
        Thread serve = new Thread(() -> CliRun.run(InputStream.nullInputStream(), out, new StringWriter(), "serve",
                "--port", "0", "--tls", "--save-cert", saved.toString()), "test-serve");
        serve.start();
        try {
            Matcher start = START.matcher(out.next());
            assertThat(start.matches()).isTrue();
            String printed = out.next().replace("TLS certificate SHA-256 fingerprint: ", "");
            try (OpenSsl client = OpenSsl.client("-connect", "127.0.0.1:" + start.group(1), "-servername",
                    "localhost", "-CAfile", saved.toString(), "-verify_return_error", "-verify_hostname",
                    "localhost")) {
                List<String> handshake = client.awaitLineContaining("Verify return code");
                client.write("ping\n");
                client.awaitLineContaining("ping");

                assertThat(handshake).contains("Verified peername: localhost", "Verify return code: 0 (ok)");
                Matcher pem = PEM.matcher(String.join("\n", handshake));
                assertThat(pem.find()).as("the certificate in s_client's output").isTrue();
                Path seen = Files.writeString(dir.resolve("seen.pem"), pem.group());
                assertThat(Fingerprints.certificate(Pem.readCertificates(seen).get(0))).isEqualTo(printed);
            }
        } finally {
            serve.interrupt();
            Threads.awaitEnded(serve);
        }
    }
}
