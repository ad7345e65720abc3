package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.session.record.RecordFormat;
import dev.tincan.session.record.RecordingFile;
import dev.tincan.testing.Threads;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tincan relay} run in-process between {@code tincan send} and {@code tincan serve}. */
class RelayCommandTest {
    private static final Pattern SERVE = Pattern.compile(".*listening on 127\\.0\\.0\\.1:(\\d+) .*");
    private static final Pattern RELAY = Pattern.compile(
            "tincan relay: listening on 127\\.0\\.0\\.1:(\\d+), relaying to 127\\.0\\.0\\.1:(\\d+), (.*) "
                    + "\\(Ctrl\\+C to stop\\)");

    @AfterEach
    void noThreadIsLeft() {
        Threads.assertNoneLeft("tincan-relay");
        Threads.assertNoneLeft("tincan-server");
    }

    private static Thread start(String name, Writer out, Writer err, AtomicInteger exit, String... args) {
        Thread t = new Thread(() -> exit.set(CliRun.run(InputStream.nullInputStream(), out, err, args)), name);
        t.start();
        return t;
    }

    /**
     * The upper-case companion server and a relay in front of it, each a command run on a
     * thread of its own; {@link #close()} stops both, as Ctrl+C would, and checks the relay
     * ended with 0.
     */
    private static final class Rig implements AutoCloseable {
        final LineQueue relayOut = new LineQueue();
        final StringWriter relayErr = new StringWriter();
        private final AtomicInteger relayExit = new AtomicInteger(-1);
        private final Thread serve;
        private Thread relay;
        /** The server's port, and the relay's start line (group 1 its port, 2 the server's, 3 its settings). */
        final String serverPort;
        final Matcher started;

        Rig(String... relayOptions) throws InterruptedException {
            LineQueue serveOut = new LineQueue();
            serve = start("test-serve", serveOut, new StringWriter(), new AtomicInteger(-1), "serve", "--port", "0",
                    "--mode", "upper");
            try {
                Matcher s = SERVE.matcher(serveOut.next());
                assertThat(s.matches()).isTrue();
                serverPort = s.group(1);
                List<String> args = new ArrayList<>(List.of("relay", "0", "127.0.0.1", serverPort));
                args.addAll(List.of(relayOptions));
                relay = start("test-relay", relayOut, relayErr, relayExit, args.toArray(String[]::new));
                started = RELAY.matcher(relayOut.next());
                assertThat(started.matches()).isTrue();
            } catch (InterruptedException | RuntimeException | Error e) {
                stop();
                throw e;
            }
        }

        /** The relay's port. */
        String relayPort() {
            return started.group(1);
        }

        private void stop() {
            if (relay != null) {
                relay.interrupt();
                Threads.awaitEnded(relay);
            }
            serve.interrupt();
            Threads.awaitEnded(serve);
        }

        @Override
        public void close() {
            stop();
            assertThat(relayExit.get()).isZero();
        }
    }

    @Test
    void printsEveryFrameEachWayBetweenAClientAndItsServer() throws Exception {
        try (Rig rig = new Rig("--toxic", "down:latency=1ms")) {
            assertThat(rig.started.group(2)).isEqualTo(rig.serverPort);
            assertThat(rig.started.group(3)).isEqualTo("line framing, faults down latency=1ms");

            CliRun.Result sent = CliRun.run("send", "127.0.0.1", rig.relayPort(), "tin\\tcan");

            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(sent.outLines()).containsExactly("Hello TIN\\tCAN");
            assertThat(rig.relayOut.next()).matches("#1 opened: client 127\\.0\\.0\\.1:\\d+, server 127\\.0\\.0\\.1:"
                    + rig.serverPort);
            assertThat(rig.relayOut.next()).isEqualTo("#1 → tin\\tcan");
            assertThat(rig.relayOut.next()).isEqualTo("#1 ← Hello TIN\\tCAN");
            assertThat(rig.relayOut.next()).isEqualTo("#1 closed: client closed the link.");
            assertThat(rig.relayErr.toString()).isEmpty();
        }
    }

    @Test
    void dropAndRewriteRulesChangeWhatTheServerGetsAndSayWhatTheyDid() throws Exception {
        try (Rig rig = new Rig("--drop", "up:^secret", "--rewrite", "up:^speed (\\d+)$=>speed 1 (was {{1}})")) {
            CliRun.Result sent = CliRun.run("send", "--replies", "2", "127.0.0.1", rig.relayPort(), "secret plan",
                    "speed 9", "go");

            assertThat(sent.exitCode()).as(sent.err()).isZero();
            // The server never saw the secret, and saw speed 1 in place of speed 9.
            assertThat(sent.outLines()).containsExactly("Hello SPEED 1 (WAS 9)", "Hello GO");
            rig.relayOut.next();
            assertThat(rig.relayOut.next()).startsWith("#1 → secret plan").contains("dropped");
            assertThat(rig.relayOut.next()).startsWith("#1 → speed 1 (was 9)").contains("rewritten");
        }
    }

    @Test
    void aRewriteWithoutItsArrowIsAUsageErrorSayingHowToWriteIt() {
        CliRun.Result r = CliRun.run("relay", "0", "127.0.0.1", "9", "--rewrite", "up:^PING$");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--rewrite up:^PING$: no =>: write the pattern, =>, then what replaces the frame");
    }

    @Test
    void recordsEachLinkAsItsClientSawItForReplay(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("talk.jsonl");
        Path link1 = dir.resolve("talk-1.jsonl");
        try (Rig rig = new Rig("--record", file.toString(), "--quiet")) {
            String port = rig.serverPort;
            CliRun.Result sent = CliRun.run("send", "127.0.0.1", rig.relayPort(), "tin\\tcan");

            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(rig.relayOut.next()).startsWith("#1 opened: ");
            assertThat(rig.relayOut.next()).isEqualTo("#1 closed: client closed the link.");
            assertThat(rig.relayOut.next()).isEqualTo("#1 recorded 2 frames to " + link1 + ".");
            try (RecordingFile rec = RecordingFile.open(link1)) {
                assertThat(rec.header().host()).isEqualTo("127.0.0.1");
                assertThat(rec.header().port()).isEqualTo(Integer.parseInt(port));
                assertThat(rec.header().framing()).isEqualTo("line");
                assertThat(rec.size()).isEqualTo(4);
                assertThat(rec.dir(0)).isEqualTo(RecordFormat.Dir.EVENT);
                assertThat(rec.line(1).dir()).isEqualTo(RecordFormat.Dir.OUT);
                assertThat(rec.line(1).bytes()).isEqualTo(Bytes.utf8("tin\tcan"));
                assertThat(rec.line(2).dir()).isEqualTo(RecordFormat.Dir.IN);
                assertThat(rec.line(2).bytes()).isEqualTo(Bytes.utf8("Hello TIN\tCAN"));
                assertThat(rec.line(3).text()).isEqualTo("client closed the link.");
            }

            CliRun.Result replay = CliRun.run("replay", "--speed", "max", "--compare", link1.toString(), "127.0.0.1",
                    port);

            assertThat(replay.exitCode()).as(replay.err()).isZero();
            assertThat(replay.out()).matches("replayed 1 of 1 frames? to 127\\.0\\.0\\.1:" + port
                    + " in .*all as recorded\\.\\R");
            assertThat(rig.relayErr.toString()).isEmpty();
        }
        Threads.assertNoneLeft("tincan-recorder");
    }

    @Test
    void everyInterfaceIsAnOpenProxyAndSaysSo() throws Exception {
        LineQueue out = new LineQueue();
        LineQueue err = new LineQueue();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread relay = start("test-relay", out, err, exit, "relay", "0", "127.0.0.1", "9", "--bind", "0.0.0.0",
                "--quiet");
        try {
            assertThat(out.next()).startsWith("tincan relay: listening on 0.0.0.0:");
            assertThat(err.next()).startsWith("warning: the relay listens on every interface (0.0.0.0:")
                    .contains("an open proxy");
        } finally {
            relay.interrupt();
            Threads.awaitEnded(relay);
        }
    }

    @Test
    void aBadFaultIsAUsageErrorWithOneSentence() {
        CliRun.Result r = CliRun.run("relay", "0", "127.0.0.1", "9", "--toxic", "up:latency=fast");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: --toxic up:latency=fast: bad latency \"fast\": write "
                + "milliseconds, e.g. latency=200ms or latency=1s.");
    }

    @Test
    void tlsOnBothSidesPrintsTheRelaysFingerprintAndShowsThePlaintext(@TempDir Path dir) throws Exception {
        Path serverPem = dir.resolve("server.pem");
        Path relayPem = dir.resolve("relay.pem");
        LineQueue serveOut = new LineQueue();
        Thread serve = start("test-serve", serveOut, new StringWriter(), new AtomicInteger(-1), "serve", "--port",
                "0", "--mode", "upper", "--tls", "--save-cert", serverPem.toString());
        Thread relay = null;
        try {
            Matcher s = SERVE.matcher(serveOut.next());
            assertThat(s.matches()).isTrue();
            LineQueue out = new LineQueue();
            StringWriter err = new StringWriter();
            relay = start("test-relay", out, err, new AtomicInteger(-1), "relay", "0", "127.0.0.1", s.group(1),
                    "--tls-listen", "--save-cert", relayPem.toString(), "--tls", "--ca", serverPem.toString());
            Matcher started = Pattern.compile("tincan relay: listening on 127\\.0\\.0\\.1:(\\d+) \\(TLS\\), "
                    + "relaying to 127\\.0\\.0\\.1:\\d+ \\(TLS\\), line framing \\(Ctrl\\+C to stop\\)")
                    .matcher(out.next());
            assertThat(started.matches()).isTrue();
            String fingerprintLine = out.next();
            assertThat(fingerprintLine).matches("TLS certificate SHA-256 fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}");
            String fingerprint = fingerprintLine.substring(fingerprintLine.indexOf(": ") + 2);
            assertThat(out.next()).startsWith("TLS public key pin: sha256/");
            assertThat(out.next()).isEqualTo("the certificate is self-signed for localhost, 127.0.0.1 and ::1: "
                    + "clients trust it with --ca " + relayPem + ", and may pin it with --pin.");

            CliRun.Result sent = CliRun.run("send", "--tls", "--ca", relayPem.toString(), "--pin", fingerprint,
                    "127.0.0.1", started.group(1), "secret");

            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(sent.outLines()).containsExactly("Hello SECRET");
            assertThat(out.next()).startsWith("#1 opened: ");
            assertThat(out.next()).isEqualTo("#1 → secret");
            assertThat(out.next()).isEqualTo("#1 ← Hello SECRET");
            CliRun.run("send", "127.0.0.1", started.group(1), "hello in plain TCP");
            List<String> ends = List.of(out.next(), out.next());
            assertThat(ends).contains("#1 closed: client closed the link.");
            assertThat(ends).anySatisfy(line -> assertThat(line).matches("refused: client 127\\.0\\.0\\.1:\\d+ "
                    + "turned away: TLS with the client failed: it spoke plain TCP, not TLS \\(connect it with TLS, "
                    + "or listen without it\\)\\."));
            assertThat(err.toString()).isEmpty();
        } finally {
            if (relay != null) {
                relay.interrupt();
                Threads.awaitEnded(relay);
            }
            serve.interrupt();
            Threads.awaitEnded(serve);
        }
    }

    @Test
    void listeningCertificateFlagsWithoutTlsListenAreAUsageError() {
        CliRun.Result r = CliRun.run("relay", "0", "127.0.0.1", "9", "--listen-cert", "relay.pem");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: --listen-cert is a TLS option: add --tls-listen.");
    }

    @Test
    void insecureToTheServerIsMarkedOnTheFirstLineAndWarnedAbout() throws Exception {
        LineQueue out = new LineQueue();
        StringWriter err = new StringWriter();
        Thread relay = start("test-relay", out, err, new AtomicInteger(-1), "relay", "0", "127.0.0.1", "9", "--tls",
                "--insecure");
        try {
            assertThat(out.next()).contains("relaying to 127.0.0.1:9 (TLS, its certificate NOT checked: --insecure)");
            assertThat(err.toString()).startsWith(TlsFlags.INSECURE_WARNING);
        } finally {
            relay.interrupt();
            Threads.awaitEnded(relay);
        }
    }
}
