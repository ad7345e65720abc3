package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The warm-up reads the annotations of every class picocli reads for a subcommand: the
 * subcommand and its mixins and argument groups, however deep, and their superclasses. A
 * mixin it missed would still work, only slower; this finds it. And it ends: it opens
 * nothing that could wait.
 */
class CommandWarmUpTest {
    static Stream<Class<?>> onTheirOwn() {
        return Cli.ON_THEIR_OWN.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onTheirOwn")
    void everyClassPicocliReadsIsWarmedUpAndTheCommandLast(Class<?> command) {
        String name = command.getAnnotation(CommandLine.Command.class).name();
        CommandLine cl = Cli.commandLine(new TincanCommand(InputStream.nullInputStream()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), new String[] {name});
        Set<Class<?>> read = new HashSet<>();
        userClasses(cl.getSubcommands().get(name).getCommandSpec(), read);

        List<Class<?>> warmed = new ArrayList<>(CommandWarmUp.deepestFirst(command));

        assertThat(warmed).containsAll(read);
        assertThat(warmed.get(warmed.size() - 1)).isEqualTo(command);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onTheirOwn")
    void theWarmUpEnds(Class<?> command) throws InterruptedException {
        Thread warmUp = CommandWarmUp.start(command.getAnnotation(CommandLine.Command.class).name());

        warmUp.join(10_000);
        assertThat(warmUp.isAlive()).as("the warm-up still runs after 10 s").isFalse();
    }

    /**
     * The classes of {@code spec}'s own object and of its mixins' and argument groups',
     * transitively, with the superclasses of each but Object, which picocli reads too.
     */
    private static void userClasses(CommandSpec spec, Set<Class<?>> into) {
        if (spec.userObject() != null && !spec.userObject().getClass().getName().startsWith("picocli.")) {
            withSuperclasses(spec.userObject().getClass(), into);
        }
        for (CommandSpec mixin : spec.mixins().values()) {
            userClasses(mixin, into);
        }
        spec.argGroups().forEach(group -> groupClasses(group, into));
    }

    private static void groupClasses(ArgGroupSpec group, Set<Class<?>> into) {
        withSuperclasses(group.typeInfo().getType(), into);
        group.subgroups().forEach(sub -> groupClasses(sub, into));
    }

    private static void withSuperclasses(Class<?> type, Set<Class<?>> into) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            into.add(c);
        }
    }
}
