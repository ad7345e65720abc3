package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tincan.session.Settings;
import dev.tincan.testing.LoopbackServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@link QuickSend} reads a send as picocli reads it, or not at all: each command line it
 * reads gives the plan {@link SendCommand#plan()} gives for it, and every other one is left
 * to picocli untouched. Then, as processes of their own, a send read each way says the same
 * when it succeeds and when it fails.
 */
class QuickSendTest {
    /** Command lines QuickSend reads: (what it is, the words after {@code tincan}). */
    static Stream<Arguments> read() {
        return Stream.of(
                line("the plainest send", "send", "127.0.0.1", "50007", "hello"),
                line("two messages", "send", "127.0.0.1", "50007", "one", "two"),
                line("an IPv6 host", "send", "::1", "50007", "hi"),
                line("an IPv6 host in brackets", "send", "[::1]", "50007", "hi"),
                line("short framing", "send", "-f", "len32le", "127.0.0.1", "1", "a", "b"),
                line("framing with =", "send", "--framing=raw", "127.0.0.1", "1", "x"),
                line("raw with an idle gap", "send", "--framing", "raw", "--idle", "50ms", "127.0.0.1", "1", "x"),
                line("idle without raw", "send", "--idle", "50ms", "127.0.0.1", "1", "x"),
                line("timeout and no replies", "send", "-t", "250ms", "-n", "0", "127.0.0.1", "1", "x"),
                line("long forms with =", "send", "--replies=3", "--timeout=1s", "127.0.0.1", "1", "x"),
                line("an option after the messages", "send", "127.0.0.1", "1", "48 65", "--hex"),
                line("json, echo pairing", "send", "-o", "json", "--pair", "echo", "127.0.0.1", "1", "x"),
                line("match pairing", "send", "--out", "json", "--pair", "match:id=(\\d+)", "127.0.0.1", "1",
                        "id=1"),
                line("frame limits", "send", "--max-frame", "1KiB", "--skip-too-long", "--connect-timeout", "2s",
                        "127.0.0.1", "1", "x"),
                line("escapes", "send", "--out", "hex", "127.0.0.1", "1", "a\\tb\\x00"),
                line("counters across messages", "send", "127.0.0.1", "1", "req {{counter:4}}", "x {{counter}}"),
                line("a delimiter framing", "send", "-f", "delim:0d0a", "127.0.0.1", "1", "a"),
                line("a message with = and spaces", "send", "127.0.0.1", "1", "a = b", "x=y"),
                line("an empty message with line framing", "send", "127.0.0.1", "1", ""));
    }

    /** Command lines QuickSend leaves to picocli: (why, the words after {@code tincan}). */
    static Stream<Arguments> declined() {
        return Stream.of(
                line("not a send", "connect", "127.0.0.1", "1", "x"),
                line("no port", "send", "127.0.0.1"),
                line("help", "send", "--help"),
                line("short help", "send", "-h", "127.0.0.1", "1", "x"),
                line("version", "send", "-V", "127.0.0.1", "1", "x"),
                line("TLS", "send", "--tls", "127.0.0.1", "1", "x"),
                line("UDP", "send", "--udp", "127.0.0.1", "1", "x"),
                line("a send tool", "send", "--repeat", "2", "127.0.0.1", "1", "x"),
                line("a library", "send", "--library", "m.json", "--message", "m", "127.0.0.1", "1"),
                line("a settings file", "send", "--config", "c", "127.0.0.1", "1", "x"),
                line("an option twice", "send", "-t", "1s", "--timeout", "2s", "127.0.0.1", "1", "x"),
                line("a flag twice", "send", "--hex", "--hex", "127.0.0.1", "1", "41"),
                line("a flag with a value", "send", "--hex=true", "127.0.0.1", "1", "41"),
                line("a value attached to a short option", "send", "-t5s", "127.0.0.1", "1", "x"),
                line("a short option with =", "send", "-t=5s", "127.0.0.1", "1", "x"),
                line("an option without its value", "send", "127.0.0.1", "1", "x", "--timeout"),
                line("a value that looks like an option", "send", "--timeout", "-5s", "127.0.0.1", "1", "x"),
                line("a zero timeout", "send", "-t", "0", "127.0.0.1", "1", "x"),
                line("a zero idle gap", "send", "--idle", "0s", "127.0.0.1", "1", "x"),
                line("negative replies", "send", "--replies=-1", "127.0.0.1", "1", "x"),
                line("a bad duration", "send", "-t", "soon", "127.0.0.1", "1", "x"),
                line("a bad framing", "send", "-f", "lenx", "127.0.0.1", "1", "x"),
                line("a bad size", "send", "--max-frame", "lots", "127.0.0.1", "1", "x"),
                line("a bad format", "send", "-o", "xml", "127.0.0.1", "1", "x"),
                line("a bad pairing", "send", "--pair", "match:(", "127.0.0.1", "1", "x"),
                line("a bad port", "send", "127.0.0.1", "http", "x"),
                line("port 0", "send", "127.0.0.1", "0", "x"),
                line("no host", "send", " ", "1", "x"),
                line("a host with its port after a colon", "send", "127.0.0.1:50007", "hi", "x"),
                line("bad hex", "send", "--hex", "127.0.0.1", "1", "zz"),
                line("a message too long for its framing", "send", "-f", "len8", "127.0.0.1", "1", "x".repeat(300)),
                line("a message that reads the last frame", "send", "127.0.0.1", "1", "{{field:1}}"),
                line("a message that looks like an option", "send", "127.0.0.1", "1", "-x"),
                line("a lone dash", "send", "127.0.0.1", "1", "-"),
                line("the end of options", "send", "127.0.0.1", "1", "--", "x"),
                line("an argument file", "send", "127.0.0.1", "1", "@words"),
                line("an argument file as a value", "send", "-f", "@framing", "127.0.0.1", "1", "x"),
                line("an unknown option", "send", "--frame", "line", "127.0.0.1", "1", "x"));
    }

    /** Sends QuickSend reads with their messages on standard input: (what, stdin, the words after tincan). */
    static Stream<Arguments> readFromStandardInput() {
        return Stream.of(
                Arguments.of("two lines", "a\nb\n", new String[] {"send", "127.0.0.1", "1"}),
                Arguments.of("a last line without its end", "a\nb", new String[] {"send", "127.0.0.1", "1"}),
                Arguments.of("nothing", "", new String[] {"send", "127.0.0.1", "1"}),
                Arguments.of("hex lines", "48 65\n6c\n", new String[] {"send", "--hex", "-f", "len8", "127.0.0.1",
                    "1"}),
                Arguments.of("counters", "x {{counter}}\ny {{counter}}\n", new String[] {"send", "-n", "1",
                    "127.0.0.1", "1"}));
    }

    /** Sends whose standard input does not fit: (what, stdin, the words after tincan). */
    static Stream<Arguments> unfitStandardInput() {
        return Stream.of(
                Arguments.of("bad hex", "zz\n", new String[] {"send", "--hex", "127.0.0.1", "1"}),
                Arguments.of("a line too long for len8", "x".repeat(300) + "\n", new String[] {"send", "-f", "len8",
                    "127.0.0.1", "1"}),
                Arguments.of("too many lines", "x\n".repeat(Payloads.MAX_STDIN_MESSAGES + 1),
                        new String[] {"send", "127.0.0.1", "1"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readFromStandardInput")
    void readsStandardInputAsPicocliDoes(String what, String stdin, String[] args) throws Exception {
        SendPlan quick = QuickSend.plan(args, Settings.none(), input(stdin), quiet());

        assertThat(quick).as("QuickSend's plan").isNotNull();
        assertThat(quick).usingRecursiveComparison().isEqualTo(picocliPlan(args, input(stdin)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unfitStandardInput")
    void aLineOfStandardInputThatDoesNotFitIsSaidAsPicocliSaysIt(String what, String stdin, String[] args) {
        StringWriter quickErr = new StringWriter();
        Integer quick = QuickSend.run(args, input(stdin), new PrintWriter(new StringWriter(), true),
                new PrintWriter(quickErr, true));
        CliRun.Result picocli = CliRun.run(input(stdin), args);

        assertThat(quick).isEqualTo(picocli.exitCode()).isEqualTo(UsageErrorHandler.EXIT_USAGE);
        assertThat(quickErr.toString()).isEqualTo(picocli.err()).startsWith("error: ");
    }

    private static InputStream input(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** QuickSend's plan for {@code args}, no settings file, an empty standard input. */
    private static SendPlan plan(String[] args) {
        try {
            return QuickSend.plan(args, Settings.none(), InputStream.nullInputStream(), quiet());
        } catch (QuickSend.Unfit | java.io.IOException e) {
            throw new AssertionError("an empty standard input cannot be unfit or unreadable", e);
        }
    }

    private static Arguments line(String what, String... words) {
        return Arguments.of(what, words);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("read")
    void readsTheLineAsPicocliDoes(String what, String[] args) throws Exception {
        SendPlan quick = plan(args);

        assertThat(quick).as("QuickSend's plan").isNotNull();
        assertThat(quick).usingRecursiveComparison()
                .withEqualsForType((a, b) -> a.pattern().equals(b.pattern()), Pattern.class)
                .isEqualTo(picocliPlan(args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declined")
    void leavesTheLineToPicocli(String what, String[] args) {
        assertThat(plan(args)).isNull();
    }

    @Test
    void aSettingsFileThatSetsAnythingForACommandSendsTheLineToPicocli(@TempDir Path dir) throws Exception {
        String[] args = {"send", "127.0.0.1", "1", "x"};
        Path windowOnly = Files.writeString(dir.resolve("window"), "# only the window's\ntheme = dark\n");
        Path forAll = Files.writeString(dir.resolve("all"), "timeout = 2s\n");
        Path forSend = Files.writeString(dir.resolve("send"), "theme = dark\nsend.framing = len32le\n");

        assertThat(QuickSend.plan(args, Settings.read(windowOnly), InputStream.nullInputStream(), quiet())).isNotNull();
        assertThat(QuickSend.plan(args, Settings.read(forAll), InputStream.nullInputStream(), quiet())).isNull();
        assertThat(QuickSend.plan(args, Settings.read(forSend), InputStream.nullInputStream(), quiet())).isNull();
    }

    @Test
    void aLineIsLeftToPicocliWhenPicocliTrimsQuotes() throws Exception {
        // -Dpicocli.trimQuotes (in JAVA_TOOL_OPTIONS, say) makes picocli send "hi" as hi.
        String[] args = {"send", "127.0.0.1", "1", "\"hi\""};
        String before = System.getProperty(QuickLine.TRIM_QUOTES);
        try {
            System.setProperty(QuickLine.TRIM_QUOTES, "");
            assertThat(picocliPlan(args).payloads()).as("picocli trims the quotes")
                    .isEqualTo(picocliPlan(new String[] {"send", "127.0.0.1", "1", "hi"}).payloads());
            assertThat(plan(args)).isNull();
        } finally {
            if (before == null) {
                System.clearProperty(QuickLine.TRIM_QUOTES);
            } else {
                System.setProperty(QuickLine.TRIM_QUOTES, before);
            }
        }
    }

    @Test
    void everyOptionOfSendIsReadWhole_orLeftToPicocli() {
        QuickCommandsTest.assertEveryOptionReadWholeOrDeclined("send", QuickSend.OPTIONS,
                Set.of("--hex", "--skip-too-long"), List.of("127.0.0.1", "1", "x"),
                args -> plan(args));
    }

    @Test
    void aSendReadEitherWayPrintsTheSameReplies(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty-config"));
        try (LoopbackServer echo = LoopbackServer.start(s -> s.getInputStream().transferTo(s.getOutputStream()))) {
            String port = Integer.toString(echo.port());
            TincanProcess.Result quick = TincanProcess.create()
                    .run("send", "-o", "json", "127.0.0.1", port, "one", "two {{counter}}");
            TincanProcess.Result picocli = TincanProcess.create()
                    .run("send", "--config", empty.toString(), "-o", "json", "127.0.0.1", port, "one",
                            "two {{counter}}");

            assertThat(quick.exitCode()).as(quick.err()).isZero();
            assertThat(picocli.exitCode()).as(picocli.err()).isZero();
            assertThat(withoutTimes(quick.out())).isEqualTo(withoutTimes(picocli.out()))
                    .contains("\"text\":\"two 1\"");
            assertThat(quick.err()).isEqualTo(picocli.err()).isEmpty();
        }
    }

    @Test
    void aSendReadEitherWayFailsWithTheSameSentence(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty-config"));
        String refused = closedPort();
        try (LoopbackServer silent = LoopbackServer.start(
                s -> s.getInputStream().transferTo(OutputStream.nullOutputStream()))) {
            String silentPort = Integer.toString(silent.port());
            for (String[] target : List.of(new String[] {"127.0.0.1", refused}, new String[] {"127.0.0.1",
                    silentPort})) {
                TincanProcess.Result quick = TincanProcess.create()
                        .run("send", "-t", "300ms", target[0], target[1], "hi");
                TincanProcess.Result picocli = TincanProcess.create()
                        .run("send", "--config", empty.toString(), "-t", "300ms", target[0], target[1], "hi");

                assertThat(quick.exitCode()).as(quick.err()).isEqualTo(1).isEqualTo(picocli.exitCode());
                assertThat(quick.err()).startsWith("error: ").hasLineCount(1).isEqualTo(picocli.err());
                assertThat(quick.out()).isEmpty();
            }
        }
    }

    @Test
    void aSendIsLeftToPicocliWhenPicocliIsAskedToTraceItsReading() throws Exception {
        try (LoopbackServer echo = LoopbackServer.start(s -> s.getInputStream().transferTo(s.getOutputStream()))) {
            TincanProcess.Result traced = TincanProcess.create().jvmOption("-D" + QuickLine.TRACE + "=INFO")
                    .run("send", "127.0.0.1", Integer.toString(echo.port()), "hi");

            assertThat(traced.exitCode()).as(traced.err()).isZero();
            assertThat(traced.out()).isEqualTo("hi\n");
            assertThat(traced.err()).as("picocli's trace").contains("[picocli INFO]");
        }
    }

    @Test
    @Timeout(60)
    void aSendWithoutMessagesOnATerminalSaysItReadsTheKeyboard() throws Exception {
        assumeTrue(TincanProcess.hasScript(), "util-linux script is not installed: a send reading the keyboard is "
                + "not checked (apt-get install util-linux)");
        try (LoopbackServer echo = LoopbackServer.start(s -> s.getInputStream().transferTo(s.getOutputStream()))) {
            // Ctrl+D at the start of a line ends the terminal's input.
            TincanProcess.Result r = TincanProcess.create().onTerminal().stdin("hello\n\u0004")
                    .run("send", "127.0.0.1", Integer.toString(echo.port()));

            assertThat(r.exitCode()).as(r.out()).isZero();
            assertThat(r.out()).contains(SendCommand.KEYBOARD).endsWith("hello\r\n");
        }
    }

    /** The plan picocli's SendCommand makes from {@code args}, with no settings file. */
    private static SendPlan picocliPlan(String[] args) throws Exception {
        return picocliPlan(args, InputStream.nullInputStream());
    }

    private static SendPlan picocliPlan(String[] args, InputStream stdin) throws Exception {
        CommandLine cl = Cli.commandLine(new TincanCommand(stdin), quiet(), quiet(), args);
        ((ConfigDefaults) cl.getDefaultValueProvider()).use(cl, args);
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        SendCommand send = (SendCommand) parsed.subcommand().commandSpec().userObject();
        return send.plan();
    }

    private static PrintWriter quiet() {
        return new PrintWriter(new StringWriter(), true);
    }

    /** JSON lines with their times and round-trip times taken out. */
    private static String withoutTimes(String json) {
        return json.replaceAll("\"(time|rtt_ms|rttMs|t)\":[^,}]*", "\"$1\":_");
    }

    private static String closedPort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Integer.toString(probe.getLocalPort());
        }
    }
}
