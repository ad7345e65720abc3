package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.session.Settings;
import dev.tincan.testing.LoopbackServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@link QuickServe} and {@link QuickConnect} read a command line as picocli reads it, or not
 * at all: each command line they read fills a command in field by field as picocli fills
 * it (but for its spec), every other one is left to picocli, and so is every option they do
 * not read. Then each runs, in this JVM, as the command picocli read does: the same ready
 * line, the same replies.
 */
class QuickCommandsTest {
    static Stream<Arguments> serveRead() {
        return Stream.of(
                line("serve"),
                line("serve", "--port", "0"),
                line("serve", "-p", "0", "-b", "::1"),
                line("serve", "--bind=0.0.0.0", "--port=0"),
                line("serve", "-f", "len32le", "-m", "upper"),
                line("serve", "--mode=ticker", "--tick", "500ms"),
                line("serve", "--mode", "flood", "--flood-count", "10", "--flood-size", "1KiB", "--flood-rate", "100"),
                line("serve", "--max-clients", "3", "--max-frame", "1MiB"));
    }

    static Stream<Arguments> serveDeclined() {
        return Stream.of(
                line("serve", "--tls"),
                line("serve", "--udp"),
                line("serve", "--rules", "r.json"),
                line("serve", "--save-cert", "c.pem"),
                line("serve", "--help"),
                line("serve", "-h"),
                line("serve", "extra"),
                line("serve", "--port"),
                line("serve", "-p", "70000"),
                line("serve", "--port", "1", "--port", "2"),
                line("serve", "--mode", "bogus"),
                line("serve", "--flood-size", "2GiB"),
                line("serve", "--max-clients", "0"),
                line("serve", "--tick", "0"),
                line("serve", "@args"),
                line("serve", "--config", "c"));
    }

    static Stream<Arguments> connectRead() {
        return Stream.of(
                line("connect", "127.0.0.1", "1"),
                line("connect", "::1", "1"),
                line("connect", "-f", "nul", "-o", "hex", "127.0.0.1", "1"),
                line("connect", "--pull", "--linger", "10ms", "127.0.0.1", "1"),
                line("connect", "--hex", "--pair", "echo", "--connect-timeout", "1s", "--max-frame", "64KiB",
                        "--skip-too-long", "127.0.0.1", "1"),
                line("connect", "127.0.0.1", "1", "--framing=crlf", "--pair=match:id=(\\d+)"));
    }

    static Stream<Arguments> connectDeclined() {
        return Stream.of(
                line("connect"),
                line("connect", "127.0.0.1"),
                line("connect", "127.0.0.1", "1", "extra"),
                line("connect", "--tls", "127.0.0.1", "1"),
                line("connect", "--udp", "127.0.0.1", "1"),
                line("connect", "--rules", "r.json", "127.0.0.1", "1"),
                line("connect", "--record", "talk.jsonl", "127.0.0.1", "1"),
                line("connect", "--reconnect", "127.0.0.1", "1"),
                line("connect", "--idle-timeout", "1s", "127.0.0.1", "1"),
                line("connect", "--heartbeat", "PING", "127.0.0.1", "1"),
                line("connect", "--proxy", "socks5://127.0.0.1:1080", "127.0.0.1", "1"),
                line("connect", "--linger", "soon", "127.0.0.1", "1"),
                line("connect", "--pull=true", "127.0.0.1", "1"),
                line("connect", "--help"),
                line("connect", "127.0.0.1", "0"),
                line("connect", "127.0.0.1", "1", "--"));
    }

    private static Arguments line(String... words) {
        return Arguments.of(String.join(" ", words), words);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serveRead")
    void serveFillsTheCommandInAsPicocliDoes(String line, String[] args) {
        assertSameFields(QuickServe.command(args, Settings.none()), picocliCommand(args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serveDeclined")
    void serveLeavesTheLineToPicocli(String line, String[] args) {
        assertThat(QuickServe.command(args, Settings.none())).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectRead")
    void connectFillsTheCommandInAsPicocliDoes(String line, String[] args) {
        assertSameFields(QuickConnect.command(args, Settings.none(), InputStream.nullInputStream()),
                picocliCommand(args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectDeclined")
    void connectLeavesTheLineToPicocli(String line, String[] args) {
        assertThat(QuickConnect.command(args, Settings.none(), InputStream.nullInputStream())).isNull();
    }

    @Test
    void everyOptionOfServeIsReadWhole_orLeftToPicocli() {
        assertEveryOptionReadWholeOrDeclined("serve", QuickServe.OPTIONS, Set.of(), List.of(),
                args -> QuickServe.command(args, Settings.none()));
    }

    @Test
    void everyOptionOfConnectIsReadWhole_orLeftToPicocli() {
        assertEveryOptionReadWholeOrDeclined("connect", QuickConnect.OPTIONS, Set.of("--hex", "--skip-too-long",
                "--pull"), List.of("127.0.0.1", "1"),
                args -> QuickConnect.command(args, Settings.none(), InputStream.nullInputStream()));
    }

    @Test
    void aSettingsFileThatSetsAnythingForACommandSendsServeAndConnectToPicocli() throws Exception {
        Settings forAll = settings("max-frame = 1MiB\n");
        Settings windowOnly = settings("theme = light\n");

        assertThat(QuickServe.command(new String[] {"serve"}, windowOnly)).isNotNull();
        assertThat(QuickServe.command(new String[] {"serve"}, forAll)).isNull();
        String[] connect = {"connect", "127.0.0.1", "1"};
        assertThat(QuickConnect.command(connect, windowOnly, InputStream.nullInputStream())).isNotNull();
        assertThat(QuickConnect.command(connect, forAll, InputStream.nullInputStream())).isNull();
    }

    @Test
    void aServeReadEitherWaySaysTheSameReadyLine() throws Exception {
        String quick = readyLine(out -> QuickServe.run(new String[] {"serve", "--port", "0", "-m", "upper"}, out,
                new PrintWriter(Writer.nullWriter())));
        String picocli = readyLine(out -> CliRun.run(InputStream.nullInputStream(), out, Writer.nullWriter(),
                "serve", "--port", "0", "-m", "upper"));

        assertThat(withoutPort(quick)).isEqualTo(withoutPort(picocli))
                .isEqualTo("tincan serve: upper, line framing, listening on 127.0.0.1:_ (Ctrl+C to stop)");
    }

    @Test
    void aConnectReadEitherWayPrintsTheSameConversation() throws Exception {
        try (LoopbackServer echo = LoopbackServer.start(s -> s.getInputStream().transferTo(s.getOutputStream()))) {
            String port = Integer.toString(echo.port());
            StringWriter quickOut = new StringWriter();
            StringWriter quickErr = new StringWriter();
            Integer quickCode = QuickConnect.run(new String[] {"connect", "--linger", "300ms", "127.0.0.1", port},
                    input("one\ntwo {{counter}}\n"), new PrintWriter(quickOut, true), new PrintWriter(quickErr, true));
            CliRun.Result picocli = CliRun.run(input("one\ntwo {{counter}}\n"), "connect", "--linger", "300ms",
                    "127.0.0.1", port);

            assertThat(quickCode).isZero().isEqualTo(picocli.exitCode());
            assertThat(quickOut.toString()).isEqualTo(picocli.out()).isEqualTo("one\ntwo 1\n");
            assertThat(quickErr.toString()).isEqualTo(picocli.err())
                    .startsWith("connected to 127.0.0.1:" + port + " with line framing");
        }
    }

    /** The first line a serve prints on {@code out}, run on a thread of its own and then interrupted. */
    private static String readyLine(java.util.function.Consumer<PrintWriter> serve) throws Exception {
        CountDownLatch listening = new CountDownLatch(1);
        StringBuilder first = new StringBuilder();
        Writer watch = new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                synchronized (first) {
                    if (listening.getCount() > 0) {
                        first.append(text, offset, length);
                        if (first.indexOf("\n") >= 0) {
                            listening.countDown();
                        }
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Thread thread = new Thread(() -> serve.accept(new PrintWriter(watch, true)), "test-serve");
        thread.start();
        try {
            assertThat(listening.await(20, TimeUnit.SECONDS)).as("serve said where it listens").isTrue();
        } finally {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(20));
        }
        assertThat(thread.isAlive()).as("serve ended when interrupted").isFalse();
        synchronized (first) {
            return first.substring(0, first.indexOf("\n"));
        }
    }

    private static String withoutPort(String line) {
        return line.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:_");
    }

    private static InputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Settings settings(String text) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("tincan-settings", ".conf");
        try {
            java.nio.file.Files.writeString(file, text);
            return Settings.read(file);
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    /** The command picocli fills in from {@code args}, with no settings file. */
    private static Object picocliCommand(String[] args) {
        CommandLine cl = Cli.commandLine(new TincanCommand(InputStream.nullInputStream()), quiet(), quiet(), args);
        ((ConfigDefaults) cl.getDefaultValueProvider()).use(cl, args);
        return cl.parseArgs(args).subcommand().commandSpec().userObject();
    }

    private static void assertSameFields(Object quick, Object picocli) {
        assertThat(quick).as("the command read without picocli").isNotNull();
        assertThat(quick).usingRecursiveComparison()
                .ignoringFieldsMatchingRegexes("(.*\\.)?spec", "root")
                .withEqualsForType((a, b) -> a.pattern().equals(b.pattern()), Pattern.class)
                .isEqualTo(picocli);
    }

    /**
     * Every name in {@code read} is a name of one of {@code command}'s options, whose every
     * name is read and which is a flag exactly when it is one of {@code flags}; any other
     * option of the command, given a value when it takes one, makes {@code quick} decline.
     */
    static void assertEveryOptionReadWholeOrDeclined(String command, List<String> read, Set<String> flags,
            List<String> positional, Function<String[], Object> quick) {
        CommandLine cl = Cli.commandLine(new TincanCommand(InputStream.nullInputStream()), quiet(), quiet(),
                new String[] {command}).getSubcommands().get(command);
        Set<String> readNames = new TreeSet<>(QuickLine.names(read).keySet());
        Set<String> namesOfReadOptions = new TreeSet<>();
        List<String> knownButNotDeclined = new ArrayList<>();
        for (OptionSpec option : cl.getCommandSpec().options()) {
            boolean anyRead = false;
            for (String name : option.names()) {
                anyRead |= readNames.contains(name);
            }
            if (anyRead) {
                namesOfReadOptions.addAll(List.of(option.names()));
                assertThat(option.arity().max() == 0).as(option.longestName() + " is a flag")
                        .isEqualTo(flags.contains(option.longestName()));
                continue;
            }
            for (String name : option.names()) {
                List<String> args = new ArrayList<>(List.of(command, name));
                if (option.arity().max() > 0) {
                    args.add("1");
                }
                args.addAll(positional);
                if (quick.apply(args.toArray(new String[0])) != null) {
                    knownButNotDeclined.add(name);
                }
            }
        }

        assertThat(namesOfReadOptions).isEqualTo(readNames);
        assertThat(knownButNotDeclined).as("options of %s not read but not declined", command).isEmpty();
    }

    private static PrintWriter quiet() {
        return new PrintWriter(new StringWriter(), true);
    }
}
