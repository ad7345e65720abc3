package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.session.TranscriptRow;
import dev.tincan.session.rules.Action;
import dev.tincan.session.rules.Match;
import dev.tincan.session.rules.Rule;
import dev.tincan.ui.rules.RulesPanel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rules panel in the real window: a rule added through its dialog answers a frame a
 * device pushes, its note and mark show in the transcript, its count in the table; a rule
 * that fires too often says in words that it paused; a tab's rules are kept with the tab.
 */
@ExtendWith(NeedsDisplay.class)
class WindowRulesTest {
    private WindowHandle window;

    @AfterEach
    void close() throws Exception {
        Edt.closeAndAwait(window, RulesDriver.WAIT);
    }

    @Test
    void aRuleAddedInThePanelAnswersAPushedFrameAndItsNoteFollowsTheMarkedRow() throws Exception {
        try (RulesDriver.Device device = new RulesDriver.Device()) {
            window = WindowHandle.open("127.0.0.1", device.port(), "line");
            RulesPanel panel = RulesDriver.openPanel(window);
            RulesDriver.addRule(panel, "alarm", "regex", "^ALARM (\\d+)$", "ACK {{1}}", "alarm {{1}} answered");
            onEdt(() -> panel.addRule(new Rule("mark it", Match.text(Match.Kind.PREFIX, "ALARM"),
                    List.of(new Action.Mark()))));
            window.connect();
            assertThat(window.awaitConnected(RulesDriver.WAIT)).isTrue();

            device.push("ALARM 7");

            assertThat(device.next()).isEqualTo("ACK 7");
            Edt.awaitOnEdt("the rule's note row", RulesDriver.WAIT, () -> window.window().transcript().snapshot()
                    .stream().anyMatch(r -> r.kind() == TranscriptRow.Kind.NOTE
                            && r.message().equals("rule 'alarm': alarm 7 answered")));
            List<TranscriptRow> rows = onEdt(() -> window.window().transcript().snapshot());
            int alarm = indexOfFrame(rows, "ALARM 7");
            assertThat(rows.get(alarm).marked()).as("the pushed frame is marked").isTrue();
            assertThat(rows.get(alarm + 1).kind()).isEqualTo(TranscriptRow.Kind.NOTE);
            Edt.awaitOnEdt("the fired count", RulesDriver.WAIT, () -> panel.fired(0) == 1);
            assertThat(onEdt(() -> panel.lastFired(0))).matches("\\d\\d:\\d\\d:\\d\\d");
        }
    }

    @Test
    void aRuleItsLoopGuardPausedSaysSoInWords() throws Exception {
        try (RulesDriver.Device device = new RulesDriver.Device()) {
            window = WindowHandle.open("127.0.0.1", device.port(), "line");
            RulesPanel panel = RulesDriver.openPanel(window);
            onEdt(() -> panel.addRule(new Rule("loop", true, Match.text(Match.Kind.PREFIX, "x"),
                    List.of(new Action.Reply("y", false, java.time.Duration.ZERO)), 2)));
            window.connect();
            assertThat(window.awaitConnected(RulesDriver.WAIT)).isTrue();
            device.push("x1");
            device.push("x2");
            device.push("x3");

            Edt.awaitOnEdt("the paused state", RulesDriver.WAIT, () -> panel.lastFired(0).startsWith("paused"));
            assertThat(onEdt(() -> panel.lastFired(0))).isEqualTo("paused: fired more than 2 times in a second (a "
                    + "loop?); tick On to resume");
        }
    }

    @Test
    void aTabsRulesComeBackOnTheNextStart() throws Exception {
        Rule rule = new Rule("ping", Match.text(Match.Kind.EXACT, "PING"), List.of(new Action.Reply("PONG", false,
                java.time.Duration.ZERO)));
        UiPrefs prefs = UiPrefs.inMemory();
        MainWindow[] first = new MainWindow[1];
        onEdt(() -> {
            first[0] = new MainWindow(new WindowOptions("127.0.0.1", 1, "line", prefs));
            first[0].openRules();
            first[0].currentTab().rulesPanel().addRule(rule);
            first[0].close();
        });
        assertThat(first[0].awaitStopped(RulesDriver.WAIT.toMillis())).isTrue();

        MainWindow[] second = new MainWindow[1];
        onEdt(() -> {
            second[0] = new MainWindow(new WindowOptions("127.0.0.1", 1, "line", prefs));
            assertThat(second[0].currentTab().rules().engine().rules()).containsExactly(rule);
            second[0].close();
        });
        assertThat(second[0].awaitStopped(RulesDriver.WAIT.toMillis())).isTrue();
    }

    private static int indexOfFrame(List<TranscriptRow> rows, String text) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).isFrame() && rows.get(i).payload().utf8().equals(text)) {
                return i;
            }
        }
        throw new AssertionError("no frame " + text + " in " + rows);
    }
}
