package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tincan.codec.Bytes;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.record.RecordFormat;
import dev.tincan.testing.Threads;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line of {@code replay}, {@code export-pcap} and {@code send --repeat}: on a
 * real pseudo-terminal (util-linux {@code script}) it shows and is cleared before the
 * summary; with output piped, as the tests' own output is, not one carriage return or escape
 * code is printed.
 */
class ProgressLineTest {
    private static final Instant START = Instant.parse("2026-11-30T08:31:02.123Z");
    private static final int PAIRS = 2000;
    private static final String CLEAR = "\r\033[K";

    @TempDir
    Path dir;

    @AfterEach
    void noThreadIsLeft() {
        Threads.assertNoneLeft("tincan-client");
    }

    /** A recording of {@value #PAIRS} lines sent and their echoes, a microsecond apart. */
    private Path recording() throws Exception {
        StringBuilder sb = new StringBuilder(RecordFormat.header(
                new RecordFormat.Header(START, "127.0.0.1", 50009, "line", 1024))).append('\n');
        for (int i = 0; i < PAIRS; i++) {
            Bytes b = Bytes.utf8("frame " + i);
            RecordFormat.line(sb, RecordFormat.Line.frame(2L * i + 1, i * 2000L, RecordFormat.Dir.OUT, b), START)
                    .append('\n');
            RecordFormat.line(sb, RecordFormat.Line.frame(2L * i + 2, i * 2000L + 1000, RecordFormat.Dir.IN, b),
                    START).append('\n');
        }
        return Files.writeString(dir.resolve("talk.jsonl"), sb, StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalEachLineReplacesTheLastAndOneClearEndsIt() {
        StringWriter shown = new StringWriter();
        Consumer<String> line = ProgressLine.onTerminal(new PrintWriter(shown), true);
        line.accept("");
        line.accept("one");
        line.accept("two");
        line.accept("");
        line.accept("");
        assertThat(shown.toString()).isEqualTo(CLEAR + "one" + CLEAR + "two" + CLEAR);

        StringWriter piped = new StringWriter();
        Consumer<String> none = ProgressLine.onTerminal(new PrintWriter(piped), false);
        none.accept("one");
        none.accept("");
        assertThat(piped.toString()).isEmpty();
    }

    @Test
    void pipedReplayExportAndRepeatPrintNoCarriageReturnOrEscapeCode() throws Exception {
        assertThat(System.console()).as("the tests run with their output piped, not on a terminal").isNull();
        Path file = recording();
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            CliRun.Result replay = CliRun.run("replay", "--speed", "max", "--compare", file.toString(), "127.0.0.1",
                    Integer.toString(echo.port()));
            assertThat(replay.exitCode()).as(replay.err()).isZero();
            assertThat(replay.out() + replay.err()).doesNotContain("\r", "\033")
                    .startsWith("replayed " + PAIRS + " of " + PAIRS + " frames");
        }
        CliRun.Result export = CliRun.run("export-pcap", file.toString(), dir.resolve("talk.pcap").toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out() + export.err()).doesNotContain("\r", "\033").startsWith("wrote ");
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            CliRun.Result repeat = CliRun.run("send", "--repeat", "6", "--interval", "60ms", "127.0.0.1",
                    Integer.toString(echo.port()), "ping");
            assertThat(repeat.exitCode()).as(repeat.err()).isZero();
            assertThat(repeat.out() + repeat.err()).doesNotContain("\r", "\033");
            assertThat(repeat.outLines()).containsExactly("ping", "ping", "ping", "ping", "ping", "ping");
        }
    }

    @Test
    @Timeout(60)
    void onATerminalReplayAndExportShowTheirProgressAndClearItBeforeTheSummary() throws Exception {
        assumeTrue(TincanProcess.hasScript(), "util-linux script is not installed: the progress line on a "
                + "terminal is not checked (apt-get install util-linux)");
        Path file = recording();
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            TincanProcess.Result replay = TincanProcess.create().onTerminal().run("replay", "--speed", "max",
                    file.toString(), "127.0.0.1", Integer.toString(echo.port()));
            assertThat(replay.exitCode()).as(replay.out()).isZero();
            assertThat(replay.out()).startsWith(CLEAR + "reading " + file + "..." + CLEAR)
                    .containsPattern("\r\033\\[Kreplaying talk\\.jsonl: " + PAIRS + " of " + PAIRS + " frames sent, "
                            + PAIRS + " replies, \\d+\\.\\ds\r\033\\[Kreplayed " + PAIRS + " of " + PAIRS
                            + " frames to 127\\.0\\.0\\.1:\\d+ in ");
        }
        TincanProcess.Result export = TincanProcess.create().onTerminal().run("export-pcap", file.toString(),
                dir.resolve("talk.pcap").toString());
        assertThat(export.exitCode()).as(export.out()).isZero();
        assertThat(export.out()).startsWith(CLEAR + "reading " + file + "..." + CLEAR)
                .containsPattern("\r\033\\[Kexporting talk\\.jsonl: " + 2 * PAIRS + " of " + 2 * PAIRS
                        + " frames, \\d+\\.\\d KiB\r\033\\[Kwrote ");
    }

    @Test
    @Timeout(60)
    void onATerminalSendRepeatShowsItsProgressAndEachReplyKeepsALineOfItsOwn() throws Exception {
        assumeTrue(TincanProcess.hasScript(), "util-linux script is not installed: the progress line on a "
                + "terminal is not checked (apt-get install util-linux)");
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            TincanProcess.Result repeat = TincanProcess.create().onTerminal().run("send", "--repeat", "8",
                    "--interval", "100ms", "127.0.0.1", Integer.toString(echo.port()), "ping");
            assertThat(repeat.exitCode()).as(repeat.out()).isZero();
            String shown = repeat.out();
            assertThat(shown).containsPattern("\r\033\\[Ksending \\d of 8, \\d repl(y|ies), \\d\\.\\ds, "
                    + "(<1s|1s) left\r\033\\[K");
            // Each reply and the summary start a line: after a line end or after the progress line is cleared.
            // Under load two progress lines may follow each other with no reply between: the second
            // replaces the first in place, as on the terminal.
            assertThat(shown.replaceAll("\r\033\\[K(sending [^\r]*\r\033\\[K)*", "\r\n").lines()
                    .filter(l -> !l.isEmpty()))
                    .containsExactly("ping", "ping", "ping", "ping", "ping", "ping", "ping", "ping",
                            "sent 8 times every 100ms in " + shown.replaceAll("(?s).*in (\\d+ms);.*", "$1")
                                    + "; 8 replies.");
        }
    }

    @Test
    @Timeout(60)
    void onATerminalSendFileKeepsEachReplyOnALineOfItsOwn() throws Exception {
        assumeTrue(TincanProcess.hasScript(), "util-linux script is not installed: the progress line on a "
                + "terminal is not checked (apt-get install util-linux)");
        Path lines = Files.createTempFile("tincan-lines", ".txt");
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= 50_000; i++) {
                sb.append("line ").append(i).append('\n');
            }
            Files.writeString(lines, sb);
            TincanProcess.Result sent = TincanProcess.create().onTerminal().run("send", "--file", lines.toString(),
                    "--lines", "127.0.0.1", Integer.toString(echo.port()));
            assertThat(sent.exitCode()).as(sent.err()).isZero();
            String shown = sent.out();
            assertThat(shown).as("a progress line was shown").contains("\r\033[Ksending ");
            // Every reply starts a line of its own: after a line end, or after the progress line (or a
            // run of them, each replacing the last) is cleared.
            List<String> replies = shown.replaceAll("\r\033\\[K(sending [^\r]*\r\033\\[K)*", "\r\n").lines()
                    .filter(l -> !l.isEmpty() && !l.startsWith("sent ")).toList();
            // The lines that are not one reply each, so a failure shows what was on the terminal.
            List<String> odd = replies.stream().filter(l -> !l.matches("line \\d+"))
                    .map(l -> l.replace("\033", "ESC").replace("\r", "CR")).toList();
            assertThat(odd).as("lines that are not one reply each").isEmpty();
            assertThat(replies).hasSize(50_000);
        } finally {
            Files.deleteIfExists(lines);
        }
    }
}
