package dev.tincan.cli;

import dev.tincan.codec.Escapes;
import dev.tincan.ui.TincanApp;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;

/**
 * Tincan's command line: builds the picocli command tree and runs it. Output is UTF-8;
 * exit codes are 0 for success, 1 for a network or protocol failure or a timeout (with a
 * line on stderr beginning {@code error:}), 2 for bad usage.
 */
public final class Cli {
    /**
     * The subcommands, in the order {@code --help} lists them. A new subcommand is one more
     * class here.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            SendCommand.class,
            ConnectCommand.class,
            ListenCommand.class,
            ReplayCommand.class,
            ExportPcapCommand.class,
            ServeCommand.class,
            RelayCommand.class,
            BenchCommand.class,
            GuiCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class);

    /** The subcommands that do their work without knowing of the others, most used first. */
    static final List<Class<?>> ON_THEIR_OWN = List.of(
            SendCommand.class,
            ConnectCommand.class,
            ServeCommand.class,
            ListenCommand.class,
            RelayCommand.class,
            ReplayCommand.class,
            ExportPcapCommand.class,
            BenchCommand.class,
            GuiCommand.class);

    /** The system property naming the built-in converters picocli is not to register. */
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /**
     * The built-in converters no option here takes, as a picocli regular expression: every
     * {@code CommandLine} looks up their classes and methods by reflection (loading {@code
     * java.sql} on the way), which took a one-shot {@code tincan send} about 10 ms. Durations
     * are read by {@link DurationConverter} (5s, 200ms), which {@link #commandLine} registers;
     * paths keep picocli's converter.
     */
    static final String UNUSED_CONVERTERS = "java\\.(sql|time)\\..*";

    private Cli() {
    }

    /**
     * Runs Tincan with {@code args}: no arguments opens the window, anything else runs the
     * command line, and the process exits with the command's exit code unless a window is
     * open.
     */
    public static void main(String[] typed) {
        String first = typed.length > 0 ? typed[0] : "";
        boolean send = first.equals("send");
        boolean quickable = send || first.equals("connect") || first.equals("serve");
        if (quickable) {
            // Before anything asks for a logger: a send that succeeds starts no Logback, and
            // connect and serve start it once they are ready.
            HeldLogging.install();
        }
        String[] args = Arguments.asTyped(typed);
        PrintWriter out = null;
        PrintWriter err = null;
        if (quickable) {
            out = writer(FileDescriptor.out);
            err = writer(FileDescriptor.err);
            // The common command lines, read without picocli; null for any other.
            Integer quick = send ? QuickSend.run(args, StandardInput.open(), out, err)
                    : first.equals("serve") ? QuickServe.run(args, out, err)
                    : QuickConnect.run(args, StandardInput.open(), out, err);
            if (quick != null) {
                exit(quick, send, out, err);
            }
        }
        if (typed.length > 0) {
            CommandWarmUp.start(typed[0]);
        }
        if (args.length == 0) {
            // The window's fonts are read on another thread while the display is opened.
            TincanApp.warmUp();
        }
        if (args.length == 0 && TincanApp.hasDisplay()) {
            // The window straight away: building the command tree first held the first paint
            // back by about 250 ms. Without a display, the command line says why, below.
            openWindow();
            return;
        }
        if (out == null) {
            out = writer(FileDescriptor.out);
            err = writer(FileDescriptor.err);
        }
        TincanCommand root = new TincanCommand(StandardInput.open());
        if (args.length == 0) {
            args = new String[] {"gui"};
        }
        CommandLine cl = commandLine(root, out, err, args);
        // Nothing has logged on this thread yet; from here on a command may.
        CommandWarmUp.awaitLogging();
        int code = execute(cl, args);
        if (!root.windowOpen()) {
            exit(code, send, out, err);
        }
        out.flush();
        err.flush();
    }

    /** A UTF-8 writer on {@code fd} that flushes at each line. */
    private static PrintWriter writer(FileDescriptor fd) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
    }

    /**
     * Flushes, ends the held logging ({@link HeldLogging#finish}: a send that succeeded drops
     * its lines) and exits with {@code code}.
     */
    private static void exit(int code, boolean send, PrintWriter out, PrintWriter err) {
        out.flush();
        err.flush();
        HeldLogging.finish(send && code == 0);
        System.exit(code);
    }

    /**
     * Runs {@code args} on {@code cl}, a tree from {@link #commandLine}: the settings file is
     * read first, so options nobody typed take its values. Returns the exit code.
     */
    static int execute(CommandLine cl, String... args) {
        ConfigDefaults defaults = (ConfigDefaults) cl.getDefaultValueProvider();
        try {
            defaults.use(cl, args);
            return cl.execute(args);
        } catch (CommandLine.ParameterException e) {
            try {
                return cl.getParameterExceptionHandler().handleParseException(e, args);
            } catch (Exception unexpected) {
                throw new IllegalStateException("the usage error handler failed", unexpected);
            }
        }
    }

    /**
     * Opens the window. With the system property {@code tincan.firstPaint=exit} (for
     * {@code scripts/startup.sh} and the archive's training run) its first paint prints how
     * long after the JVM's start it came, and the process exits.
     */
    static void openWindow() {
        if ("exit".equals(System.getProperty("tincan.firstPaint"))) {
            TincanApp.onFirstPaint(millis -> {
                System.out.println("tincan: first paint " + millis + " ms after the JVM started.");
                System.exit(0);
            });
        }
        TincanApp.open();
    }

    /** The command tree under {@code root}, printing to {@code out} and {@code err}. */
    static CommandLine commandLine(TincanCommand root, PrintWriter out, PrintWriter err) {
        return commandLine(root, out, err, SUBCOMMANDS);
    }

    /**
     * The command tree that running {@code args} needs: when they begin with the name of a
     * subcommand that runs on its own, only that subcommand under {@code root}; for {@code
     * --version} alone, {@code root} alone; else the whole tree (for {@code --help}, {@code
     * help}, {@code completion} and mistyped names).
     * picocli reads every option of every subcommand it is given, which took a one-shot
     * {@code tincan send} about a third of its time.
     */
    static CommandLine commandLine(TincanCommand root, PrintWriter out, PrintWriter err, String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // The version is the top command's alone: a script that checks it pays for no subcommand.
            return commandLine(root, out, err, List.of());
        }
        if (args.length > 0) {
            for (Class<?> subcommand : ON_THEIR_OWN) {
                if (subcommand.getAnnotation(CommandLine.Command.class).name().equals(args[0])) {
                    return commandLine(root, out, err, List.of(subcommand));
                }
            }
        }
        return commandLine(root, out, err, SUBCOMMANDS);
    }

    private static CommandLine commandLine(TincanCommand root, PrintWriter out, PrintWriter err,
            List<Class<?>> subcommands) {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, UNUSED_CONVERTERS);
        }
        // picocli otherwise looks for Groovy, which is not here, at the cost of an exception.
        System.setProperty("picocli.disable.closures", "true");
        CommandLine cl = new CommandLine(root, new CommandFactory());
        for (Class<?> subcommand : subcommands) {
            cl.addSubcommand(subcommand);
        }
        // After the subcommands, so that the converters reach them too.
        cl.registerConverter(Integer.class, new WholeNumberConverter.Int());
        cl.registerConverter(int.class, new WholeNumberConverter.Int());
        cl.registerConverter(Long.class, new WholeNumberConverter.Long());
        cl.registerConverter(long.class, new WholeNumberConverter.Long());
        cl.registerConverter(Duration.class, new DurationConverter());
        cl.setDefaultValueProvider(new ConfigDefaults());
        cl.setHelpFactory(new HelpLayout());
        cl.setUsageHelpAutoWidth(true);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        cl.setExecutionExceptionHandler(new FailureHandler());
        return cl;
    }

    /** What a person typed, in double quotes and made safe by {@link Escapes#oneLine}, for messages. */
    static String quote(String text) {
        return "\"" + (text == null ? "" : Escapes.oneLine(text)) + "\"";
    }

    /** This process's log file, for sentences that send a person there; see {@link LogFile}. */
    static Path logFile() {
        return LogFile.path();
    }
}
