package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code tincan connect} against real servers on 127.0.0.1, with standard input given by the test. */
class ConnectCommandTest {

    @AfterEach
    void noThreadIsLeft() {
        Threads.assertNoneLeft("tincan-client");
        Threads.assertNoneLeft("tincan-reader");
    }

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPushThatArrivesUnaskedIsPrintedAndAServerCloseEndsIt() throws Exception {
        try (LoopbackServer pusher = LoopbackServer.start(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write("welcome\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            out.write(("got " + in.readLine() + "\n").getBytes(StandardCharsets.US_ASCII));
        })) {
            String port = Integer.toString(pusher.port());
            CliRun.Result r = CliRun.run(stdin("hello\n"), "connect", "--linger", "5s", "127.0.0.1", port);

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("welcome", "got hello");
            assertThat(r.err().lines()).containsExactly(
                    "connected to 127.0.0.1:" + port + " with line framing: each line is sent as one frame; "
                            + "end with Ctrl+D.",
                    "127.0.0.1:" + port + " closed the connection.");
        }
    }

    @Test
    void framesArriveWhileNothingIsTypedAndItEndsWhenTheServerCloses() throws Exception {
        try (LoopbackServer pusher = LoopbackServer.start(socket -> {
            socket.getOutputStream().write("one\0two\0".getBytes(StandardCharsets.US_ASCII));
        });
                PipedOutputStream keyboard = new PipedOutputStream();
                PipedInputStream stdin = new PipedInputStream(keyboard)) {
            CliRun.Result r = CliRun.run(stdin, "connect", "--framing", "nul", "--out", "hex", "127.0.0.1",
                    Integer.toString(pusher.port()));

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("6f6e65", "74776f");
            assertThat(r.err()).contains("closed the connection.");
        }
    }

    @Test
    void whenInputEndsLateRepliesArriveWithinTheLinger() throws Exception {
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            CliRun.Result r = CliRun.run(stdin("a\\tb\n\nlast\n"), "connect", "--linger", "1s", "127.0.0.1",
                    Integer.toString(echo.port()));

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("a\\tb", "", "last");
            assertThat(r.err()).doesNotContain("error:");
        }
    }

    @Test
    void aLineThatCannotBeSentIsReportedAndTheRestIsSent() throws Exception {
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            CliRun.Result r = CliRun.run(stdin("bad \\q escape\nok\n"), "connect", "--linger", "1s", "127.0.0.1",
                    Integer.toString(echo.port()));

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.outLines()).containsExactly("ok");
            assertThat(r.err()).contains("error: line 1 was not sent: bad escape \"\\q\" at character 5");
        }
    }

    @Test
    void withPullAFrameIsReadOnlyWhenAnEmptyLineAsksForIt() throws Exception {
        BlockingQueue<String> heard = new ArrayBlockingQueue<>(4);
        try (LoopbackServer pusher = LoopbackServer.start(socket -> {
            socket.getOutputStream().write("one\ntwo\nthree\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                heard.add(line);
            }
        })) {
            String port = Integer.toString(pusher.port());
            CliRun.Result r = CliRun.run(stdin("hi\n\n\n"), "connect", "--pull", "--linger", "300ms", "127.0.0.1",
                    port);

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("one", "two");
            assertThat(r.err().lines()).containsExactly("connected to 127.0.0.1:" + port + " with line framing, "
                    + "reading only when asked: each line is sent as one frame, an empty line reads one; end with "
                    + "Ctrl+D.");
            assertThat(heard.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("hi");
        }
    }

    @Test
    void withPullFramesAskedForThatNeverCameAreOneSentence() throws Exception {
        try (LoopbackServer silent = LoopbackServer.start(socket -> socket.getInputStream().readAllBytes())) {
            CliRun.Result r = CliRun.run(stdin("\n\n"), "connect", "--pull", "--linger", "200ms", "127.0.0.1",
                    Integer.toString(silent.port()));

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).filteredOn(l -> l.startsWith("error:"))
                    .containsExactly("error: 2 frames asked for had not arrived when connect ended.");
        }
    }

    @Test
    void withoutPullAnEmptyLineIsAnEmptyFrame() throws Exception {
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            CliRun.Result r = CliRun.run(stdin("a\n\nb\n"), "connect", "--linger", "1s", "127.0.0.1",
                    Integer.toString(echo.port()));

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("a", "", "b");
        }
    }

    @Test
    void inJsonEachReplyAnswersTheLineItEchoesNumberedFromOne() throws Exception {
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            CliRun.Result r = CliRun.run(stdin("a\nb\n"), "connect", "--out", "json", "--linger", "1s",
                    "127.0.0.1", Integer.toString(echo.port()));

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).hasSize(2);
            assertThat(r.outLines().get(0)).startsWith("{\"n\":1,").contains("\"text\":\"a\"",
                    "\"answers\":1,\"rtt_ms\":");
            assertThat(r.outLines().get(1)).startsWith("{\"n\":2,").contains("\"text\":\"b\"",
                    "\"answers\":2,\"rtt_ms\":");
        }
    }

    @Test
    void underPairEchoAPushedFrameAnswersNothingAndTheEchoAnswersTheLine() throws Exception {
        try (LoopbackServer pushy = LoopbackServer.start(socket -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String line = in.readLine();
            socket.getOutputStream().write(("tick\n" + line + "\n").getBytes(StandardCharsets.US_ASCII));
            in.readLine();
        })) {
            CliRun.Result r = CliRun.run(stdin("ping\n"), "connect", "--pair", "echo", "--out", "json", "--linger",
                    "1s", "127.0.0.1", Integer.toString(pushy.port()));

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).hasSize(2);
            assertThat(r.outLines().get(0)).contains("\"text\":\"tick\"").doesNotContain("rtt_ms", "answers");
            assertThat(r.outLines().get(1)).contains("\"text\":\"ping\"", "\"answers\":1,\"rtt_ms\":");
        }
    }

    @Test
    void withSkipTooLongALongFrameIsOneLineAndTheNextIsPrinted() throws Exception {
        try (LoopbackServer pusher = LoopbackServer.start(socket -> {
            socket.getOutputStream().write("far too long\nok\n".getBytes(StandardCharsets.US_ASCII));
        });
                PipedOutputStream keyboard = new PipedOutputStream();
                PipedInputStream stdin = new PipedInputStream(keyboard)) {
            CliRun.Result r = CliRun.run(stdin, "connect", "--skip-too-long", "--max-frame", "4", "127.0.0.1",
                    Integer.toString(pusher.port()));

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("ok");
            assertThat(r.err().lines()).filteredOn(l -> l.startsWith("skipped: frame too long: ")).hasSize(1);
            assertThat(r.err()).doesNotContain("error:").contains("closed the connection.");
        }
    }

    @Test
    void aServerThatSpeaksAndHangsUpAtOnceIsNotAFailedConnect() throws Exception {
        // Connected and Closed often land in the same drain; round after round, the race gets its chance.
        try (LoopbackServer hangUp = LoopbackServer.start(socket -> {
            socket.getOutputStream().write("bye\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            for (int round = 1; round <= 25; round++) {
                CliRun.Result r = CliRun.run(stdin(""), "connect", "--linger", "5s", "127.0.0.1",
                        Integer.toString(hangUp.port()));

                assertThat(r.exitCode()).as("round " + round + ": " + r.err()).isZero();
                assertThat(r.outLines()).as("round " + round).containsExactly("bye");
                assertThat(r.err()).as("round " + round).doesNotContain("error:")
                        .contains("127.0.0.1:" + hangUp.port() + " closed the connection.");
            }
        }
    }

    @Test
    void aRefusedConnectionExitsOneWithASentence() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        CliRun.Result r = CliRun.run(stdin("hello\n"), "connect", "127.0.0.1", Integer.toString(port));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errFirstLine()).startsWith("error: connect to 127.0.0.1:" + port + " failed: ")
                .contains("refused");
    }
}
