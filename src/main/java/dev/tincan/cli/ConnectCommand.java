package dev.tincan.cli;

import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.client.TlsSession;
import dev.tincan.codec.HostPort;
import dev.tincan.session.ConnectionStatus;
import dev.tincan.session.Placeholders;
import dev.tincan.session.Session;
import dev.tincan.session.record.Recorder;
import dev.tincan.session.record.RecorderException;
import dev.tincan.session.rules.Rule;
import dev.tincan.session.rules.SessionRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tincan connect HOST PORT}: like ncat, but framed. Each line of standard input is
 * sent as one frame (by {@link LineSender}); every frame that arrives, pushes included, is
 * printed the moment it arrives (by {@link ReplyPrinter}, draining a {@link Session} on this
 * command's thread, so rows, pairs and status are the ones the window would show). Ends when standard input ends
 * (after a short linger for late replies) or when the server closes. With {@code --pull}
 * frames are read only when asked, one per empty line, as in the request/reply pattern
 * Tincan grew from.
 */
@Command(name = "connect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Talk to a server interactively, each line typed sent as one frame.",
            "Every frame that arrives is printed on its own line the moment it arrives, including frames the server "
                + "pushes unasked. Ends at the end of input (Ctrl+D) or when the server closes.",
            "Placeholders are filled in as each line is sent: {{counter}}, {{time}}, {{random:N}}, {{digits:N}}, "
                + "and {{field:REGEX}} from the last frame received; {{{{ is a literal {{.",
            "With --pull nothing is read until asked: press Enter on an empty line to read one frame.",
            "With --rules FILE, frames that match a rule are answered at once, by the rules, and each note a rule "
                + "makes is printed on standard error.",
            "With --record FILE every frame and event is also written to FILE as it happens (JSON Lines), for "
                + "'tincan replay', 'tincan export-pcap' and File > Open recording in the window.",
            "With --reconnect a connection the server ends, or that fails, is made again after a growing wait, "
                + "each wait shown on standard error; --idle-timeout reports a silent server, --heartbeat keeps a "
                + "quiet connection busy.",
            "With --udp each line is one datagram to HOST PORT and each datagram that comes back is printed with "
                + "the address it came from (127.0.0.1:50007 ← hello); nothing is framed.",
            "With --tls the connection is encrypted and the server's certificate checked; a line on standard error "
                + "shows the TLS version, the cipher suite, and the server's certificate with its SHA-256 "
                + "fingerprint."},
        footer = {"", "Examples:",
            "  tincan connect 127.0.0.1 50007",
            "  tincan connect --framing nul --out hex 127.0.0.1 50007",
            "  printf 'hello\\n\\n' | tincan connect --pull 127.0.0.1 50007",
            "  tincan connect --rules device.rules.json 127.0.0.1 50007",
            "  tincan connect --record talk.jsonl 127.0.0.1 50007",
            "  tincan connect --tls --ca server.pem localhost 50007",
            "  tincan connect --udp 127.0.0.1 50007",
            "  tincan connect --reconnect --idle-timeout 30s --heartbeat PING 127.0.0.1 50007"})
final class ConnectCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectCommand.class);
    /** How long the end may take: the close, then the client thread's stop. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** The longest wait for replies before looking at the input and the clock again. */
    private static final long POLL_MILLIS = 50;
    /** {@code --linger} when not given. */
    static final String DEFAULT_LINGER = "500ms";

    @ParentCommand
    TincanCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    Endpoint endpoint;

    @Mixin
    ClientOptions options;

    @Option(names = "--pull",
            description = "Read from the server only when asked: an empty line reads one frame, printed when it "
                    + "arrives, and frames not asked for wait. Without it every frame is read and printed at once.")
    boolean pull;

    @Mixin
    RulesOption rulesOption;

    @Mixin
    LivenessOptions liveness;

    @Option(names = "--linger", paramLabel = "DURATION", defaultValue = DEFAULT_LINGER, converter = DurationConverter.class,
            description = "How long to wait for late replies after the input ends (default: ${DEFAULT-VALUE}).")
    Duration linger;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Write every frame and event to FILE as it happens (JSON Lines; an existing FILE is "
                    + "replaced).")
    Path record;

    @Override
    public Integer call() throws InterruptedException {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Talks to the server until the input ends or the server closes, printing what arrives on
     * {@code out} and what happens on {@code err}; returns the exit code. Without picocli
     * ({@link QuickConnect}), {@link #spec} is null: no rules, no UDP, and values that fit.
     */
    int run(PrintWriter out, PrintWriter err) throws InterruptedException {
        String address = HostPort.of(endpoint.host, endpoint.port);
        Placeholders.Context placeholders = new Placeholders.Context();
        List<Rule> rules = rulesOption.given() ? rulesOption.read(spec) : List.of();
        ConnectOptions connectOptions;
        try {
            connectOptions = liveness.apply(options.connectOptions().toBuilder().pull(pull).build());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        String note = options.framingNote(spec);
        if (note != null) {
            err.println(note);
        }
        Session session = new Session();
        session.setPairing(options.pairing);
        SessionRules sessionRules = null;
        if (rulesOption.given()) {
            sessionRules = SessionRules.attach(session, rulesOption.snapshotFolder());
            sessionRules.setRules(rules);
        }
        ReplyPrinter printer = new ReplyPrinter(session, address, new FramePrinter(options.out, out), err,
                placeholders);
        session.addFrameListener(printer);
        Recorder recorder = null;
        if (record != null) {
            try {
                recorder = Recorder.start(session, record, endpoint.host, endpoint.port, options.framing().spec(),
                        options.maxFrame(), sentence -> {
                            err.println("error: " + sentence);
                            err.flush();
                        });
            } catch (RecorderException e) {
                throw new CommandFailedException(e.getMessage());
            }
        }
        liveness.apply(session);
        AtomicBoolean down = new AtomicBoolean();
        session.addStatusListener(status -> {
            if (status.phase() == ConnectionStatus.Phase.RECONNECTING) {
                down.set(true);
                err.println(status.sentence() + "…");
                err.flush();
            } else if (status.isConnected() && down.getAndSet(false)) {
                printer.reopened();
                err.println(status.sentence() + ".");
                err.flush();
            } else if (status.phase() == ConnectionStatus.Phase.IDLE && session.gaveUp() != null
                    && down.getAndSet(false)) {
                // The attempts ran out, or one failed in a way trying again cannot mend: the end.
                err.println(status.sentence());
                err.flush();
            }
        });
        session.start();
        LineSender sender = null;
        Thread senderThread = null;
        try {
            AtomicReference<TlsSession> secured = new AtomicReference<>();
            AtomicReference<java.net.InetSocketAddress> answered = new AtomicReference<>();
            session.addTap(reply -> {
                if (reply instanceof ClientReply.Connected c) {
                    answered.set(c.remote());
                    if (c.tls() != null) {
                        secured.set(c.tls());
                    }
                }
            });
            open(session, printer, address, connectOptions);
            if (options.udp) {
                // Connected, the channel hears its peer only: every datagram comes from there.
                printer.datagramsFrom(answered.get());
                err.println("talking udp with " + HostPort.of(answered.get()) + (pull
                        ? ", reading only when asked: each line is sent as one datagram, an empty line reads one"
                        : ": each line is sent as one datagram") + "; end with Ctrl+D.");
            } else if (session.gaveUp() != null) {
                // Gave up already, within the first drain: said so, and the conversation ends at once.
                LOG.debug("{}: gave up before the conversation began", address);
            } else if (session.status().phase() == ConnectionStatus.Phase.RECONNECTING) {
                err.println("lines typed until " + address + " answers are queued and sent when it does; end "
                        + "with Ctrl+D.");
            } else if (!printer.connectionClosed()) {
                // A server that answers the connect and closes at once has had its say printed already.
                err.println("connected to " + address + " with " + options.framing().spec() + " framing"
                        + (pull ? ", reading only when asked: each line is sent as one frame, an empty line reads "
                                + "one" : ": each line is sent as one frame")
                        + "; end with Ctrl+D.");
            }
            String via = options.udp ? null : via(connectOptions, answered.get());
            if (via != null && !printer.connectionClosed()) {
                err.println(via);
            }
            if (secured.get() != null) {
                err.println("secured with " + secured.get().summary() + ".");
            }
            err.flush();
            // Ready: Logback may start now, beside the session.
            HeldLogging.startInBackground();
            CountDownLatch inputEnded = new CountDownLatch(1);
            sender = new LineSender(root.stdin(), session, options.payloadFraming(), options.hex, pull, err,
                    placeholders, inputEnded::countDown);
            senderThread = new Thread(sender, "tincan-cli-stdin");
            // Reading standard input cannot be interrupted; a daemon thread does not hold the process open.
            senderThread.setDaemon(true);
            senderThread.start();
            converse(printer, inputEnded);
        } catch (CommandFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("{}: printing replies failed", address, e);
            printer.report("printing replies failed unexpectedly; the details are in " + Cli.logFile() + ".");
        } finally {
            if (sender != null) {
                sender.stop();
                senderThread.interrupt();
            }
            end(session, printer, address);
            if (sessionRules != null) {
                sessionRules.close();
            }
            if (recorder != null) {
                recorder.stop();
            }
        }
        printer.finish();
        boolean recordFailed = false;
        if (recorder != null) {
            recordFailed = recorder.failure() != null;
            if (!recordFailed) {
                err.println("recorded " + recorder.frames() + (recorder.frames() == 1 ? " frame" : " frames")
                        + " to " + record + ".");
                err.flush();
            }
        }
        return printer.failed() || recordFailed || (sender != null && sender.failed()) || session.gaveUp() != null
                ? FailureHandler.EXIT_FAILURE : 0;
    }

    /**
     * Connects and waits, draining, for the outcome.
     *
     * @throws CommandFailedException with the engine's sentence when the connect fails
     */
    /**
     * Which address answered, when the host was a name ("the server answered at
     * 127.0.0.1:50007."), or the proxy gone through; null when HOST was that address.
     */
    private String via(ConnectOptions connectOptions, java.net.InetSocketAddress remote) {
        if (connectOptions.proxy() != null) {
            return "through " + connectOptions.proxy().describe() + ".";
        }
        boolean literal = endpoint.host.indexOf(':') >= 0 || endpoint.host.matches("[0-9.]+");
        if (remote == null || remote.getAddress() == null || literal) {
            return null;
        }
        return "the server answered at " + HostPort.of(remote) + ".";
    }

    private void open(Session session, ReplyPrinter printer, String address, ConnectOptions options)
            throws InterruptedException {
        String refused = session.connect(endpoint.host, endpoint.port, options);
        if (refused != null) {
            throw new CommandFailedException(refused);
        }
        Duration wait = options.connectTimeout().plus(GRACE);
        long deadline = System.nanoTime() + wait.toNanos();
        while (session.status().phase() == ConnectionStatus.Phase.CONNECTING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.warn("{}: the client thread gave no answer within {}", address, wait);
                throw new CommandFailedException("connect to " + address + " got no answer within "
                        + DurationConverter.format(wait) + "; the details are in " + Cli.logFile() + ".");
            }
            printer.drain(Math.max(1, left / 1_000_000L));
        }
        // Closed already means connected first: the server spoke and hung up within one drain.
        // Reconnecting means the first connect failed in a way worth trying again (--reconnect).
        // Gave up means the attempts ran out before this looked: the status listener said so.
        ConnectionStatus.Phase phase = session.status().phase();
        if (!session.status().isConnected() && !printer.connectionClosed()
                && phase != ConnectionStatus.Phase.RECONNECTING && session.gaveUp() == null) {
            String why = printer.connectFailure();
            throw new CommandFailedException(why != null ? why : session.status().sentence());
        }
    }

    /**
     * Ends the conversation: closes the connection after the frames already handed over
     * (each still gets its outcome), then stops the client thread, printing what arrives
     * meanwhile; every wait is bounded.
     */
    private static void end(Session session, ReplyPrinter printer, String address) throws InterruptedException {
        printer.ending();
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (isOpen(session) && session.disconnect() != null && System.nanoTime() - deadline < 0) {
            // The command queue is full: let the client thread work through it.
            printer.drain(POLL_MILLIS);
        }
        while (isOpen(session) && System.nanoTime() - deadline < 0) {
            printer.drain(POLL_MILLIS);
        }
        session.shutdown();
        while (session.status().phase() != ConnectionStatus.Phase.STOPPED && System.nanoTime() - deadline < 0) {
            printer.drain(POLL_MILLIS);
        }
        if (!session.awaitStopped(GRACE.toMillis())) {
            LOG.warn("{}: {} still runs {} after shutdown", address, session.threadName(), GRACE);
        }
    }

    /** Whether the connection is open or on its way to open or closed. */
    private static boolean isOpen(Session session) {
        ConnectionStatus.Phase phase = session.status().phase();
        return phase == ConnectionStatus.Phase.CONNECTED || phase == ConnectionStatus.Phase.CONNECTING
                || phase == ConnectionStatus.Phase.CLOSING;
    }

    /**
     * Prints what arrives until the connection ends, reconnecting gives up, or the input has
     * ended and the linger has passed. While reconnecting the linger waits: lines piped in are
     * queued for the connection to come, and a reconnect with a limit ends by connecting or by
     * giving up. Unbounded on purpose: a conversation typed by hand lasts as long as the
     * person wants.
     */
    private void converse(ReplyPrinter printer, CountDownLatch inputEnded) throws InterruptedException {
        Session session = printer.session();
        long lingerEnds = 0;
        boolean lingering = false;
        while (session.gaveUp() == null && (!printer.connectionClosed()
                || session.status().phase() == ConnectionStatus.Phase.RECONNECTING)) {
            if (session.status().phase() == ConnectionStatus.Phase.RECONNECTING) {
                // No connection to linger on: the linger starts again once there is one.
                lingering = false;
            } else if (!lingering && inputEnded.getCount() == 0) {
                lingering = true;
                lingerEnds = System.nanoTime() + linger.toNanos();
            }
            if (lingering && System.nanoTime() - lingerEnds >= 0) {
                return;
            }
            long waitMillis = lingering
                    ? Math.max(1, Math.min(POLL_MILLIS, (lingerEnds - System.nanoTime()) / 1_000_000L)) : POLL_MILLIS;
            printer.drain(waitMillis);
        }
    }
}
