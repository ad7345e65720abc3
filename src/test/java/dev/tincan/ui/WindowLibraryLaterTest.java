package dev.tincan.ui;

import static dev.tincan.ui.Edt.awaitOnEdt;
import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.event.ActionEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hidden library's panel is not on the way to the window's first paint: it is built after
 * that paint, or sooner by a key that needs it, which then works as it always did.
 */
@ExtendWith(NeedsDisplay.class)
class WindowLibraryLaterTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aHiddenLibraryIsBuiltAfterTheFirstPaintNeverBefore() throws Exception {
        AtomicReference<Boolean> builtAtFirstPaint = new AtomicReference<>();
        MainWindow w = onEdt(() -> {
            MainWindow m = new MainWindow(new WindowOptions("127.0.0.1", 50133, "line", UiPrefs.inMemory()));
            m.indicator().setPaintListener(nanos -> builtAtFirstPaint.compareAndSet(null, m.library().built()));
            m.show();
            return m;
        });
        try {
            awaitOnEdt("the library's panel built", WAIT, () -> w.library().built());
            assertThat(builtAtFirstPaint.get()).as("the panel built by the first paint").isFalse();
            assertThat(onEdt(w::isLibraryShown)).as("still hidden").isFalse();
        } finally {
            onEdt(w::close);
            assertThat(w.awaitStopped(WAIT.toMillis())).isTrue();
        }
    }

    @Test
    void altOneBeforeThePanelIsBuiltBuildsItAndAnswersAsBefore() throws Exception {
        MainWindow w = onEdt(() -> new MainWindow(new WindowOptions("127.0.0.1", 50134, "line", UiPrefs.inMemory())));
        try {
            onEdt(() -> {
                // Never shown, so never painted: only the key can build the panel.
                assertThat(w.library().built()).as("built before the window was shown").isFalse();
                w.frame().getRootPane().getActionMap().get("tincan.library.quick1")
                        .actionPerformed(new ActionEvent(w.frame(), ActionEvent.ACTION_PERFORMED, "1"));
                assertThat(w.library().built()).as("built by Alt+1").isTrue();
                assertThat(w.statusBar().noticeText()).isEqualTo(
                        "Alt+1 has no message: the first nine messages in the library get Alt+1 to Alt+9.");
            });
        } finally {
            onEdt(w::close);
            assertThat(w.awaitStopped(WAIT.toMillis())).isTrue();
        }
    }
}
