package dev.tincan.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real proxy program on 127.0.0.1 as an independent other end: {@code microsocks} for
 * SOCKS5 and {@code ncat --proxy-type http} for HTTP CONNECT. The program must be on PATH; a
 * machine without it fails the test with a sentence naming the Debian package rather than
 * skipping it ({@code .ci/run} installs both). The process is killed by {@link #close()}.
 */
public final class ExternalProxy implements AutoCloseable {
    private final Process process;
    private final int port;

    private ExternalProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code microsocks} on a free port, with {@code -u user -P password} when a user is given. */
    public static ExternalProxy microsocks(String user, String password) throws Exception {
        Path exe = executable("microsocks", "microsocks");
        return start(port -> {
            List<String> args = new ArrayList<>(List.of(exe.toString(), "-i", "127.0.0.1", "-p", String.valueOf(port)));
            if (user != null) {
                args.addAll(List.of("-u", user, "-P", password));
            }
            return args;
        });
    }

    /** {@code ncat -l --proxy-type http} on a free port, with {@code --proxy-auth user:password} when a user is given. */
    public static ExternalProxy ncatHttp(String user, String password) throws Exception {
        Path exe = executable("ncat", "ncat");
        return start(port -> {
            List<String> args = new ArrayList<>(List.of(exe.toString(), "-l", "-k", "127.0.0.1", String.valueOf(port),
                    "--proxy-type", "http"));
            if (user != null) {
                args.addAll(List.of("--proxy-auth", user + ":" + password));
            }
            return args;
        });
    }

    /** The proxy's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    private interface Command {
        List<String> on(int port);
    }

    /** Starts the program on a port that was free a moment ago; tries another if it was taken meanwhile. */
    private static ExternalProxy start(Command command) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            List<String> args = command.on(port);
            Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ReplyRecorder.TIMEOUT_MILLIS);
            while (p.isAlive() && System.nanoTime() < deadline) {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                    return new ExternalProxy(p, port);
                } catch (IOException notYet) {
                    // Polling a program's port is the one way to know it listens; bounded by the deadline.
                    p.waitFor(20, TimeUnit.MILLISECONDS);
                }
            }
            p.destroyForcibly().waitFor(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (System.nanoTime() >= deadline) {
                fail(args.get(0) + " did not listen on 127.0.0.1:" + port + " within " + ReplyRecorder.TIMEOUT_MILLIS
                        + " ms");
            }
        }
        throw new AssertionError("the proxy program exited three times at start (ports taken?)");
    }

    private static Path executable(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        fail(name + " is not on PATH, and the proxy checks against an independent implementation need it: install "
                + "it (apt-get install " + debianPackage + "; .ci/run does).");
        throw new AssertionError("unreachable");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
