package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The window where it cannot open: no display at all (headless), or a display that
 * cannot be reached ({@code DISPLAY=:999}). Each says so in one sentence and exits 1, never
 * with a stack trace and never with nothing. Runs Tincan as a process of its own, so it
 * works with or without a display.
 */
class GuiWithoutDisplayTest {
    private static final String HINT = "run Tincan on a desktop, or give it a command (--help lists them).";

    @ParameterizedTest(name = "tincan {0}")
    @ValueSource(strings = {"", "gui", "bench gui"})
    void withoutADisplayTheWindowCommandsSaySoInOneLine(String command) throws Exception {
        TincanProcess.Result r = TincanProcess.create().jvmOption("-Djava.awt.headless=true")
                .run(command.isEmpty() ? new String[0] : command.split(" "));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("error: there is no display to open the window on: " + HINT);
    }

    @ParameterizedTest(name = "tincan {0}")
    @ValueSource(strings = {"", "gui", "bench gui"})
    void aDisplayThatCannotBeOpenedIsOneLineToo(String command) throws Exception {
        TincanProcess.Result r = TincanProcess.create().env("DISPLAY", ":999").env("XAUTHORITY", null)
                .run(command.isEmpty() ? new String[0] : command.split(" "));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("error: the display :999 cannot be opened: " + HINT);
    }
}
