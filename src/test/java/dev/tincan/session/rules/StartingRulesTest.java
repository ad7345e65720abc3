package dev.tincan.session.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.session.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules new sessions start with: each session gets the rules as they were when it came,
 * as its own copy, handed over once; later edits reach only sessions that come later.
 */
class StartingRulesTest {
    private static final Path FOLDER = Path.of("target", "test-rules");

    private static Rule reply(String name, String frame, String answer) {
        return new Rule(name, Match.text(Match.Kind.EXACT, frame), List.of(new Action.Reply(answer, false,
                Duration.ZERO)));
    }

    @Test
    void eachSessionGetsTheRulesAsTheyWereWhenItCameHandedOverOnce() {
        Rule hello = reply("hello", "HELLO", "WORLD");
        Rule ping = reply("ping", "PING", "PONG");
        Session first = new Session();
        Session second = new Session();
        try (StartingRules starting = new StartingRules(FOLDER)) {
            starting.setRules(List.of(hello));
            starting.accept(first);
            starting.engine().setRules(List.of(hello, ping));
            starting.accept(second);

            SessionRules firstRules = starting.take(first);
            SessionRules secondRules = starting.take(second);
            assertThat(firstRules.engine().rules()).containsExactly(hello);
            assertThat(secondRules.engine().rules()).containsExactly(hello, ping);
            assertThat(firstRules.engine()).as("a copy of its own").isNotSameAs(secondRules.engine());
            assertThat(starting.take(first)).as("handed over once").isNull();
            assertThat(starting.take(new Session())).as("a session it never saw").isNull();
            firstRules.close();
            secondRules.close();
        }
    }
}
