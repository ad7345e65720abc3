package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.session.record.RecordingFile;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code tincan listen} run in-process on a free port, called by real sockets on 127.0.0.1. */
class ListenCommandTest {
    private static final Pattern START = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(line framing\\); "
            + "type a line to send it to every client, or @N line to send to client #N\\.");
    private static final Path FOLDER = Path.of("target", "test-cli-listen");

    private final LineQueue out = new LineQueue();
    private final LineQueue err = new LineQueue();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final List<Socket> sockets = new ArrayList<>();
    private PipedOutputStream keyboard;
    private Thread listen;
    private int port;

    @AfterEach
    void tearDown() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (listen != null && listen.isAlive()) {
            listen.interrupt();
            Threads.awaitEnded(listen);
        }
        if (keyboard != null) {
            keyboard.close();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private void start(String... options) throws Exception {
        keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        List<String> args = new ArrayList<>(List.of("listen"));
        args.addAll(List.of(options));
        args.add("0");
        listen = new Thread(() -> exitCode.set(CliRun.run(stdin, out, err, args.toArray(String[]::new))),
                "test-listen");
        listen.start();
        Matcher m = START.matcher(out.next());
        assertThat(m.matches()).as(String.join("\n", err.lines)).isTrue();
        port = Integer.parseInt(m.group(1));
    }

    /** Connects a client and waits for the line that says it connected, as client {@code id}. */
    private Socket client(int id) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout((int) ReplyRecorder.TIMEOUT_MILLIS);
        sockets.add(s);
        assertThat(err.next()).matches("#" + id + " 127\\.0\\.0\\.1:" + s.getLocalPort() + " connected(; recording to \\S+)?\\.");
        return s;
    }

    private static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    private void type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private void stop() {
        listen.interrupt();
        Threads.awaitEnded(listen);
        assertThat(exitCode.get()).as(String.join("\n", err.lines)).isZero();
    }

    @Test
    void twoClientsArePrefixedAndTypedLinesReachAllOrOne() throws Exception {
        start();
        Socket a = client(1);
        Socket b = client(2);
        BufferedReader fromA = reader(a);
        BufferedReader fromB = reader(b);

        write(a, "hello\n");
        assertThat(out.next()).isEqualTo("#1 127.0.0.1:" + a.getLocalPort() + " ← hello");
        write(b, "hi\u001b\n");
        assertThat(out.next()).isEqualTo("#2 127.0.0.1:" + b.getLocalPort() + " ← hi\\x1b");

        type("to all");
        assertThat(fromA.readLine()).isEqualTo("to all");
        assertThat(fromB.readLine()).isEqualTo("to all");
        type("@2 only two");
        assertThat(fromB.readLine()).isEqualTo("only two");
        type("again");
        assertThat(fromA.readLine()).as("#1 did not get the line for #2").isEqualTo("again");
        assertThat(fromB.readLine()).isEqualTo("again");
        type("@7 nobody");
        assertThat(err.next()).isEqualTo("no client #7 is connected: the clients connected are #1, #2.");

        a.close();
        assertThat(err.next()).isEqualTo("#1 127.0.0.1:" + a.getLocalPort() + " left.");
        type("@1 gone");
        assertThat(err.next()).isEqualTo("no client #1 is connected: the clients connected are #2.");
        stop();
    }

    @Test
    void theCapTurnsOneAwayWithASentence() throws Exception {
        start("--max-clients", "1");
        Socket a = client(1);
        Socket b = new Socket(InetAddress.getLoopbackAddress(), port);
        sockets.add(b);
        assertThat(err.next()).isEqualTo("client 127.0.0.1:" + b.getLocalPort() + " turned away: 1 client is "
                + "connected (the cap); disconnect one or raise --max-clients.");
        assertThat(a.isClosed()).isFalse();
        stop();
    }

    @Test
    void rulesAnswerEveryClientOnItsOwn() throws Exception {
        Files.createDirectories(FOLDER);
        Path rules = FOLDER.resolve("ping.json");
        Files.writeString(rules, "{\"version\":1,\"rules\":[{\"name\":\"ping\",\"match\":{\"kind\":\"regex\","
                + "\"pattern\":\"^PING (\\\\d+)$\"},\"actions\":[{\"reply\":\"PONG {{1}}\"}]}]}",
                StandardCharsets.UTF_8);
        start("--rules", rules.toString());
        Socket a = client(1);
        Socket b = client(2);
        write(a, "PING 1\n");
        write(b, "PING 2\n");
        assertThat(reader(a).readLine()).isEqualTo("PONG 1");
        assertThat(reader(b).readLine()).isEqualTo("PONG 2");
        stop();
    }

    /**
     * A device that speaks the moment it connects, 50 times in a row: the rules are attached as
     * each client is accepted, before its connection is read, so none of the first frames
     * (sent before the command has even said who connected) goes unanswered.
     */
    @Test
    void rulesAnswerAFrameSentTheMomentTheClientConnects() throws Exception {
        Files.createDirectories(FOLDER);
        Path rules = FOLDER.resolve("hello.json");
        Files.writeString(rules, "{\"version\":1,\"rules\":[{\"name\":\"hello\",\"match\":{\"kind\":\"regex\","
                + "\"pattern\":\"^HELLO (\\\\d+)$\"},\"actions\":[{\"reply\":\"WORLD {{1}}\"}]}]}",
                StandardCharsets.UTF_8);
        start("--rules", rules.toString());
        for (int i = 1; i <= 50; i++) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout((int) ReplyRecorder.TIMEOUT_MILLIS);
                write(s, "HELLO " + i + "\n");
                assertThat(reader(s).readLine()).as("the answer to client %d's first frame", i)
                        .isEqualTo("WORLD " + i);
            }
        }
        stop();
    }

    @Test
    void recordWritesOneReplayableRecordingPerClient() throws Exception {
        Path dir = Files.createDirectories(FOLDER.resolve("record"));
        Path file = dir.resolve("talk.jsonl");
        Files.deleteIfExists(dir.resolve("talk-1.jsonl"));
        Files.deleteIfExists(dir.resolve("talk-2.jsonl"));
        start("--record", file.toString());
        Socket a = client(1);
        Socket b = client(2);
        write(a, "from one\n");
        assertThat(out.next()).endsWith("← from one");
        write(b, "from two\n");
        assertThat(out.next()).endsWith("← from two");
        type("both");
        assertThat(reader(a).readLine()).isEqualTo("both");
        assertThat(reader(b).readLine()).isEqualTo("both");
        stop();
        assertThat(err.lines).contains("recorded 2 frames to " + dir.resolve("talk-1.jsonl") + ".",
                "recorded 2 frames to " + dir.resolve("talk-2.jsonl") + ".");
        for (int n = 1; n <= 2; n++) {
            try (RecordingFile r = RecordingFile.open(dir.resolve("talk-" + n + ".jsonl"))) {
                assertThat(r.framesIn()).as("talk-" + n).isEqualTo(1);
                assertThat(r.framesOut()).as("talk-" + n).isEqualTo(1);
                assertThat(r.cutShort()).isFalse();
            }
        }
    }

    @Test
    void recordingNamesPutTheNumberBeforeTheExtension() {
        assertThat(ListenCommand.numbered(Path.of("a", "talk.jsonl"), 3)).isEqualTo(Path.of("a", "talk-3.jsonl"));
        assertThat(ListenCommand.numbered(Path.of("talk"), 12)).isEqualTo(Path.of("talk-12"));
        assertThat(ListenCommand.numbered(Path.of(".talk"), 1)).isEqualTo(Path.of(".talk-1"));
    }
}
