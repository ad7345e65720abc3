package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tincan without arguments where there is no display: one sentence and exit 1, never a
 * stack trace. Runs a separate JVM forced headless, so it works with or without a display.
 */
class GuiWithoutDisplayTest {

    @Test
    void withoutADisplayTheWindowCommandSaysSoInOneLine() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(java, "-Djava.awt.headless=true",
                "-Dtincan.log.dir=" + System.getProperty("tincan.log.dir", "target/test-logs"),
                "-cp", System.getProperty("java.class.path"), "dev.tincan.Tincan"))
                .start();
        p.getOutputStream().close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("Tincan ended within 30 s").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(err.strip()).isEqualTo("error: there is no display to open the window on: run Tincan on a "
                + "desktop, or use the command line (java -jar target/tincan.jar --help).");
    }
}
