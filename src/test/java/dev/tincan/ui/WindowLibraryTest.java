package dev.tincan.ui;

import static dev.tincan.ui.Edt.awaitOnEdt;
import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.FileSend;
import dev.tincan.session.Library;
import dev.tincan.session.SavedMessage;
import dev.tincan.session.Sequence;
import dev.tincan.session.TranscriptRow;
import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import javax.swing.JList;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library, repeat, file send and sequences wired into a window of two tabs, each
 * connected to its own echo server: what is sent goes to the tab in front, shows in its
 * transcript as the bytes that went out, placeholders filled in.
 */
@ExtendWith(NeedsDisplay.class)
class WindowLibraryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private CompanionServer first;
    private CompanionServer second;
    private WindowHandle window;
    private MainWindow w;
    private SessionTab one;
    private SessionTab two;

    @BeforeEach
    void openTwoTabs() throws Exception {
        first = new CompanionServer(ServerConfig.builder().port(0).build()).start();
        second = new CompanionServer(ServerConfig.builder().port(0).build()).start();
        window = WindowHandle.open("127.0.0.1", first.port(), "line");
        w = window.window();
        SessionTab[] tabs = onEdt(() -> {
            SessionTab a = w.currentTab();
            w.connect();
            w.newTab();
            SessionTab b = w.currentTab();
            b.bar().setTarget("127.0.0.1", second.port(), "line");
            w.connect();
            return new SessionTab[] {a, b};
        });
        one = tabs[0];
        two = tabs[1];
        awaitOnEdt("both tabs connected", WAIT,
                () -> one.session().status().isConnected() && two.session().status().isConnected());
    }

    @AfterEach
    void close() throws Exception {
        Edt.closeAndAwait(window, WAIT);
        second.close();
        first.close();
    }

    private static List<String> frames(SessionTab tab, TranscriptRow.Kind kind) {
        return tab.transcript().snapshot().stream().filter(r -> r.isFrame() && r.kind() == kind)
                .map(r -> new String(r.payload().toByteArray(), StandardCharsets.UTF_8)).toList();
    }

    private static void press(Component on, int code, int modifiers) {
        on.dispatchEvent(new KeyEvent(on, KeyEvent.KEY_PRESSED, System.currentTimeMillis(), modifiers, code,
                KeyEvent.CHAR_UNDEFINED));
    }

    private static Component named(Container c, String name) {
        for (Component child : c.getComponents()) {
            if (name.equals(child.getName())) {
                return child;
            }
            if (child instanceof Container inner) {
                Component found = named(inner, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static AbstractButton button(Container c, String text) {
        for (Component child : c.getComponents()) {
            if (child instanceof AbstractButton b && text.equals(b.getText())) {
                return b;
            }
            if (child instanceof Container inner) {
                AbstractButton found = button(inner, text);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private void library(Library lib) throws Exception {
        onEdt(() -> {
            w.showLibrary(true);
            w.library().panel().setLibrary(lib);
        });
    }

    @Test
    void altOneSendsTheFirstLibraryMessageToTheTabInFrontWithItsPlaceholderFilledIn() throws Exception {
        Library lib = new Library();
        lib.add(new SavedMessage("hello", "", "hello {{counter}}", false, null, ""));
        lib.add(new SavedMessage("binary", "", "00 01", true, "len32", ""));
        library(lib);

        onEdt(() -> press(two.composer().input(), KeyEvent.VK_1, InputEvent.ALT_DOWN_MASK));
        awaitOnEdt("the echo of the filled-in message in the tab in front", WAIT,
                () -> frames(two, TranscriptRow.Kind.RECEIVED).contains("hello 1"));
        assertThat(onEdt(() -> frames(two, TranscriptRow.Kind.SENT))).containsExactly("hello 1");
        assertThat(onEdt(() -> frames(one, TranscriptRow.Kind.SENT))).as("the tab behind").isEmpty();

        onEdt(() -> press(two.composer().input(), KeyEvent.VK_2, InputEvent.ALT_DOWN_MASK));
        assertThat(onEdt(() -> two.statusBar().noticeText()))
                .isEqualTo("message 'binary' is saved for len32 framing and this tab frames as line: change the "
                        + "tab's framing, or edit the message's framing.");
        assertThat(onEdt(() -> frames(two, TranscriptRow.Kind.SENT))).as("nothing sent wrong").hasSize(1);
    }

    @Test
    void ctrlSSavesTheComposerIntoTheLibraryAndTheTranscriptSavesMoved() throws Exception {
        library(new Library());
        onEdt(() -> {
            two.composer().input().setText("ping {{counter}}");
            // The dialog is modal: it opens from an event of its own.
            SwingUtilities.invokeLater(() -> press(two.composer().input(), KeyEvent.VK_S, InputEvent.CTRL_DOWN_MASK));
        });
        awaitOnEdt("the save dialog", WAIT, () -> dialog("Save message") != null);
        onEdt(() -> button(dialog("Save message").getContentPane(), "OK").doClick());
        awaitOnEdt("the message in the library", WAIT, () -> w.library().panel().library().messages().stream()
                .anyMatch(m -> m.payload().equals("ping {{counter}}") && m.name().equals("ping {{counter}}")));
        assertThat(onEdt(() -> accelerator("Save message to library…"))).isEqualTo("ctrl pressed S");
        assertThat(onEdt(() -> accelerator("Save transcript as text…"))).isEqualTo("shift ctrl pressed S");
        assertThat(onEdt(() -> accelerator("Save transcript as JSON Lines…"))).isEqualTo("shift ctrl pressed J");
    }

    private String accelerator(String item) {
        JMenuBar bar = w.frame().getJMenuBar();
        for (int i = 0; i < bar.getMenuCount(); i++) {
            JMenu m = bar.getMenu(i);
            for (int j = 0; j < m.getItemCount(); j++) {
                JMenuItem it = m.getItem(j);
                if (it != null && item.equals(it.getText())) {
                    return String.valueOf(it.getAccelerator());
                }
            }
        }
        return null;
    }

    private static JDialog dialog(String title) {
        for (Window x : Window.getWindows()) {
            if (x instanceof JDialog d && d.isShowing() && title.equals(d.getTitle())) {
                return d;
            }
        }
        return null;
    }

    @Test
    void theComposerFillsPlaceholdersInAndRefusesAnUnknownOneBeforeSending() throws Exception {
        for (int i = 0; i < 2; i++) {
            onEdt(() -> {
                two.composer().input().setText("n={{counter}}");
                two.composer().send();
            });
        }
        awaitOnEdt("both sent", WAIT, () -> frames(two, TranscriptRow.Kind.SENT).size() == 2);
        assertThat(onEdt(() -> frames(two, TranscriptRow.Kind.SENT))).containsExactly("n=1", "n=2");

        onEdt(() -> {
            two.composer().input().setText("x {{nope}}");
            two.composer().send();
            assertThat(two.composer().problem()).contains("nope");
            assertThat(two.composer().input().getText()).as("the text stays").isEqualTo("x {{nope}}");
        });
        assertThat(onEdt(() -> frames(two, TranscriptRow.Kind.SENT))).hasSize(2);
    }

    @Test
    void aRepeatOfFiveShowsFiveSentRowsAndEscStopsAnEndlessOne() throws Exception {
        onEdt(() -> {
            w.openRepeat();
            two.composer().input().setText("r{{counter}}");
            two.sendStrip().repeat().countField().setText("5");
            two.sendStrip().repeat().intervalField().setText("0");
            ((AbstractButton) named(two.sendStrip(), "repeat.start")).doClick();
        });
        awaitOnEdt("five sent and the counter", WAIT, () -> !two.sendStrip().repeat().isRunning()
                && two.sendStrip().repeat().counterText().equals("sent 5"));
        awaitOnEdt("five sent rows", WAIT, () -> frames(two, TranscriptRow.Kind.SENT).size() == 5);
        assertThat(onEdt(() -> frames(two, TranscriptRow.Kind.SENT))).containsExactly("r1", "r2", "r3", "r4", "r5");

        onEdt(() -> {
            two.sendStrip().repeat().countField().setText("");
            two.sendStrip().repeat().intervalField().setText("5ms");
            ((AbstractButton) named(two.sendStrip(), "repeat.start")).doClick();
        });
        awaitOnEdt("the endless repeat sending", WAIT, () -> frames(two, TranscriptRow.Kind.SENT).size() > 8);
        onEdt(() -> press(two.composer().input(), KeyEvent.VK_ESCAPE, 0));
        awaitOnEdt("Esc stopped it", WAIT, () -> !two.sendStrip().repeat().isRunning());
    }

    @Test
    void aFileSentAsLinesShowsOneRowPerLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("lines.txt"), "alpha\nbeta\ngamma\n");
        onEdt(() -> {
            two.sendStrip().file().setMode(FileSend.Mode.LINES, 1);
            two.sendStrip().sendFile(file);
        });
        awaitOnEdt("the file send finished", WAIT, () -> !two.sendStrip().file().isRunning());
        assertThat(onEdt(() -> two.statusBar().noticeText())).doesNotContain("fail").doesNotContain("cannot");
        assertThat(onEdt(() -> frames(two, TranscriptRow.Kind.SENT))).containsExactly("alpha", "beta", "gamma");
        assertThat(onEdt(() -> frames(one, TranscriptRow.Kind.SENT))).isEmpty();
    }

    @Test
    void aSequenceSendsAndAwaitsItsReplyToTheEnd() throws Exception {
        Library lib = new Library();
        lib.add(new SavedMessage("hi", "", "hi {{counter}}", false, null, ""));
        lib.putSequence(new Sequence("login", List.of(new Sequence.Send("hi"),
                new Sequence.AwaitReply("hi 1", Duration.ofSeconds(5)), new Sequence.Send("hi"),
                new Sequence.AwaitReply("hi 2", Duration.ofSeconds(5)))));
        library(lib);
        onEdt(() -> {
            JList<?> sequences = (JList<?>) named(w.library().panel(), "library.sequences");
            sequences.setSelectedIndex(0);
            button(w.library().panel(), "Run").doClick();
        });
        awaitOnEdt("the sequence done", WAIT,
                () -> two.statusBar().noticeText().equals("sequence 'login' done: 4 steps."));
        assertThat(onEdt(() -> frames(two, TranscriptRow.Kind.SENT))).containsExactly("hi 1", "hi 2");
        assertThat(onEdt(() -> frames(one, TranscriptRow.Kind.SENT))).isEmpty();
    }
}
