package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.TranscriptRow;
import dev.tincan.testing.Threads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real window against the real companion server: connect, type a message, send it, see
 * the echo in the transcript, disconnect, close. Needs a display; without one it is
 * reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void connectsSendsSeesTheEchoDisconnectsAndCloses() throws Exception {
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            WindowHandle window = WindowHandle.open("127.0.0.1", server.port(), "line");
            window.connect();
            assertThat(window.awaitConnected(WAIT)).as("connected within %s", WAIT).isTrue();

            window.send("hello <html><b>tincan");
            TranscriptRow echo = awaitRow(window, TranscriptRow.Kind.RECEIVED);
            assertThat(echo.payload().utf8()).isEqualTo("hello <html><b>tincan");
            // The engine orders a send before its echo, and the echo names the send it answers.
            TranscriptRow sent = awaitRow(window, TranscriptRow.Kind.SENT);
            assertThat(echo.pair()).as("the send the echo answers").isPositive();
            assertThat(sent.pair()).as("the send's reply comes after it").isGreaterThan(echo.pair());
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

    @Test
    void addsARuleThatAnswersAPushedFrame() throws Exception {
        try (RulesDriver.Device device = new RulesDriver.Device()) {
            WindowHandle window = WindowHandle.open("127.0.0.1", device.port(), "line");
            try {
                RulesDriver.addRule(RulesDriver.openPanel(window), "hello", "exact", "hello?", "hi", "greeted");
                window.connect();
                assertThat(window.awaitConnected(WAIT)).as("connected within %s", WAIT).isTrue();

                device.push("hello?");

                assertThat(device.next()).as("the rule's reply reached the device").isEqualTo("hi");
                awaitRow(window, TranscriptRow.Kind.NOTE, "rule 'hello': greeted");
            } finally {
                Edt.closeAndAwait(window, WAIT);
            }
        }
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
}
