package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.session.TrafficStats;
import dev.tincan.session.TranscriptRow;
import java.util.List;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** One frame is "1 frame", and every size says whether it counts payload or bytes on the wire. */
class CountsAndWordsTest {
    @Test
    void countsTakeTheSingularForOne() {
        assertThat(Formats.count(1, "frame", "frames")).isEqualTo("1 frame");
        assertThat(Formats.count(0, "frame", "frames")).isEqualTo("0 frames");
        assertThat(Formats.count(12_345, "frame", "frames")).isEqualTo("12 345 frames");
    }

    @Test
    void theStatusBarSaysOneFrameAndWhichBytesItCounts() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            TrafficStats stats = new TrafficStats();
            StatusBar bar = new StatusBar(stats, () -> "built-in server: off", () -> 0L);
            // One "hello" and its echo: 5 bytes of payload each way.
            stats.sent(5);
            stats.received(5);
            bar.refresh();
            assertThat(bar.inText()).isEqualTo("in 1 frame · 5 B payload");
            assertThat(bar.outText()).isEqualTo("out 1 frame · 5 B payload");

            stats.sent(5);
            bar.refresh();
            assertThat(bar.outText()).isEqualTo("out 2 frames · 10 B payload");
        });
    }

    @Test
    void theTranscriptAndTheDetailPaneSayPayload() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            TranscriptModel model = new TranscriptModel(new WallClock(0, 0), 1000, Long.MAX_VALUE);
            model.append(List.of(TranscriptRow.sent(Bytes.utf8("hello"), 6, 1), TranscriptRow.received(
                    Bytes.utf8("!"), 2)));
            assertThat(model.getColumnName(TranscriptModel.COL_SIZE)).isEqualTo("Payload");
            assertThat(model.getValueAt(0, TranscriptModel.COL_SIZE)).isEqualTo("5 B");

            DetailPane detail = new DetailPane(model);
            detail.show(model.row(0));
            assertThat(detail.headerText()).endsWith(" · 5 bytes of payload (6 on the wire)");
            detail.show(model.row(1));
            assertThat(detail.headerText()).endsWith(" · 1 byte of payload");
        });
    }
}
