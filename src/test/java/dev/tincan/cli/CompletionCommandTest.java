package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tincan completion bash}: the script it prints is sourced by a real bash, which is
 * then asked what completes a half-typed command line, as it would be on Tab.
 */
class CompletionCommandTest {
    @TempDir
    static Path dir;
    private static Path script;

    @BeforeAll
    static void writeScript() throws IOException {
        CliRun.Result r = CliRun.run("completion", "bash");
        assertThat(r.exitCode()).isZero();
        script = dir.resolve("tincan-completion.bash");
        Files.writeString(script, r.out(), StandardCharsets.UTF_8);
    }

    /** What bash offers for {@code words}, the last one being the word under the cursor. */
    private static String complete(String... words) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")),
                "skipped: completion is checked with /bin/bash, which this machine does not have");
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append(" '").append(w).append('\'');
        }
        String program = "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n"
                + "_complete_tincan 2>/dev/null\n"
                + "echo \"${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder("/bin/bash", "--norc", "-c", program).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("bash finished").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    @Test
    void commandsCompleteFromTheirFirstLetters() throws Exception {
        assertThat(complete("tincan", "se")).isEqualTo("send serve");
        assertThat(complete("tincan", "co")).isEqualTo("connect completion");
    }

    @Test
    void optionsCompleteForTheCommandTyped() throws Exception {
        assertThat(complete("tincan", "send", "--fr")).isEqualTo("--framing");
        assertThat(complete("tincan", "serve", "--max")).contains("--max-clients", "--max-frame");
    }

    @Test
    void fixedChoicesCompleteInTheWordsTheConvertersRead() throws Exception {
        assertThat(complete("tincan", "send", "--framing", "len3")).isEqualTo("len32 len32le");
        assertThat(complete("tincan", "serve", "--mode", "")).isEqualTo("echo upper you-sent chat ticker flood");
        assertThat(complete("tincan", "connect", "-o", "")).isEqualTo("text hex json");
        assertThat(complete("tincan", "completion", "")).isEqualTo("bash zsh");
        assertThat(complete("tincan", "send", "--pair", "")).isEqualTo("next echo match:");
        assertThat(complete("tincan", "bench", "--pattern", "")).isEqualTo("pingpong pipeline bulk");
    }

    @Test
    void zshRegistersTheSameCompletionThroughItsBashLayer() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
                "skipped: zsh is not installed (.ci/run installs it)");
        CliRun.Result r = CliRun.run("completion", "zsh");
        Path zshScript = dir.resolve("tincan-completion.zsh");
        Files.writeString(zshScript, r.out(), StandardCharsets.UTF_8);
        String program = "autoload -U compinit; compinit -u; source '" + zshScript + "'; print -r -- $_comps[tincan]";
        Process p = new ProcessBuilder("zsh", "-f", "-c", program).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("zsh finished").isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo("_bash_complete -F _complete_tincan -o default");
    }

    @Test
    void anUnknownShellIsRefusedInWords() {
        CliRun.Result r = CliRun.run("completion", "fish");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine())
                .isEqualTo("error: unknown shell \"fish\": completion scripts are made for bash and zsh.");
    }
}
