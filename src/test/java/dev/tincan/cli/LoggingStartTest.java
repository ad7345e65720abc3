package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One thread starts the logging while another may log: the command warm-up
 * ({@link CommandWarmUp}) while the main thread reads the command line, the window's warm-up
 * while the main thread finds the display missing. A line logged while SLF4J was starting on
 * the other thread went to SLF4J's stand-in: it was lost if the process exited first, and
 * otherwise SLF4J printed three lines of its own about "intercepted" calls above the
 * sentence. A start made slow ({@link SlowLogbackStart}) makes the overlap certain.
 */
@Timeout(60)
class LoggingStartTest {
    @ParameterizedTest(name = "tincan {0}")
    @ValueSource(strings = {"", "gui", "send 127.0.0.1 1 hello"})
    void aCommandThatFailsWhileTheLoggingStartsSaysOneSentenceAndLogsIt(String command, @TempDir Path logs)
            throws Exception {
        TincanProcess.Result r = TincanProcess.create().env("DISPLAY", ":999").env("XAUTHORITY", null)
                .logDir(logs.toString())
                .jvmOption("-Dslf4j.provider=" + SlowLogbackStart.class.getName())
                .jvmOption("-Dslf4j.internal.verbosity=WARN")
                .run(command.isEmpty() ? new String[0] : command.split(" "));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        String sentence = r.err().strip();
        assertThat(sentence).startsWith("error: ").doesNotContain("SLF4J").hasLineCount(1);
        assertThat(logged(logs)).as("the log of tincan " + command)
                .contains(sentence.substring("error: ".length(), sentence.indexOf(':', "error: ".length())));
    }

    private static String logged(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }
}
