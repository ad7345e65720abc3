package dev.tincan.ui;

import static dev.tincan.ui.Edt.awaitOnEdt;
import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.Pairing;
import dev.tincan.session.Session;
import dev.tincan.session.TranscriptRow;
import java.awt.Component;
import java.awt.KeyboardFocusManager;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The window as a workbench: two tabs, each with its own connection to its own echo server;
 * what one sends shows only in that tab, a tab in the background counts what arrives
 * unseen, closing a tab ends its client thread, and the tabs come back on the next start.
 */
@ExtendWith(NeedsDisplay.class)
class WindowTabsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private WindowHandle window;

    @AfterEach
    void closeWindow() throws Exception {
        Edt.closeAndAwait(window, WAIT);
    }

    private static boolean hasFrame(SessionTab tab, TranscriptRow.Kind kind, String text) {
        for (TranscriptRow row : tab.transcript().snapshot()) {
            if (row.kind() == kind && row.isFrame() && row.payload().equals(Bytes.utf8(text))) {
                return true;
            }
        }
        return false;
    }

    private static long frames(SessionTab tab) {
        return tab.transcript().snapshot().stream().filter(TranscriptRow::isFrame).count();
    }

    @Test
    void eachTabTalksToItsOwnServerAndABackgroundTabCountsWhatArrivesUnseen() throws Exception {
        try (CompanionServer first = new CompanionServer(ServerConfig.builder().port(0).build()).start();
                CompanionServer second = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            window = WindowHandle.open("127.0.0.1", first.port(), "line");
            MainWindow w = window.window();
            SessionTab[] tabs = onEdt(() -> {
                SessionTab one = w.currentTab();
                w.connect();
                w.newTab();
                SessionTab two = w.currentTab();
                two.bar().setTarget("127.0.0.1", second.port(), "line");
                w.renameTab("device");
                w.connect();
                return new SessionTab[] {one, two};
            });
            SessionTab one = tabs[0];
            SessionTab two = tabs[1];
            assertThat(one).isNotSameAs(two);
            awaitOnEdt("both tabs connected", WAIT,
                    () -> one.session().status().isConnected() && two.session().status().isConnected());
            assertThat(onEdt(() -> one.session().status().peer())).endsWith(":" + first.port());
            assertThat(onEdt(() -> two.session().status().peer())).endsWith(":" + second.port());

            onEdt(() -> {
                two.composer().input().setText("only here");
                two.composer().send();
            });
            awaitOnEdt("the echo in the tab that sent", WAIT, () -> hasFrame(two, TranscriptRow.Kind.RECEIVED,
                    "only here"));
            assertThat(onEdt(() -> frames(one))).as("frames in the other tab").isZero();
            assertThat(first.clientCount()).isEqualTo(1);

            // The first tab comes to the front; what the second receives now goes unseen.
            onEdt(() -> {
                w.selectTab(-1);
                assertThat(w.currentTab()).isSameAs(one);
                assertThat(two.session().send(Bytes.utf8("unseen 1"))).isNull();
                assertThat(two.session().send(Bytes.utf8("unseen 2"))).isNull();
            });
            awaitOnEdt("two unseen frames counted", WAIT, () -> two.unread() == 2);
            awaitOnEdt("the count in the title", WAIT, () -> w.tabPane().getTitleAt(1).equals("device  2"));
            assertThat(onEdt(() -> w.tabPane().getToolTipTextAt(1))).isEqualTo("device — connected, 2 frames unread");
            assertThat(onEdt(() -> w.tabPane().getIconAt(1))).isInstanceOfSatisfying(StateDot.class,
                    d -> assertThat(d.state()).isEqualTo(ActivityModel.State.CONNECTED));
            assertThat(onEdt(() -> one.unread())).as("the tab in front counts nothing").isZero();

            onEdt(() -> w.selectTab(1));
            assertThat(onEdt(() -> two.unread())).as("shown, the count clears").isZero();
            assertThat(onEdt(() -> w.tabPane().getTitleAt(1))).isEqualTo("device");

            Session closing = two.session();
            onEdt(() -> w.closeTab());
            assertThat(onEdt(() -> w.tabs())).containsExactly(one);
            // Shutdown ends it in milliseconds; only a thread that ignored it would be closed from outside,
            // after MainWindow.STOP_MILLIS.
            awaitOnEdt("the closed tab's client thread ended", Duration.ofMillis(MainWindow.STOP_MILLIS / 2),
                    () -> !closing.isAlive());
            assertThat(one.session().isAlive()).as("the other tab's client thread").isTrue();
            assertThat(onEdt(() -> one.session().status().isConnected())).isTrue();
        }
    }

    @Test
    void withTheTabStripShowingTheSmallestWindowStillShowsTenTranscriptRows() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50122, "line");
        MainWindow w = window.window();
        onEdt(() -> {
            w.newTab();
            w.frame().setSize(720, 480);
            w.frame().validate();
        });
        // The split hears of its new size through an event on the queue: let it run.
        onEdt(() -> { });
        onEdt(() -> {
            assertThat(w.frame().getHeight()).as("the least height grew by the strip's").isGreaterThan(480);
            int rows = w.transcriptView().scrollPane().getViewport().getExtentSize().height
                    / w.transcriptView().table().getRowHeight();
            assertThat(rows).as("transcript rows in view").isGreaterThanOrEqualTo(TranscriptView.MIN_VISIBLE_ROWS);
            w.closeTab();
            w.frame().setSize(720, 480);
            assertThat(w.frame().getHeight()).as("one tab: the strip hides and 480 is enough again").isEqualTo(480);
        });
    }

    @Test
    void ctrlPageKeysSwitchAndMoveTabsWhileTypingInTheMessage() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50121, "line");
        MainWindow w = window.window();
        awaitOnEdt("the window has the focus", WAIT, () -> w.frame().isFocused());
        SessionTab first = onEdt(() -> w.currentTab());
        SessionTab second = onEdt(() -> {
            w.newTab();
            return w.currentTab();
        });
        awaitOnEdt("the caret in the new tab's message", WAIT,
                () -> KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner()
                        == second.composer().input());

        onEdt(() -> press(second.composer().input(), KeyEvent.VK_PAGE_UP, InputEvent.CTRL_DOWN_MASK));
        assertThat(onEdt(() -> w.currentTab())).as("Ctrl+PageUp shows the tab to the left").isSameAs(first);
        awaitOnEdt("the caret in the first tab's message", WAIT,
                () -> KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner()
                        == first.composer().input());

        onEdt(() -> press(first.composer().input(), KeyEvent.VK_PAGE_DOWN,
                InputEvent.CTRL_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK));
        assertThat(onEdt(() -> w.tabs())).as("Ctrl+Shift+PageDown moves the tab right").containsExactly(second,
                first);
        assertThat(onEdt(() -> w.currentTab())).isSameAs(first);
    }

    private static void press(Component on, int code, int modifiers) {
        on.dispatchEvent(new KeyEvent(on, KeyEvent.KEY_PRESSED, System.currentTimeMillis(), modifiers, code,
                KeyEvent.CHAR_UNDEFINED));
    }

    @Test
    void closingTheLastTabLeavesAFreshTabPointedAtTheSamePlace() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50123, "crlf");
        MainWindow w = window.window();
        onEdt(() -> {
            SessionTab only = w.currentTab();
            w.renameTab("old");
            w.closeTab();
            List<SessionTab> left = w.tabs();
            assertThat(left).hasSize(1).doesNotContain(only);
            assertThat(left.get(0).settings()).isEqualTo(TabSettings.of("127.0.0.1", 50123, "crlf"));
            assertThat(w.currentTab()).isSameAs(left.get(0));
        });
    }

    @Test
    void duplicateCopiesNameTargetAndOptionsAndMovingKeepsTheTabInFront() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50124, "len32");
        MainWindow w = window.window();
        onEdt(() -> {
            w.renameTab("device");
            w.session().setReadOnlyWhenAsked(true);
            w.session().setPairing(Pairing.ECHO);
            w.duplicateTab();
            SessionTab copy = w.currentTab();
            assertThat(w.tabs()).hasSize(2).endsWith(copy);
            assertThat(copy.settings()).isEqualTo(w.tabs().get(0).settings());
            assertThat(copy.session()).isNotSameAs(w.tabs().get(0).session());

            w.moveTab(-1);
            assertThat(w.tabs()).startsWith(copy);
            assertThat(w.currentTab()).isSameAs(copy);
            assertThat(w.tabPane().getSelectedIndex()).isZero();
        });
    }

    @Test
    void theTabsTheirOrderAndOptionsComeBackOnTheNextStart() throws Exception {
        UiPrefs prefs = UiPrefs.inMemory();
        TabSettings a = new TabSettings("alpha", "127.0.0.1", 50125, "line", false, true, "echo");
        TabSettings b = new TabSettings("", "localhost", 50126, "len16", true, false, "match:id=(\\d+)");
        prefs.saveTabs(List.of(a, b), 1);
        MainWindow[] opened = new MainWindow[1];
        onEdt(() -> {
            opened[0] = new MainWindow(new WindowOptions("ignored", 1, "raw", prefs));
            MainWindow w = opened[0];
            assertThat(w.tabs()).extracting(SessionTab::settings).containsExactly(a, b);
            assertThat(w.currentTab()).isSameAs(w.tabs().get(1));
            assertThat(w.session().readOnlyWhenAsked()).isTrue();
            assertThat(w.session().pairing().spec()).isEqualTo("match:id=(\\d+)");
            w.moveTab(-1);
            w.renameTab("beta");
            w.close();
        });
        assertThat(opened[0].awaitStopped(WAIT.toMillis())).isTrue();

        assertThat(prefs.tabs()).containsExactly(b.named("beta"), a);
        assertThat(prefs.selectedTab()).isZero();
    }
}
