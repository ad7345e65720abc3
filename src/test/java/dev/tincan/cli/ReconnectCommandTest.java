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
}
