package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.testing.LoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every process logs to a file of its own, named after its start and its pid, so runs
 * side by side never mix their lines; and the files of finished runs do not pile up.
 */
class LogFilesTest {

    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static List<Path> logs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }

    private static Path logOf(Path dir, long pid) throws IOException {
        List<Path> mine = logs(dir).stream().filter(p -> p.getFileName().toString().endsWith("-" + pid + ".log"))
                .toList();
        assertThat(mine).as("the log of process " + pid + " in " + logs(dir)).hasSize(1);
        return mine.get(0);
    }

    @Test
    void twoRunsLogToTwoFilesEachWithOnlyItsOwnLines(@TempDir Path dir) throws Exception {
        int portA = closedPort();
        int portB = closedPort();
        // The kernel may hand the same free port out twice in a row; the two runs must differ.
        while (portB == portA) {
            portB = closedPort();
        }

        TincanProcess.Result a = TincanProcess.create().logDir(dir.toString())
                .run("send", "127.0.0.1", Integer.toString(portA), "hi");
        TincanProcess.Result b = TincanProcess.create().logDir(dir.toString())
                .run("send", "127.0.0.1", Integer.toString(portB), "hi");

        assertThat(a.exitCode()).isEqualTo(1);
        assertThat(b.exitCode()).isEqualTo(1);
        String logA = Files.readString(logOf(dir, a.pid()), StandardCharsets.UTF_8);
        String logB = Files.readString(logOf(dir, b.pid()), StandardCharsets.UTF_8);
        assertThat(logA).contains("127.0.0.1:" + portA).doesNotContain("127.0.0.1:" + portB);
        assertThat(logB).contains("127.0.0.1:" + portB).doesNotContain("127.0.0.1:" + portA);
        assertThat(logOf(dir, a.pid()).getFileName().toString()).matches("tincan-\\d{8}-\\d{6}-" + a.pid() + "\\.log");
    }

    @Test
    void aRunThatLogsNothingLeavesNoFile(@TempDir Path dir) throws Exception {
        TincanProcess.Result r = TincanProcess.create().logDir(dir.toString())
                .run("send", "127.0.0.1", "not-a-port", "hi");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(logs(dir)).as("the logs after a mistyped send, which logs nothing").isEmpty();
    }

    @Test
    void aSendThatSucceedsLeavesNoFile(@TempDir Path dir) throws Exception {
        try (LoopbackServer echo = LoopbackServer.start(s -> s.getInputStream().transferTo(s.getOutputStream()))) {
            TincanProcess.Result r = TincanProcess.create().logDir(dir.toString())
                    .run("send", "127.0.0.1", Integer.toString(echo.port()), "hi");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("hi" + System.lineSeparator());
        }
        assertThat(logs(dir)).as("the logs after a send that succeeded").isEmpty();
    }

    @Test
    void aSendThatFailsLogsWhatHappenedBeforeTheFailure(@TempDir Path dir) throws Exception {
        try (LoopbackServer silent = LoopbackServer.start(
                s -> s.getInputStream().transferTo(OutputStream.nullOutputStream()))) {
            TincanProcess.Result r = TincanProcess.create().logDir(dir.toString())
                    .run("send", "--timeout", "200ms", "127.0.0.1", Integer.toString(silent.port()), "hi");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(Files.readString(logOf(dir, r.pid()), StandardCharsets.UTF_8))
                    .contains("connected to 127.0.0.1:" + silent.port())
                    .contains("FailureHandler");
        }
    }

    @Test
    void aConnectThatSucceedsStillLogsItsLines(@TempDir Path dir) throws Exception {
        try (LoopbackServer echo = LoopbackServer.start(s -> s.getInputStream().transferTo(s.getOutputStream()))) {
            TincanProcess.Result r = TincanProcess.create().logDir(dir.toString()).stdin("hi\n")
                    .run("connect", "--linger", "10ms", "127.0.0.1", Integer.toString(echo.port()));

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(Files.readString(logOf(dir, r.pid()), StandardCharsets.UTF_8))
                    .contains("connected to 127.0.0.1:" + echo.port());
        }
    }

    @Test
    void theLogsOfFinishedRunsDoNotPileUp(@TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        // Pids above the kernel's limit (2^22) belong to no process.
        for (int i = 0; i < 30; i++) {
            Path old = dir.resolve(String.format("tincan-20240101-%06d-%d.log", i, 5_000_000 + i));
            Files.writeString(old, "an old run\n");
            Files.setLastModifiedTime(old, FileTime.from(now.minus(60 - i, ChronoUnit.MINUTES)));
        }
        Path empty = dir.resolve("tincan-20240102-000000-6000000.log");
        Files.createFile(empty);
        Path rolled = dir.resolve("tincan-20240101-000029-5000029.1.log");
        Files.writeString(rolled, "the older part of the newest old run\n");
        Path other = dir.resolve("notes.log");
        Files.writeString(other, "not Tincan's\n");

        TincanProcess.Result r = TincanProcess.create().logDir(dir.toString())
                .run("send", "127.0.0.1", Integer.toString(closedPort()), "hi");

        assertThat(r.exitCode()).isEqualTo(1);
        List<Path> left = logs(dir);
        assertThat(left).contains(logOf(dir, r.pid()), other, rolled,
                dir.resolve("tincan-20240101-000029-5000029.log"));
        assertThat(left).doesNotContain(empty, dir.resolve("tincan-20240101-000000-5000000.log"));
        assertThat(left.stream().filter(p -> p.getFileName().toString().matches("tincan-\\d{8}-\\d{6}-\\d+\\.log")))
                .as("the logs of at most " + LogFile.MAX_RUNS + " runs are kept").hasSize(LogFile.MAX_RUNS);
    }

    @Test
    void theSentencesNameThisProcesssLog() {
        assertThat(Cli.logFile().getFileName().toString())
                .matches("tincan-\\d{8}-\\d{6}-" + ProcessHandle.current().pid() + "\\.log");
    }
}
