package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.session.TranscriptRow;
import java.awt.Component;
import java.awt.KeyboardFocusManager;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.swing.JComponent;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Finding in the real window: Ctrl+F opens the bar with the caret in it, typing counts the
 * matches, Enter and Shift+Enter select the next and previous match and stop following,
 * "Only matching rows" hides the rest, and Esc closes the bar and shows every row again.
 * Needs a display; without one it is reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowFindTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private WindowHandle window;

    @AfterEach
    void closeWindow() throws Exception {
        Edt.closeAndAwait(window, WAIT);
    }

    @Test
    void ctrlFFindsCountsSelectsFiltersAndEscCloses() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        onEdt(() -> {
            List<TranscriptRow> rows = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                String text = i % 10 == 3 ? "Hello " + i : "frame " + i;
                rows.add(i % 2 == 0 ? TranscriptRow.sent(Bytes.utf8(text), 0, i) : TranscriptRow.received(
                        Bytes.utf8(text), i));
            }
            w.transcript().append(rows);
        });
        FindBar bar = onEdt(w::findBar);
        JTable table = onEdt(() -> w.transcriptView().table());

        key(onEdt(() -> w.composer().input()), KeyEvent.VK_F, InputEvent.CTRL_DOWN_MASK);
        await("the find bar shows with the caret in its field",
                () -> bar.isShowing() && focusOwner() == bar.queryField());

        onEdt(() -> {
            for (char c : "hello".toCharArray()) {
                bar.queryField().dispatchEvent(new KeyEvent(bar.queryField(), KeyEvent.KEY_TYPED,
                        System.currentTimeMillis(), 0, KeyEvent.VK_UNDEFINED, c));
            }
        });
        await("the count of rows 3, 13, 23 and 33", () -> bar.countText().equals("4 matches"));

        key(bar.queryField(), KeyEvent.VK_ENTER, 0);
        assertThat(onEdt(() -> selectedSeq(w))).isEqualTo(3);
        assertThat(onEdt(bar::countText)).isEqualTo("1 of 4");
        assertThat(onEdt(() -> w.transcriptView().isFollowing())).as("a selected match stops following").isFalse();
        key(bar.queryField(), KeyEvent.VK_ENTER, 0);
        assertThat(onEdt(() -> selectedSeq(w))).isEqualTo(13);
        key(bar.queryField(), KeyEvent.VK_ENTER, InputEvent.SHIFT_DOWN_MASK);
        assertThat(onEdt(() -> selectedSeq(w))).isEqualTo(3);
        key(bar.queryField(), KeyEvent.VK_ENTER, InputEvent.SHIFT_DOWN_MASK);
        assertThat(onEdt(() -> selectedSeq(w))).as("wraps to the newest").isEqualTo(33);

        onEdt(() -> bar.onlyMatchingBox().doClick());
        assertThat(onEdt(() -> shownSeqs(table))).containsExactly(3L, 13L, 23L, 33L);

        key(bar.queryField(), KeyEvent.VK_ESCAPE, 0);
        assertThat(onEdt(bar::isVisible)).isFalse();
        assertThat(onEdt(table::getRowCount)).as("every row again").isEqualTo(40);
        assertThat(onEdt(() -> bar.onlyMatchingBox().isSelected())).isFalse();
    }

    private static long selectedSeq(MainWindow w) {
        JTable table = w.transcriptView().table();
        int row = table.getSelectedRow();
        return row < 0 ? -1 : w.transcript().seq(table.convertRowIndexToModel(row));
    }

    private static List<Long> shownSeqs(JTable table) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < table.getRowCount(); i++) {
            seqs.add((Long) table.getValueAt(i, TranscriptModel.COL_SEQ));
        }
        return seqs;
    }

    private static Component focusOwner() {
        return KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
    }

    private static void key(JComponent source, int code, int modifiers) throws Exception {
        boolean bound = onEdt(() -> SwingUtilities.processKeyBindings(new KeyEvent(source, KeyEvent.KEY_PRESSED,
                System.currentTimeMillis(), modifiers, code, KeyEvent.CHAR_UNDEFINED)));
        assertThat(bound).as("%s is bound", InputEvent.getModifiersExText(modifiers) + " " + KeyEvent.getKeyText(code))
                .isTrue();
    }

    private static void await(String what, Callable<Boolean> done) throws Exception {
        Edt.awaitOnEdt(what, WAIT, done);
    }
}
