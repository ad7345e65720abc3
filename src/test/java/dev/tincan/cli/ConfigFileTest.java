package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.session.Settings;
import dev.tincan.testing.LoopbackServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --config FILE}: defaults from a settings file, under what is typed and over the
 * built-in ones, checked by what actually crosses a loopback socket.
 */
class ConfigFileTest {
    @TempDir
    Path dir;
    /** The first bytes each connection sent, up to the first 4 and then the rest of a line or frame. */
    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    private LoopbackServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** A server that reports the first four bytes it gets as hex, and answers a len32le frame "ok". */
    private int server() throws IOException {
        server = LoopbackServer.start(s -> {
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] head = new byte[4];
            in.readFully(head);
            heard.add(hex(head));
            s.getOutputStream().write(new byte[] {2, 0, 0, 0, 'o', 'k'});
            s.getOutputStream().write("ok\n".getBytes(StandardCharsets.UTF_8));
            drain(s.getInputStream());
        });
        return server.port();
    }

    private static void drain(InputStream in) throws IOException {
        while (in.read() >= 0) {
            // until the client closes
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    private Path config(String text) throws IOException {
        Path f = dir.resolve("config");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private String firstBytes() throws InterruptedException {
        String h = heard.poll(10, TimeUnit.SECONDS);
        assertThat(h).as("the server heard the message").isNotNull();
        return h;
    }

    @Test
    void theFilesFramingIsUsedWhenNoneIsTyped() throws Exception {
        Path f = config("# a device that speaks len32le\nframing = len32le\n");
        CliRun.Result r = CliRun.run("send", "--config", f.toString(), "127.0.0.1", String.valueOf(server()), "hi");

        assertThat(firstBytes()).as("a little-endian length of 2, not 'hi\\n'").isEqualTo("02000000");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void aTypedOptionWinsOverTheFile() throws Exception {
        Path f = config("framing = len32le\n");
        CliRun.Result r = CliRun.run("send", "--config", f.toString(), "--framing", "line", "127.0.0.1",
                String.valueOf(server()), "hi12");

        assertThat(firstBytes()).as("'hi12' as a line").isEqualTo(hex("hi12".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void aKeyForOneCommandWinsOverTheKeyForAll() throws Exception {
        Path f = config("framing = line\nsend.framing = len32le\n");
        CliRun.run("send", "--config", f.toString(), "127.0.0.1", String.valueOf(server()), "hi");

        assertThat(firstBytes()).isEqualTo("02000000");
    }

    @Test
    void withoutAFileTheBuiltInDefaultStays() throws Exception {
        CliRun.Result r = CliRun.run("send", "127.0.0.1", String.valueOf(server()), "hi12");

        assertThat(firstBytes()).isEqualTo(hex("hi12".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void keysForOtherCommandsAreLetBeWhenOnlyTheOneRunIsBuilt() throws Exception {
        Path f = config("serve.mode = upper\nmax-clients = 3\n");
        CliRun.Result r = CliRun.run("send", "--config", f.toString(), "127.0.0.1", String.valueOf(server()), "hi12");

        assertThat(firstBytes()).isEqualTo(hex("hi12".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void anUnknownKeyIsRefusedWithTheFileAndLine() throws Exception {
        Path f = config("framing = line\n\nframng = len32le\n");
        CliRun.Result r = CliRun.run("send", "--config", f.toString(), "127.0.0.1", "1", "hi");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).startsWith("error: " + f + " line 3: unknown setting \"framng\": ");
    }

    @Test
    void aBadValueInTheFileSaysWhereItCameFrom() throws Exception {
        Path f = config("framing = lenx\n");
        CliRun.Result r = CliRun.run("send", "--config", f.toString(), "127.0.0.1", "1", "hi");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).startsWith("error: " + f + " line 1: --framing: unknown framing \"lenx\"");
    }

    @Test
    void aBadTypedValueIsNotBlamedOnTheFileThatAlsoSetsIt() throws Exception {
        Path f = config("framing = len32le\n");
        CliRun.Result r = CliRun.run("send", "--config", f.toString(), "--framing", "lenx", "127.0.0.1", "1", "hi");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).startsWith("error: --framing: unknown framing \"lenx\"");
    }

    @Test
    void aKeyForACommandWithoutThatOptionIsRefused() throws Exception {
        Path f = config("serve.pair = echo\n");
        CliRun.Result r = CliRun.run("send", "--config", f.toString(), "127.0.0.1", "1", "hi");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: " + f + " line 1: tincan serve has no option --pair.");
    }

    @Test
    void aMissingOrMalformedFileIsOneSentence() throws Exception {
        CliRun.Result missing = CliRun.run("send", "--config", dir.resolve("nope").toString(), "127.0.0.1", "1", "x");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errFirstLine()).isEqualTo("error: settings file " + dir.resolve("nope") + " not found.");

        Path f = config("framing len32le\n");
        CliRun.Result malformed = CliRun.run("send", "--config", f.toString(), "127.0.0.1", "1", "x");
        assertThat(malformed.errFirstLine())
                .isEqualTo("error: " + f + " line 1: expected KEY = VALUE, e.g. framing = line.");

        Path twice = config("framing = line\nframing = nul\n");
        CliRun.Result dup = CliRun.run("send", "--config", twice.toString(), "127.0.0.1", "1", "x");
        assertThat(dup.errFirstLine())
                .isEqualTo("error: " + twice + " line 2: framing is set twice (first on line 1); keep one.");
    }

    @Test
    void aCommentAfterAValueAndAKeyInCapitalsAreRead() throws Exception {
        Path f = config("Framing = len32le   # the device's framing\n");
        CliRun.Result r = CliRun.run("send", "--config", f.toString(), "127.0.0.1", String.valueOf(server()), "hi");

        assertThat(firstBytes()).isEqualTo("02000000");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedAndOneAtItIsRead() throws Exception {
        String comment = "#" + "x".repeat(1022) + "\n";
        Path at = config(comment.repeat(Settings.MAX_BYTES / 1024));
        assertThat(Files.size(at)).isEqualTo(Settings.MAX_BYTES);
        CliRun.Result read = CliRun.run("send", "--config", at.toString(), "127.0.0.1", String.valueOf(server()),
                "hi12");
        assertThat(read.exitCode()).as(read.err()).isZero();

        Files.writeString(at, "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        CliRun.Result over = CliRun.run("send", "--config", at.toString(), "127.0.0.1", "1", "hi");
        assertThat(over.exitCode()).isEqualTo(2);
        assertThat(over.errFirstLine())
                .isEqualTo("error: " + at + " is not a settings file: it is bigger than 256 KiB.");
    }

    @Test
    void theConfigOptionIsNoSettingIsAPayloadAfterDoubleDashAndNeedsAValue() throws Exception {
        Path f = config("config = " + dir.resolve("other") + "\n");
        CliRun.Result r = CliRun.run("send", "--config", f.toString(), "127.0.0.1", "1", "hi");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).startsWith("error: " + f + " line 1: unknown setting \"config\": ");

        CliRun.Result payload = CliRun.run("send", "127.0.0.1", String.valueOf(server()), "--",
                "--config=" + dir.resolve("none"));
        assertThat(firstBytes()).as("after --, --config is a payload")
                .isEqualTo(hex("--co".getBytes(StandardCharsets.UTF_8)));
        assertThat(payload.exitCode()).as(payload.err()).isZero();

        CliRun.Result bare = CliRun.run("send", "127.0.0.1", "1", "hi", "--config");
        assertThat(bare.exitCode()).as(bare.err()).isEqualTo(2);
        assertThat(bare.errFirstLine()).startsWith("error: ");
    }

    @Test
    void helpShowsTheFilesValueAsTheDefault() throws Exception {
        Path f = config("max-frame = 1MiB\n");
        CliRun.Result r = CliRun.run("connect", "--config", f.toString(), "--help");

        assertThat(r.out().replaceAll("\\s+", " ")).contains("(default: 1MiB)");
    }

    @Test
    void theWindowsThemeKeyIsASettingTheCommandLineLetsBe() throws Exception {
        Path f = config("theme = dark\n");
        CliRun.Result r = CliRun.run("send", "--config", f.toString(), "127.0.0.1", String.valueOf(server()), "hi12");

        assertThat(r.exitCode()).as(r.err()).isZero();
        firstBytes();
    }

    @Test
    void theConfigOptionIsReadBeforeTheCommandToo() throws Exception {
        Path f = config("framing = len32le\n");
        CliRun.Result r = CliRun.run("--config", f.toString(), "send", "127.0.0.1", String.valueOf(server()), "hi");

        assertThat(firstBytes()).isEqualTo("02000000");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}
