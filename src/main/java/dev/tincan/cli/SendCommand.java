package dev.tincan.cli;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.RawFraming;
import dev.tincan.session.Placeholders;
import dev.tincan.session.SavedMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tincan send HOST PORT [MESSAGE...]}: connects, sends each message as one frame,
 * prints the replies one per line, and exits 0 once the expected number has arrived.
 */
@Command(name = "send",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Connect, send each MESSAGE as one frame, print each reply on its own line, and exit.",
            "Without MESSAGEs or --message, each line of standard input is one message. With raw framing, messages go "
                + "one at a time and a reply is what arrives until an idle gap.",
            "Placeholders are filled in before connecting: {{counter}} (1, 2, ... per message that uses it), {{time}}, "
                + "{{time:epochms}}, {{random:N}}, {{digits:N}}; {{{{ is a literal {{."},
        footer = {"", "Examples:",
            "  tincan send 127.0.0.1 50007 hello",
            "  tincan send --framing len32le --out json 127.0.0.1 50007 'one\\ttwo' three",
            "  printf 'a\\nb\\n' | tincan send 127.0.0.1 50007",
            "  tincan send --library msgs.json --message login 127.0.0.1 50007",
            "  tincan send 127.0.0.1 50007 'req {{counter:4}} at {{time}}'",
            "  tincan send --tls --pin sha256/q1w2...= example.org 443 'hello'"})
final class SendCommand implements Callable<Integer> {
    /** {@code --timeout} when not given. */
    static final String DEFAULT_TIMEOUT = "5s";
    /** {@code --idle} when not given. */
    static final String DEFAULT_IDLE = "200ms";
    /** What a send without MESSAGEs says when its standard input is the keyboard. */
    static final String KEYBOARD = "no MESSAGE given: reading messages from the keyboard, one per line; end with "
            + "Ctrl+D.";

    @ParentCommand
    TincanCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    Endpoint endpoint;

    @Parameters(index = "2..*", paramLabel = "MESSAGE",
            description = "A message: text with escapes \\n \\r \\t \\0 \\\\ \\xHH, or hex with --hex.")
    List<String> messages = new ArrayList<>();

    @Mixin
    ClientOptions options;

    @Mixin
    SendToolOptions tools;

    @Mixin
    LibraryOption library;

    @Option(names = {"-n", "--replies"}, paramLabel = "N",
            description = "How many replies to wait for (default: one per message).")
    Integer replies;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", defaultValue = DEFAULT_TIMEOUT,
            converter = DurationConverter.class,
            description = "How long to wait for all replies once connected (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--idle", paramLabel = "DURATION", defaultValue = DEFAULT_IDLE, converter = DurationConverter.class,
            description = "With raw framing: the quiet time that ends a reply (default: ${DEFAULT-VALUE}).")
    Duration idle;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (replies != null && replies < 0) {
            throw usage("--replies " + replies + " is negative: give 0 or more.");
        }
        if (timeout.isZero()) {
            throw usage("--timeout 0 would give up at once: give a duration such as 5s.");
        }
        if (idle.isZero()) {
            throw usage("--idle 0 would end every reply at once: give a duration such as 200ms.");
        }
        if (tools.active()) {
            if (options.udp) {
                throw usage("--repeat, --interval, --file, --lines and --chunk work over TCP only: with --udp, give "
                        + "the messages as arguments or on standard input.");
            }
            return SendTools.run(this);
        }
        SendPlan plan = plan();
        String note = options.framingNote(spec);
        if (note != null) {
            spec.commandLine().getErr().println(note);
            spec.commandLine().getErr().flush();
        }
        plan.run(spec.commandLine().getOut(), spec.commandLine().getErr());
        return 0;
    }

    /**
     * What this send will do: its payloads read (from standard input when no MESSAGE is
     * given), its options checked.
     *
     * @throws ParameterException with one sentence when a message or an option does not fit
     */
    SendPlan plan() throws IOException {
        List<Bytes> payloads = payloads();
        int expected = replies != null ? replies : payloads.size();
        ConnectOptions connectOptions;
        try {
            connectOptions = options.connectOptions();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        // A datagram is a whole reply: no idle gap is needed to tell where it ends.
        Duration rawIdle = options.framing() instanceof RawFraming && !options.udp ? idle : null;
        return new SendPlan(endpoint.host, endpoint.port, payloads, expected, connectOptions, timeout, rawIdle,
                options.maxFrame(), options.out, options.pairing);
    }

    /** Counts and the last frame for placeholders, shared by every payload of this run. */
    private final Placeholders.Context context = new Placeholders.Context();

    /** The library's messages (which may set the framing), then the MESSAGEs or standard input. */
    List<Bytes> payloads() throws IOException {
        List<Bytes> saved;
        try {
            List<SavedMessage> named = library.messages(spec);
            for (SavedMessage m : named) {
                refuseFields(m.payload(), m.hex(), "library message " + Cli.quote(m.name()));
            }
            for (int i = 0; i < messages.size(); i++) {
                refuseFields(messages.get(i), options.hex, "message " + (i + 1) + " " + Cli.quote(messages.get(i)));
            }
            options.framingOption.framing = library.framing(spec, options.framing(), named);
            saved = LibraryOption.payloads(named, options.payloadFraming(), context);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        List<Bytes> payloads = new ArrayList<>(saved);
        if (!library.given() || !messages.isEmpty()) {
            payloads.addAll(payloads(options.payloadFraming(), context));
        }
        return payloads;
    }

    /**
     * For {@code --repeat}: the one message, {@code first} for the first send and then filled in
     * afresh for each send, so {@code {{counter}}} counts and {@code {{time}}} moves. Called on
     * the repeater's thread only.
     */
    Supplier<Bytes> repeated(Bytes first) {
        List<SavedMessage> named = library.messages(spec);
        Framing framing = options.framing();
        Iterator<Bytes> once = List.of(first).iterator();
        return () -> {
            if (once.hasNext()) {
                return once.next();
            }
            return named.isEmpty() ? Payloads.parse(messages.get(0), options.hex, framing, context)
                    : LibraryOption.payloads(named, framing, context).get(0);
        };
    }

    /**
     * Refuses a message that reads the last frame received: {@code send} fills placeholders in
     * before it connects, so there is none. A placeholder that does not parse is left to be
     * refused, with its own sentence, when it is filled in.
     */
    private void refuseFields(String text, boolean hex, String what) {
        Placeholders.Template template;
        try {
            template = Placeholders.parse(text, hex);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (template.readsLastFrame()) {
            throw usage(what + " reads the last frame received ({{field}} or {{hexfield}}), and send fills "
                    + "placeholders in before it connects: use it with connect, which fills each line in as it is "
                    + "sent.");
        }
    }

    private List<Bytes> payloads(Framing framing, Placeholders.Context context) throws IOException {
        for (int i = 0; i < messages.size(); i++) {
            if (Arguments.hasUnreadable(messages.get(i))) {
                throw usage(Arguments.unreadable("message " + (i + 1) + " " + Cli.quote(messages.get(i))));
            }
        }
        List<String> texts = messages.isEmpty() ? readStdin() : messages;
        try {
            return Payloads.parseAll(texts, options.hex, framing, context);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private List<String> readStdin() throws IOException {
        if (root.stdin() == System.in && System.console() != null) {
            spec.commandLine().getErr().println(KEYBOARD);
            spec.commandLine().getErr().flush();
        }
        try {
            return Payloads.readLines(root.stdin());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    ParameterException usage(String sentence) {
        return new ParameterException(spec.commandLine(), sentence);
    }
}
