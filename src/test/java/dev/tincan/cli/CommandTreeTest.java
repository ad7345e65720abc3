package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command line that begins with a subcommand's name builds only that subcommand, and it
 * then helps and refuses exactly as the whole tree does. No option relies on a converter
 * the tree tells picocli to leave out, unless the tree registers its own for that type on
 * every command.
 */
class CommandTreeTest {
    static Stream<String> onTheirOwn() {
        return Cli.ON_THEIR_OWN.stream().map(c -> c.getAnnotation(CommandLine.Command.class).name());
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(boolean whole, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        TincanCommand root = new TincanCommand(InputStream.nullInputStream());
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = whole ? Cli.commandLine(root, o, e) : Cli.commandLine(root, o, e, args);
        cl.setUsageHelpWidth(100);
        int code = Cli.execute(cl, args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "tincan {0} ... builds {0} alone")
    @MethodSource("onTheirOwn")
    void aSubcommandIsBuiltAlone(String name) {
        CommandLine cl = Cli.commandLine(new TincanCommand(InputStream.nullInputStream()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), new String[] {name, "x"});

        assertThat(cl.getSubcommands().keySet()).containsExactly(name);
    }

    @ParameterizedTest(name = "tincan {0} --help as in the whole tree")
    @MethodSource("onTheirOwn")
    void helpIsTheSameAsInTheWholeTree(String name) {
        Run alone = run(false, name, "--help");

        assertThat(alone).isEqualTo(run(true, name, "--help"));
        assertThat(alone.out()).contains("Usage: tincan " + name);
    }

    @ParameterizedTest(name = "tincan {0} --no-such-option is refused as in the whole tree")
    @MethodSource("onTheirOwn")
    void aMistakeIsRefusedAsInTheWholeTree(String name) {
        Run alone = run(false, name, "--no-such-option");

        assertThat(alone).isEqualTo(run(true, name, "--no-such-option"));
        assertThat(alone.code()).isEqualTo(2);
    }

    @ParameterizedTest(name = "tincan {0} builds no subcommand and prints as the whole tree does")
    @ValueSource(strings = {"--version", "-V"})
    void theVersionAloneBuildsNoSubcommand(String flag) {
        CommandLine cl = Cli.commandLine(new TincanCommand(InputStream.nullInputStream()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), new String[] {flag});

        assertThat(cl.getSubcommands()).isEmpty();
        Run alone = run(false, flag);
        assertThat(alone).isEqualTo(run(true, flag));
        assertThat(alone.out()).startsWith("tincan ");
        assertThat(alone.code()).isZero();
    }

    @ParameterizedTest(name = "tincan {0} builds the whole tree")
    @MethodSource("wholeTree")
    void otherCommandLinesBuildTheWholeTree(List<String> args) {
        CommandLine cl = Cli.commandLine(new TincanCommand(InputStream.nullInputStream()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args.toArray(String[]::new));

        assertThat(cl.getSubcommands()).hasSameSizeAs(Cli.SUBCOMMANDS);
    }

    /**
     * The types whose built-in converters picocli is told to leave out and that an option
     * may still take without naming a converter, because {@link Cli#commandLine} registers
     * one: {@link #everyCommandConvertsTheTypesTheTreeRegisters} shows it does.
     */
    private static final List<Class<?>> REGISTERED = List.of(Duration.class);

    @Test
    void noOptionNeedsAConverterPicocliIsToldToLeaveOut() {
        List<String> unconverted = new ArrayList<>();
        for (CommandLine command : wholeTreeCommands()) {
            for (ArgSpec arg : command.getCommandSpec().args()) {
                for (Class<?> type : arg.typeInfo().getAuxiliaryTypes()) {
                    if (leftOut(type) && !REGISTERED.contains(type)
                            && arg.converters().length == 0) {
                        unconverted.add(command.getCommandName() + " " + arg + " (" + type.getName() + ")");
                    }
                }
            }
        }

        assertThat(unconverted).isEmpty();
    }

    /**
     * Whether picocli leaves out its converter for {@code type}: it reads the list as
     * regular expressions, comma-separated.
     */
    private static boolean leftOut(Class<?> type) {
        for (String regex : Cli.UNUSED_CONVERTERS.split(",")) {
            if (type.getName().matches(regex)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyCommandConvertsTheTypesTheTreeRegisters() {
        for (CommandLine command : wholeTreeCommands()) {
            OptionSpec probe = OptionSpec.builder("--probe-duration").type(Duration.class).build();
            command.getCommandSpec().addOption(probe);
            try {
                command.parseArgs("--probe-duration", "5s");
            } catch (CommandLine.MissingParameterException e) {
                // The command's own required arguments; the probe was read before they were missed.
            }

            assertThat((Duration) probe.getValue()).as(command.getCommandName()).isEqualTo(Duration.ofSeconds(5));
        }
    }

    /** Every command of the whole tree, the top one first. */
    private static List<CommandLine> wholeTreeCommands() {
        CommandLine cl = Cli.commandLine(new TincanCommand(InputStream.nullInputStream()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<CommandLine> all = new ArrayList<>();
        Deque<CommandLine> toVisit = new ArrayDeque<>(List.of(cl));
        while (!toVisit.isEmpty()) {
            CommandLine command = toVisit.pop();
            all.add(command);
            toVisit.addAll(command.getSubcommands().values());
        }
        assertThat(all).hasSizeGreaterThan(Cli.SUBCOMMANDS.size());
        return all;
    }

    static Stream<List<String>> wholeTree() {
        return Stream.of(List.of(), List.of("--help"), List.of("help", "send"), List.of("completion", "bash"),
                List.of("sned", "127.0.0.1"), List.of("--version", "send"));
    }
}
