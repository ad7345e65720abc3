package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.session.TrafficStats;
import java.util.concurrent.atomic.AtomicLong;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** Status bar notices are news for a while, then go, or for failures, show their age. */
class NoticeTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aPlainNoticeGoesWhenItIsNoLongerNews() {
        Notice n = new Notice("saved transcript.txt", false, 100 * SECOND);

        assertThat(n.textAt(100 * SECOND + Notice.FRESH_NANOS - 1)).isEqualTo("saved transcript.txt");
        assertThat(n.textAt(100 * SECOND + Notice.FRESH_NANOS)).isNull();
    }

    @Test
    void aFailureSaysHowLongAgoThenGoes() {
        Notice n = new Notice("the built-in server did not start.", true, 0);

        assertThat(n.textAt(3 * SECOND)).isEqualTo("the built-in server did not start.");
        assertThat(n.textAt(12 * SECOND)).isEqualTo("the built-in server did not start. (12 s ago)");
        assertThat(n.textAt(150 * SECOND)).isEqualTo("the built-in server did not start. (2 min ago)");
        assertThat(n.textAt(Notice.FAILURE_NANOS)).isNull();
    }

    @Test
    void theStatusBarAgesItsNoticeOnEachRefresh() throws Exception {
        AtomicLong now = new AtomicLong(50 * SECOND);
        SwingUtilities.invokeAndWait(() -> {
            StatusBar bar = new StatusBar(new TrafficStats(), () -> "built-in server: off", now::get);
            bar.showNotice("could not save: disk full.", true);
            now.addAndGet(30 * SECOND);
            bar.refresh();
            assertThat(bar.noticeText()).isEqualTo("could not save: disk full. (30 s ago)");

            bar.showNotice("saved 12 rows to t.txt.", false);
            assertThat(bar.noticeText()).isEqualTo("saved 12 rows to t.txt.");
            now.addAndGet(Notice.FRESH_NANOS);
            bar.refresh();
            assertThat(bar.noticeText()).isEmpty();
        });
    }
}
