package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.TranscriptRow;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With Connection → Read only when asked, an echo waits on the server's side until
 * Connection → Receive one frame asks for it, and then shows paired with its send. Needs a
 * display; without one it is reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowPullTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private WindowHandle window;

    @AfterEach
    void closeWindow() throws Exception {
        Edt.closeAndAwait(window, WAIT);
    }

    @Test
    void anEchoShowsOnlyWhenOneFrameIsAskedFor() throws Exception {
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            window = WindowHandle.open("127.0.0.1", server.port(), "line");
            onEdt(() -> {
                item("Read only when asked").doClick();
                return null;
            });
            assertThat(onEdt(() -> window.window().session().readOnlyWhenAsked())).isTrue();
            window.connect();
            assertThat(window.awaitConnected(WAIT)).isTrue();

            window.send("ping");
            await("the send is shown", () -> lastRow().kind() == TranscriptRow.Kind.SENT);
            // The echo comes back within a millisecond, but nothing reads it until asked:
            // for 300 ms (hundreds of round trips) no frame may arrive.
            long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
            while (System.nanoTime() < until) {
                assertThat(onEdt(() -> window.window().stats().framesIn())).as("frames read unasked").isZero();
            }

            onEdt(() -> {
                item("Receive one frame").doClick();
                return null;
            });
            await("the echo is shown", () -> lastRow().kind() == TranscriptRow.Kind.RECEIVED);
            TranscriptRow echo = onEdt(this::lastRow);
            assertThat(echo.payload().utf8()).isEqualTo("ping");
            assertThat(echo.rttNanos()).isPositive();
        }
    }

    private TranscriptRow lastRow() {
        TranscriptModel t = window.window().transcript();
        return t.row(t.getRowCount() - 1);
    }

    private JMenuItem item(String text) {
        for (int i = 0; i < window.window().frame().getJMenuBar().getMenuCount(); i++) {
            JMenu menu = window.window().frame().getJMenuBar().getMenu(i);
            for (int j = 0; j < menu.getItemCount(); j++) {
                JMenuItem item = menu.getItem(j);
                if (item != null && text.equals(item.getText())) {
                    return item;
                }
            }
        }
        throw new AssertionError("no menu item " + text);
    }

    private static void await(String what, Callable<Boolean> done) throws Exception {
        Edt.awaitOnEdt(what, WAIT, done);
    }
}
