package dev.tincan.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Tincan's command line in a separate JVM, as a person runs it from a shell, and keeps
 * the exact bytes it wrote to standard output and standard error. Headless; logs go to the
 * tests' log directory. Every run is bounded: one that does not end in time is killed and
 * fails the test.
 */
public final class TincanProcess {
    private static final long TIMEOUT_SECONDS = 30;

    /** What a run ended with: its exit code and the exact bytes of its two output streams. */
    public record Result(int exitCode, byte[] out, String err) {
        /** Standard output decoded as UTF-8. */
        public String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }

        /** Standard output, line by line. */
        public List<String> outLines() {
            return outText().lines().toList();
        }
    }

    private TincanProcess() {
    }

    /** Runs {@code tincan args...} with an empty standard input, as {@code < /dev/null} gives. */
    public static Result run(String... args) throws IOException, InterruptedException {
        return run(false, args);
    }

    /**
     * Runs {@code tincan args...} with a standard input that stays open, with nothing written
     * to it, until the process ends: commands that read it see neither input nor its end.
     */
    public static Result runWithInputOpen(String... args) throws IOException, InterruptedException {
        return run(true, args);
    }

    private static Result run(boolean inputOpen, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The JVM options the launcher gives a one-shot command: a run of a second or two
        // never pays back the optimising compiler.
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Dtincan.log.dir=" + System.getProperty("tincan.log.dir", "target/test-logs"),
                "-Dtincan.config.file=" + System.getProperty("tincan.config.file", "target/test-config/none"),
                "-cp", System.getProperty("java.class.path"), "dev.tincan.Tincan"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("tincan-out", ".bin");
        Path err = Files.createTempFile("tincan-err", ".txt");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!inputOpen) {
                p.getOutputStream().close();
            }
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("tincan " + String.join(" ", args) + " did not end within " + TIMEOUT_SECONDS
                            + " s; it printed:\n" + Files.readString(out) + Files.readString(err));
                }
            } finally {
                p.getOutputStream().close();
            }
            return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
