package dev.tincan.cli;

import java.io.InputStream;
import java.util.Objects;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The top command, {@code tincan}. It holds what its subcommands share: the standard input
 * they read (injectable, so tests can type) and whether a window was opened (then the
 * process must not exit when the command returns).
 */
@Command(name = "tincan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A TCP client that frames messages and shows every reply, pushes included. Without arguments "
                + "it opens the window.",
        footer = {"", "Durations are written 500ms, 5s, 2m or 1h; sizes 300, 64KiB, 16MiB or 1GiB.",
            "Exit codes: 0 success, 1 network or protocol failure or timeout, 2 bad usage.",
            // One string a line, each within 80 columns: picocli wraps a longer one on its own.
            "Defaults come from ~/.tincan/config or --config FILE, one KEY = VALUE a line",
            "(framing = len32le, send.timeout = 10s): a typed option wins over the file,",
            "and the file over the built-in default.",
            "Details of failures go to a log file per run in ~/.tincan/logs."})
public final class TincanCommand implements Runnable {
    private final InputStream stdin;
    private volatile boolean windowOpen;

    @Spec
    CommandSpec spec;

    @Option(names = ConfigDefaults.OPTION, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Read defaults from FILE instead of ~/.tincan/config (KEY = VALUE lines; a typed option "
                    + "wins over the file, the file over the built-in default).")
    Path config;

    /** A top command whose subcommands read {@code stdin}. */
    public TincanCommand(InputStream stdin) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    /** The input that {@code send} and {@code connect} read messages from. */
    InputStream stdin() {
        return stdin;
    }

    /** Whether a window was opened; if so the process lives on after the command returns. */
    public boolean windowOpen() {
        return windowOpen;
    }

    void windowOpened() {
        windowOpen = true;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no command given: use "
                + String.join(", ", spec.subcommands().keySet()) + ", or no arguments at all for the window.");
    }
}
