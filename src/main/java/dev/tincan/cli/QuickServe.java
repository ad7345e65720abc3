package dev.tincan.cli;

import dev.tincan.server.ServerConfig;
import dev.tincan.session.Settings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tincan serve} read without picocli ({@link QuickLine}), so that the server listens
 * sooner: {@code serve [OPTIONS]} with only the options in {@link #OPTIONS}. For anything
 * else (TLS, rules, UDP, help, every usage error) it declines before it has done anything,
 * and picocli reads the command line as before.
 *
 * <p>It fills a {@link ServeCommand} in as picocli would, from the options' own default
 * constants through the same converters, and runs it; a test reads a list of command lines
 * both ways and compares the two commands field by field.
 */
final class QuickServe {
    /** The options read here: each long name, then its short ones. */
    static final List<String> OPTIONS = List.of("--port -p", "--bind -b", "--framing -f", "--mode -m",
            "--max-clients", "--max-frame", "--tick", "--flood-count", "--flood-size", "--flood-rate");

    private static final Map<String, String> NAMES = QuickLine.names(OPTIONS);
    /** What the command is called in sentences, as picocli names it. */
    private static final String COMMAND = "tincan serve";

    private QuickServe() {
    }

    /**
     * Runs {@code args} if they are a serve this reads, until the server is stopped, and
     * returns the exit code. Returns null, having done nothing, for any other command line.
     */
    static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0 || !args[0].equals("serve")) {
            return null;
        }
        Settings settings = QuickLine.settingsForNoCommand();
        ServeCommand serve = settings == null ? null : command(args, settings);
        if (serve == null) {
            return null;
        }
        try {
            return serve.run(out, err);
        } catch (InterruptedException | RuntimeException e) {
            return FailureHandler.report(e, COMMAND, err);
        }
    }

    /**
     * The command {@code args} make with {@code settings} as the settings file, filled in as
     * picocli fills it in but for its {@code spec}; null if they are not a serve this reads.
     */
    static ServeCommand command(String[] args, Settings settings) {
        if (args.length == 0 || !args[0].equals("serve") || !QuickLine.noneForCommands(settings)) {
            return null;
        }
        QuickLine line = QuickLine.read(args, NAMES, Set.of());
        if (line == null || !line.words().isEmpty()) {
            return null;
        }
        ServeCommand serve = new ServeCommand();
        try {
            serve.listen = new ListenOptions();
            serve.listen.port = new PortConverter.Listen().convert(line.value("--port", ListenOptions.DEFAULT_PORT));
            serve.listen.bind = new BindAddressConverter().convert(line.value("--bind", ListenOptions.DEFAULT_BIND));
            serve.framingOption = new FramingOption();
            serve.framingOption.framing = new FramingConverter().convert(line.value("--framing",
                    FramingOption.DEFAULT));
            serve.mode = new ModeConverter().convert(line.value("--mode", ServeCommand.DEFAULT_MODE));
            serve.maxClients = new WholeNumberConverter.Int().convert(line.value("--max-clients",
                    ServeCommand.DEFAULT_MAX_CLIENTS));
            serve.maxFrameOption = new MaxFrameOption();
            serve.maxFrameOption.maxFrame = new MaxFrameConverter().convert(line.value("--max-frame",
                    MaxFrameOption.DEFAULT));
            DurationConverter durations = new DurationConverter();
            serve.tick = durations.convert(line.value("--tick", ServeCommand.DEFAULT_TICK));
            WholeNumberConverter.Long counts = new WholeNumberConverter.Long();
            serve.floodCount = counts.convert(line.value("--flood-count", ServeCommand.DEFAULT_FLOOD_COUNT));
            serve.floodSize = new SizeConverter().convert(line.value("--flood-size", ServeCommand.DEFAULT_FLOOD_SIZE));
            serve.floodRate = counts.convert(line.value("--flood-rate", ServeCommand.DEFAULT_FLOOD_RATE));
            if (serve.floodSize > ServerConfig.MAX_FLOOD_SIZE) {
                return null;
            }
            serve.serverConfig();
        } catch (RuntimeException e) {
            // picocli says what is wrong, in its own words.
            return null;
        }
        serve.rulesOption = new RulesOption();
        serve.tlsFlags = new ServeTlsFlags();
        return serve;
    }
}
