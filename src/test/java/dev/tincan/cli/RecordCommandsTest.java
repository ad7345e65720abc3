package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.record.RecordFormat;
import dev.tincan.testing.Threads;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code connect --record}, {@code replay} and {@code export-pcap} against real servers on 127.0.0.1. */
class RecordCommandsTest {
    @TempDir
    Path dir;

    @AfterEach
    void noThreadIsLeft() {
        Threads.assertNoneLeft("tincan-client");
        Threads.assertNoneLeft("tincan-recorder");
    }

    private Path recordTalk(int port) {
        Path file = dir.resolve("talk.jsonl");
        CliRun.Result r = CliRun.run(new ByteArrayInputStream("hello\nworld\n".getBytes(StandardCharsets.UTF_8)),
                "connect", "--record", file.toString(), "--linger", "2s", "127.0.0.1", Integer.toString(port));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("hello", "world");
        assertThat(r.err().lines()).contains("recorded 4 frames to " + file + ".");
        return file;
    }

    @Test
    void aRecordedTalkReplaysToTheSameServerAsRecordedAndExportsAsPcap() throws Exception {
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            String port = Integer.toString(echo.port());
            Path file = recordTalk(echo.port());

            CliRun.Result replay = CliRun.run("replay", "--speed", "max", "--compare", file.toString(), "127.0.0.1",
                    port);
            assertThat(replay.exitCode()).as(replay.err()).isZero();
            assertThat(replay.out()).matches("replayed 2 of 2 frames to 127\\.0\\.0\\.1:" + port
                    + " in \\d+\\.\\d s; 2 frames came back \\(2 recorded\\), all as recorded\\.\\R");

            Path pcap = dir.resolve("talk.pcap");
            CliRun.Result export = CliRun.run("export-pcap", file.toString(), pcap.toString());
            assertThat(export.exitCode()).as(export.err()).isZero();
            assertThat(export.out()).isEqualTo("wrote " + pcap + ": 4 frames in 10 packets, " + Files.size(pcap)
                    + " bytes." + System.lineSeparator());
        }
    }

    @Test
    void aServerThatAnswersDifferentlyIsADifferenceAndExitCode1() throws Exception {
        Path file;
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            file = recordTalk(echo.port());
        }
        try (CompanionServer upper = new CompanionServer(ServerConfig.builder().port(0).mode(Mode.UPPER).build())
                .start()) {
            CliRun.Result r = CliRun.run("replay", "--compare", file.toString(), "127.0.0.1",
                    Integer.toString(upper.port()));

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("error: reply 1 differs from the recording at byte 0: expected \"hello\" "
                    + "(5 bytes), got \"Hello HELLO\" (11 bytes)." + System.lineSeparator());
        }
    }

    @Test
    void aReplayToAPortNobodyListensOnFailsInOneSentenceEndingOnce() throws Exception {
        Path file;
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            file = recordTalk(echo.port());
        }
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CliRun.Result r = CliRun.run("replay", file.toString(), "127.0.0.1", Integer.toString(closed));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errFirstLine()).startsWith("error: connect to 127.0.0.1:" + closed + " failed: connection refused")
                .endsWith(".").doesNotEndWith("..");
    }

    @Test
    void speedMaxSendsWithoutTheRecordedGapsAndACutShortRecordingIsNoted() throws Exception {
        Instant start = Instant.parse("2026-11-30T08:31:02Z");
        StringBuilder sb = new StringBuilder(RecordFormat.header(
                new RecordFormat.Header(start, "127.0.0.1", 50009, "line", 1024))).append('\n');
        RecordFormat.line(sb, RecordFormat.Line.frame(1, 0, RecordFormat.Dir.OUT, Bytes.utf8("a")), start).append('\n');
        RecordFormat.line(sb, RecordFormat.Line.frame(2, 5_000_000_000L, RecordFormat.Dir.OUT, Bytes.utf8("b")), start)
                .append('\n').append("{\"seq\":3,");
        Path file = Files.writeString(dir.resolve("gaps.jsonl"), sb);
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            String port = Integer.toString(echo.port());
            CliRun.Result r = CliRun.run("replay", "--speed", "max", file.toString(), "127.0.0.1", port);

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err()).isEqualTo("note: the last line of " + file + " was cut short (the recording did not "
                    + "end cleanly) and is left out." + System.lineSeparator());
            assertThat(r.out()).as("5 s of recorded gap skipped")
                    .matches("replayed 2 of 2 frames to 127\\.0\\.0\\.1:" + port
                            + " in [0-2]\\.\\d s; \\d frames? came back \\(0 recorded\\)\\.\\R");
        }
    }

    @Test
    void whatIsNotARecordingIsAUsageErrorInOneSentence() throws Exception {
        Path missing = dir.resolve("missing.jsonl");
        CliRun.Result r = CliRun.run("replay", missing.toString(), "127.0.0.1", "50009");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: could not open " + missing + ": there is no such file.");

        Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        CliRun.Result e = CliRun.run("export-pcap", text.toString(), dir.resolve("x.pcap").toString());
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.errFirstLine()).isEqualTo("error: " + text + " is not a Tincan recording: it is not a JSON object.");

        for (String speed : new String[] {"fast", "NaN", "-1", "Infinity", "2d", "2f"}) {
            CliRun.Result s = CliRun.run("replay", "--speed", speed, text.toString(), "127.0.0.1", "50009");
            assertThat(s.exitCode()).as(speed).isEqualTo(2);
            assertThat(s.errFirstLine()).isEqualTo("error: --speed \"" + speed + "\" is not a speed: use a positive "
                    + "number such as 2 or 0.5, or max.");
        }
    }
}
