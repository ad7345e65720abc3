package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.session.record.RecordFormat;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import javax.swing.JComponent;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big recording opened as a read-only tab: its rows are read on demand and only a few
 * screens of them are held, find works on it, and it cannot connect. Needs a display.
 */
@ExtendWith(NeedsDisplay.class)
class WindowRecordingTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Five times the rows held decoded: enough to show that the rest are read on demand. */
    private static final int FRAMES = 20_000;
    private static final Instant START = Instant.parse("2026-11-30T08:31:02.123Z");

    @TempDir
    Path dir;

    private WindowHandle window;

    @AfterEach
    void closeWindow() throws Exception {
        Edt.closeAndAwait(window, WAIT);
    }

    private Path recording() throws Exception {
        Path file = dir.resolve("big.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(RecordFormat.header(new RecordFormat.Header(START, "127.0.0.1", 50009, "line", 1 << 20)));
            w.write('\n');
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= FRAMES; i++) {
                sb.setLength(0);
                RecordFormat.Dir d = i % 2 == 1 ? RecordFormat.Dir.OUT : RecordFormat.Dir.IN;
                String text = (i % 2 == 1 ? "request." : "reply.") + i + ".";
                RecordFormat.line(sb, RecordFormat.Line.frame(i, i * 1000L, d, Bytes.utf8(text)), START).append('\n');
                w.append(sb);
            }
        }
        return file;
    }

    @Test
    void aBigRecordingOpensReadOnlyHoldsAFewScreensAndFindsAFrame() throws Exception {
        Path file = recording();
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        onEdt(() -> w.openRecording(file));
        await("the recording's tab is in front", () -> w.currentTab().isRecordingView());

        JTable table = onEdt(() -> w.transcriptView().table());
        assertThat(onEdt(table::getRowCount)).isEqualTo(FRAMES);
        assertThat(onEdt(() -> w.transcript().row(0).payload().utf8())).isEqualTo("request.1.");
        assertThat(onEdt(() -> w.transcript().seq(table.convertRowIndexToModel(table.getSelectedRow()))))
                .as("the first row is selected, shown in the detail pane").isEqualTo(1);
        onEdt(() -> w.transcriptView().showRow(FRAMES - 1));
        assertThat(onEdt(() -> w.transcript().row(FRAMES - 1).payload().utf8())).isEqualTo("reply." + FRAMES + ".");
        assertThat(onEdt(() -> w.transcript().recording().cached())).as("rows held decoded")
                .isLessThanOrEqualTo(RecordingRows.CACHE);

        FindBar bar = onEdt(w::findBar);
        key(table, KeyEvent.VK_F, InputEvent.CTRL_DOWN_MASK);
        await("the find bar shows", bar::isShowing);
        onEdt(() -> {
            for (char c : "reply.17778.".toCharArray()) {
                bar.queryField().dispatchEvent(new KeyEvent(bar.queryField(), KeyEvent.KEY_TYPED,
                        System.currentTimeMillis(), 0, KeyEvent.VK_UNDEFINED, c));
            }
        });
        await("one match among every row", () -> bar.countText().equals("1 match"));
        key(bar.queryField(), KeyEvent.VK_ENTER, 0);
        assertThat(onEdt(() -> w.transcript().seq(table.convertRowIndexToModel(table.getSelectedRow()))))
                .isEqualTo(17_778);
        assertThat(onEdt(() -> w.transcript().recording().cached())).as("rows held decoded after the search")
                .isLessThanOrEqualTo(RecordingRows.CACHE);

        onEdt(() -> w.connect());
        assertThat(onEdt(() -> w.statusBar().noticeText()))
                .isEqualTo("this tab shows a recording: open a new tab (Ctrl+T) to connect.");
        assertThat(onEdt(() -> w.currentSession().status().phase().name())).isEqualTo("IDLE");
    }

    @Test
    void aShortRecordingOffersNoJumpWhileEveryRowShows() throws Exception {
        Path file = dir.resolve("short.jsonl");
        StringBuilder sb = new StringBuilder(RecordFormat.header(
                new RecordFormat.Header(START, "127.0.0.1", 50009, "line", 1 << 20))).append('\n');
        RecordFormat.line(sb, RecordFormat.Line.frame(1, 1000L, RecordFormat.Dir.OUT, Bytes.utf8("hi")), START)
                .append('\n');
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        onEdt(() -> w.openRecording(file));
        await("the recording's tab is in front", () -> w.currentTab().isRecordingView());

        await("no 'jump to newest' over a view that shows every row", () -> w.transcriptView().jumpText() == null);
        assertThat(onEdt(() -> w.transcriptView().table().getRowCount())).isEqualTo(1);
    }

    private static void key(JComponent source, int code, int modifiers) throws Exception {
        boolean bound = onEdt(() -> SwingUtilities.processKeyBindings(new KeyEvent(source, KeyEvent.KEY_PRESSED,
                System.currentTimeMillis(), modifiers, code, KeyEvent.CHAR_UNDEFINED)));
        assertThat(bound).as("%s is bound", KeyEvent.getKeyText(code)).isTrue();
    }

    private static void await(String what, Callable<Boolean> done) throws Exception {
        Edt.awaitOnEdt(what, WAIT, done);
    }
}
