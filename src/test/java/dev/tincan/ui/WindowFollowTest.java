package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.swing.BoundedRangeModel;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real window follows the newest row through a flood past the row cap and through
 * resizes, and comes back to it when the person sends or presses Ctrl+End in the message.
 * Needs a display; without one it is reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowFollowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private WindowHandle window;

    @AfterEach
    void closeWindow() throws Exception {
        Edt.closeAndAwait(window, WAIT);
    }

    @Test
    void followsTheNewestRowThroughAFloodPastTheCapAndThroughResizes() throws Exception {
        ServerConfig flood = ServerConfig.builder().port(0).mode(Mode.FLOOD).floodCount(6000)
                .floodSize(32).build();
        try (CompanionServer server = new CompanionServer(flood).start()) {
            window = WindowHandle.open("127.0.0.1", server.port(), "line");
            onEdt(() -> window.window().transcript().setMaxRows(1000));
            window.connect();
            await("6000 frames", () -> window.framesReceived() == 6000);
            settle();
            assertThat(onEdt(this::newestRowInView)).as("newest row in view after the flood").isTrue();
            assertThat(onEdt(() -> window.window().transcriptView().trimmedNotice()))
                    .startsWith("5 002 older rows left the view: the transcript keeps the newest 1 000 rows");

            for (int[] size : new int[][] {{720, 480}, {1000, 700}, {760, 500}}) {
                onEdt(() -> window.window().frame().setSize(size[0], size[1]));
                settle();
                assertThat(onEdt(this::newestRowInView)).as("newest row in view at %dx%d", size[0], size[1]).isTrue();
            }
        }
    }

    @Test
    void sendingOrCtrlEndInTheMessageBringsTheNewestRowBack() throws Exception {
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            window = WindowHandle.open("127.0.0.1", server.port(), "line");
            window.connect();
            assertThat(window.awaitConnected(WAIT)).isTrue();
            for (int i = 0; i < 60; i++) {
                window.send("line " + i);
            }
            await("60 echoes", () -> window.framesReceived() == 60);
            settle();
            scrollToTop();
            assertThat(onEdt(() -> window.window().transcriptView().isFollowing())).isFalse();

            window.send("hello");
            await("the echo of hello", () -> window.framesReceived() == 61);
            settle();
            assertThat(onEdt(this::newestRowInView)).as("own send and its echo in view").isTrue();
            assertThat(onEdt(() -> window.window().transcriptView().jumpText())).isNull();

            scrollToTop();
            assertThat(onEdt(() -> window.window().transcriptView().isFollowing())).isFalse();
            onEdt(() -> SwingUtilities.processKeyBindings(new KeyEvent(window.window().composer().input(),
                    KeyEvent.KEY_PRESSED, 0, KeyEvent.CTRL_DOWN_MASK, KeyEvent.VK_END, KeyEvent.CHAR_UNDEFINED)));
            settle();
            assertThat(onEdt(() -> window.window().transcriptView().isFollowing())).isTrue();
            assertThat(onEdt(this::newestRowInView)).as("Ctrl+End in the message").isTrue();
        }
    }

    private void scrollToTop() throws Exception {
        onEdt(() -> {
            BoundedRangeModel bar = window.window().transcriptView().scrollPane().getVerticalScrollBar().getModel();
            bar.setValue(0);
            return null;
        });
    }

    private boolean newestRowInView() {
        JTable table = window.window().transcriptView().table();
        Rectangle seen = table.getVisibleRect();
        Rectangle last = table.getCellRect(table.getRowCount() - 1, 0, true);
        return seen.y + seen.height >= last.y + last.height;
    }

    /** Lets the pump's next ticks and the layout they cause run. */
    private static void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            onEdt(() -> null);
        }
    }

    private void await(String what, Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT + " (received " + window.framesReceived()
                        + ")");
            }
            Edt.betweenChecks();
        }
    }
}
