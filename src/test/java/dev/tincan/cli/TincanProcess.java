package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Tincan in a JVM of its own, as a person runs the jar, for what only a real process
 * shows: a closed standard input, the locale's character set, a display that cannot be
 * opened, the log file of one process. Waits a bounded time and fails loudly if the
 * process does not end; kills it then.
 */
final class TincanProcess {
    /** How long a run may take before the test fails. */
    static final long TIMEOUT_SECONDS = 30;

    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> environment;
    private final ProcessBuilder builder = new ProcessBuilder();
    private boolean stdinClosed;
    private boolean terminal;
    private String shellTail = "";
    private byte[] stdin = new byte[0];
    private String logDir = System.getProperty("tincan.log.dir", "target/test-logs");

    private TincanProcess() {
        environment = builder.environment();
    }

    /** A run with this JVM's environment and class path, logging where the tests log. */
    static TincanProcess create() {
        return new TincanProcess();
    }

    /** Sets ({@code value} non-null) or removes an environment variable of the process. */
    TincanProcess env(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    /** Removes every locale variable and sets {@code LC_ALL}. */
    TincanProcess locale(String lcAll) {
        environment.keySet().removeIf(k -> k.equals("LANG") || k.equals("LANGUAGE") || k.startsWith("LC_"));
        environment.put("LC_ALL", lcAll);
        return this;
    }

    /** Adds a JVM option such as {@code -Dname=value}. */
    TincanProcess jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Logs into {@code dir} instead of where the tests log. */
    TincanProcess logDir(String dir) {
        logDir = dir;
        return this;
    }

    /** Starts the process with file descriptor 0 closed, as the shell's {@code <&-} does. */
    TincanProcess stdinClosed() {
        stdinClosed = true;
        return this;
    }

    /**
     * Runs the process through {@code /bin/sh}, which appends {@code words} (shell syntax)
     * to its arguments: for arguments holding bytes a Java string cannot carry.
     */
    TincanProcess viaShell(String words) {
        shellTail = " " + words;
        return this;
    }

    /**
     * Runs the process on a pseudo-terminal of its own, through util-linux {@code script}, as
     * a person at a terminal runs it: standard output and standard error both reach the
     * terminal, so they come back together as {@link Result#out()}, with the terminal's CR LF
     * line ends. {@link #hasScript()} says whether this can run here.
     */
    TincanProcess onTerminal() {
        terminal = true;
        return this;
    }

    /** Whether {@code script}, which {@link #onTerminal()} needs, is on this machine. */
    static boolean hasScript() {
        return java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/script"));
    }

    /** Feeds {@code text} as UTF-8 on standard input, then closes it. */
    TincanProcess stdin(String text) {
        stdin = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** What a run ended with. */
    record Result(int exitCode, String out, String err, long pid) {
        /** Standard output, line by line. */
        List<String> outLines() {
            return out.lines().toList();
        }

        /** Standard error, line by line. */
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** Runs {@code tincan args...} to its end. */
    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (stdinClosed || !shellTail.isEmpty()) {
            // The shell adds its words, closes descriptor 0 if asked, and then becomes the JVM.
            command.addAll(List.of("/bin/sh", "-c", "exec \"$@\"" + shellTail + (stdinClosed ? " <&-" : ""), "sh"));
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // The JVM options the launcher gives a one-shot command: a run of a second or two
        // never pays back the optimising compiler, and on a busy machine it took the CPU the
        // other tests were waiting for.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.add("-Dtincan.log.dir=" + logDir);
        command.add("-Dtincan.config.file=" + System.getProperty("tincan.config.file", "target/test-config/none"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.tincan.Tincan"));
        command.addAll(List.of(args));
        if (terminal) {
            StringBuilder line = new StringBuilder("exec");
            for (String word : command) {
                line.append(" '").append(word.replace("'", "'\\''")).append('\'');
            }
            command = List.of("/usr/bin/script", "--quiet", "--return", "--command", line.toString(), "/dev/null");
        }
        Process p = builder.command(command).start();
        Drain out = new Drain(p.getInputStream());
        Drain err = new Drain(p.getErrorStream());
        out.start();
        err.start();
        try {
            if (!stdinClosed) {
                p.getOutputStream().write(stdin);
            }
            p.getOutputStream().close();
        } catch (IOException e) {
            // The process ended without reading its input; its exit code says how.
        }
        boolean ended = p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
            p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        out.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        err.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertThat(ended).as("tincan %s ended within %d s; it printed:%n%s%n%s", String.join(" ", args),
                TIMEOUT_SECONDS, out.text(), err.text()).isTrue();
        return new Result(p.exitValue(), out.text(), err.text(), p.pid());
    }

    /** Reads a stream to its end on its own thread, keeping at most 1 MiB. */
    private static final class Drain extends Thread {
        private static final int LIMIT = 1 << 20;
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        Drain(InputStream in) {
            super("test-process-drain");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    synchronized (kept) {
                        kept.write(buf, 0, Math.min(n, Math.max(0, LIMIT - kept.size())));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
