package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Bytes;
import dev.tincan.session.TranscriptRow;
import java.util.ArrayList;
import java.util.List;
import javax.swing.event.TableModelEvent;
import org.junit.jupiter.api.Test;

class TranscriptModelTest {
    private final List<String> events = new ArrayList<>();

    private TranscriptModel model(int maxRows, long maxBytes) {
        TranscriptModel m = new TranscriptModel(new WallClock(0, 0), maxRows, maxBytes);
        m.addTableModelListener(e -> events.add(describe(e)));
        return m;
    }

    private static String describe(TableModelEvent e) {
        String type = e.getType() == TableModelEvent.INSERT ? "insert"
                : e.getType() == TableModelEvent.DELETE ? "delete" : "update";
        return type + " " + e.getFirstRow() + ".." + e.getLastRow();
    }

    private static List<TranscriptRow> frames(int from, int n, int size) {
        List<TranscriptRow> rows = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            byte[] b = new byte[size];
            b[0] = (byte) i;
            rows.add(TranscriptRow.received(Bytes.adopt(b), i));
        }
        return rows;
    }

    @Test
    void aBatchFiresExactlyOneInsertEvent() {
        TranscriptModel m = model(1000, Long.MAX_VALUE);
        m.append(frames(0, 300, 8));
        m.append(frames(300, 200, 8));

        assertThat(events).containsExactly("insert 0..299", "insert 300..499");
        assertThat(m.getRowCount()).isEqualTo(500);
    }

    @Test
    void anEmptyBatchFiresNothing() {
        TranscriptModel m = model(1000, Long.MAX_VALUE);
        m.append(List.of());

        assertThat(events).isEmpty();
    }

    @Test
    void keepsTheNewestRowsAndFiresOneDeleteForThoseThatLeft() {
        TranscriptModel m = model(100, Long.MAX_VALUE);
        m.append(frames(0, 80, 8));
        events.clear();
        m.append(frames(80, 50, 8));

        assertThat(events).containsExactly("delete 0..29", "insert 50..99");
        assertThat(m.getRowCount()).isEqualTo(100);
        assertThat(m.trimmedRows()).isEqualTo(30);
        assertThat(m.row(0).nanos()).isEqualTo(30);
        assertThat(m.seq(0)).isEqualTo(31);
        assertThat(m.row(99).nanos()).isEqualTo(129);
    }

    @Test
    void aBatchLongerThanTheLimitKeepsItsOwnNewestRows() {
        TranscriptModel m = model(100, Long.MAX_VALUE);
        m.append(frames(0, 10, 8));
        events.clear();
        m.append(frames(10, 250, 8));

        assertThat(events).containsExactly("delete 0..9", "insert 0..99");
        assertThat(m.row(0).nanos()).isEqualTo(160);
        assertThat(m.trimmedRows()).isEqualTo(160);
    }

    @Test
    void theByteBudgetTrimsOldRowsButKeepsTheNewest() {
        TranscriptModel m = model(1000, 1000);
        m.append(frames(0, 5, 300));

        assertThat(m.getRowCount()).isEqualTo(3);
        assertThat(m.retainedBytes()).isEqualTo(900);

        m.append(frames(5, 1, 5000));
        assertThat(m.getRowCount()).isEqualTo(1);
        assertThat(m.row(0).size()).isEqualTo(5000);
    }

    @Test
    void lowerLimitTrimsAtOnce() {
        TranscriptModel m = model(1000, Long.MAX_VALUE);
        m.append(frames(0, 500, 8));
        events.clear();
        m.setMaxRows(200);

        assertThat(events).containsExactly("delete 0..299");
        assertThat(m.getRowCount()).isEqualTo(200);
        m.append(frames(500, 10, 8));
        assertThat(m.getRowCount()).isEqualTo(200);
        assertThat(m.row(199).nanos()).isEqualTo(509);
    }

    @Test
    void refusesALimitBelowTheMinimum() {
        assertThatThrownBy(() -> model(5, 100))
                .hasMessage("keep at least 100 rows (asked for 5).");
    }

    @Test
    void previewsEscapeControlsAndShowMarkupAsCharacters() {
        TranscriptModel m = model(1000, Long.MAX_VALUE);
        m.append(List.of(TranscriptRow.received(Bytes.utf8("<html><b>x\n\u001b[2J"), 1)));

        assertThat(m.getValueAt(0, TranscriptModel.COL_PREVIEW)).isEqualTo("<html><b>x\\n\\x1b[2J");
    }

    @Test
    void hexPreviewShowsSpacedBytesAndMarksACut() {
        TranscriptModel m = model(1000, Long.MAX_VALUE);
        m.append(List.of(TranscriptRow.received(Bytes.utf8("hi\n"), 1),
                TranscriptRow.received(Bytes.adopt(new byte[200]), 2)));
        m.setHexPreview(true);

        assertThat(m.getValueAt(0, TranscriptModel.COL_PREVIEW)).isEqualTo("68 69 0a");
        assertThat((String) m.getValueAt(1, TranscriptModel.COL_PREVIEW)).startsWith("00 00").endsWith(" …");
    }

    @Test
    void columnsShowSizeRoundTripAndSentences() {
        TranscriptModel m = model(1000, Long.MAX_VALUE);
        m.append(List.of(TranscriptRow.sent(Bytes.utf8("hello"), 6, 1_000),
                TranscriptRow.reply(Bytes.utf8("hello"), 421_000, 420_000, 1),
                TranscriptRow.event("closed by the server", 500_000)));
        m.answered(1, 2);

        assertThat(m.getValueAt(0, TranscriptModel.COL_SIZE)).isEqualTo("5 B");
        assertThat(m.getValueAt(0, TranscriptModel.COL_RTT)).isEqualTo("");
        assertThat(m.getValueAt(0, TranscriptModel.COL_PAIR)).isEqualTo("→ #2");
        assertThat(m.getValueAt(1, TranscriptModel.COL_RTT)).isEqualTo("420 µs");
        assertThat(m.getValueAt(1, TranscriptModel.COL_PAIR)).isEqualTo("← #1");
        assertThat(m.getValueAt(2, TranscriptModel.COL_PAIR)).isEqualTo("");
        assertThat(m.getValueAt(2, TranscriptModel.COL_SIZE)).isEqualTo("");
        assertThat(m.getValueAt(2, TranscriptModel.COL_PREVIEW)).isEqualTo("closed by the server");
        assertThat(m.getValueAt(2, TranscriptModel.COL_KIND)).isEqualTo(TranscriptRow.Kind.EVENT);
    }

    @Test
    void clearForgetsTrimmingButKeepsNumbering() {
        TranscriptModel m = model(100, Long.MAX_VALUE);
        m.append(frames(0, 150, 8));
        m.clear();
        m.append(frames(150, 1, 8));

        assertThat(m.trimmedRows()).isZero();
        assertThat(m.seq(0)).isEqualTo(151);
    }

    @Test
    void snapshotCopiesRowsOldestFirst() {
        TranscriptModel m = model(100, Long.MAX_VALUE);
        m.append(frames(0, 130, 8));
        List<TranscriptRow> copy = m.snapshot();
        m.append(frames(130, 5, 8));

        assertThat(copy).hasSize(100);
        assertThat(copy.get(0).nanos()).isEqualTo(30);
        assertThat(copy.get(99).nanos()).isEqualTo(129);
    }

    @Test
    void theNoticeNamesTheRowCapWhenOnlyItTrimmed() {
        TranscriptModel m = model(100, Long.MAX_VALUE);
        m.append(frames(0, 101, 8));
        assertThat(m.trimNotice()).isEqualTo("1 older row left the view: the transcript keeps the newest 100 rows"
                + " (View ▸ Rows to keep…).");
        m.setMaxRows(100);
        m.append(frames(101, 1, 8));
        assertThat(m.trimmedByRows()).isEqualTo(2);
        assertThat(m.trimmedByBytes()).isZero();
    }

    @Test
    void theNoticeNamesTheByteBudgetAndHowManyRowsFitWhenOnlyItTrimmed() {
        TranscriptModel m = model(100_000, 1000);
        m.append(frames(0, 30, 300));

        assertThat(m.getRowCount()).isEqualTo(3);
        assertThat(m.trimNotice()).isEqualTo("27 older rows left the view: the transcript keeps at most 1000 B of"
                + " payload (3 rows fit now).");
    }

    @Test
    void theNoticeSplitsTheCountWhenBothLimitsTrimmed() {
        TranscriptModel m = model(100, 1000);
        m.append(frames(0, 150, 1));
        m.append(frames(150, 3, 400));

        assertThat(m.trimmedByRows()).isEqualTo(53);
        assertThat(m.trimmedByBytes()).isEqualTo(98);
        assertThat(m.trimNotice()).isEqualTo("151 older rows left the view: 53 to keep the newest 100 rows, 98 to keep"
                + " at most 1000 B of payload (2 rows fit now).");
    }

    @Test
    void loweringTheRowCapCountsAsTheRowCapAndClearForgetsBoth() {
        TranscriptModel m = model(1000, 10_000);
        m.append(frames(0, 500, 8));
        m.setMaxRows(200);
        assertThat(m.trimmedByRows()).isEqualTo(300);
        m.append(frames(500, 3, 5000));
        assertThat(m.trimmedByBytes()).isPositive();

        m.clear();
        assertThat(m.trimNotice()).isNull();
        assertThat(m.trimmedByRows()).isZero();
        assertThat(m.trimmedByBytes()).isZero();
    }
}
