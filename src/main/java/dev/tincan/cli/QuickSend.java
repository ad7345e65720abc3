package dev.tincan.cli;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.RawFraming;
import dev.tincan.session.Placeholders;
import dev.tincan.session.Settings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one-shot {@code tincan send} that scripts call in loops, read without picocli
 * ({@link QuickLine}): {@code send [OPTIONS] HOST PORT MESSAGE...} with only the options in
 * {@link #OPTIONS}. For anything else, standard input included, it declines before it has
 * done anything, and picocli reads the command line as before.
 *
 * <p>What it reads is a {@link SendPlan}, the one {@link SendCommand#plan()} makes; a test
 * reads a list of command lines both ways and checks the plans are equal. Its defaults are
 * the options' own constants, and its values go through the same converters.
 */
final class QuickSend {
    /** The options read here: each long name, then its short ones. */
    static final List<String> OPTIONS = QuickLine.clientOptionsAnd("--replies -n", "--timeout -t", "--idle");

    private static final Map<String, String> NAMES = QuickLine.names(OPTIONS);
    private static final Set<String> FLAGS = Set.of("--hex", "--skip-too-long");
    /** What the command is called in sentences, as picocli names it. */
    private static final String COMMAND = "tincan send";

    private QuickSend() {
    }

    /**
     * Runs {@code args} if they are a send this reads: prints as {@link SendCommand} does and
     * returns the exit code. Returns null, having done nothing, for any other command line.
     */
    static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length < 4 || !args[0].equals("send")) {
            return null;
        }
        Settings settings = QuickLine.settingsForNoCommand();
        SendPlan plan = settings == null ? null : plan(args, settings);
        if (plan == null) {
            return null;
        }
        try {
            plan.run(out, err);
            return 0;
        } catch (InterruptedException | RuntimeException e) {
            return FailureHandler.report(e, COMMAND, err);
        }
    }

    /**
     * The plan {@code args} make with {@code settings} as the settings file, or null if they
     * are not a send this reads.
     */
    static SendPlan plan(String[] args, Settings settings) {
        if (args.length < 4 || !args[0].equals("send") || !QuickLine.noneForCommands(settings)) {
            return null;
        }
        QuickLine line = QuickLine.read(args, NAMES, FLAGS);
        if (line == null || line.words().size() < 3) {
            return null;
        }
        try {
            return plan(line, line.clientOptions());
        } catch (RuntimeException e) {
            // picocli says what is wrong, in its own words.
            return null;
        }
    }

    private static SendPlan plan(QuickLine line, ClientOptions options) {
        DurationConverter durations = new DurationConverter();
        String replyCount = line.value("--replies", null);
        Integer replies = replyCount == null ? null : new WholeNumberConverter.Int().convert(replyCount);
        Duration timeout = durations.convert(line.value("--timeout", SendCommand.DEFAULT_TIMEOUT));
        Duration idle = durations.convert(line.value("--idle", SendCommand.DEFAULT_IDLE));
        if (replies != null && replies < 0 || timeout.isZero() || idle.isZero()) {
            return null;
        }
        String host = new HostConverter().convert(line.words().get(0));
        int port = new PortConverter().convert(line.words().get(1));
        List<String> messages = line.words().subList(2, line.words().size());
        for (String message : messages) {
            if (readsLastFrame(message, options.hex)) {
                return null;
            }
        }
        Framing framing = options.framing();
        List<Bytes> payloads = Payloads.parseAll(messages, options.hex, framing, new Placeholders.Context());
        return new SendPlan(host, port, payloads, replies != null ? replies : payloads.size(),
                options.connectOptions(), timeout, framing instanceof RawFraming ? idle : null, options.maxFrame(),
                options.out, options.pairing);
    }

    /** Whether {@code message} reads the last frame received, which {@link SendCommand} refuses. */
    private static boolean readsLastFrame(String message, boolean hex) {
        try {
            return Placeholders.parse(message, hex).readsLastFrame();
        } catch (IllegalArgumentException e) {
            // Refused with its own sentence when the payloads are made.
            return false;
        }
    }
}
