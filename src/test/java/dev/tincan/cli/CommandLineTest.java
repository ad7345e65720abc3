package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command tree as a whole: help, version, and bad usage, none of which touches the network. */
class CommandLineTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "send", "connect", "serve", "gui"})
    void helpExitsZeroAndShowsUsage(String command) {
        CliRun.Result r = command.isEmpty() ? CliRun.run("--help") : CliRun.run(command, "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: tincan" + (command.isEmpty() ? "" : " " + command));
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "send", "connect", "serve", "gui"})
    void versionExitsZeroAndPrintsTheVersion(String command) {
        CliRun.Result r = command.isEmpty() ? CliRun.run("--version") : CliRun.run(command, "--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).matches("tincan \\d+\\.\\d+\\.\\d+\\S*");
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(CliRun.run("--help").out()).contains("send", "connect", "serve", "gui");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "send 127.0.0.1 abc hi|port \"abc\" is not a number: use 1 to 65535, e.g. 50007.",
        "send 127.0.0.1 0 hi|port 0 is out of range: use 1 to 65535, e.g. 50007.",
        "send 127.0.0.1 70000 hi|port 70000 is out of range: use 1 to 65535, e.g. 50007.",
        "connect 127.0.0.1 70000|port 70000 is out of range: use 1 to 65535, e.g. 50007.",
        "serve --port 70000|port 70000 is out of range: use 0 (any free port) to 65535, e.g. 50007.",
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
        "send 127.0.0.1|missing required parameter: 'PORT'"})
    void badUsageExitsTwoWithOneSentenceAndAHint(String args, String sentence) {
        CliRun.Result r = CliRun.run(args.split(" "));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errFirstLine()).isEqualTo("error: " + sentence);
        assertThat(r.err().lines().reduce((a, b) -> b).orElse(""))
                .isEqualTo("Try 'tincan " + args.split(" ")[0] + " --help' for more information.");
    }

    @Test
    void theDefaultMaxFrameIsTheEnginesDefault() {
        assertThat(new MaxFrameConverter().convert(MaxFrameOption.DEFAULT)).isEqualTo(Framing.DEFAULT_MAX_FRAME_LENGTH);
    }

    @Test
    void anUnknownCommandIsBadUsage() {
        CliRun.Result r = CliRun.run("fetch");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: unmatched argument at index 0: 'fetch'");
    }
}
