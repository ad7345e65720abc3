package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code --help} of every command, at several widths: no line wider than the width, and
 * no word split across lines (a word is what lies between spaces, such as
 * {@code delim:HEX,} or {@code frames/s,}). Descriptions are written as whole sentences,
 * never as lines cut by hand.
 */
class HelpTextTest {
    private static final List<String> COMMANDS = List.of("", "send", "connect", "listen", "serve", "bench", "bench gui", "gui",
            "help");

    static Stream<Arguments> commandsAndWidths() {
        return COMMANDS.stream().flatMap(c -> Stream.of(55, 80, 120).map(w -> Arguments.of(c, w)));
    }

    /** The help of {@code command} laid out {@code width} columns wide. */
    private static String help(String command, int width) {
        StringWriter out = new StringWriter();
        CommandLine cl = Cli.commandLine(new TincanCommand(InputStream.nullInputStream()), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        cl.setUsageHelpWidth(width);
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : Arrays.asList(command.split(" ")));
        args.add("--help");
        assertThat(cl.execute(args.toArray(String[]::new))).isZero();
        return out.toString();
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).sorted().toList();
    }

    @ParameterizedTest(name = "tincan {0} --help at {1} columns")
    @MethodSource("commandsAndWidths")
    void helpFitsItsWidthAndSplitsNoWord(String command, int width) {
        String narrow = help(command, width);
        String unwrapped = help(command, 1000);

        assertThat(narrow.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(width));
        assertThat(words(narrow)).isEqualTo(words(unwrapped));
    }

    @Test
    void theWordsThatUsedToBeSplitStayWhole() {
        assertThat(help("connect", 80)).contains(" delim:HEX, ");
        assertThat(help("serve", 80)).contains(" delim:HEX, ");
        assertThat(help("bench gui", 80)).contains(" frames/s, ");
        assertThat(help("bench", 80)).contains("[--pattern=PATTERN[,PATTERN...]]...");
    }

    @Test
    void descriptionsAreWholeSentences() {
        CommandLine cl = Cli.commandLine(new TincanCommand(InputStream.nullInputStream()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<CommandLine> all = new ArrayList<>(List.of(cl));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values());
        }
        for (CommandLine c : all) {
            assertThat(c.getCommandSpec().usageMessage().description()).as(c.getCommandSpec().qualifiedName())
                    .allSatisfy(line -> assertThat(line.replace("%n", "")).endsWith("."));
        }
    }
}
