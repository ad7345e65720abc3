package dev.tincan.session.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tincan.codec.Bytes;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tincan connect --record} in a JVM of its own, killed with SIGKILL in the middle of a
 * flood: what reached the file reads back whole, in order, without gaps.
 */
class KilledRecordingTest {
    private static final int SIZE = 64;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aRecordingKilledMidFloodLosesAtMostItsLastLine() throws Exception {
        Path file = dir.resolve("killed.jsonl");
        ServerConfig config = ServerConfig.builder().port(0).mode(Mode.FLOOD).floodCount(50_000_000L)
                .floodSize(SIZE).build();
        try (CompanionServer flood = new CompanionServer(config).start()) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(List.of(java, "-Djava.awt.headless=true",
                    "-Dtincan.log.dir=" + System.getProperty("tincan.log.dir", "target/test-logs"),
                    "-cp", System.getProperty("java.class.path"), "dev.tincan.Tincan",
                    "connect", "--record", file.toString(), "127.0.0.1", Integer.toString(flood.port())))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(dir.resolve("err.txt").toFile())
                    .start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
                // Mid-flood: a few megabytes recorded, the flood far from over.
                while (!Files.exists(file) || Files.size(file) < 4_000_000) {
                    if (!p.isAlive()) {
                        fail("connect ended before it was killed: " + Files.readString(dir.resolve("err.txt")));
                    }
                    if (System.nanoTime() > deadline) {
                        fail("the recording did not grow to 4 MB within 25 s");
                    }
                    p.waitFor(5, TimeUnit.MILLISECONDS);
                }
            } finally {
                p.destroyForcibly();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("the killed JVM is gone").isTrue();
            }
            assertThat(p.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        }

        byte[] all = Files.readAllBytes(file);
        int lastEnd = lastIndexOf(all, (byte) '\n');
        try (RecordingFile rec = RecordingFile.open(file)) {
            assertThat(rec.cutShort()).as("a partial last line is said").isEqualTo(lastEnd != all.length - 1);
            assertThat(rec.framesIn()).as("frames recorded").isGreaterThan(10_000);
            long expectedFrame = 1;
            long lastSeq = -1;
            for (int i = 0; i < rec.size(); i++) {
                RecordFormat.Line line = rec.line(i);
                if (lastSeq >= 0) {
                    assertThat(line.seq()).as("line %d follows the one before without a gap", i)
                            .isEqualTo(lastSeq + 1);
                }
                lastSeq = line.seq();
                if (line.dir() == RecordFormat.Dir.IN) {
                    assertThat(line.bytes()).as("frame %d is whole", expectedFrame).isEqualTo(flood(expectedFrame));
                    expectedFrame++;
                }
            }
        }
        // The file's lines are every line written: only a last one may lack its line end.
        String text = new String(all, 0, lastEnd + 1, StandardCharsets.UTF_8);
        assertThat(text.lines().count()).isGreaterThan(10_000);
    }

    private static Bytes flood(long n) {
        byte[] b = new byte[SIZE];
        Arrays.fill(b, (byte) '.');
        byte[] digits = Long.toString(n).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, b, 0, digits.length);
        return Bytes.adopt(b);
    }

    private static int lastIndexOf(byte[] a, byte b) {
        for (int i = a.length - 1; i >= 0; i--) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
