package dev.tincan.ui.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.relay.Direction;
import dev.tincan.relay.RelayEvent;
import java.util.ArrayList;
import java.util.List;
import javax.swing.event.TableModelEvent;
import org.junit.jupiter.api.Test;

/**
 * The relay transcript keeps the newest rows and says how many left, hands the table one
 * insert per flush however many frames came, and changes a held frame's fate in place when
 * it leaves the hold, even after older rows left the view.
 */
class RelayTranscriptTest {
    private long seq;
    private final List<TableModelEvent> events = new ArrayList<>();

    private RelayEvent.Frame frame(int link, Direction d, String text, long id, RelayEvent.Fate fate) {
        seq++;
        return new RelayEvent.Frame(link, d, Bytes.utf8(text), id, fate, 1_500_000, seq, seq * 1000);
    }

    @Test
    void keepsTheNewestRowsAndSaysHowManyLeft() {
        RelayTranscript t = new RelayTranscript(n -> n / 1_000_000, 100, 1 << 20);
        t.addTableModelListener(events::add);
        for (int i = 1; i <= 250; i++) {
            t.take(frame(1, i % 2 == 0 ? Direction.DOWN : Direction.UP, "f" + i, i, RelayEvent.Fate.PASSED));
        }
        t.flush();
        assertThat(t.getRowCount()).isEqualTo(100);
        assertThat(t.seq(0)).isEqualTo(151);
        assertThat(t.getValueAt(0, RelayTranscript.COL_PAYLOAD)).isEqualTo("f151");
        assertThat(t.getValueAt(99, RelayTranscript.COL_DIRECTION)).isEqualTo("←");
        assertThat(t.getValueAt(99, RelayTranscript.COL_GAP)).isEqualTo("+1.50 ms");
        assertThat(t.trimNotice()).isEqualTo("150 older rows left the view: the transcript keeps the newest 100 rows "
                + "and at most 1.0 MiB of payload.");
        assertThat(events).extracting(TableModelEvent::getType).containsExactly(TableModelEvent.INSERT);
    }

    @Test
    void aReleaseChangesTheHeldRowsFateInPlace() {
        RelayTranscript t = new RelayTranscript(n -> n / 1_000_000, 100, 1 << 20);
        t.take(frame(2, Direction.UP, "hold me", 7, RelayEvent.Fate.HELD));
        t.take(frame(2, Direction.DOWN, "passing", 8, RelayEvent.Fate.PASSED));
        t.flush();
        assertThat(t.indexOfHeld(7)).isEqualTo(0);
        assertThat(t.getValueAt(0, RelayTranscript.COL_FATE)).isEqualTo("held");
        t.addTableModelListener(events::add);

        t.take(new RelayEvent.Released(2, Direction.UP, 7, RelayEvent.Outcome.EDITED, Bytes.utf8("edited"), ++seq,
                seq * 1000));
        t.flush();
        assertThat(t.getValueAt(0, RelayTranscript.COL_FATE)).isEqualTo("edited");
        assertThat(t.getValueAt(0, RelayTranscript.COL_PAYLOAD)).as("what was sent").isEqualTo("edited");
        assertThat(t.row(0).payload().utf8()).as("what arrived").isEqualTo("hold me");
        assertThat(t.indexOfHeld(7)).isEqualTo(-1);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getType()).isEqualTo(TableModelEvent.UPDATE);
        assertThat(events.get(0).getFirstRow()).isZero();
    }

    @Test
    void brokenBytesAndSentencesAreRowsOfTheirOwnKind() {
        RelayTranscript t = new RelayTranscript(n -> n / 1_000_000, 100, 1 << 20);
        t.take(new RelayEvent.Broken(1, Direction.DOWN, Bytes.utf8("\u0001zz"), "the length prefix 9 GB is past the "
                + "maximum.", ++seq, 0));
        t.take(new RelayEvent.Closed(1, "the server closed link #1.", false, ++seq, 0));
        t.take(new RelayEvent.Refused(null, "client turned away: 100 links are open.", ++seq, 0));
        t.flush();
        assertThat(t.row(0).kind()).isEqualTo(RelayRow.Kind.BROKEN);
        assertThat(t.getValueAt(0, RelayTranscript.COL_PAYLOAD))
                .isEqualTo("\\x01zz   (the length prefix 9 GB is past the maximum.)");
        assertThat(t.getValueAt(0, RelayTranscript.COL_FATE)).isEqualTo("broken");
        assertThat(t.row(1).kind()).isEqualTo(RelayRow.Kind.NOTICE);
        assertThat(t.getValueAt(1, RelayTranscript.COL_DIRECTION)).isEqualTo("•");
        assertThat(t.row(2).kind()).isEqualTo(RelayRow.Kind.FAILURE);
        assertThat(t.getValueAt(2, RelayTranscript.COL_DIRECTION)).isEqualTo("!");
        assertThat(t.getValueAt(2, RelayTranscript.COL_LINK)).isEqualTo("");
    }
}
