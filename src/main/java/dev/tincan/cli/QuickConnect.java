package dev.tincan.cli;

import dev.tincan.session.Settings;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tincan connect} read without picocli ({@link QuickLine}), so that it is ready for
 * input sooner: {@code connect [OPTIONS] HOST PORT} with only the options in
 * {@link #OPTIONS}. For anything else (TLS, a proxy, UDP, rules, a recording, reconnecting,
 * help, every usage error) it declines before it has done anything, and picocli reads the
 * command line as before.
 *
 * <p>It fills a {@link ConnectCommand} in as picocli would, from the options' own default
 * constants through the same converters, and runs it; a test reads a list of command lines
 * both ways and compares the two commands field by field.
 */
final class QuickConnect {
    /** The options read here: each long name, then its short ones. */
    static final List<String> OPTIONS = QuickLine.clientOptionsAnd("--pull", "--linger");

    private static final Map<String, String> NAMES = QuickLine.names(OPTIONS);
    private static final Set<String> FLAGS = Set.of("--hex", "--skip-too-long", "--pull");
    /** What the command is called in sentences, as picocli names it. */
    private static final String COMMAND = "tincan connect";

    private QuickConnect() {
    }

    /**
     * Runs {@code args} if they are a connect this reads, reading lines from {@code stdin}, and
     * returns the exit code. Returns null, having done nothing, for any other command line.
     */
    static Integer run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        if (args.length < 3 || !args[0].equals("connect")) {
            return null;
        }
        Settings settings = QuickLine.settingsForNoCommand();
        ConnectCommand connect = settings == null ? null : command(args, settings, stdin);
        if (connect == null) {
            return null;
        }
        try {
            return connect.run(out, err);
        } catch (InterruptedException | RuntimeException e) {
            return FailureHandler.report(e, COMMAND, err);
        }
    }

    /**
     * The command {@code args} make with {@code settings} as the settings file and
     * {@code stdin} as its input, filled in as picocli fills it in but for its {@code spec};
     * null if they are not a connect this reads.
     */
    static ConnectCommand command(String[] args, Settings settings, InputStream stdin) {
        if (args.length < 3 || !args[0].equals("connect") || !QuickLine.noneForCommands(settings)) {
            return null;
        }
        QuickLine line = QuickLine.read(args, NAMES, FLAGS);
        if (line == null || line.words().size() != 2) {
            return null;
        }
        ConnectCommand connect = new ConnectCommand();
        try {
            connect.endpoint = new Endpoint();
            connect.endpoint.host = new HostConverter().convert(line.words().get(0));
            connect.endpoint.port = new PortConverter().convert(line.words().get(1));
            connect.options = line.clientOptions();
            connect.pull = line.flag("--pull");
            connect.linger = new DurationConverter().convert(line.value("--linger", ConnectCommand.DEFAULT_LINGER));
            connect.liveness = new LivenessOptions();
            connect.liveness.reconnectMax = new WholeNumberConverter.Int().convert(
                    LivenessOptions.DEFAULT_RECONNECT_MAX);
            connect.liveness.heartbeatEvery = new DurationConverter().convert(LivenessOptions.DEFAULT_HEARTBEAT_EVERY);
            connect.liveness.apply(connect.options.connectOptions());
        } catch (RuntimeException e) {
            // picocli says what is wrong, in its own words.
            return null;
        }
        connect.rulesOption = new RulesOption();
        connect.root = new TincanCommand(stdin);
        return connect;
    }
}
