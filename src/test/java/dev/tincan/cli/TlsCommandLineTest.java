package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Fingerprints;
import dev.tincan.testing.TestCertificates;
import dev.tincan.testing.TestCertificates.Issued;
import dev.tincan.testing.Threads;
import dev.tincan.testing.TlsEchoServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code send}, {@code connect} and {@code serve} with TLS, in-process, over loopback. */
class TlsCommandLineTest {
    private static final Issued CA = TestCertificates.authority("Tincan Test CA");
    private static final Pattern START = Pattern.compile("tincan serve: .*listening on 127\\.0\\.0\\.1:(\\d+) .*");

    @TempDir
    Path dir;

    private TlsEchoServer server;

    @AfterEach
    void tearDown() throws Exception {
        Passwords.environment = System::getenv;
        if (server != null) {
            server.close();
        }
        Threads.assertNoneLeft("tincan-client");
        Threads.assertNoneLeft("tincan-reader");
        Threads.assertNoneLeft("tincan-server");
    }

    private String ca() throws Exception {
        return CA.writeCertificate(dir.resolve("ca.pem")).toString();
    }

    private String port() {
        return Integer.toString(server.port());
    }

    @Test
    void sendWithTlsTrustsACaFileAndGetsTheEcho() throws Exception {
        server = TlsEchoServer.start(TestCertificates.issue(CA, "tincan.test", "127.0.0.1"));

        CliRun.Result r = CliRun.run("send", "--tls", "--ca", ca(), "127.0.0.1", port(), "hello");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("hello");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aWrongNameFailsWithTheEnginesSentence() throws Exception {
        server = TlsEchoServer.start(TestCertificates.issue(CA, "other", "other.test"));

        CliRun.Result r = CliRun.run("send", "--tls", "--ca", ca(), "127.0.0.1", port(), "hello");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly("error: connect to 127.0.0.1:" + port() + " failed: the server's "
                + "certificate is not valid for 127.0.0.1: it names only other.test.");
    }

    @Test
    void withoutTheCaFileTheAuthorityIsNotTrusted() throws Exception {
        server = TlsEchoServer.start(TestCertificates.issue(CA, "tincan.test", "127.0.0.1"));

        CliRun.Result r = CliRun.run("send", "--tls", "127.0.0.1", port(), "hello");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errFirstLine()).isEqualTo("error: connect to 127.0.0.1:" + port() + " failed: the server's "
                + "certificate (CN=tincan.test) is issued by CN=Tincan Test CA, which is not a trusted authority "
                + "(give that authority's certificate as a CA file).");
    }

    @Test
    void insecureConnectsToAnythingAndWarnsOnEveryRun() throws Exception {
        server = TlsEchoServer.start(TestCertificates.selfSigned("anyone", "elsewhere.test"));

        for (int run = 0; run < 2; run++) {
            CliRun.Result r = CliRun.run("send", "--tls", "--insecure", "127.0.0.1", port(), "hello");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("hello");
            assertThat(r.err().lines()).containsExactly("warning: --insecure: the server's certificate is not "
                    + "checked; anyone in the path can read and change this connection.");
        }
    }

    @Test
    void aWrongPinFailsShowingBothFingerprintsAndTheRightOneConnects() throws Exception {
        Issued identity = TestCertificates.issue(CA, "pinned", "127.0.0.1");
        server = TlsEchoServer.start(identity);
        String right = Fingerprints.certificate(identity.certificate());
        String wrong = "00".repeat(32);

        CliRun.Result refused = CliRun.run("send", "--tls", "--ca", ca(), "--pin", wrong, "127.0.0.1", port(), "x");
        CliRun.Result pinned = CliRun.run("send", "--tls", "--ca", ca(), "--pin", wrong, "--pin", right,
                "127.0.0.1", port(), "x");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.errFirstLine()).isEqualTo("error: connect to 127.0.0.1:" + port() + " failed: the "
                + "server's certificate (CN=pinned) matches no pin: its public key is "
                + Fingerprints.publicKey(identity.certificate()) + " and its certificate " + right + ", but the pin is "
                + Fingerprints.colonHex(new byte[32]) + ".");
        assertThat(pinned.exitCode()).as(pinned.err()).isZero();
        assertThat(pinned.outLines()).containsExactly("x");
    }

    @Test
    void connectPrintsTheSessionOnceConnected() throws Exception {
        Issued identity = TestCertificates.issue(CA, "tincan.test", "127.0.0.1");
        server = TlsEchoServer.withAlpn(identity, java.util.List.of("tincan/1"));
        InputStream stdin = new ByteArrayInputStream("hi\n".getBytes(StandardCharsets.UTF_8));

        CliRun.Result r = CliRun.run(stdin, "connect", "--tls", "--ca", ca(), "--alpn", "tincan/1,h2", "--linger",
                "2s", "127.0.0.1", port());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("hi");
        assertThat(r.err().lines()).contains("secured with TLSv1.3, " + r.err().lines()
                .filter(l -> l.startsWith("secured with")).findFirst().orElse("?").split(", ")[1]
                + ", ALPN tincan/1; server CN=tincan.test, SHA-256 " + Fingerprints.certificate(identity.certificate())
                + ".");
    }

    @Test
    void aClientCertificateFromPemOrFromPkcs12WithThePasswordFromTheEnvironment() throws Exception {
        Issued clientCa = TestCertificates.authority("Client CA");
        Issued mine = TestCertificates.issue(clientCa, "device-7");
        server = TlsEchoServer.requiringClientCertificate(TestCertificates.issue(CA, "strict", "127.0.0.1"),
                clientCa.certificate());
        String cert = mine.writeCertificate(dir.resolve("client.pem")).toString();
        String key = mine.writeKey(dir.resolve("client.key")).toString();
        String p12 = mine.writePkcs12(dir.resolve("client.p12"), "s3cret".toCharArray()).toString();
        Passwords.environment = Map.of("CLIENT_P12_PASSWORD", "s3cret")::get;

        CliRun.Result pem = CliRun.run("send", "--tls", "--ca", ca(), "--cert", cert, "--key", key, "127.0.0.1",
                port(), "pem");
        CliRun.Result pkcs12 = CliRun.run("send", "--tls", "--ca", ca(), "--pkcs12", p12, "--password-env",
                "CLIENT_P12_PASSWORD", "127.0.0.1", port(), "p12");
        CliRun.Result none = CliRun.run("send", "--tls", "--ca", ca(), "127.0.0.1", port(), "none");

        assertThat(pem.exitCode()).as(pem.err()).isZero();
        assertThat(pem.outLines()).containsExactly("pem");
        assertThat(pkcs12.exitCode()).as(pkcs12.err()).isZero();
        assertThat(pkcs12.outLines()).containsExactly("p12");
        assertThat(none.exitCode()).isEqualTo(1);
        // The refusal reaches the reader as an alert or the writer as a reset, whichever is first.
        assertThat(none.errFirstLine()).startsWith("error: the connection to 127.0.0.1:" + port() + " failed: the "
                + "server requires a client certificate and none was given");
    }

    @Test
    void aWrongPkcs12PasswordIsAUsageErrorThatNeverShowsThePassword() throws Exception {
        Issued mine = TestCertificates.issue(CA, "device-7");
        String p12 = mine.writePkcs12(dir.resolve("client.p12"), "right-one".toCharArray()).toString();
        Passwords.environment = Map.of("P", "wrong-one")::get;

        CliRun.Result r = CliRun.run("send", "--tls", "--pkcs12", p12, "--password-env", "P", "127.0.0.1", "1", "x");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: the password for " + p12 + " is wrong.");
        assertThat(r.err()).doesNotContain("wrong-one").doesNotContain("right-one");
    }

    @Test
    void tlsFlagsWithoutTlsAreAUsageError() {
        CliRun.Result r = CliRun.run("send", "--ca", "ca.pem", "127.0.0.1", "1", "x");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: --ca is a TLS option: add --tls.");
    }

    @Test
    void serveWithTlsPrintsItsFingerprintAndSendTrustsTheSavedCertificate() throws Exception {
        LineQueue out = new LineQueue();
        Path saved = dir.resolve("server.pem");
        Thread serve = new Thread(() -> CliRun.run(InputStream.nullInputStream(), out, new StringWriter(), "serve",
                "--port", "0", "--tls", "--save-cert", saved.toString()), "test-serve");
        serve.start();
        try {
            Matcher start = START.matcher(out.next());
            assertThat(start.matches()).isTrue();
            String fingerprintLine = out.next();
            assertThat(fingerprintLine).matches("TLS certificate SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}");
            String fingerprint = fingerprintLine.substring(fingerprintLine.indexOf(": ") + 2);
            assertThat(fingerprint).isEqualTo(Fingerprints.certificate(
                    dev.tincan.codec.Pem.readCertificates(saved).get(0)));
            assertThat(out.next()).startsWith("TLS public key pin: sha256/");
            assertThat(out.next()).isEqualTo("the certificate is self-signed for localhost, 127.0.0.1 and ::1: "
                    + "clients trust it with --ca " + saved + ", and may pin it with --pin.");

            for (String host : new String[] {"127.0.0.1", "localhost"}) {
                CliRun.Result r = CliRun.run("send", "--tls", "--ca", saved.toString(), "--pin", fingerprint, host,
                        start.group(1), "over " + host);
                assertThat(r.exitCode()).as(r.err()).isZero();
                assertThat(r.outLines()).containsExactly("over " + host);
            }
            CliRun.Result plain = CliRun.run("send", "--tls", "127.0.0.1", start.group(1), "x");
            assertThat(plain.errFirstLine()).endsWith("is self-signed and not trusted (trust it by giving the "
                    + "certificate itself as a CA file).");
        } finally {
            serve.interrupt();
            Threads.awaitEnded(serve);
        }
    }
}
