package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code tincan connect --reconnect} against a server that stops and starts again on the same port. */
@Timeout(30)
class ReconnectCommandTest {

    @AfterEach
    void noThreadIsLeft() {
        Threads.assertNoneLeft("tincan-");
    }

    private static ServerSocket listen(int port) throws Exception {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4);
        s.setSoTimeout(10_000);
        return s;
    }

    @Test
    void itSaysItIsReconnectingAndGoesOnWhenTheServerIsBack() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PipedOutputStream keyboard = new PipedOutputStream();
        try (PipedInputStream stdin = new PipedInputStream(keyboard)) {
            ServerSocket first = listen(0);
            int port = first.getLocalPort();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> CliRun.run(stdin, out, err,
                    "connect", "--reconnect", "--linger", "2s", "127.0.0.1", Integer.toString(port)));
            try (Socket a = first.accept()) {
                a.getOutputStream().write("one\n".getBytes(StandardCharsets.US_ASCII));
            }
            first.close();
            ServerSocket second = listen(port);
            try (Socket b = second.accept()) {
                OutputStream to = b.getOutputStream();
                to.write("two\n".getBytes(StandardCharsets.US_ASCII));
                keyboard.write("typed after the restart\n".getBytes(StandardCharsets.US_ASCII));
                keyboard.flush();
                b.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(b.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("typed after the restart");
                keyboard.close();
                assertThat(run.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
            } finally {
                second.close();
            }
            assertThat(out.toString().lines()).containsExactly("one", "two");
            assertThat(err.toString().lines())
                    .contains("127.0.0.1:" + port + " closed the connection.")
                    .anyMatch(l -> l.matches("reconnecting in [0-9.]+ m?s, attempt 1…"))
                    .anyMatch(l -> l.matches("connected to 127\\.0\\.0\\.1:" + port + " \\(from local port \\d+\\)\\."));
        }
    }

    @Test
    void aServerThatIsNotUpYetIsWaitedForAndGetsWhatWasTypedMeanwhile() throws Exception {
        int port;
        try (ServerSocket probe = listen(0)) {
            port = probe.getLocalPort();
        }
        LineQueue err = new LineQueue();
        StringWriter out = new StringWriter();
        PipedOutputStream keyboard = new PipedOutputStream();
        try (PipedInputStream stdin = new PipedInputStream(keyboard)) {
            String[] args = {"connect", "--reconnect", "--linger", "2s", "127.0.0.1", Integer.toString(port)};
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> CliRun.run(stdin, out, err, args));
            assertThat(err.next()).isEqualTo("connect to 127.0.0.1:" + port
                    + " failed: connection refused (is a server listening on port " + port + "?).");
            assertThat(err.next()).matches("reconnecting in [0-9.]+ m?s, attempt 1…");
            assertThat(err.until("lines typed .*")).isEqualTo("lines typed until 127.0.0.1:" + port
                    + " answers are queued and sent when it does; end with Ctrl+D.");
            keyboard.write("typed before the server was up\n".getBytes(StandardCharsets.US_ASCII));
            keyboard.flush();
            try (ServerSocket server = listen(port); Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("typed before the server was up");
                assertThat(err.until("connected to .*")).matches("connected to 127\\.0\\.0\\.1:" + port
                        + " \\(from local port \\d+\\)\\.");
                keyboard.close();
                assertThat(run.get(20, TimeUnit.SECONDS)).as(String.join("\n", err.lines)).isZero();
            }
        }
    }

    /** A port on 127.0.0.1 that was free a moment ago: nothing listens on it. */
    private static int closedPort() throws Exception {
        try (ServerSocket probe = listen(0)) {
            return probe.getLocalPort();
        }
    }

    private static String gaveUp(int port) {
        return "gave up reconnecting to 127.0.0.1:" + port + " after 2 attempts: connection refused (is a server "
                + "listening on port " + port + "?).";
    }

    @Test
    void whenTheAttemptsRunOutItSaysItGaveUpAndFailsThoughTheInputIsStillOpen() throws Exception {
        int port = closedPort();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PipedOutputStream keyboard = new PipedOutputStream();
        try (PipedInputStream stdin = new PipedInputStream(keyboard)) {
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> CliRun.run(stdin, out, err,
                    "connect", "--reconnect", "--reconnect-max", "2", "127.0.0.1", Integer.toString(port)));
            // The two waits are at most 500 ms and 1 s: ten seconds is plenty, and the input never ends.
            assertThat(run.get(10, TimeUnit.SECONDS)).as(err.toString()).isEqualTo(FailureHandler.EXIT_FAILURE);
        } finally {
            keyboard.close();
        }
        assertThat(err.toString().lines()).last().isEqualTo(gaveUp(port));
        assertThat(err.toString().lines().filter(l -> l.startsWith("gave up"))).hasSize(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void whenTheAttemptsRunOutAfterTheInputEndedItStillSaysItGaveUpAndFails() throws Exception {
        int port = closedPort();
        // A linger far shorter than the waits: were it to run out while reconnecting, the run would end first.
        CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(() -> CliRun.run(
                java.io.InputStream.nullInputStream(), "connect", "--reconnect", "--reconnect-max", "2", "--linger",
                "1ms", "127.0.0.1", Integer.toString(port)));
        CliRun.Result result = run.get(10, TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(FailureHandler.EXIT_FAILURE);
        assertThat(result.err().lines()).last().isEqualTo(gaveUp(port));
    }

    @Test
    void aServerThatGoesAwayForGoodIsGivenUpOnWithASentenceAndAFailure() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PipedOutputStream keyboard = new PipedOutputStream();
        try (PipedInputStream stdin = new PipedInputStream(keyboard)) {
            ServerSocket server = listen(0);
            int port = server.getLocalPort();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> CliRun.run(stdin, out, err,
                    "connect", "--reconnect", "--reconnect-max", "2", "127.0.0.1", Integer.toString(port)));
            try (Socket s = server.accept()) {
                s.getOutputStream().write("bye\n".getBytes(StandardCharsets.US_ASCII));
            } finally {
                server.close();
            }
            assertThat(run.get(10, TimeUnit.SECONDS)).as(err.toString()).isEqualTo(FailureHandler.EXIT_FAILURE);
            assertThat(out.toString().lines()).containsExactly("bye");
            assertThat(err.toString().lines())
                    .contains("127.0.0.1:" + port + " closed the connection.")
                    .last().isEqualTo(gaveUp(port));
        } finally {
            keyboard.close();
        }
    }
}
