package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The factory makes what picocli asks for, our classes that are not public included. */
class CommandFactoryTest {
    private static final class Hidden {
        private final String made = "made";

        private Hidden() {
        }
    }

    private static final class NeedsAnArgument {
        NeedsAnArgument(String argument) {
        }
    }

    @Test
    void makesAClassWhoseConstructorIsPrivate() throws Exception {
        assertThat(new CommandFactory().create(Hidden.class).made).isEqualTo("made");
    }

    @Test
    void makesAListForAListOption() throws Exception {
        Object made = new CommandFactory().create(List.class);

        assertThat(made).isInstanceOf(ArrayList.class);
    }

    @Test
    void aClassWithoutAConstructorThatTakesNothingIsRefusedAsPicocliRefusesIt() {
        Throwable picocli = catchThrowable(() -> CommandLine.defaultFactory().create(NeedsAnArgument.class));

        assertThat(picocli).isInstanceOf(NoSuchMethodException.class);
        assertThatThrownBy(() -> new CommandFactory().create(NeedsAnArgument.class))
                .isInstanceOf(picocli.getClass()).hasMessage(picocli.getMessage());
    }
}
