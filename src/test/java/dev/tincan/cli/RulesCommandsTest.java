package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code connect --rules} and {@code serve --rules}, run in-process against real sockets on 127.0.0.1. */
class RulesCommandsTest {
    private static final Path FOLDER = Path.of("target", "test-cli-rules");
    private static final Pattern START = Pattern.compile(
            "tincan serve: (.+), (\\S+) framing, listening on 127\\.0\\.0\\.1:(\\d+) \\(Ctrl\\+C to stop\\)");
    private static final String PING_RULES = "{\"version\":1,\"rules\":[{\"name\":\"ping\",\"match\":{\"kind\":"
            + "\"regex\",\"pattern\":\"^PING (\\\\d+)$\"},\"actions\":[{\"reply\":\"PONG {{1}}\"},{\"note\":"
            + "\"answered ping {{1}}\"}]}]}";

    private static Path rules(String name, String json) throws Exception {
        Files.createDirectories(FOLDER);
        Path f = FOLDER.resolve(name);
        Files.writeString(f, json, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void connectWithRulesAnswersAPushedFrameAndPrintsTheNote() throws Exception {
        Path file = rules("connect.json", PING_RULES);
        try (LoopbackServer device = LoopbackServer.start(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write("PING 7\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            out.write(("device heard " + in.readLine() + "\n").getBytes(StandardCharsets.US_ASCII));
        });
                PipedOutputStream keyboard = new PipedOutputStream();
                PipedInputStream stdin = new PipedInputStream(keyboard)) {
            CliRun.Result r = CliRun.run(stdin, "connect", "--rules", file.toString(), "127.0.0.1",
                    Integer.toString(device.port()));

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("PING 7", "device heard PONG 7");
            assertThat(r.err().lines()).contains("rule 'ping': answered ping 7");
        }
    }

    @Test
    void connectRefusesABadRulesFileBeforeConnecting() throws Exception {
        Path file = rules("bad.json", "{\"version\":1,\"rules\":[{\"name\":\"x\",\"match\":{\"kind\":\"regex\","
                + "\"pattern\":\"(\"},\"actions\":[{\"mark\":true}]}]}");
        CliRun.Result r = CliRun.run("connect", "--rules", file.toString(), "127.0.0.1", "1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).contains(file + " cannot be used: rule 1 ('x') cannot be used: the regex \"(\" "
                + "is not valid: Unclosed group at the end.");
    }

    @Test
    void serveWithRulesIsAFakeDeviceThatLeavesOtherFramesUnanswered() throws Exception {
        Path file = rules("serve.json", PING_RULES);
        LineQueue out = new LineQueue();
        StringWriter err = new StringWriter();
        Thread serve = new Thread(() -> CliRun.run(InputStream.nullInputStream(), out, err,
                "serve", "--port", "0", "--rules", file.toString()), "test-serve");
        serve.start();
        try {
            Matcher start = START.matcher(out.next());
            assertThat(start.matches()).as(err.toString()).isTrue();
            assertThat(start.group(1)).isEqualTo("rules from serve.json (1 rule; frames no rule matches get no "
                    + "answer)");
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(start.group(3)))) {
                client.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.US_ASCII));
                client.getOutputStream().write("hello\nPING 42\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(in.readLine()).as("hello got no answer; the ping did").isEqualTo("PONG 42");
                assertThat(out.next()).matches("client 127\\.0\\.0\\.1:\\d+: rule 'ping': answered ping 42");
            }
        } finally {
            serve.interrupt();
            Threads.awaitEnded(serve);
        }
    }

    @Test
    @Timeout(10)
    void serveRefusesRulesAndAModeTogether() throws Exception {
        Path file = rules("both.json", PING_RULES);
        CliRun.Result r = CliRun.run("serve", "--port", "0", "--mode", "upper", "--rules", file.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).contains("--rules and --mode both say how to answer: give one of them.");
    }
}
