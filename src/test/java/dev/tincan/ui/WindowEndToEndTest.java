package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.TranscriptRow;
import dev.tincan.testing.Threads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aRecordingThatIsReopened(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("talk.jsonl");
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            WindowHandle window = WindowHandle.open("127.0.0.1", server.port(), "line");
            assertThat(onEdt(() -> window.window().startRecording(file))).as("recording starts").isNull();
            assertThat(onEdt(() -> window.window().tabPane().getTitleAt(0))).startsWith("REC");
            assertThat(onEdt(() -> window.window().statusBar().recordingText())).as("the status line says REC")
                    .isEqualTo("● REC 0 frames");
            window.connect();
            assertThat(window.awaitConnected(WAIT)).as("connected within %s", WAIT).isTrue();
            window.send("one");
            awaitRow(window, TranscriptRow.Kind.RECEIVED);
            window.send("two \\x00 three");
            awaitRows(window, TranscriptRow.Kind.RECEIVED, 2);
            window.disconnect();
            awaitRow(window, TranscriptRow.Kind.EVENT, "disconnected from 127.0.0.1:" + server.port());
            List<String> live = onEdt(() -> shown(window.window().transcript().snapshot()));
            String stopped = onEdt(() -> {
                window.window().stopRecording();
                return window.window().statusBar().noticeText();
            });
            assertThat(stopped).isEqualTo("recorded 4 frames to " + file + ".");

            onEdt(() -> window.window().openRecording(file));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!onEdt(() -> window.window().currentTab().isRecordingView())) {
                assertThat(System.nanoTime()).as("the recording's tab opened within %s", WAIT).isLessThan(deadline);
                Edt.betweenChecks();
            }
            List<String> reopened = onEdt(() -> shown(window.window().transcript().snapshot()));
            // The live transcript starts with the window's own "connecting to" line, which the engine never made.
            assertThat(live.get(0)).startsWith("EVENT connecting to 127.0.0.1:" + server.port());
            assertThat(reopened).as("the recording's rows are the conversation's").isEqualTo(live.subList(1,
                    live.size()));
            assertThat(reopened).hasSize(6);
            String about = onEdt(() -> {
                assertThat(window.window().actions().connect.isEnabled()).as("a recording cannot connect").isFalse();
                assertThat(window.window().composer().isShowing()).as("nor send").isFalse();
                return window.window().currentTab().panel().getComponentCount() > 0
                        ? find(window.window().currentTab().panel(), "recordingBar") : null;
            });
            assertThat(about).startsWith("Recording of 127.0.0.1:" + server.port() + " (line framing), started ")
                    .contains(": 4 frames (2 out, 2 in) over ");
            window.close();
            assertThat(window.awaitClosed(WAIT)).as("window, client and server stopped within %s", WAIT).isTrue();
        }
        Threads.assertNoneLeft("tincan-client");
        Threads.assertNoneLeft("tincan-recorder");
    }

    /** The rows as a person sees them: kind, then the payload's text or the sentence. */
    private static List<String> shown(List<TranscriptRow> rows) {
        List<String> out = new ArrayList<>();
        for (TranscriptRow r : rows) {
            out.add(r.kind() + " " + (r.isFrame() ? r.payload().utf8() : r.message()));
        }
        return out;
    }

    /** The text of the label named {@code name} under {@code c}, or null. */
    private static String find(java.awt.Component c, String name) {
        if (name.equals(c.getName()) && c instanceof javax.swing.JLabel l) {
            return l.getText();
        }
        if (c instanceof java.awt.Container box) {
            for (java.awt.Component child : box.getComponents()) {
                String found = find(child, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Waits, bounded, until {@code n} rows of {@code kind} are in the transcript. */
    private static void awaitRows(WindowHandle window, TranscriptRow.Kind kind, int n) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (onEdt(() -> window.window().transcript().snapshot().stream().filter(r -> r.kind() == kind).count())
                < n) {
            assertThat(System.nanoTime()).as("%d %s rows within %s", n, kind, WAIT).isLessThan(deadline);
            onEdt(() -> { });
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
