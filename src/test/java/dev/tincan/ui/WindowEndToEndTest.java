package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.testing.Threads;
import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real window against the real companion server: connect, type a message, send it, see
 * the echo in the transcript, disconnect, close. Needs a display; without one it is
 * reported as skipped, with the reason.
 */
class WindowEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeEach
    void needsADisplay() {
        Assumptions.assumeFalse(GraphicsEnvironment.isHeadless(),
                "no display: the end-to-end window test needs one (run under xvfb-run -a mvn verify)");
    }

    @Test
    void connectsSendsSeesTheEchoDisconnectsAndCloses() throws Exception {
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            WindowHandle window = WindowHandle.open("127.0.0.1", server.port(), "line");
            window.connect();
            assertThat(window.awaitConnected(WAIT)).as("connected within %s", WAIT).isTrue();

            window.send("hello <html><b>tincan");
            TranscriptRow echo = awaitRow(window, TranscriptRow.Kind.RECEIVED);
            assertThat(echo.payload().utf8()).isEqualTo("hello <html><b>tincan");
            // The Sent reply can come after the echo: reader and writer are separate threads.
            awaitRow(window, TranscriptRow.Kind.SENT);
            assertThat(window.framesSent()).isEqualTo(1);
            assertThat(window.framesReceived()).isEqualTo(1);

            window.disconnect();
            awaitRow(window, TranscriptRow.Kind.EVENT, "disconnected from 127.0.0.1:" + server.port());
            window.close();
            assertThat(window.awaitClosed(WAIT)).as("window, client and server stopped within %s", WAIT).isTrue();
        }
        Threads.assertNoneLeft("tincan-client");
        Threads.assertNoneLeft("tincan-reader");
    }

    /** Waits, bounded, for the newest row of {@code kind} to appear; reads the model on the EDT. */
    private static TranscriptRow awaitRow(WindowHandle window, TranscriptRow.Kind kind) throws Exception {
        return awaitRow(window, kind, "");
    }

    private static TranscriptRow awaitRow(WindowHandle window, TranscriptRow.Kind kind, String containing)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            AtomicReference<TranscriptRow> found = new AtomicReference<>();
            onEdt(() -> {
                List<TranscriptRow> rows = window.window().transcript().snapshot();
                for (int i = rows.size() - 1; i >= 0 && found.get() == null; i--) {
                    TranscriptRow row = rows.get(i);
                    String text = row.message() != null ? row.message() : "";
                    if (row.kind() == kind && text.contains(containing)) {
                        found.set(row);
                    }
                }
            });
            if (found.get() != null) {
                return found.get();
            }
            // Let the reply pump's next tick run before looking again.
            onEdt(() -> { });
        }
        throw new AssertionError("no " + kind + " row containing \"" + containing + "\" within " + WAIT);
    }

    private static void onEdt(Runnable task) throws InterruptedException, InvocationTargetException {
        SwingUtilities.invokeAndWait(task);
    }
}
