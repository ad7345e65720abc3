package dev.tincan.cli;

import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tincan gui}: opens the window, the same as running Tincan without arguments. The
 * command returns at once; the window lives on its own thread and the process with it.
 */
@Command(name = "gui",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Open the Tincan window (the same as running tincan without arguments).")
final class GuiCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GuiCommand.class);

    @ParentCommand
    TincanCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            Cli.openWindow();
        } catch (IllegalStateException e) {
            LOG.info("the window could not open", e);
            throw new CommandFailedException(e.getMessage());
        }
        root.windowOpened();
        return 0;
    }
}
