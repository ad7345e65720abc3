package dev.tincan.cli;

import dev.tincan.session.rules.Rule;
import dev.tincan.session.rules.RulesFile;
import dev.tincan.session.rules.RulesFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --rules FILE}: answer frames by the auto-reply rules in a rules file, the same
 * file the window's rules panel exports. The file is read and every rule checked before
 * anything connects or listens; snapshots with a relative name go beside the file.
 */
final class RulesOption {
    @Option(names = "--rules", paramLabel = "FILE",
            description = "Answer frames by the rules in FILE (a rules file, as the window's rules panel exports): "
                    + "each enabled rule that matches a received frame fires, in order, until one says stopRules. "
                    + "Snapshots with a relative name are written beside FILE.")
    Path file;

    /** Whether {@code --rules} was given. */
    boolean given() {
        return file != null;
    }

    /**
     * The rules in the file.
     *
     * @throws ParameterException with the file's sentence when it cannot be used
     */
    List<Rule> read(CommandSpec spec) {
        try {
            return RulesFile.read(file);
        } catch (RulesFileException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Where snapshots with a relative name go: the rules file's folder. */
    Path snapshotFolder() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }
}
