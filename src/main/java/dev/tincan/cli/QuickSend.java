package dev.tincan.cli;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.RawFraming;
import dev.tincan.session.Pairing;
import dev.tincan.session.Placeholders;
import dev.tincan.session.Settings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-shot {@code tincan send} that scripts call in loops, read without picocli. picocli
 * builds a command's model from its annotations in a JVM that has just started, and that
 * was about 60 ms of a send's 140: more than the whole of a plain Java client's run. This
 * reads the common command lines itself: {@code send [OPTIONS] HOST PORT MESSAGE...} with
 * only the options in {@link #OPTIONS}, each once, its value a separate word or after
 * {@code =}, no word that begins with {@code @} (picocli reads such a word as a file of
 * arguments), no settings file that sets anything for a command, and nothing picocli would
 * refuse. For anything else it declines before it has done anything, and the command line
 * goes to picocli as before: help, every other option, standard input, and every usage
 * error with its own sentence.
 *
 * <p>What it reads is a {@link SendPlan}, the one {@link SendCommand#plan()} makes; a test
 * reads a list of command lines both ways and checks the plans are equal. Its defaults are
 * the options' own ({@code QuickSendTest} checks each against picocli's model), and its
 * values go through the same converters.
 */
final class QuickSend {
    /** The options read here, long names first; anything else declines. */
    static final List<String> OPTIONS = List.of("--framing", "-f", "--max-frame", "--out", "-o", "--hex", "--pair",
            "--skip-too-long", "--connect-timeout", "--replies", "-n", "--timeout", "-t", "--idle");

    /** What the command is called in sentences, as picocli names it. */
    private static final String COMMAND = "tincan send";

    private QuickSend() {
    }

    /**
     * Runs {@code args} if they are a send this reads: prints as {@link SendCommand} does and
     * returns the exit code. Returns null, having done nothing, for any other command line.
     */
    static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        SendPlan plan = plan(args);
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

    /** The plan {@code args} make, or null if they are not a send this reads. */
    static SendPlan plan(String[] args) {
        if (args.length < 4 || !args[0].equals("send")) {
            return null;
        }
        try {
            return plan(args, Settings.readDefault());
        } catch (Settings.SettingsException e) {
            // picocli says what is wrong with the file.
            return null;
        }
    }

    /**
     * The plan {@code args} make with {@code settings} as the default settings file, or null if
     * they are not a send this reads.
     */
    static SendPlan plan(String[] args, Settings settings) {
        if (args.length < 4 || !args[0].equals("send") || !noneForCommands(settings)) {
            return null;
        }
        String framing = FramingOption.DEFAULT;
        String maxFrame = MaxFrameOption.DEFAULT;
        String out = ClientOptions.DEFAULT_OUT;
        String pair = ClientOptions.DEFAULT_PAIR;
        String connectTimeout = ClientOptions.DEFAULT_CONNECT_TIMEOUT;
        String replies = null;
        String timeout = SendCommand.DEFAULT_TIMEOUT;
        String idle = SendCommand.DEFAULT_IDLE;
        boolean hex = false;
        boolean skipTooLong = false;
        List<String> seen = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String word = args[i];
            // picocli reads the words of a file named @FILE in its place.
            if (Arguments.hasUnreadable(word) || word.startsWith("@")) {
                return null;
            }
            if (!word.startsWith("-")) {
                positional.add(word);
                continue;
            }
            int equals = word.startsWith("--") ? word.indexOf('=') : -1;
            String name = equals < 0 ? word : word.substring(0, equals);
            String option = longName(name);
            if (option == null || seen.contains(option)) {
                return null;
            }
            seen.add(option);
            if (option.equals("--hex") || option.equals("--skip-too-long")) {
                if (equals >= 0) {
                    return null;
                }
                hex |= option.equals("--hex");
                skipTooLong |= option.equals("--skip-too-long");
                continue;
            }
            String value;
            if (equals >= 0) {
                value = word.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.startsWith("-") || value.startsWith("@") || Arguments.hasUnreadable(value)) {
                return null;
            }
            switch (option) {
                case "--framing" -> framing = value;
                case "--max-frame" -> maxFrame = value;
                case "--out" -> out = value;
                case "--pair" -> pair = value;
                case "--connect-timeout" -> connectTimeout = value;
                case "--replies" -> replies = value;
                case "--timeout" -> timeout = value;
                default -> idle = value;
            }
        }
        if (positional.size() < 3) {
            return null;
        }
        try {
            return plan(positional, new FramingConverter().convert(framing),
                    new MaxFrameConverter().convert(maxFrame), new OutputFormat.Converter().convert(out),
                    new PairingConverter().convert(pair), new DurationConverter().convert(connectTimeout),
                    replies == null ? null : new WholeNumberConverter.Int().convert(replies),
                    new DurationConverter().convert(timeout), new DurationConverter().convert(idle), hex, skipTooLong);
        } catch (RuntimeException e) {
            // picocli says what is wrong, in its own words.
            return null;
        }
    }

    private static SendPlan plan(List<String> positional, Framing framing, int maxFrame, OutputFormat out,
            Pairing pair, Duration connectTimeout, Integer replies, Duration timeout, Duration idle, boolean hex,
            boolean skipTooLong) {
        if (replies != null && replies < 0 || timeout.isZero() || idle.isZero()) {
            return null;
        }
        String host = new HostConverter().convert(positional.get(0));
        int port = new PortConverter().convert(positional.get(1));
        List<String> messages = positional.subList(2, positional.size());
        for (String message : messages) {
            if (readsLastFrame(message, hex)) {
                return null;
            }
        }
        List<Bytes> payloads = Payloads.parseAll(messages, hex, framing, new Placeholders.Context());
        ConnectOptions connect = ConnectOptions.builder()
                .framing(framing)
                .maxFrameLength(maxFrame)
                .connectTimeout(connectTimeout)
                .skipTooLong(skipTooLong)
                .build();
        return new SendPlan(host, port, payloads, replies != null ? replies : payloads.size(), connect, timeout,
                framing instanceof RawFraming ? idle : null, maxFrame, out, pair);
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

    /** {@code name}'s long name if it is one of {@link #OPTIONS}, else null. */
    private static String longName(String name) {
        return switch (name) {
            case "-f", "--framing" -> "--framing";
            case "-o", "--out" -> "--out";
            case "-n", "--replies" -> "--replies";
            case "-t", "--timeout" -> "--timeout";
            case "--max-frame", "--hex", "--pair", "--skip-too-long", "--connect-timeout", "--idle" -> name;
            default -> null;
        };
    }

    /**
     * Whether {@code settings} set nothing for the commands (only the window's keys): a
     * file's values, and the check of its keys, are picocli's to apply.
     */
    private static boolean noneForCommands(Settings settings) {
        for (Settings.Entry entry : settings.entries()) {
            if (entry.command() != null || !ConfigDefaults.WINDOW_KEYS.contains(entry.name())) {
                return false;
            }
        }
        return true;
    }
}
