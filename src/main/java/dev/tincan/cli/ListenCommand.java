package dev.tincan.cli;

import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.HostPort;
import dev.tincan.relay.Binding;
import dev.tincan.relay.ListenConfig;
import dev.tincan.relay.Listener;
import dev.tincan.server.ServerTls;
import dev.tincan.session.ConnectionStatus;
import dev.tincan.session.FrameListener;
import dev.tincan.session.Session;
import dev.tincan.session.TranscriptRow;
import dev.tincan.session.record.Recorder;
import dev.tincan.session.record.RecorderException;
import dev.tincan.session.rules.Rule;
import dev.tincan.session.rules.SessionRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tincan listen PORT}: be the server a device calls. A {@link Listener} accepts each
 * client as a {@link Session} of its own; this command's thread drains them all, a bounded
 * number of replies from each in turn (at most {@code --max-clients} sessions, so one round
 * is bounded, and one thread keeps the lines of different clients from interleaving), and
 * prints each frame that arrives prefixed by its client: {@code #1 127.0.0.1:53122 ← hello}.
 * Each line of standard input goes to every client, or with {@code @N} to client #N. Runs
 * until Ctrl+C (whose shutdown hook ends it and waits, bounded, for the recordings to be
 * closed) or until its thread is interrupted, as {@code serve} does; the end of standard
 * input only stops reading it.
 */
@Command(name = "listen",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Be the server a device calls: listen on PORT until Ctrl+C and print every frame each client sends, "
                + "prefixed by the client (#1 127.0.0.1:53122 ← hello).",
            "Each line typed is sent as one frame to every client; '@N line' sends it to client #N only. Lines on "
                + "standard error say who connected, who left and who was turned away.",
            "With --rules FILE each client is answered by the rules in FILE, each with its own counts.",
            "With --record FILE each client is recorded to a file of its own, FILE with -N before the extension "
                + "(talk.jsonl: talk-1.jsonl, talk-2.jsonl, ... for clients #1, #2, ...); each replays as one "
                + "conversation with 'tincan replay'.",
            "With --tls every client must speak TLS, to the certificate from --cert and --key or --pkcs12, or to a "
                + "self-signed one made for localhost, 127.0.0.1 and ::1; its fingerprint is printed for clients to "
                + "pin, and --save-cert writes it for them to trust. A client that does not finish the handshake "
                + "within 5 s is closed, with a line on standard error."},
        footer = {"", "Examples:",
            "  tincan listen 50007",
            "  tincan listen --framing crlf --rules device.rules.json 50007",
            "  tincan listen --bind 0.0.0.0 --max-clients 10 --record talk.jsonl 50007",
            "  tincan listen --tls --save-cert listener.pem 50007",
            "  tincan listen --udp 50007"})
final class ListenCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ListenCommand.class);
    /** Replies taken from one client's session per round. */
    private static final int TAKE = 256;
    /** The longest wait for something to print before looking at the listener's events again. */
    private static final long POLL_MILLIS = 50;
    /** How long the end may take: every session's stop, then the recordings' close. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Pattern TO_ONE = Pattern.compile("@(\\d{1,9}) ?(.*)", Pattern.DOTALL);

    @ParentCommand
    TincanCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PORT", converter = PortConverter.Listen.class,
            description = "The port to listen on; 0 picks any free port.")
    int port;

    @Option(names = {"-b", "--bind"}, paramLabel = "ADDR", defaultValue = "127.0.0.1",
            converter = BindAddressConverter.class,
            description = "The address to listen on; 0.0.0.0 or :: opens the port to the network "
                    + "(default: ${DEFAULT-VALUE}).")
    InetAddress bind;

    @Mixin
    FramingOption framingOption;

    @Mixin
    MaxFrameOption maxFrameOption;

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "" + ListenConfig.DEFAULT_MAX_CLIENTS,
            description = "How many clients may be connected at once; one more is turned away with a line on "
                    + "standard error (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = {"-o", "--out"}, paramLabel = "FORMAT", defaultValue = "text",
            converter = OutputFormat.Converter.class,
            completionCandidates = Completions.Formats.class,
            description = "How received frames are printed after the client's name: text (non-printable bytes "
                    + "escaped), hex, or json (default: ${DEFAULT-VALUE}).")
    OutputFormat out;

    @Option(names = "--hex",
            description = "Lines typed are hex, e.g. \"48 65 6c 6c 6f\", instead of text with escapes "
                    + "(\\n \\r \\t \\0 \\\\ \\xHH).")
    boolean hex;

    @Mixin
    RulesOption rulesOption;

    @Mixin
    ServeTlsFlags tlsFlags;

    @Option(names = "--udp",
            description = "Listen for UDP datagrams instead of TCP clients: each datagram is printed with its peer "
                    + "(#1 127.0.0.1:53122 ← hello); a line typed answers the last sender, '@N line' peer #N, "
                    + "'@ADDR:PORT line' any address. --framing is not applied; not with --rules, --record or "
                    + "--max-clients.")
    boolean udp;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Record each client to a file of its own: FILE with -N before the extension for client "
                    + "#N (JSON Lines; existing files are replaced).")
    Path record;

    /** What a client's session needs besides the listener, made before its first frame. */
    private record Extras(int n, SessionRules rules, Recorder recorder, Path file) {
    }

    /** Set up for each session by the listener's accepting thread, taken by this command's thread. */
    private final Map<Session, Extras> extras = new ConcurrentHashMap<>();
    /** Wakes this command's thread when any client's engine has something for it; holds one wake-up at most. */
    private final BlockingQueue<Boolean> wake = new ArrayBlockingQueue<>(1);
    /** Clients this command's thread drains, by id; at most the cap, as ended ones are let go. */
    private final Map<Integer, ClientPrinter> clients = new LinkedHashMap<>();
    /** How many sessions have been set up, for the recording names; accepting thread only. */
    private int setUp;
    private PrintWriter stdout;
    private PrintWriter stderr;
    /** The port bound, once known, for the recordings' headers. */
    private volatile int boundPort;
    private volatile boolean failed;

    @Override
    public Integer call() throws InterruptedException {
        stdout = spec.commandLine().getOut();
        stderr = spec.commandLine().getErr();
        if (udp) {
            return udp();
        }
        List<Rule> rules = rulesOption.given() ? rulesOption.read(spec) : List.of();
        ConnectOptions options;
        ListenConfig config;
        try {
            options = ConnectOptions.builder().framing(framingOption.framing).maxFrameLength(maxFrameOption.maxFrame)
                    .build();
            config = new ListenConfig(bind, port, options, maxClients, session -> setUp(session, rules));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ServerTls identity = tlsFlags.serverTls();
        if (identity != null) {
            config = config.withTls(identity.context());
        }
        Listener listener;
        try {
            listener = Listener.start(config);
        } catch (IOException e) {
            throw new CommandFailedException(e.getMessage());
        }
        boundPort = listener.address().getPort();
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            interrupted.countDown();
            main.interrupt();
            try {
                ended.await(GRACE.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tincan-listen-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread stdin = null;
        try {
            String where = HostPort.of(listener.address());
            stdout.println("listening on " + where + " (" + framingOption.framing.spec() + " framing"
                    + (identity == null ? "" : ", TLS") + "); type a line to send it to every client, or @N line to "
                    + "send to client #N.");
            if (identity != null) {
                tlsFlags.describe(identity, stdout);
            }
            stdout.flush();
            if (Binding.everyInterface(bind)) {
                say("warning: " + where + " listens on every interface, so the port is open to the network; use "
                        + "--bind 127.0.0.1 to keep it to this machine.");
            }
            stdin = new Thread(() -> readInput(listener), "tincan-cli-stdin");
            // Reading standard input cannot be interrupted; a daemon thread does not hold the process open.
            stdin.setDaemon(true);
            stdin.start();
            // Unbounded on purpose: a listener runs until Ctrl+C or an interrupt.
            while (interrupted.getCount() > 0) {
                wake.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                round(listener);
            }
        } catch (InterruptedException e) {
            // Asked to stop: Ctrl+C, or the thread that runs listen when it is not the whole process.
        } catch (RuntimeException e) {
            LOG.error("listen on {}: printing failed", HostPort.of(listener.address()), e);
            report("printing failed unexpectedly; the details are in " + Cli.logFile() + ".");
        } finally {
            end(listener);
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook runs or ran.
            }
        }
        return failed ? FailureHandler.EXIT_FAILURE : 0;
    }

    /** {@code --udp}: refuses the options that are TCP's only, then runs {@link UdpListen}. */
    private int udp() {
        for (String tcpOnly : new String[] {"--rules", "--record", "--max-clients"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(tcpOnly)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), tcpOnly + " works with TCP "
                        + "clients only: leave it out with --udp.");
            }
        }
        if (spec.commandLine().getParseResult().hasMatchedOption(FramingOption.NAME)) {
            stderr.println("note: with --udp each datagram is one message; --framing "
                    + framingOption.framing.spec() + " is not applied.");
            stderr.flush();
        }
        return new UdpListen(bind, port, maxFrameOption.maxFrame, out, hex, root.stdin(), stdout, stderr).run();
    }

    /** The listener's setup: rules, a recording and the wake-up tap, before the first frame. Accepting thread. */
    private void setUp(Session session, List<Rule> rules) {
        int n = setUp + 1;
        Recorder recorder = null;
        Path file = null;
        if (record != null) {
            file = numbered(record, n);
            try {
                recorder = Recorder.start(session, file, bind.getHostAddress(), boundPort != 0 ? boundPort : port,
                        framingOption.framing.spec(), maxFrameOption.maxFrame, sentence -> say("error: " + sentence));
            } catch (RecorderException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        SessionRules sessionRules = null;
        if (rulesOption.given()) {
            sessionRules = SessionRules.attach(session, rulesOption.snapshotFolder());
            sessionRules.setRules(rules);
        }
        session.addTap(reply -> wake.offer(Boolean.TRUE));
        extras.put(session, new Extras(n, sessionRules, recorder, file));
        setUp = n;
    }

    /** {@code file} with {@code -n} before its extension: talk.jsonl, 3 → talk-3.jsonl; talk → talk-3. */
    static Path numbered(Path file, int n) {
        return Recorder.numbered(file, n);
    }

    /** One round: the listener's events, then a bounded take from every client. */
    private void round(Listener listener) throws InterruptedException {
        List<Listener.Event> events = new ArrayList<>();
        listener.drainTo(events, TAKE);
        for (Listener.Event event : events) {
            if (event instanceof Listener.Event.Accepted a) {
                Listener.Client client = a.client();
                ClientPrinter printer = new ClientPrinter(client, extras.remove(client.session()));
                client.session().addFrameListener(printer);
                clients.put(client.id(), printer);
                // No count of who is connected: by the time this round prints it, the client may have left.
                say(client.label() + " connected" + (printer.extras != null && printer.extras.file() != null
                        ? "; recording to " + printer.extras.file() : "") + ".");
            } else if (event instanceof Listener.Event.TurnedAway t) {
                say(t.sentence());
            }
        }
        for (Iterator<ClientPrinter> it = clients.values().iterator(); it.hasNext();) {
            ClientPrinter printer = it.next();
            printer.drain(0);
            if (printer.closed && !printer.forgotten) {
                printer.forgotten = true;
                listener.forget(printer.client.id());
            }
            if (printer.session().status().phase() == ConnectionStatus.Phase.STOPPED) {
                printer.session().awaitStopped(GRACE.toMillis());
                printer.finish();
                it.remove();
            }
        }
    }

    /** Closes the listener, then drains every client's session until it stops, bounded, and closes what it had. */
    private void end(Listener listener) {
        listener.close();
        long deadline = System.nanoTime() + GRACE.toNanos();
        try {
            List<Listener.Event> events = new ArrayList<>();
            listener.drainTo(events, Listener.EVENT_CAPACITY);
            for (Listener.Event event : events) {
                if (event instanceof Listener.Event.Accepted a) {
                    ClientPrinter printer = new ClientPrinter(a.client(), extras.remove(a.client().session()));
                    a.client().session().addFrameListener(printer);
                    clients.put(a.client().id(), printer);
                }
            }
            for (ClientPrinter printer : clients.values()) {
                printer.session().shutdown();
            }
            for (ClientPrinter printer : clients.values()) {
                while (printer.session().status().phase() != ConnectionStatus.Phase.STOPPED
                        && System.nanoTime() - deadline < 0) {
                    printer.drain(POLL_MILLIS);
                }
                if (!printer.session().awaitStopped(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L))) {
                    LOG.warn("{}: {} still runs after shutdown", printer.client.label(), printer.session().threadName());
                }
                printer.finish();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (ClientPrinter printer : clients.values()) {
                printer.finish();
            }
        }
        clients.clear();
        // Sessions set up but never accepted (the close came between): their recordings still close.
        for (Extras e : extras.values()) {
            close(e);
        }
        extras.clear();
    }

    /** Sends each line of standard input, to every client or with {@code @N} to one; on its own thread. */
    private void readInput(Listener listener) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(root.stdin(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                send(listener, line);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("reading standard input failed", e);
            say("error: reading standard input failed; the clients still get what the rules send.");
        }
    }

    private void send(Listener listener, String line) {
        Matcher m = TO_ONE.matcher(line);
        String text = m.matches() ? m.group(2) : line;
        Bytes payload;
        try {
            payload = Payloads.parse(text, hex, framingOption.framing);
        } catch (IllegalArgumentException e) {
            say("error: " + e.getMessage());
            return;
        }
        if (!m.matches()) {
            String why = listener.broadcast(payload);
            if (why != null) {
                say(why);
            }
            return;
        }
        int id = Integer.parseInt(m.group(1));
        Listener.Client client = listener.client(id);
        if (client == null || !listener.isConnected(id)) {
            List<String> ids = new ArrayList<>();
            for (Listener.Client c : listener.clients()) {
                if (listener.isConnected(c.id())) {
                    ids.add("#" + c.id());
                }
            }
            say("no client #" + id + " is connected: " + (ids.isEmpty() ? "none is." : "the clients connected are "
                    + String.join(", ", ids) + "."));
            return;
        }
        Session session = client.session();
        String why = session.status().isConnected() ? session.send(payload) : session.sendAsap(payload);
        if (why != null) {
            say(client.label() + ": " + why);
        }
    }

    private void say(String sentence) {
        synchronized (stderr) {
            stderr.println(Escapes.oneLine(sentence));
            stderr.flush();
        }
    }

    private void report(String sentence) {
        failed = true;
        say("error: " + sentence);
    }

    private void close(Extras e) {
        if (e.rules() != null) {
            e.rules().close();
        }
        if (e.recorder() != null) {
            e.recorder().stop();
            if (e.recorder().failure() == null) {
                say("recorded " + e.recorder().frames() + (e.recorder().frames() == 1 ? " frame" : " frames")
                        + " to " + e.file() + ".");
            } else {
                failed = true;
            }
        }
    }

    /** Prints one client's rows, prefixed by its name; this command's thread only. */
    private final class ClientPrinter implements FrameListener {
        final Listener.Client client;
        final Extras extras;
        final String prefix;
        boolean closed;
        boolean forgotten;
        private int received;
        private boolean finished;
        /** What the listener callbacks of one take have to say, printed after that take's rows. */
        private final List<String> later = new ArrayList<>();

        ClientPrinter(Listener.Client client, Extras extras) {
            this.client = client;
            this.extras = extras;
            this.prefix = client.label() + " ";
        }

        Session session() {
            return client.session();
        }

        void drain(long timeoutMillis) throws InterruptedException {
            int n = session().take(TAKE, timeoutMillis);
            if (n > 0 || session().hasChanges()) {
                for (TranscriptRow row : session().changes().rows()) {
                    print(row);
                }
            }
            // Said after the rows the same take made, so a client's last frame comes before "left".
            for (String line : later) {
                say(line);
            }
            later.clear();
        }

        private void print(TranscriptRow row) {
            if (row.kind() == TranscriptRow.Kind.RECEIVED) {
                received++;
                synchronized (stdout) {
                    stdout.println(prefix + "← " + FramePrinter.line(out, received, row.payload(), null));
                    stdout.flush();
                }
            } else if (row.kind() == TranscriptRow.Kind.NOTE) {
                say(prefix + Escapes.oneLine(row.message()));
            }
        }

        @Override
        public void failed(ClientReply.Error e) {
            // The client's trouble, not the listener's: said, and the listener goes on.
            later.add("error: " + prefix + e.message());
        }

        @Override
        public void closed(ClientReply.Closed c) {
            closed = true;
            if (c.by() == ClientReply.By.SERVER) {
                later.add(client.label() + " left.");
            } else if (c.by() == ClientReply.By.ERROR) {
                later.add(client.label() + " left: " + c.reason());
            }
        }

        /** Once the session has stopped: closes its rules and recording. */
        void finish() {
            if (finished) {
                return;
            }
            finished = true;
            if (extras != null) {
                close(extras);
            }
        }
    }
}
