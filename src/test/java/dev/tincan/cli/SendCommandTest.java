package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.Threads;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tincan send} against real servers on 127.0.0.1. */
class SendCommandTest {
    private CompanionServer server;

    @AfterEach
    void stopServerAndCheckThreads() {
        if (server != null) {
            server.close();
        }
        Threads.assertNoneLeft("tincan-client");
        Threads.assertNoneLeft("tincan-reader");
        Threads.assertNoneLeft("tincan-cli");
    }

    private String companion(ServerConfig config) throws Exception {
        server = new CompanionServer(config.toBuilder().port(0).build()).start();
        return Integer.toString(server.port());
    }

    private String echo(String framing) throws Exception {
        return companion(ServerConfig.builder().framing(Framing.parse(framing)).build());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"line", "crlf", "nul", "len8", "len32", "len32le", "len64le", "delim:7c7c"})
    void sendsEachMessageAsOneFrameAndPrintsEachReplyOnItsOwnLine(String framing) throws Exception {
        String port = echo(framing);

        CliRun.Result r = CliRun.run("send", "--framing", framing, "127.0.0.1", port, "hello", "two words", "3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("hello", "two words", "3");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void rawFramingSendsOneMessageAtATimeAndEndsEachReplyAtAnIdleGap() throws Exception {
        String port = echo("raw");

        CliRun.Result r = CliRun.run("send", "--framing", "raw", "--idle", "100ms", "127.0.0.1", port,
                "hello", "world\\r\\n");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("hello", "world\\r\\n");
    }

    @Test
    void rawFramingJoinsChunksThatArriveBeforeTheIdleGapIntoOneReply() throws Exception {
        try (LoopbackServer slow = LoopbackServer.start(socket -> {
            socket.getInputStream().read(new byte[16]);
            OutputStream out = socket.getOutputStream();
            out.write("hel".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // A slow server: the second half comes well inside the 500 ms idle gap.
            Thread.sleep(50);
            out.write("lo".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read();
        })) {
            CliRun.Result r = CliRun.run("send", "--framing", "raw", "--idle", "500ms", "127.0.0.1",
                    Integer.toString(slow.port()), "hi");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("hello");
        }
    }

    @Test
    void rawFramingEndsAReplyWhenTheServerCloses() throws Exception {
        try (LoopbackServer bye = LoopbackServer.start(socket -> {
            socket.getInputStream().read(new byte[16]);
            socket.getOutputStream().write("bye\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            CliRun.Result r = CliRun.run("send", "--framing", "raw", "--idle", "5s", "--timeout", "5s", "127.0.0.1",
                    Integer.toString(bye.port()), "hi");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("bye\\n");
        }
    }

    @Test
    void outHexPrintsLowerCaseHex() throws Exception {
        String port = echo("line");

        CliRun.Result r = CliRun.run("send", "--out", "hex", "127.0.0.1", port, "Hello", "\\x00\\xff");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("48656c6c6f", "00ff");
    }

    @Test
    void hexInputIsSentAsTheBytesItSpells() throws Exception {
        String port = echo("len16");

        CliRun.Result r = CliRun.run("send", "--framing", "len16", "--hex", "127.0.0.1", port, "48 69 0a 1b");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("Hi\\n\\x1b");
    }

    @Test
    void outJsonPrintsOneObjectPerReply() throws Exception {
        String port = echo("nul");

        CliRun.Result r = CliRun.run("send", "--framing", "nul", "--out", "json", "127.0.0.1", port, "hello", "a\"b");

        assertThat(r.exitCode()).as(r.err()).isZero();
        Pattern json = Pattern.compile("\\{\"n\":(\\d+),\"bytes\":(\\d+),\"text\":(\".*\"),\"hex\":\"([0-9a-f]*)\","
                + "\"answers\":(\\d+),\"rtt_ms\":(\\d+\\.\\d{3})}");
        assertThat(r.outLines()).hasSize(2);
        Matcher first = json.matcher(r.outLines().get(0));
        Matcher second = json.matcher(r.outLines().get(1));
        assertThat(first.matches()).as(r.outLines().get(0)).isTrue();
        assertThat(second.matches()).as(r.outLines().get(1)).isTrue();
        assertThat(first.group(1)).isEqualTo("1");
        assertThat(first.group(2)).isEqualTo("5");
        assertThat(first.group(3)).isEqualTo("\"hello\"");
        assertThat(first.group(4)).isEqualTo("68656c6c6f");
        assertThat(first.group(5)).as("the message the reply answers").isEqualTo("1");
        assertThat(Double.parseDouble(first.group(6))).isBetween(0.0, 5000.0);
        assertThat(second.group(1)).isEqualTo("2");
        assertThat(second.group(5)).isEqualTo("2");
        assertThat(second.group(3)).isEqualTo("\"a\\\"b\"");
    }

    @Test
    void repliesWaitsForThatManyFramesEvenWithoutMessages() throws Exception {
        String port = companion(ServerConfig.builder().mode(Mode.TICKER).tickInterval(Duration.ofMillis(10)).build());

        CliRun.Result r = CliRun.run("send", "--replies", "3", "127.0.0.1", port);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("tick 1", "tick 2", "tick 3");
    }

    @Test
    void repliesCanBeMoreThanTheMessages() throws Exception {
        try (LoopbackServer twice = LoopbackServer.start(socket -> {
            socket.getInputStream().read(new byte[16]);
            socket.getOutputStream().write("one\ntwo\n".getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().read();
        })) {
            CliRun.Result r = CliRun.run("send", "--replies", "2", "127.0.0.1", Integer.toString(twice.port()), "hi");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("one", "two");
        }
    }

    @Test
    void withoutMessagesEachLineOfStandardInputIsOneMessage() throws Exception {
        String port = echo("line");
        InputStream stdin = new ByteArrayInputStream("first\nsecond\\tline\n".getBytes(StandardCharsets.UTF_8));

        CliRun.Result r = CliRun.run(stdin, "send", "127.0.0.1", port);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("first", "second\\tline");
    }

    @Test
    void repliesThatCouldDriveATerminalArePrintedEscaped() throws Exception {
        byte[] nasty = {'a', 0x1b, '[', '2', 'J', 'b', 0x07, 'c', '\r', 'd', (byte) 0x9b, 'e', '\n'};
        try (LoopbackServer evil = LoopbackServer.start(socket -> {
            socket.getInputStream().read(new byte[16]);
            socket.getOutputStream().write(nasty);
            socket.getInputStream().read();
        })) {
            CliRun.Result r = CliRun.run("send", "127.0.0.1", Integer.toString(evil.port()), "hi");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("a\\x1b[2Jb\\x07c\\rd\\x9be" + System.lineSeparator());
            assertThat(r.out().chars().filter(c -> c < 0x20 && c != '\n' && c != '\r')).isEmpty();
        }
    }

    @Test
    void aSilentServerTimesOutWithExitOneAndOneErrorLine() throws Exception {
        try (LoopbackServer silent = LoopbackServer.start(socket -> socket.getInputStream().readAllBytes())) {
            String port = Integer.toString(silent.port());
            CliRun.Result r = CliRun.run("send", "--timeout", "200ms", "127.0.0.1", port, "one", "two", "three");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("error: timed out after 200ms waiting for reply 1 of 3 from 127.0.0.1:"
                    + port + ": the server did not answer, or answered in a framing other than --framing; check the "
                    + "framing, or raise --timeout if it is only slow." + System.lineSeparator());
        }
    }

    @Test
    void aServerThatClosesEarlyIsAFailure() throws Exception {
        try (LoopbackServer rude = LoopbackServer.start(socket -> {
            socket.getInputStream().read(new byte[16]);
            socket.getOutputStream().write("one\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            String port = Integer.toString(rude.port());
            CliRun.Result r = CliRun.run("send", "--replies", "2", "127.0.0.1", port, "hi");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.outLines()).containsExactly("one");
            assertThat(r.errFirstLine())
                    .isEqualTo("error: 127.0.0.1:" + port + " closed the connection after reply 1 of 2");
        }
    }

    @Test
    void aRefusedConnectionExitsOneWithASentence() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        CliRun.Result r = CliRun.run("send", "127.0.0.1", Integer.toString(port), "hello");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.errFirstLine()).startsWith("error: connect to 127.0.0.1:" + port + " failed: ")
                .contains("refused");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", " ", "\t"})
    void anEmptyHostIsBadUsageInOneSentence(String host) {
        CliRun.Result r = CliRun.run("send", host, "41007", "hi");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).containsExactly(
                "error: no host given: type a host name or address, e.g. 127.0.0.1.",
                "Try 'tincan send --help' for more information.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"::1", "[::1]"})
    void anIpv6HostIsShownInBracketsOnce(String host) throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            port = closed.getLocalPort();
        }

        CliRun.Result r = CliRun.run("send", host, Integer.toString(port), "hello");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errFirstLine()).startsWith("error: connect to [::1]:" + port + " failed: ");
    }

    @Test
    void anIpv6HostIsReachedAndNamedInBracketsOnce() throws Exception {
        server = new CompanionServer(ServerConfig.builder().bind(InetAddress.getByName("::1")).port(0).build())
                .start();

        CliRun.Result r = CliRun.run("send", "--replies", "2", "--timeout", "300ms", "[::1]",
                Integer.toString(server.port()), "hi");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.outLines()).containsExactly("hi");
        assertThat(r.errFirstLine()).isEqualTo("error: timed out after 300ms waiting for reply 2 of 2 from [::1]:"
                + server.port() + SendExchange.NO_REPLY);
    }

    @Test
    void aMessageTheFramingCannotCarryIsBadUsageAndNothingConnects() throws Exception {
        try (LoopbackServer watched = LoopbackServer.start(socket -> socket.getInputStream().read())) {
            CliRun.Result r = CliRun.run("send", "127.0.0.1", Integer.toString(watched.port()), "ok", "a\\nb");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.errFirstLine()).startsWith("error: message 2 \"a\\nb\" cannot be sent: ");
            assertThat(r.err()).contains("Try 'tincan send --help' for more information.");
        }
    }

    @Test
    void withSkipTooLongAnOversizedReplyIsSkippedWithALineAndTheNextOneCounts() throws Exception {
        try (LoopbackServer noisy = LoopbackServer.start(socket -> {
            socket.getInputStream().read();
            socket.getOutputStream().write(("x".repeat(100) + "\nfine\n").getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().read();
        })) {
            CliRun.Result r = CliRun.run("send", "--max-frame", "16", "--skip-too-long", "127.0.0.1",
                    Integer.toString(noisy.port()), "hi");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("fine");
            assertThat(r.errFirstLine()).startsWith("skipped: frame too long: ")
                    .endsWith("(1 frame skipped on this connection so far); the connection stays open.");
        }
    }

    @Test
    void underPairEchoAPushedFrameHasNoRoundTripAndTheEchoHasOne() throws Exception {
        try (LoopbackServer pushy = LoopbackServer.start(socket -> {
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line = in.readLine();
            socket.getOutputStream().write(("tick\n" + line + "\n").getBytes(StandardCharsets.US_ASCII));
            in.readLine();
        })) {
            CliRun.Result r = CliRun.run("send", "--pair", "echo", "--replies", "2", "--out", "json", "127.0.0.1",
                    Integer.toString(pushy.port()), "ping");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).hasSize(2);
            assertThat(r.outLines().get(0)).contains("\"text\":\"tick\"").doesNotContain("rtt_ms", "answers");
            assertThat(r.outLines().get(1)).contains("\"text\":\"ping\"", "\"answers\":1,\"rtt_ms\":");
        }
    }

    @Test
    void aBadPairingRuleIsBadUsageInOneSentence() {
        CliRun.Result r = CliRun.run("send", "--pair", "match:id=\\d+", "127.0.0.1", "1", "hi");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).contains("has no capture group");
    }
}
