package dev.tincan.cli;

import dev.tincan.codec.HostPort;
import dev.tincan.codec.Escapes;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.DatagramEcho;
import dev.tincan.server.Mode;
import dev.tincan.server.Responder;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.rules.Rule;
import dev.tincan.session.rules.RulesResponder;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tincan serve}: runs the companion server until the process is interrupted
 * (Ctrl+C, whose shutdown hook closes the server) or the command's thread is interrupted.
 * Standard output says where it listens; standard error gets one line per client the server
 * drops (a frame too long, a reset, ...).
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Run the companion server until Ctrl+C.",
            "Modes: echo (each frame back), upper (\"Hello \" + the text upper-cased), you-sent (\"You sent me: \" + "
                + "the frame), chat (each frame to every other client), ticker (\"tick N\" every --tick, unasked), "
                + "flood (--flood-count frames of --flood-size on connect).",
            "With --rules FILE the server answers by the rules in FILE instead of a mode: a fake device without "
                + "code. Each client gets the rules afresh (their own counts and loop guard); a frame no rule "
                + "matches gets no answer; each note a rule makes is printed on standard output.",
            "Each client the server drops (a frame too long, a reset, ...) is one line on standard error.",
            "With --tls clients must speak TLS. The certificate comes from --cert and --key or --pkcs12; without "
                + "them a self-signed one is made for localhost, 127.0.0.1 and ::1. Its SHA-256 fingerprint is "
                + "printed, for clients to compare or pin."},
        footer = {"", "Examples:",
            "  tincan serve",
            "  tincan serve --port 50008 --framing len32le --mode upper",
            "  tincan serve --mode ticker --tick 500ms",
            "  tincan serve --rules device.rules.json --framing crlf",
            "  tincan serve --tls --save-cert server.pem",
            "  tincan serve --udp"})
final class ServeCommand implements Callable<Integer> {
    /** {@code --mode} when not given. */
    static final String DEFAULT_MODE = "echo";
    /** {@code --max-clients} when not given. */
    static final String DEFAULT_MAX_CLIENTS = "64";
    /** {@code --tick} when not given. */
    static final String DEFAULT_TICK = "1s";
    /** {@code --flood-count} when not given. */
    static final String DEFAULT_FLOOD_COUNT = "100000";
    /** {@code --flood-size} when not given. */
    static final String DEFAULT_FLOOD_SIZE = "64";
    /** {@code --flood-rate} when not given. */
    static final String DEFAULT_FLOOD_RATE = "0";

    @Spec
    CommandSpec spec;

    @Mixin
    ListenOptions listen;

    @Mixin
    FramingOption framingOption;

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE", defaultValue = DEFAULT_MODE, converter = ModeConverter.class,
            completionCandidates = Completions.Modes.class,
            description = "What the server does: " + Mode.VALID_SPECS + " (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = DEFAULT_MAX_CLIENTS,
            description = "How many clients may be connected at once (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Mixin
    MaxFrameOption maxFrameOption;

    @Option(names = "--tick", paramLabel = "DURATION", defaultValue = DEFAULT_TICK, converter = DurationConverter.class,
            description = "Ticker mode: the time between two ticks (default: ${DEFAULT-VALUE}).")
    Duration tick;

    @Option(names = "--flood-count", paramLabel = "N", defaultValue = DEFAULT_FLOOD_COUNT,
            description = "Flood mode: how many frames to send on connect (default: ${DEFAULT-VALUE}).")
    long floodCount;

    @Option(names = "--flood-size", paramLabel = "SIZE", defaultValue = DEFAULT_FLOOD_SIZE, converter = SizeConverter.class,
            description = "Flood mode: the payload size of each frame (default: ${DEFAULT-VALUE}).")
    long floodSize;

    @Option(names = "--flood-rate", paramLabel = "N", defaultValue = DEFAULT_FLOOD_RATE,
            description = "Flood mode: frames per second to aim for; 0 sends as fast as the client takes them "
                    + "(default: ${DEFAULT-VALUE}).")
    long floodRate;

    @Option(names = "--udp",
            description = "Echo mode: also answer UDP on the same port, each datagram echoed whole to its sender "
                    + "(no framing).")
    boolean udp;

    @Mixin
    RulesOption rulesOption;

    @Mixin
    ServeTlsFlags tlsFlags;

    @Override
    public Integer call() throws InterruptedException {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Runs the server until interrupted, saying where it listens on {@code out} and each client
     * it drops on {@code err}; returns the exit code. Without picocli ({@link QuickServe}),
     * {@link #spec} is null: no rules, no TLS flag, and values that fit.
     */
    int run(PrintWriter out, PrintWriter err) throws InterruptedException {
        ServerConfig config = config().toBuilder().tls(tlsFlags.serverTls()).build();
        Responder responder = null;
        String modeText = modeText(config);
        if (rulesOption.given()) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--mode")) {
                throw new ParameterException(spec.commandLine(), "--rules and --mode both say how to answer: give one "
                        + "of them.");
            }
            List<Rule> rules = rulesOption.read(spec);
            responder = new RulesResponder(rules, config.framing(), config.maxFrameLength(),
                    rulesOption.snapshotFolder(), note -> {
                        synchronized (out) {
                            out.println(Escapes.oneLine(note));
                            out.flush();
                        }
                    });
            modeText = "rules from " + rulesOption.file.getFileName() + " (" + rules.size()
                    + (rules.size() == 1 ? " rule" : " rules") + "; frames no rule matches get no answer)";
        }
        if (udp && (rulesOption.given() || config.mode() != Mode.ECHO)) {
            throw new ParameterException(spec.commandLine(), "--udp answers in echo mode only: leave out "
                    + (rulesOption.given() ? "--rules" : "--mode " + config.mode().spec()) + ", or leave out --udp.");
        }
        CompanionServer server = new CompanionServer(config, (client, why) -> {
            err.println("client " + HostPort.of(client) + " dropped: " + Escapes.oneLine(why));
            err.flush();
        }, responder);
        DatagramEcho echo = null;
        try {
            server.start();
            if (udp) {
                echo = DatagramEcho.start(config.bind(), server.port(), config.maxFrameLength());
            }
        } catch (IOException e) {
            server.close();
            throw new CommandFailedException(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tincan-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.println("tincan serve: " + modeText + ", " + config.framing().spec() + " framing, listening on "
                    + listen.address(server.port()) + " (Ctrl+C to stop)");
            if (echo != null) {
                out.println("echoing udp datagrams on " + listen.address(echo.port()) + " too.");
            }
            if (config.tls() != null) {
                tlsFlags.describe(config.tls(), out);
            }
            out.flush();
            // Listening: Logback may start now, beside the server.
            HeldLogging.startInBackground();
            // Unbounded on purpose: the server runs until Ctrl+C or an interrupt.
            stopped.await();
        } catch (InterruptedException e) {
            // Asked to stop: that is how serve ends when it is not the whole process.
        } finally {
            if (echo != null) {
                echo.close();
            }
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook runs or ran.
            }
        }
        return 0;
    }

    private ServerConfig config() {
        if (floodSize > ServerConfig.MAX_FLOOD_SIZE) {
            throw new ParameterException(spec.commandLine(), "--flood-size " + SizeConverter.format(floodSize)
                    + " is too large: use 1 byte to " + SizeConverter.format(ServerConfig.MAX_FLOOD_SIZE) + ".");
        }
        try {
            return serverConfig();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * The server's configuration from the options, without TLS.
     *
     * @throws IllegalArgumentException with one sentence when a value is out of range
     */
    ServerConfig serverConfig() {
        return new ServerConfig(listen.bind, listen.port, framingOption.framing, mode, maxClients,
                maxFrameOption.maxFrame, tick, floodCount, (int) floodSize, floodRate);
    }

    private static String modeText(ServerConfig config) {
        if (config.mode() == Mode.TICKER) {
            return "ticker every " + DurationConverter.format(config.tickInterval());
        }
        if (config.mode() == Mode.FLOOD) {
            String size = SizeConverter.format(config.floodSize());
            return "flood of " + config.floodCount() + " frames of " + size
                    + (size.chars().allMatch(Character::isDigit) ? " bytes" : "") + " on connect";
        }
        return config.mode().spec();
    }
}
