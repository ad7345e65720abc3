package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tincan send --repeat} and {@code tincan send --file} against the companion server on 127.0.0.1. */
class SendToolsTest {
    @TempDir
    Path dir;

    private CompanionServer server;

    @AfterEach
    void stopServerAndCheckThreads() {
        if (server != null) {
            server.close();
        }
        Threads.assertNoneLeft("tincan-client");
        Threads.assertNoneLeft("tincan-repeat");
        Threads.assertNoneLeft("tincan-file-send");
    }

    private String echo(String framing) throws Exception {
        server = new CompanionServer(ServerConfig.builder().port(0).framing(Framing.parse(framing)).build()).start();
        return Integer.toString(server.port());
    }

    private Path file(String name, String content) throws Exception {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void repeatSendsTheMessageNTimesPrintsEachReplyAndASummary() throws Exception {
        String port = echo("line");

        CliRun.Result r = CliRun.run("send", "--repeat", "5", "--interval", "10ms", "127.0.0.1", port, "ping");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactlyElementsOf(Collections.nCopies(5, "ping"));
        assertThat(r.err()).matches("sent 5 times every 10ms in \\d+ms; 5 replies(; fell behind .*)?\\.\\R");
    }

    @Test
    void aServerThatHangsUpMidRepeatEndsItWithExitOneAndASentence() throws Exception {
        try (LoopbackServer once = LoopbackServer.start(socket -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            socket.getOutputStream().write((in.readLine() + "\n").getBytes(StandardCharsets.US_ASCII));
        })) {
            CliRun.Result r = CliRun.run("send", "--repeat", "50", "--interval", "100ms", "127.0.0.1",
                    Integer.toString(once.port()), "ping");

            assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
            assertThat(r.outLines()).containsExactly("ping");
            assertThat(r.errFirstLine()).isEqualTo("error: 127.0.0.1:" + once.port() + " closed the connection "
                    + "after 1 send and 1 reply.");
        }
    }

    @Test
    void repliesCapsWhatARepeatPrintsEvenWhileItStillSends() throws Exception {
        String port = echo("line");

        // The echoes of the first sends arrive while the later ones are still due.
        CliRun.Result r = CliRun.run("send", "--repeat", "4", "--interval", "50ms", "--replies", "1", "127.0.0.1",
                port, "ping");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("ping");
    }

    @Test
    void repeatFillsInPlaceholdersAfreshForEachSend() throws Exception {
        String port = echo("line");

        CliRun.Result r = CliRun.run("send", "--repeat", "3", "127.0.0.1", port, "n{{counter}}");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("n1", "n2", "n3");
    }

    @Test
    void repeatWithoutIntervalSendsBackToBack() throws Exception {
        String port = echo("len16");

        CliRun.Result r = CliRun.run("send", "--framing", "len16", "--repeat", "200", "127.0.0.1", port, "x");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).hasSize(200);
        assertThat(r.err()).startsWith("sent 200 times in ").endsWith("; 200 replies.\n");
    }

    @Test
    void fileAsLinesSendsOneFramePerLineAndSaysSo() throws Exception {
        String port = echo("line");
        Path f = file("notes.txt", "one\r\ntwo\nthree\n");

        CliRun.Result r = CliRun.run("send", "--file", f.toString(), "--lines", "127.0.0.1", port);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("one", "two", "three");
        assertThat(r.err()).startsWith("sent notes.txt: 3 lines, 15 B in ").endsWith("; 3 replies.\n");
    }

    @Test
    void fileInChunksSendsFramesOfKBytes() throws Exception {
        String port = echo("len32");
        Path f = file("data.bin", "0123456789");

        CliRun.Result r = CliRun.run("send", "--framing", "len32", "--file", f.toString(), "--chunk", "4",
                "127.0.0.1", port);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("0123", "4567", "89");
    }

    @Test
    void aWholeFileGoesAsOneFrame() throws Exception {
        String port = echo("len32");
        Path f = file("whole.txt", "a\nb\n");

        CliRun.Result r = CliRun.run("send", "--framing", "len32", "--file", f.toString(), "127.0.0.1", port);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("a\\nb\\n");
    }

    @Test
    void aMissingFileIsBadUsageBeforeConnecting() {
        Path missing = dir.resolve("missing.txt");

        // Port 1: nothing listens, so reaching the network would fail differently.
        CliRun.Result r = CliRun.run("send", "--file", missing.toString(), "127.0.0.1", "1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errFirstLine()).isEqualTo("error: no file " + missing + ": check the name and folder.");
    }

    @Test
    void aFileLongerThanTheMaxFrameIsBadUsageUnlessChunked() throws Exception {
        Path f = file("big.bin", "0123456789");

        CliRun.Result r = CliRun.run("send", "--max-frame", "8", "--file", f.toString(), "127.0.0.1", "1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: " + f + " is 10 B, more than the max frame length of 8 B: "
                + "send it in chunks or as lines, or raise the max frame length.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--repeat 0 hi|--repeat 0 sends nothing: give 1 or more.",
        "--repeat 2 a b|--repeat sends one message: give exactly one MESSAGE or one --message (2 given).",
        "--repeat 2|--repeat sends one message: give exactly one MESSAGE or one --message (0 given).",
        "--interval 1s hi|--interval goes with --repeat: give --repeat N as well.",
        "--file FILE --chunk 0|--chunk 0 is out of range: give a size of 1 byte or more, e.g. 4096 or 64KiB.",
        "--file FILE --lines --chunk 4|--lines and --chunk do not go together: pick one.",
        "--file FILE hi|--file sends the file: give no MESSAGE with it.",
        "--lines hi|--lines goes with --file: give --file PATH as well.",
        "--repeat 2 --file FILE hi|--repeat and --file do not go together: repeat a message, or send a file."})
    void badCombinationsAreBadUsageInOneSentence(String args, String sentence) throws Exception {
        Path f = file("f.txt", "x\n");
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("send"));
        for (String a : args.split(" ")) {
            if (!a.startsWith("-") && !a.matches("\\d+") && !a.equals("1s") && !a.equals("FILE")) {
                continue;
            }
            argv.add(a.equals("FILE") ? f.toString() : a);
        }
        argv.add("127.0.0.1");
        argv.add("1");
        for (String a : args.split(" ")) {
            if (a.matches("[a-z]+") && !a.startsWith("-")) {
                argv.add(a);
            }
        }

        CliRun.Result r = CliRun.run(argv.toArray(String[]::new));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("error: " + sentence,
                "Try 'tincan send --help' for more information.");
    }
}
