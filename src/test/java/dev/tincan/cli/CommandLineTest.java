package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command tree as a whole: help, version, and bad usage, none of which touches the network. */
class CommandLineTest {
    /** The commands an unknown one is told to pick from, in the order --help lists them. */
    private static final String COMMANDS = "send, connect, listen, replay, export-pcap, serve, relay, bench, gui, completion or help";

    /** A command's line in a help's "Commands:" section: two spaces, the name, its description. */
    private static final Pattern COMMAND_LINE = Pattern.compile("  ([a-z][a-z-]*)(?:,\\s*\\S+)?\\s{2,}\\S.*");

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "send", "connect", "listen", "serve", "relay", "bench", "bench gui", "gui"})
    void helpExitsZeroAndShowsUsage(String command) {
        CliRun.Result r = CliRun.run(args(command, "--help"));

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: tincan" + (command.isEmpty() ? "" : " " + command));
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "send", "connect", "listen", "serve", "relay", "bench", "bench gui", "gui"})
    void versionExitsZeroAndPrintsTheVersion(String command) {
        CliRun.Result r = CliRun.run(args(command, "--version"));

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).matches("tincan \\d+\\.\\d+\\.\\d+\\S*");
    }

    @Test
    void helpListsEveryCommand() {
        List<String> listed = commandsListedBy("--help");

        assertThat(listed).contains("send", "connect", "listen", "serve", "relay", "bench", "gui", "help");
        for (String command : listed) {
            assertThat(CliRun.run(command, "--help").exitCode()).as("tincan %s --help", command).isZero();
        }
        assertThat(commandsListedBy("bench", "--help")).containsExactly("gui");
    }

    /** The names in the "Commands:" section of the help that {@code args} print, in order. */
    private static List<String> commandsListedBy(String... args) {
        String help = CliRun.run(args).out();
        int start = help.indexOf("\nCommands:\n");
        assertThat(start).as("a Commands: section in%n%s", help).isNotNegative();
        List<String> names = new ArrayList<>();
        for (String line : help.substring(start + "\nCommands:\n".length()).split("\n")) {
            if (line.isBlank()) {
                break;
            }
            Matcher m = COMMAND_LINE.matcher(line);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @ParameterizedTest(name = "[{index}] help {0}")
    @ValueSource(strings = {"", "send", "connect", "serve", "relay", "bench", "gui"})
    void theHelpCommandPrintsTheSameHelpAsTheOption(String command) {
        CliRun.Result viaCommand = command.isEmpty() ? CliRun.run("help") : CliRun.run("help", command);
        CliRun.Result viaOption = command.isEmpty() ? CliRun.run("--help") : CliRun.run(command, "--help");

        assertThat(viaCommand.exitCode()).isZero();
        assertThat(viaCommand.err()).isEmpty();
        assertThat(viaCommand.out()).startsWith("Usage: tincan" + (command.isEmpty() ? "" : " " + command))
                .isEqualTo(viaOption.out());
    }

    @Test
    void helpForAnUnknownCommandIsBadUsage() {
        CliRun.Result r = CliRun.run("help", "sned");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(
                "error: unknown command \"sned\": use send, connect, listen, replay, export-pcap, serve, relay, bench, "
                        + "gui, completion or help.",
                "Did you mean: tincan help send?",
                "Try 'tincan --help' for more information.");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "send 127.0.0.1 abc hi|port \"abc\" is not a number: use 1 to 65535, e.g. 50007.",
        "send 127.0.0.1 0 hi|port 0 is out of range: use 1 to 65535, e.g. 50007.",
        "send 127.0.0.1 70000 hi|port 70000 is out of range: use 1 to 65535, e.g. 50007.",
        "connect 127.0.0.1 70000|port 70000 is out of range: use 1 to 65535, e.g. 50007.",
        "serve --port 70000|port 70000 is out of range: use 0 (any free port) to 65535, e.g. 50007.",
        "listen 70000|port 70000 is out of range: use 0 (any free port) to 65535, e.g. 50007.",
        "listen --max-clients 0 50007|client cap 0 is not positive: use 1 or more.",
        "send --framing len7 127.0.0.1 1 hi|--framing: unknown framing \"len7\": use raw, line, crlf, nul, "
            + "delim:HEX, len8, len16, len24, len32, len64, len16le, len32le, len64le or fixed:N.",
        "send --timeout 5 127.0.0.1 1 hi|--timeout: duration \"5\" has no unit: write a unit, e.g. 5ms or 5s.",
        "send --timeout 0 127.0.0.1 1 hi|--timeout 0 would give up at once: give a duration such as 5s.",
        "connect --linger soon 127.0.0.1 1|--linger: bad duration \"soon\": write a whole number and a unit "
            + "(ms, s, m or h), e.g. 500ms or 5s.",
        "send --max-frame 0 127.0.0.1 1 hi|--max-frame: a max frame length of 0 would refuse every frame: "
            + "give at least 1 byte, e.g. 16MiB.",
        "send --max-frame 64KB 127.0.0.1 1 hi|--max-frame: size \"64KB\" is ambiguous: write 64KiB "
            + "(units of 1024), or the number of bytes.",
        "send --out xml 127.0.0.1 1 hi|--out: unknown output format \"xml\": use text, hex or json.",
        "send --replies -1 127.0.0.1 1 hi|--replies -1 is negative: give 0 or more.",
        "send --hex 127.0.0.1 1 4g|message 1 \"4g\" cannot be sent: invalid hex: \"g\" at character 2 is not a hex "
            + "digit (use 0-9 and a-f, e.g. 48 65 6c).",
        "connect --framing len7 127.0.0.1 1|--framing: unknown framing \"len7\": use raw, line, crlf, nul, "
            + "delim:HEX, len8, len16, len24, len32, len64, len16le, len32le, len64le or fixed:N.",
        "serve --framing len7|--framing: unknown framing \"len7\": use raw, line, crlf, nul, "
            + "delim:HEX, len8, len16, len24, len32, len64, len16le, len32le, len64le or fixed:N.",
        "bench --framing len7|--framing: unknown framing \"len7\": use raw, line, crlf, nul, "
            + "delim:HEX, len8, len16, len24, len32, len64, len16le, len32le, len64le or fixed:N.",
        "serve --mode shout|--mode: unknown mode \"shout\": use echo, upper, you-sent, chat, ticker or flood.",
        "send|missing HOST and PORT: tincan send takes HOST PORT [MESSAGE...].",
        "connect 127.0.0.1 1 extra|unexpected word \"extra\": tincan connect takes HOST PORT besides its options.",
        "send 127.0.0.1 1 hi --framing|--framing needs a value: give its FRAMING after it.",
        "send 127.0.0.1:50007 hi|\"127.0.0.1:50007\" has its port after a colon: give HOST and PORT as two words, "
            + "e.g. 127.0.0.1 50007.",
        "send 127.0.0.1|missing PORT: tincan send takes HOST PORT [MESSAGE...].",
        "relay 0|missing HOST and PORT: tincan relay takes LISTEN_PORT HOST PORT.",
        "send 127.0.0.1 -1 hi|port -1 is out of range: use 1 to 65535, e.g. 50007.",
        "serve --port -1|port -1 is out of range: use 0 (any free port) to 65535, e.g. 50007.",
        "bench --connections abc|--connections: \"abc\" is not a whole number: write digits only, e.g. 10.",
        "serve --flood-count abc|--flood-count: \"abc\" is not a whole number: write digits only, e.g. 10.",
        "serve --max-clients 99999999999|--max-clients: 99999999999 is too large: the most is 2147483647.",
        "send --replies 1.5 127.0.0.1 1 hi|--replies: \"1.5\" is not a whole number: write digits only, e.g. 10.",
        "send --timeout 99999999999h 127.0.0.1 1 hi|--timeout: duration \"99999999999h\" is too large: "
            + "use at most 8760h (a year).",
        "send --max-frame 2GiB 127.0.0.1 1 hi|max frame length 2147483648 is out of range: "
            + "use 1 to 2147483639 bytes (just under 2GiB), e.g. 16MiB.",
        "serve --max-frame 2GiB|max frame length 2147483648 is out of range: "
            + "use 1 to 2147483639 bytes (just under 2GiB), e.g. 16MiB.",
        "bench --count 0|--count 0 would measure nothing: give 1 or more frames, or leave --count out to measure "
            + "for --duration.",
        "bench 127.0.0.1|missing PORT: tincan bench takes HOST PORT.",
        "bench --size 2GiB|--size 2GiB is out of range: use 1 byte to 1GiB.",
        "bench --size 0|--size 0 is out of range: use 1 byte to 1GiB.",
        "serve --flood-size 65MiB|--flood-size 65MiB is too large: use 1 byte to 64MiB.",
        "serve --flood-size 3GiB|--flood-size 3GiB is too large: use 1 byte to 64MiB."})
    void badUsageExitsTwoWithOneSentenceAndAHint(String args, String sentence) {
        CliRun.Result r = CliRun.run(args.split(" "));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errFirstLine()).isEqualTo("error: " + sentence);
        assertThat(r.err().lines().reduce((a, b) -> b).orElse(""))
                .isEqualTo("Try 'tincan " + args.split(" ")[0] + " --help' for more information.");
    }

    /** {@code command} split into words, then {@code option}. */
    private static String[] args(String command, String option) {
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add(option);
        return args.toArray(String[]::new);
    }

    @Test
    void aSentenceQuotingUnprintableTextWritesItAsReceivedFramesAre() {
        CliRun.Result r = CliRun.run("send", "127.0.0.1", "1", "ok", "a\u202eb\ue000\\q");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine())
                .startsWith("error: message 2 \"a\\xe2\\x80\\xaeb\\xee\\x80\\x80\\q\" cannot be sent: ");
    }

    @Test
    void theDefaultMaxFrameIsTheEnginesDefault() {
        assertThat(new MaxFrameConverter().convert(MaxFrameOption.DEFAULT)).isEqualTo(Framing.DEFAULT_MAX_FRAME_LENGTH);
    }

    @Test
    void aPortWhereServeTakesOptionsOnlyIsAskedAbout() {
        CliRun.Result r = CliRun.run("serve", "50108");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "error: unexpected word \"50108\": tincan serve takes options only.",
                "Did you mean: tincan serve --port 50108?",
                "Try 'tincan serve --help' for more information.");
    }

    @Test
    void anUnknownCommandIsBadUsage() {
        CliRun.Result r = CliRun.run("fetch");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "error: unknown command \"fetch\": use " + COMMANDS + ".",
                "Try 'tincan --help' for more information.");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"sned, send", "conect, connect", "srve, serve", "bnech, bench", "gi, gui", "hepl, help"})
    void aMisspelledCommandSuggestsTheNearestOne(String typed, String meant) {
        CliRun.Result r = CliRun.run(typed, "127.0.0.1", "1");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "error: unknown command \"" + typed + "\": use " + COMMANDS + ".",
                "Did you mean: tincan " + meant + "?",
                "Try 'tincan --help' for more information.");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "send --tiemout 3s 127.0.0.1 1 hi|--tiemout|--timeout",
        "send 127.0.0.1 1 --tiemout 3s hi|--tiemout|--timeout",
        "connect --lingr 1s 127.0.0.1 1|--lingr|--linger",
        "serve --prot 50007|--prot|--port",
        "bench --cuont 10|--cuont|--count"})
    void aMisspelledOptionIsNamedWhateverFollowsIt(String args, String typed, String meant) {
        CliRun.Result r = CliRun.run(args.split(" "));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "error: unknown option \"" + typed + "\".",
                "Did you mean: " + meant + "?",
                "Try 'tincan " + args.split(" ")[0] + " --help' for more information.");
    }
}
