package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.Library;
import dev.tincan.session.LibraryFile;
import dev.tincan.session.SavedMessage;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code send --library --message} and placeholders in {@code send} and {@code connect}, against real servers. */
class LibrarySendTest {
    @TempDir
    Path dir;

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

    private String echo(String framing) throws Exception {
        server = new CompanionServer(ServerConfig.builder().port(0).framing(Framing.parse(framing)).build()).start();
        return Integer.toString(server.port());
    }

    private Path library(SavedMessage... messages) throws Exception {
        Library lib = new Library();
        for (SavedMessage m : messages) {
            lib.add(m);
        }
        Path file = dir.resolve("library.json");
        LibraryFile.write(file, lib);
        return file;
    }

    /** A port nothing listens on: connecting there would fail with exit code 1, not 2. */
    private static String deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Integer.toString(s.getLocalPort());
        }
    }

    @Test
    void aLibraryMessageIsSentAsSavedWithItsHexAndFraming() throws Exception {
        String port = echo("len32le");
        Path lib = library(new SavedMessage("hi", "", "68 69 {{counter}}", true, "len32le", ""),
                new SavedMessage("bye", "", "bye {{counter}}", false, null, ""));

        CliRun.Result r = CliRun.run("send", "--library", lib.toString(), "--message", "hi", "-m", "bye",
                "127.0.0.1", port, "typed {{counter}}");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("hi1", "bye 2", "typed 3");
    }

    @Test
    void anExplicitFramingWinsOverTheSavedOne() throws Exception {
        String port = echo("line");
        Path lib = library(new SavedMessage("hi", "", "hello", false, "len32le", ""));

        CliRun.Result r = CliRun.run("send", "--library", lib.toString(), "--message", "hi", "--framing", "line",
                "127.0.0.1", port);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("hello");
    }

    @Test
    void aNameNotInTheLibraryIsBadUsage() throws Exception {
        Path lib = library(new SavedMessage("hi", "", "hello", false, null, ""));

        CliRun.Result r = CliRun.run("send", "--library", lib.toString(), "--message", "nope", "127.0.0.1",
                deadPort());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: there is no message called \"nope\" in " + lib
                + ": the one message there is \"hi\".");
    }

    @Test
    void withoutLibraryTheOneInTheHomeFolderIsUsedAndItsAbsenceSaysHowToMakeOne() throws Exception {
        // The default is read from user.home when the command line is made: point it here, never at the real home.
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.toString());
        try {
            Path defaultLibrary = dir.resolve(".tincan").resolve("library.json");
            CliRun.Result missing = CliRun.run("send", "--message", "hi", "127.0.0.1", deadPort());

            assertThat(missing.exitCode()).isEqualTo(2);
            assertThat(missing.errFirstLine()).isEqualTo("error: there is no library at " + defaultLibrary + " yet: "
                    + "save a message in the window's library first (Ctrl+S), or name a library file or Packet "
                    + "Sender export with --library FILE.");

            Library lib = new Library();
            lib.add(new SavedMessage("hi", "", "hello from home", false, null, ""));
            LibraryFile.write(defaultLibrary, lib);
            CliRun.Result sent = CliRun.run("send", "--message", "hi", "127.0.0.1", echo("line"));

            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(sent.outLines()).containsExactly("hello from home");
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void aPacketSenderExportIsALibraryToo() throws Exception {
        String port = echo("raw");
        Path export = dir.resolve("packets.json");
        try (var in = getClass().getResourceAsStream("/dev/tincan/session/packetsender-export.json")) {
            java.nio.file.Files.copy(in, export);
        }

        CliRun.Result r = CliRun.run("send", "--library", export.toString(), "--message", "hello",
                "127.0.0.1", port);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("hello");
    }

    @Test
    void aLibraryWithoutAMessageIsBadUsage() throws Exception {
        CliRun.Result r = CliRun.run("send", "--library", "lib.json", "127.0.0.1", deadPort(), "x");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: --library names the file --message reads: add --message NAME.");
    }

    @Test
    void aBrokenLibraryFileIsOneSentence() throws Exception {
        Path lib = java.nio.file.Files.writeString(dir.resolve("lib.json"), "{\"version\": 9, \"messages\": []}");

        CliRun.Result r = CliRun.run("send", "--library", lib.toString(), "--message", "x", "127.0.0.1", deadPort());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: " + lib + " was written by a newer Tincan (library version 9; "
                + "this one reads up to 1): update Tincan to open it.");
    }

    @Test
    void savedMessagesWithDifferentFramingsNeedAnExplicitOne() throws Exception {
        Path lib = library(new SavedMessage("a", "", "x", false, "len32le", ""),
                new SavedMessage("b", "", "y", false, "nul", ""));

        CliRun.Result r = CliRun.run("send", "--library", lib.toString(), "-m", "a", "-m", "b", "127.0.0.1",
                deadPort());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: messages \"a\" (len32le) and \"b\" (nul) were saved for "
                + "different framings: choose one with --framing.");
    }

    @Test
    void sendFillsInPlaceholdersBeforeSending() throws Exception {
        String port = echo("line");

        CliRun.Result r = CliRun.run("send", "127.0.0.1", port, "n={{counter:3}}", "n={{counter}} {{{{x}}",
                "{{digits:4}}");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).hasSize(3);
        assertThat(r.outLines().get(0)).isEqualTo("n=001");
        assertThat(r.outLines().get(1)).isEqualTo("n=2 {{x}}");
        assertThat(r.outLines().get(2)).matches("[0-9]{4}");
    }

    @Test
    void aFieldPlaceholderInSendIsRefusedBeforeConnecting() throws Exception {
        CliRun.Result r = CliRun.run("send", "127.0.0.1", deadPort(), "id {{field:id=(\\d+)}}");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: message 1 \"id {{field:id=(\\d+)}}\" reads the last frame "
                + "received ({{field}} or {{hexfield}}), and send fills placeholders in before it connects: use it "
                + "with connect, which fills each line in as it is sent.");
    }

    @Test
    void anUnknownPlaceholderIsRefusedBeforeConnecting() throws Exception {
        CliRun.Result r = CliRun.run("send", "127.0.0.1", deadPort(), "{{cnt}}");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).startsWith("error: message 1 \"{{cnt}}\" cannot be sent: {{cnt}} at character 1 "
                + "is not a placeholder");
    }

    @Test
    void connectFillsAFieldFromTheLastFrameReceived() throws Exception {
        BlockingQueue<String> heard = new ArrayBlockingQueue<>(4);
        try (LoopbackServer greeter = LoopbackServer.start(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write("welcome token=ab12\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            heard.add(in.readLine());
            heard.add(in.readLine());
        });
                PipedOutputStream keyboard = new PipedOutputStream();
                PipedInputStream stdin = new PipedInputStream(keyboard)) {
            BlockingQueue<String> printed = new ArrayBlockingQueue<>(16);
            AtomicInteger exit = new AtomicInteger(-1);
            StringWriter err = new StringWriter();
            Thread run = new Thread(() -> exit.set(CliRun.run(stdin, new LineQueue(printed), err, "connect",
                    "127.0.0.1", Integer.toString(greeter.port()))), "test-connect");
            run.start();

            assertThat(printed.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                    .isEqualTo("welcome token=ab12");
            keyboard.write("auth {{field:token=(\\w+)}} #{{counter}}\nagain #{{counter}}\n"
                    .getBytes(StandardCharsets.UTF_8));
            keyboard.flush();

            assertThat(heard.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("auth ab12 #1");
            assertThat(heard.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("again #2");
            // The server has closed after two lines: that ends connect.
            run.join(ReplyRecorder.TIMEOUT_MILLIS);
            assertThat(run.isAlive()).as("connect ended").isFalse();
            assertThat(exit.get()).as(err.toString()).isZero();
        }
    }
}
