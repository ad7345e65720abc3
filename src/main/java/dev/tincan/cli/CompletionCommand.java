package dev.tincan.cli;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tincan completion bash|zsh}: prints a completion script made from the command tree
 * itself, so every command, option and fixed choice (framings, modes, formats) completes
 * and a new option never needs the script edited by hand. The same script serves zsh
 * through its bash compatibility layer, which the script turns on itself.
 */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Print a shell completion script for tincan's commands, options and choices.",
        footer = {"", "Examples:",
            "  source <(tincan completion bash)     # this bash; or save it as",
            "  tincan completion bash > ~/.local/share/bash-completion/completions/tincan",
            "  source <(tincan completion zsh)      # in ~/.zshrc"})
final class CompletionCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.",
            completionCandidates = Shells.class)
    String shell;

    @Spec
    CommandSpec spec;

    /** The shells a script is made for. */
    static final class Shells implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("bash", "zsh").iterator();
        }
    }

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new ParameterException(spec.commandLine(), "unknown shell " + Cli.quote(shell)
                    + ": completion scripts are made for bash and zsh.");
        }
        String script = AutoComplete.bash("tincan", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
