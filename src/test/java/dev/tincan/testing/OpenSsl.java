package dev.tincan.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code openssl} command as an independent other end: {@code s_server} for Tincan's
 * client to talk to, {@code s_client} to talk to Tincan's server. It must be on PATH; a
 * machine without it fails the test with a sentence rather than skipping it, so the check
 * never silently goes missing ({@code .ci/run} installs it). Output lines, both streams
 * merged, are collected in a queue a test can wait on. Every process is killed by
 * {@link #close()}.
 */
public final class OpenSsl implements AutoCloseable {
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT .*:(\\d+)$");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Thread pump;

    private OpenSsl(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading openssl's output failed: " + e + ")");
            }
        }, "test-openssl-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** {@code openssl} on PATH; fails the test with a sentence when there is none. */
    public static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "openssl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        fail("openssl is not on PATH, and the TLS checks against an independent implementation need it: install "
                + "it (apt-get install openssl; .ci/run does).");
        throw new AssertionError("unreachable");
    }

    /** Starts {@code openssl s_server} on 127.0.0.1, port 0, with {@code args}; returns once it listens. */
    public static Server server(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("s_server", "-accept", "127.0.0.1:0"));
        all.addAll(List.of(args));
        OpenSsl openssl = new OpenSsl(all);
        while (true) {
            String line = openssl.nextLine();
            Matcher m = ACCEPT.matcher(line);
            if (m.find()) {
                return new Server(openssl, Integer.parseInt(m.group(1)));
            }
        }
    }

    /** Starts {@code openssl s_client} with {@code args}. */
    public static OpenSsl client(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("s_client"));
        all.addAll(List.of(args));
        return new OpenSsl(all);
    }

    /** An s_server and the port it listens on. */
    public record Server(OpenSsl process, int port) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    /** Writes {@code text} to the process's standard input. */
    public void write(String text) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write(text.getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** The next output line, waiting at most the test timeout. */
    public String nextLine() throws InterruptedException {
        String line = lines.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (line == null) {
            fail("openssl printed no further line within " + ReplyRecorder.TIMEOUT_MILLIS + " ms; it printed:\n"
                    + String.join("\n", seen));
        }
        seen.add(line);
        return line;
    }

    /** Reads output until a line equal to or containing {@code wanted}; returns everything read, that line included. */
    public List<String> awaitLineContaining(String wanted) throws InterruptedException {
        List<String> read = new ArrayList<>();
        while (true) {
            String line = nextLine();
            read.add(line);
            if (line.contains(wanted)) {
                return read;
            }
        }
    }

    /** Everything printed so far that a test has read. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            pump.join(2000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
