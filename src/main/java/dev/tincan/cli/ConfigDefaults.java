package dev.tincan.cli;

import dev.tincan.session.Settings;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults from the settings file ({@code --config FILE}, else {@code ~/.tincan/config}):
 * an option nobody typed takes the file's value before its built-in default. Which file is
 * known only from the arguments, so {@link #use} is called with them before parsing, and
 * checks that every key in the file names an option of some command (or a window setting)
 * so a misspelt key is reported, not ignored. Not thread-safe: one per command line.
 */
final class ConfigDefaults implements IDefaultValueProvider {
    /** The option that names the file. */
    static final String OPTION = "--config";
    /** Keys only the window reads. */
    static final Set<String> WINDOW_KEYS = Set.of("theme");

    private Settings settings = Settings.none();
    /** The options given a value from the file, with the entry it came from. */
    private final Map<ArgSpec, Settings.Entry> served = new IdentityHashMap<>();

    /**
     * Reads the file {@code args} name with {@code --config}, or the default one if it exists,
     * and checks its keys against the commands under {@code root}.
     *
     * @throws CommandLine.ParameterException with one sentence when the file cannot be used
     */
    void use(CommandLine root, String[] args) {
        Path named = named(args);
        try {
            settings = named != null ? Settings.read(named) : Settings.readDefault();
        } catch (Settings.SettingsException e) {
            throw new CommandLine.ParameterException(root, e.getMessage(), e);
        }
        CommandLine whole = null;
        for (Settings.Entry entry : settings.entries()) {
            if (whole == null) {
                whole = wholeTree(root);
            }
            check(root, whole, entry);
        }
    }

    /**
     * {@code root} if it holds every subcommand, else the whole tree: the keys are checked
     * against every command even when only the one run was built (see
     * {@link Cli#commandLine(TincanCommand, java.io.PrintWriter, java.io.PrintWriter, String[])}).
     */
    private static CommandLine wholeTree(CommandLine root) {
        if (root.getSubcommands().size() == Cli.SUBCOMMANDS.size()) {
            return root;
        }
        return Cli.commandLine(new TincanCommand(InputStream.nullInputStream()), root.getOut(), root.getErr());
    }

    /** The file named by {@code --config FILE} or {@code --config=FILE}, or null. */
    static Path named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                return null;
            }
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith(OPTION + "=")) {
                return Path.of(args[i].substring(OPTION.length() + 1));
            }
        }
        return null;
    }

    /** Checks {@code entry} against the commands of {@code whole}; a mistake is a usage error of {@code root}. */
    private void check(CommandLine root, CommandLine whole, Settings.Entry entry) {
        String command = entry.command();
        String option = "--" + entry.name();
        if (command != null) {
            CommandLine sub = whole.getSubcommands().get(command);
            if (sub == null) {
                throw new CommandLine.ParameterException(root, settings.where(entry) + ": there is no command "
                        + Cli.quote(command) + ": use " + String.join(", ", whole.getSubcommands().keySet()) + ".");
            }
            if (settable(sub.getCommandSpec().findOption(option)) == null) {
                throw new CommandLine.ParameterException(root, settings.where(entry) + ": tincan " + command
                        + " has no option " + option + ".");
            }
            return;
        }
        if (WINDOW_KEYS.contains(entry.name())) {
            return;
        }
        for (CommandLine sub : whole.getSubcommands().values()) {
            if (settable(sub.getCommandSpec().findOption(option)) != null) {
                return;
            }
        }
        throw new CommandLine.ParameterException(root, settings.where(entry) + ": unknown setting "
                + Cli.quote(entry.key()) + ": settings are options' long names without dashes, such as "
                + String.join(", ", someNames(whole)) + ", or COMMAND.NAME for one command.");
    }

    /** {@code option} if a file may set it (not --help, --version or --config), else null. */
    private static OptionSpec settable(OptionSpec option) {
        if (option == null || option.usageHelp() || option.versionHelp() || option.longestName().equals(OPTION)) {
            return null;
        }
        return option;
    }

    private static List<String> someNames(CommandLine root) {
        Set<String> names = new TreeSet<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (settable(o) != null) {
                    names.add(o.longestName().substring(2));
                }
            }
        }
        List<String> some = new ArrayList<>(names);
        return some.subList(0, Math.min(6, some.size()));
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || settable(option) == null || option.longestName().length() < 3
                || !option.longestName().startsWith("--")) {
            return null;
        }
        CommandSpec command = arg.command();
        String name = command == null ? null : command.name();
        Settings.Entry entry = settings.get(name, option.longestName().substring(2)).orElse(null);
        if (entry == null) {
            return null;
        }
        served.put(arg, entry);
        return entry.value();
    }

    /** Where the value of {@code arg} came from, e.g. {@code /home/me/.tincan/config line 3}, or null if not the file. */
    String whereFrom(ArgSpec arg) {
        Settings.Entry entry = arg == null ? null : served.get(arg);
        return entry == null ? null : settings.where(entry);
    }
}
