package dev.tincan.cli;

import dev.tincan.client.TlsOptions;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.HostPort;
import dev.tincan.relay.Binding;
import dev.tincan.relay.Direction;
import dev.tincan.relay.Relay;
import dev.tincan.relay.RelayConfig;
import dev.tincan.relay.RelayEvent;
import dev.tincan.relay.RelayRecording;
import dev.tincan.relay.RelayRule;
import dev.tincan.relay.Toxics;
import dev.tincan.server.ServerTls;
import dev.tincan.session.rules.Match;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tincan relay LISTEN_PORT HOST PORT}: sits between clients and a server until the
 * process is interrupted (Ctrl+C, whose shutdown hook closes the relay), printing one line per
 * event on standard output: {@code #1 → hello} for a frame from the client, {@code #1 ← hi}
 * for one from the server, and a line for each link opened, closed or turned away. With
 * {@code --quiet} frames that pass untouched print nothing (and cost no event), for a relay
 * that only has to be fast. With {@code --record FILE} each link is recorded, as its client
 * saw it, to FILE with -N before the extension ({@link RelayRecording}). Listening on every
 * interface prints a warning on standard error: such a relay is an open proxy to the server.
 */
@Command(name = "relay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Relay clients to a server until Ctrl+C, printing every frame each way.",
            "Each client that connects to LISTEN_PORT gets its own connection to HOST:PORT; every byte passes on "
                + "as it came, and each direction is decoded with its framing to show its frames: #1 → for client to "
                + "server, #1 ← for server to client.",
            "Faults on demand with --toxic: latency (each chunk waits), bandwidth (bytes per second), slice (bytes "
                + "per write), reset (reset both sides after that many bytes).",
            "With --record FILE each link is recorded to a file of its own, FILE with -N before the extension for "
                + "link N, as its client saw it: tincan replay FILE-N.jsonl HOST PORT plays the client's side "
                + "again.",
            "TLS on either side, to see the plaintext of a TLS conversation you control: with --tls-listen clients "
                + "speak TLS to the relay's certificate (made on the spot unless given; its fingerprint is "
                + "printed); with --tls the relay speaks TLS to HOST:PORT and checks its certificate as connect "
                + "--tls does (--ca, --pin, --sni; --insecure checks nothing)."},
        footer = {"", "Examples:",
            "  tincan relay 50010 127.0.0.1 50007",
            "  tincan relay 50010 device.local 502 --framing len16",
            "  tincan relay 50010 127.0.0.1 50007 --toxic down:latency=200ms,slice=16",
            "  tincan relay 50010 127.0.0.1 50007 --toxic up:reset=4096 --quiet",
            "  tincan relay 50010 127.0.0.1 50007 --record talk.jsonl",
            "  tincan relay 50010 127.0.0.1 50007 --drop down:^PING",
            "  tincan relay 50010 device.local 8883 --tls-listen --tls --ca device-ca.pem"})
final class RelayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LISTEN_PORT", converter = PortConverter.Listen.class,
            description = "The port clients connect to; 0 picks any free port.")
    int listenPort;

    @Parameters(index = "1", paramLabel = "HOST", converter = HostConverter.class,
            description = "The server to relay to: a name or an address.")
    String host;

    @Parameters(index = "2", paramLabel = "PORT", converter = PortConverter.class,
            description = "The server's port.")
    int port;

    @Option(names = {"-b", "--bind"}, paramLabel = "ADDR", defaultValue = "127.0.0.1",
            converter = BindAddressConverter.class,
            description = "The address to listen on; 0.0.0.0 for every interface, which makes the relay an open "
                    + "proxy to the server (default: ${DEFAULT-VALUE}).")
    InetAddress bind;

    @Mixin
    FramingOption framingOption;

    @Option(names = "--framing-up", paramLabel = "FRAMING", converter = FramingConverter.class,
            completionCandidates = Completions.Framings.class,
            description = "How frames from the client are delimited, when not as --framing.")
    Framing framingUp;

    @Option(names = "--framing-down", paramLabel = "FRAMING", converter = FramingConverter.class,
            completionCandidates = Completions.Framings.class,
            description = "How frames from the server are delimited, when not as --framing.")
    Framing framingDown;

    @Option(names = "--max-frame", paramLabel = "SIZE", defaultValue = MaxFrameOption.DEFAULT,
            converter = MaxFrameConverter.class,
            description = "The longest frame decoded; a longer one is shown as bytes not framed and passed on "
                    + "anyway (default: ${DEFAULT-VALUE}).")
    int maxFrame;

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "100",
            description = "How many clients may be relayed at once; one more is turned away (default: "
                    + "${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = "--toxic", paramLabel = "[up:|down:]FAULTS",
            description = "Faults for one direction (up: client to server, down: server to client) or both, as "
                    + "name=value pairs joined by commas: latency=200ms, bandwidth=64k, slice=16, reset=4096. May be "
                    + "given twice, once per direction.")
    List<String> toxics = new ArrayList<>();

    @Option(names = "--drop", paramLabel = "[up:|down:]REGEX",
            description = "Drop every frame that way (or both ways) whose text a regular expression finds a match "
                    + "in; the other side never sees it. May be given again.")
    List<String> drops = new ArrayList<>();

    @Option(names = "--rewrite", paramLabel = "RULE",
            description = "RULE is [up:|down:]REGEX=>NEW: replace every frame that way (or both ways) that the "
                    + "regular expression matches by NEW, a template with {{1}} for its first group, {{frame}} for the whole frame and every other "
                    + "placeholder, e.g. up:^speed=>speed 1. May be given again; the first rule "
                    + "that matches a frame decides, in the order given, drops first.")
    List<String> rewrites = new ArrayList<>();

    @Option(names = {"-q", "--quiet"},
            description = "Print no line for frames that pass untouched: links, faults and errors only.")
    boolean quiet;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Record each link to a file of its own, FILE with -N before the extension for link N: "
                    + "frames to the server as out, from it as in, for tincan replay.")
    Path record;

    @Mixin
    RelayListenTlsFlags listenTls;

    @Mixin
    TlsFlags targetTls;

    /** How long Ctrl+C waits for the recordings to be closed. */
    private static final long RECORDINGS_MILLIS = 2000;

    @Override
    public Integer call() {
        ServerTls identity = listenTls.identity();
        TlsOptions tlsOptions = targetTls.tlsOptions();
        RelayConfig config = config().toBuilder().listenTls(identity == null ? null : identity.context())
                .targetTls(tlsOptions).build();
        Toxics[] faults = faults();
        rules();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Relay relay;
        try {
            relay = Relay.start(config);
        } catch (IOException e) {
            throw new CommandFailedException(e.getMessage());
        }
        // A recording needs every frame; quiet then only prints less.
        relay.quiet(quiet && record == null);
        RelayRecording recording = record == null ? null
                : new RelayRecording(record, config, sentence -> say(out, sentence), sentence -> say(err, sentence));
        relay.rules(rules());
        relay.toxics(Direction.UP, faults[0]);
        relay.toxics(Direction.DOWN, faults[1]);
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch recorded = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            relay.close();
            stopped.countDown();
            try {
                recorded.await(RECORDINGS_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tincan-relay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String where = HostPort.of(bind.getHostAddress(), relay.address().getPort());
            out.println("tincan relay: listening on " + where + (identity == null ? "" : " (TLS)") + ", relaying to "
                    + HostPort.of(host, port) + tlsText(tlsOptions) + ", " + framingText(config) + (faultText(faults).isEmpty() ? "" : ", " + faultText(faults))
                    + " (Ctrl+C to stop)");
            if (identity != null) {
                listenTls.describe(identity, out);
            }
            out.flush();
            if (Binding.everyInterface(bind)) {
                err.println("warning: the relay listens on every interface (" + where + "): anyone who can reach "
                        + "this machine can reach " + HostPort.of(host, port) + " through it (an open proxy); use "
                        + "--bind 127.0.0.1 unless that is what you want.");
                err.flush();
            }
            List<RelayEvent> batch = new ArrayList<>();
            while (stopped.getCount() > 0) {
                RelayEvent first = relay.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                relay.drainTo(batch, 4096);
                for (RelayEvent e : batch) {
                    if (!quiet || !(e instanceof RelayEvent.Frame f && f.fate() == RelayEvent.Fate.PASSED)) {
                        out.println(line(e));
                    }
                    if (recording != null) {
                        recording.record(e);
                    }
                }
                out.flush();
                batch.clear();
            }
        } catch (InterruptedException e) {
            // Asked to stop: that is how relay ends when it is not the whole process.
        } finally {
            relay.close();
            if (recording != null) {
                List<RelayEvent> left = new ArrayList<>();
                relay.drainTo(left, Integer.MAX_VALUE);
                left.forEach(recording::record);
                recording.close();
            }
            recorded.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook runs or ran.
            }
        }
        return 0;
    }

    private static void say(PrintWriter to, String sentence) {
        to.println(sentence);
        to.flush();
    }

    private RelayConfig config() {
        Framing up = framingUp != null ? framingUp : framingOption.framing;
        Framing down = framingDown != null ? framingDown : framingOption.framing;
        try {
            return RelayConfig.builder(host, port).bind(bind).port(listenPort).up(up).down(down)
                    .maxFrameLength(maxFrame).maxClients(maxClients).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The rules from every {@code --drop}, then every {@code --rewrite}, in the order given. */
    private List<RelayRule> rules() {
        List<RelayRule> rules = new ArrayList<>();
        for (String d : drops) {
            rules.add(rule("--drop", d, RelayRule.Action.DROP));
        }
        for (String r : rewrites) {
            rules.add(rule("--rewrite", r, RelayRule.Action.REWRITE));
        }
        return rules;
    }

    private RelayRule rule(String option, String text, RelayRule.Action action) {
        String rest = text;
        Direction direction = null;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("up:")) {
            direction = Direction.UP;
            rest = text.substring(3);
        } else if (lower.startsWith("down:")) {
            direction = Direction.DOWN;
            rest = text.substring(5);
        }
        String template = "";
        if (action == RelayRule.Action.REWRITE) {
            int arrow = rest.lastIndexOf("=>");
            if (arrow < 0) {
                throw new ParameterException(spec.commandLine(), option + " " + text + ": no =>: write the pattern, "
                        + "=>, then what replaces the frame, e.g. up:^PING$=>PONG.");
            }
            template = rest.substring(arrow + 2);
            rest = rest.substring(0, arrow);
        }
        try {
            return new RelayRule(direction, Match.text(Match.Kind.REGEX, rest), action, template, true);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + " " + text + ": " + e.getMessage());
        }
    }

    /** The faults per direction, [up, down], from every {@code --toxic}. */
    private Toxics[] faults() {
        Toxics[] faults = {Toxics.NONE, Toxics.NONE};
        for (String t : toxics) {
            String text = t.strip();
            String lower = text.toLowerCase(Locale.ROOT);
            try {
                if (lower.startsWith("up:")) {
                    faults[0] = Toxics.parse(text.substring(3));
                } else if (lower.startsWith("down:")) {
                    faults[1] = Toxics.parse(text.substring(5));
                } else {
                    faults[0] = Toxics.parse(text);
                    faults[1] = faults[0];
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--toxic " + text + ": " + e.getMessage());
            }
        }
        return faults;
    }

    private static String framingText(RelayConfig c) {
        return c.up().equals(c.down()) ? c.up().spec() + " framing"
                : c.up().spec() + " framing up, " + c.down().spec() + " framing down";
    }

    /** How the server side speaks, for the first line: nothing for plain TCP. */
    private static String tlsText(TlsOptions tls) {
        if (tls == null) {
            return "";
        }
        return tls.insecure() ? " (TLS, its certificate NOT checked: --insecure)" : " (TLS)";
    }

    private static String faultText(Toxics[] faults) {
        List<String> parts = new ArrayList<>();
        if (!faults[0].isNone()) {
            parts.add("faults up " + faults[0].spec());
        }
        if (!faults[1].isNone()) {
            parts.add("faults down " + faults[1].spec());
        }
        return String.join(", ", parts);
    }

    /** The line for one event, without the line end. */
    static String line(RelayEvent event) {
        if (event instanceof RelayEvent.Frame f) {
            String text = "#" + f.link() + " " + f.direction().arrow() + " " + Escapes.escape(f.payload());
            switch (f.fate()) {
                case HELD:
                    return text + "  (held as frame " + f.id() + ")";
                case INJECTED:
                    return text + "  (injected)";
                case DROPPED_BY_RULE:
                    return text + "  (dropped by a rule)";
                case REWRITTEN_BY_RULE:
                    return text + "  (rewritten by a rule)";
                default:
                    return text;
            }
        }
        if (event instanceof RelayEvent.Opened o) {
            return "#" + o.link() + " opened: client " + HostPort.of(o.client()) + ", server "
                    + HostPort.of(o.server());
        }
        if (event instanceof RelayEvent.Closed c) {
            return "#" + c.link() + " closed: " + Escapes.oneLine(c.sentence());
        }
        if (event instanceof RelayEvent.Broken b) {
            return "#" + b.link() + " " + b.direction().arrow() + " " + b.bytes().length() + " bytes not framed, "
                    + "passed on: " + Escapes.oneLine(b.why());
        }
        if (event instanceof RelayEvent.Released r) {
            return "#" + r.link() + " " + r.direction().arrow() + " frame " + r.id() + " "
                    + r.outcome().name().toLowerCase(Locale.ROOT);
        }
        if (event instanceof RelayEvent.Notice n) {
            return (n.link() == 0 ? "" : "#" + n.link() + " ") + "note: " + Escapes.oneLine(n.sentence());
        }
        if (event instanceof RelayEvent.InjectWait w) {
            return "#" + w.link() + " " + w.direction().arrow() + " " + Escapes.oneLine(w.sentence());
        }
        RelayEvent.Refused r = (RelayEvent.Refused) event;
        return "refused: " + Escapes.oneLine(r.sentence());
    }
}
