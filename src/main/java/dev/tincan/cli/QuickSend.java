package dev.tincan.cli;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.RawFraming;
import dev.tincan.session.Placeholders;
import dev.tincan.session.Settings;
import dev.tincan.client.ConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one-shot {@code tincan send} that scripts call in loops, read without picocli
 * ({@link QuickLine}): {@code send [OPTIONS] HOST PORT [MESSAGE...]} with only the options
 * in {@link #OPTIONS}, the messages read from standard input when none are given. For
 * anything else it declines before it has done anything, and picocli reads the command
 * line as before.
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
     * Runs {@code args} if they are a send this reads, its messages from {@code stdin} when
     * it names none: prints as {@link SendCommand} does and returns the exit code. Returns
     * null, having done nothing, for any other command line.
     */
    static Integer run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        if (args.length < 3 || !args[0].equals("send")) {
            return null;
        }
        Settings settings = QuickLine.settingsForNoCommand();
        SendPlan plan;
        try {
            plan = settings == null ? null : plan(args, settings, stdin, err);
        } catch (Unfit e) {
            return UsageErrorHandler.report(e.getMessage(), COMMAND, err);
        } catch (IOException e) {
            return FailureHandler.report(e, COMMAND, err);
        }
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
     * are not a send this reads. Without MESSAGEs it reads them from {@code stdin}, as
     * {@link SendCommand} does, saying so on {@code err} when that is the keyboard; once
     * it has, it cannot leave the line to picocli, and a line that does not fit is
     * {@link Unfit}.
     *
     * @throws Unfit with picocli's sentence when a line of standard input does not fit
     * @throws IOException when standard input cannot be read
     */
    static SendPlan plan(String[] args, Settings settings, InputStream stdin, PrintWriter err)
            throws Unfit, IOException {
        if (args.length < 3 || !args[0].equals("send") || !QuickLine.noneForCommands(settings)) {
            return null;
        }
        QuickLine line = QuickLine.read(args, NAMES, FLAGS);
        if (line == null || line.words().size() < 2) {
            return null;
        }
        Checked checked;
        try {
            checked = check(line, line.clientOptions());
        } catch (RuntimeException e) {
            // picocli says what is wrong, in its own words.
            return null;
        }
        if (checked == null) {
            return null;
        }
        List<String> texts = checked.messages;
        if (texts.isEmpty()) {
            if (stdin == System.in && System.console() != null) {
                err.println(SendCommand.KEYBOARD);
                err.flush();
            }
            try {
                texts = Payloads.readLines(stdin);
            } catch (IllegalArgumentException e) {
                throw new Unfit(e.getMessage());
            }
        }
        try {
            return checked.plan(Payloads.parseAll(texts, checked.options.hex, checked.options.framing(),
                    new Placeholders.Context()));
        } catch (IllegalArgumentException e) {
            if (checked.messages.isEmpty()) {
                throw new Unfit(e.getMessage());
            }
            // Nothing read yet: picocli says what is wrong, in its own words.
            return null;
        }
    }

    /**
     * The options and MESSAGEs of {@code line}, checked as {@link SendCommand} checks them
     * before it reads its standard input; null if picocli is to say what is wrong.
     */
    private static Checked check(QuickLine line, ClientOptions options) {
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
        ConnectOptions connect = options.connectOptions();
        return new Checked(host, port, messages, options, connect, replies, timeout,
                options.framing() instanceof RawFraming ? idle : null);
    }

    /** A send's line, read and checked, waiting for its payloads. */
    private record Checked(String host, int port, List<String> messages, ClientOptions options,
            ConnectOptions connect, Integer replies, Duration timeout, Duration rawIdle) {
        SendPlan plan(List<Bytes> payloads) {
            return new SendPlan(host, port, payloads, replies != null ? replies : payloads.size(), connect, timeout,
                    rawIdle, options.maxFrame(), options.out, options.pairing);
        }
    }

    /** A line of standard input that does not fit, found after it was read: picocli's usage error, said here. */
    static final class Unfit extends Exception {
        private static final long serialVersionUID = 1L;

        Unfit(String sentence) {
            super(sentence);
        }
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
