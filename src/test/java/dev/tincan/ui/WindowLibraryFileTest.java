package dev.tincan.ui;

import static dev.tincan.ui.Edt.awaitOnEdt;
import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.session.LibraryFile;
import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.swing.AbstractButton;
import javax.swing.JDialog;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's library on disk and on screen: a message saved with Ctrl+S lands in the
 * window's library file, and the next window shows the library again and reads it back; in
 * the narrowest window the library gives way so that the tabs keep their least width.
 */
@ExtendWith(NeedsDisplay.class)
class WindowLibraryFileTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aMessageSavedWithCtrlSIsWrittenToTheLibraryFileAndTheNextWindowShowsIt(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("library.json");
        UiPrefs prefs = UiPrefs.inMemory();
        MainWindow w = onEdt(() -> {
            MainWindow m = new MainWindow(new WindowOptions("127.0.0.1", 50131, "line", prefs, file));
            m.show();
            m.composer().input().setText("status?\\n");
            SwingUtilities.invokeLater(() -> press(m.composer().input(), KeyEvent.VK_S, InputEvent.CTRL_DOWN_MASK));
            return m;
        });
        try {
            awaitOnEdt("the save dialog", WAIT, () -> dialog("Save message") != null);
            onEdt(() -> button(dialog("Save message").getContentPane(), "OK").doClick());
            awaitOnEdt("the library shown", WAIT, w::isLibraryShown);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Files.exists(file) || LibraryFile.read(file).find("status?\\n").isEmpty()) {
                assertThat(System.nanoTime()).as("the message written to " + file).isLessThan(deadline);
                Edt.betweenChecks();
            }
        } finally {
            onEdt(w::close);
            assertThat(w.awaitStopped(WAIT.toMillis())).isTrue();
        }

        MainWindow again = onEdt(() -> new MainWindow(new WindowOptions("127.0.0.1", 50131, "line", prefs, file)));
        try {
            assertThat(onEdt(again::isLibraryShown)).as("shown, as it was left").isTrue();
            awaitOnEdt("the library read back", WAIT,
                    () -> again.library().panel().library().find("status?\\n").isPresent());
        } finally {
            onEdt(again::close);
            assertThat(again.awaitStopped(WAIT.toMillis())).isTrue();
        }
    }

    @Test
    void inTheNarrowestWindowTheLibraryGivesWaySoTheTabsKeepTheirLeastWidth() throws Exception {
        WindowHandle window = WindowHandle.open("127.0.0.1", 50132, "line");
        MainWindow w = window.window();
        try {
            onEdt(() -> {
                w.frame().setSize(720, 520);
                w.frame().validate();
                w.showLibrary(true);
                w.frame().validate();
            });
            onEdt(() -> { });
            // 720 wide (frame edges included) is the tabs' least width already: the library gets none of it.
            onEdt(() -> assertThat(w.library().panel().getWidth()).as("the library's width").isZero());
            onEdt(() -> {
                w.frame().setSize(1200, 700);
                w.frame().validate();
            });
            onEdt(() -> { });
            onEdt(() -> assertThat(w.library().panel().getWidth()).as("the library back at its width")
                    .isEqualTo(LibrarySide.START_WIDTH));
        } finally {
            Edt.closeAndAwait(window, WAIT);
        }
    }

    private static void press(Component on, int code, int modifiers) {
        on.dispatchEvent(new KeyEvent(on, KeyEvent.KEY_PRESSED, System.currentTimeMillis(), modifiers, code,
                KeyEvent.CHAR_UNDEFINED));
    }

    private static JDialog dialog(String title) {
        for (Window x : Window.getWindows()) {
            if (x instanceof JDialog d && d.isShowing() && title.equals(d.getTitle())) {
                return d;
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
}
