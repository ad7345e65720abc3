package dev.tincan.cli;

import dev.tincan.session.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line read without picocli, for the commands people start most ({@link QuickSend},
 * {@link QuickServe}, {@link QuickConnect}): picocli builds a command's model from its
 * annotations, some 60 ms in a JVM that has just started, more than a plain Java client's
 * whole run. It reads only what it is sure picocli reads the same way: the options it is
 * given, each at most once, a value as the next word or after {@code =} on a long name; the
 * other words in order. It declines, returning null, for anything else: an option it was not
 * given (help, version and {@code --} included), a short option with its value attached, a
 * value or word that begins with {@code -} or {@code @} (picocli reads {@code @FILE} as a
 * file of arguments), a word the platform could not decode, a settings file that sets
 * anything for a command, or picocli told to take quotes off ({@link #TRIM_QUOTES}) or to
 * trace its reading ({@link #TRACE}). Such a command line then goes to picocli, which runs
 * it, or says what is wrong with it, as before.
 */
final class QuickLine {
    /**
     * The system property (from {@code JAVA_TOOL_OPTIONS}, say) that makes picocli take the
     * quotes off an argument in double quotes: {@code "hi"} is then sent as {@code hi}.
     */
    static final String TRIM_QUOTES = "picocli.trimQuotes";
    /** The system property that has picocli trace its reading of a command line on standard error. */
    static final String TRACE = "picocli.trace";

    private final Map<String, String> values;
    private final List<String> words;

    private QuickLine(Map<String, String> values, List<String> words) {
        this.values = values;
        this.words = words;
    }

    /**
     * Reads {@code args} after their first word (the command's name): {@code names} maps each
     * option name read to its long name, and {@code flags} are the long names that take no
     * value. Null when picocli is to read them.
     */
    static QuickLine read(String[] args, Map<String, String> names, Set<String> flags) {
        if (System.getProperty(TRIM_QUOTES) != null || System.getProperty(TRACE) != null) {
            // Set at all, even to false or OFF: picocli decides what it means.
            return null;
        }
        Map<String, String> values = new HashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String word = args[i];
            if (unsure(word)) {
                return null;
            }
            if (!word.startsWith("-")) {
                words.add(word);
                continue;
            }
            int equals = word.startsWith("--") ? word.indexOf('=') : -1;
            String option = names.get(equals < 0 ? word : word.substring(0, equals));
            if (option == null || values.containsKey(option)) {
                return null;
            }
            String value;
            if (flags.contains(option)) {
                if (equals >= 0) {
                    return null;
                }
                value = "";
            } else if (equals >= 0) {
                value = word.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.startsWith("-") || unsure(value)) {
                return null;
            }
            values.put(option, value);
        }
        return new QuickLine(values, words);
    }

    private static boolean unsure(String word) {
        return word.startsWith("@") || Arguments.hasUnreadable(word);
    }

    /** The value typed for {@code option} (its long name), or {@code otherwise}. */
    String value(String option, String otherwise) {
        return values.getOrDefault(option, otherwise);
    }

    /** Whether the flag {@code option} (its long name) was typed. */
    boolean flag(String option) {
        return values.containsKey(option);
    }

    /** The words that are not options or their values, in order. */
    List<String> words() {
        return words;
    }

    /** The client options {@code send} and {@code connect} share that this reads. */
    static final List<String> CLIENT_OPTIONS = List.of("--framing -f", "--max-frame", "--out -o", "--hex", "--pair",
            "--skip-too-long", "--connect-timeout");

    /** {@link #CLIENT_OPTIONS} and {@code more}. No stream: a send's start-up makes none. */
    static List<String> clientOptionsAnd(String... more) {
        List<String> options = new ArrayList<>(CLIENT_OPTIONS);
        options.addAll(List.of(more));
        return List.copyOf(options);
    }

    /**
     * {@link ClientOptions} filled in as picocli fills them in, from {@link #CLIENT_OPTIONS}
     * and the options' default constants; no TLS, proxy or UDP.
     *
     * @throws RuntimeException when a value does not convert (picocli then says why)
     */
    ClientOptions clientOptions() {
        ClientOptions options = new ClientOptions();
        options.framingOption = new FramingOption();
        options.framingOption.framing = new FramingConverter().convert(value("--framing", FramingOption.DEFAULT));
        options.maxFrameOption = new MaxFrameOption();
        options.maxFrameOption.maxFrame = new MaxFrameConverter().convert(value("--max-frame",
                MaxFrameOption.DEFAULT));
        options.out = new OutputFormat.Converter().convert(value("--out", ClientOptions.DEFAULT_OUT));
        options.hex = flag("--hex");
        options.pairing = new PairingConverter().convert(value("--pair", ClientOptions.DEFAULT_PAIR));
        options.skipTooLong = flag("--skip-too-long");
        options.connectTimeout = new DurationConverter().convert(value("--connect-timeout",
                ClientOptions.DEFAULT_CONNECT_TIMEOUT));
        options.tlsFlags = new TlsFlags();
        options.proxyFlags = new ProxyFlags();
        return options;
    }

    /**
     * The settings file, if there is one, unless it sets anything for a command (only the
     * window's keys): a file's values, and the check of its keys, are picocli's to apply.
     * Null then, or when the file cannot be read (picocli says why).
     */
    static Settings settingsForNoCommand() {
        Settings settings;
        try {
            settings = Settings.readDefault();
        } catch (Settings.SettingsException e) {
            return null;
        }
        return noneForCommands(settings) ? settings : null;
    }

    /** Whether {@code settings} set nothing for the commands, only the window's keys. */
    static boolean noneForCommands(Settings settings) {
        for (Settings.Entry entry : settings.entries()) {
            if (entry.command() != null || !ConfigDefaults.WINDOW_KEYS.contains(entry.name())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each option name of {@code options} and its long name: each entry is the long name,
     * then its short ones, separated by spaces ({@code "--framing -f"}).
     */
    static Map<String, String> names(List<String> options) {
        Map<String, String> names = new HashMap<>();
        for (String option : options) {
            String[] each = option.split(" ");
            for (String name : each) {
                names.put(name, each[0]);
            }
        }
        return names;
    }
}
