package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class FailureHandlerTest {

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final Exception toThrow;

        Boom(Exception toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        public Integer call() throws Exception {
            throw toThrow;
        }
    }

    private static String run(Exception toThrow, int expectedExit) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Boom(toThrow));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler(new FailureHandler());
        assertThat(cl.execute()).isEqualTo(expectedExit);
        return err.toString();
    }

    @Test
    void anExpectedFailureIsOneErrorLine() {
        assertThat(run(new CommandFailedException("connect to 127.0.0.1:1 failed: connection refused"), 1))
                .isEqualTo("error: connect to 127.0.0.1:1 failed: connection refused" + System.lineSeparator());
    }

    @Test
    void aSurpriseIsOneErrorLinePointingToTheLogAndNoStackTrace() {
        String err = run(new IllegalStateException("the queue\nbroke"), 1);

        assertThat(err.lines()).hasSize(1);
        assertThat(err).startsWith("error: boom failed unexpectedly (IllegalStateException: the queue\\nbroke); "
                + "the details are in ").contains(Cli.logFile().toString()).doesNotContain("\tat ");
    }

    @Test
    void controlCharactersInAMessageCannotReachTheTerminal() {
        assertThat(run(new CommandFailedException("bad \u001b[2J reply"), 1))
                .isEqualTo("error: bad \\x1b[2J reply" + System.lineSeparator());
    }
}
