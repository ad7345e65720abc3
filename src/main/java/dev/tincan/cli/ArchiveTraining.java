package dev.tincan.cli;

import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.ui.TincanApp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The training run behind the class data archive that {@code mvn package} makes for the
 * commands ({@code target/tincan.jsa}, see {@code src/main/sh/archive.sh}): runs, in this one JVM,
 * what people run most, so that the classes those runs load are the ones archived. Against a
 * companion server of its own on 127.0.0.1: {@code send} (a reply, then a refused
 * connection, which logs), {@code connect} with one line of input, {@code serve} until it
 * listens, each read both without picocli ({@link QuickLine}) and with it, and {@code --help}
 * and {@code --version}. With the argument {@code gui} it
 * trains the window's archive instead ({@code target/tincan-gui.jsa}): the window, until its
 * first paint. Everything the commands print is dropped; it logs where
 * {@code tincan.log.dir} says.
 *
 * <pre>java -XX:ArchiveClassesAtExit=tincan.jsa -cp tincan.jar dev.tincan.cli.ArchiveTraining [gui]</pre>
 */
public final class ArchiveTraining {
    /** The longest any one step may take before the training gives up on it. */
    private static final long STEP_SECONDS = 20;

    private ArchiveTraining() {
    }

    /**
     * Runs the commands' training, or with the argument {@code gui} the window's; exits 0
     * when every step ended as it should, else 1.
     */
    public static void main(String[] args) throws IOException, InterruptedException, ClassNotFoundException {
        if (args.length > 0 && args[0].equals("gui")) {
            window();
        }
        // A send runs with its lines held (HeldLogging), and a failed one then starts Logback.
        HeldLogging.install();
        // What a send and a serve warm up first, so that it is archived too.
        CommandWarmUp.start("send").join(TimeUnit.SECONDS.toMillis(STEP_SECONDS));
        CommandWarmUp.start("serve").join(TimeUnit.SECONDS.toMillis(STEP_SECONDS));
        // The entry point, which nothing here calls, so that it is archived too.
        Class.forName("dev.tincan.Tincan");
        boolean ok;
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0)
                .framing(Framing.parse("line")).build()).start()) {
            String port = Integer.toString(server.port());
            StandardInput.open();
            ok = quick("send", "127.0.0.1", port, "hello") == 0
                    & quick("send", "127.0.0.1", port) == 0
                    & quick("send", "127.0.0.1", closedPort(), "hello") == 1
                    & released()
                    & run(InputStream.nullInputStream(), "send", "127.0.0.1", port, "hello") == 0
                    & run(InputStream.nullInputStream(), "send", "127.0.0.1", closedPort(), "hello") == 1
                    & released()
                    & QuickConnect.run(new String[] {"connect", "--linger", "10ms", "127.0.0.1", port},
                            new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)), quiet(), quiet()) == 0
                    & run(new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)),
                            "connect", "--linger", "10ms", "127.0.0.1", port) == 0
                    & serveUntilListening(true)
                    & serveUntilListening(false)
                    & run(InputStream.nullInputStream(), "--help") == 0
                    & run(InputStream.nullInputStream(), "send", "--help") == 0
                    & run(InputStream.nullInputStream(), "--version") == 0;
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * Opens the window as {@link Cli#main} does without arguments, with settings in memory
     * only; its first paint ends the process ({@code tincan.firstPaint=exit}). Exits 1 when
     * there is no display or nothing is painted in time.
     */
    private static void window() throws InterruptedException {
        if (!TincanApp.hasDisplay()) {
            System.exit(1);
        }
        System.setProperty("tincan.firstPaint", "exit");
        System.setProperty("tincan.settings", "memory");
        Cli.openWindow();
        Thread.sleep(TimeUnit.SECONDS.toMillis(STEP_SECONDS));
        System.exit(1);
    }

    /** Writes the lines held, as {@link Cli#main} does when a send fails; returns true. */
    private static boolean released() {
        HeldLogging.finish(false);
        return true;
    }

    /**
     * Runs {@code typed} as {@link Cli#main} runs a send {@link QuickSend} reads, with a line
     * on standard input; -1 if it declines.
     */
    private static int quick(String... typed) {
        Integer code = QuickSend.run(Arguments.asTyped(typed),
                new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)), quiet(), quiet());
        return code == null ? -1 : code;
    }

    /** A writer that drops what it is given, as a command's output here. */
    private static PrintWriter quiet() {
        return new PrintWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8), true);
    }

    /** Runs {@code typed} as {@link Cli#main} does, short of exiting. */
    private static int run(InputStream stdin, String... typed) {
        String[] args = Arguments.asTyped(typed);
        return Cli.execute(Cli.commandLine(new TincanCommand(stdin), quiet(), quiet(), args), args);
    }

    /** Runs a serve, read by {@link QuickServe} or by picocli, until it listens; then stops it. */
    private static boolean serveUntilListening(boolean quick) throws InterruptedException {
        CountDownLatch listening = new CountDownLatch(1);
        Writer watch = new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                if (new String(text, offset, length).contains("listening on")) {
                    listening.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        String[] args = {"serve", "--port", "0"};
        Thread serve = new Thread(() -> {
            if (quick) {
                QuickServe.run(args, new PrintWriter(watch), quiet());
            } else {
                Cli.execute(Cli.commandLine(new TincanCommand(InputStream.nullInputStream()), new PrintWriter(watch),
                        quiet(), args), args);
            }
        }, "training-serve");
        serve.start();
        boolean listened = listening.await(STEP_SECONDS, TimeUnit.SECONDS);
        serve.interrupt();
        serve.join(TimeUnit.SECONDS.toMillis(STEP_SECONDS));
        return listened && !serve.isAlive();
    }

    private static String closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Integer.toString(probe.getLocalPort());
        }
    }
}
