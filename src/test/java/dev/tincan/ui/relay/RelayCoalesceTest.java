package dev.tincan.ui.relay;

import static dev.tincan.ui.Edt.awaitOnEdt;
import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import dev.tincan.relay.Relay;
import dev.tincan.relay.RelayConfig;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.ui.NeedsDisplay;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.swing.JFrame;
import javax.swing.event.TableModelEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A relay tab hands its table new rows at most once per display frame: rows taken sooner
 * wait, in order, and reach the table together with the next frame; none is lost, with or
 * without rows leaving at the top. The tab reads a clock the test moves, over a real relay
 * between a real client and a line server on 127.0.0.1. Needs a display; without one it is
 * reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class RelayCoalesceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger inserts = new AtomicInteger();
    private LoopbackServer server;
    private RelayTab tab;
    private JFrame frame;
    private Socket client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (tab != null) {
            onEdt(() -> {
                tab.close();
                frame.dispose();
            });
            assertThat(tab.awaitStopped(WAIT.toMillis())).isTrue();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A tab keeping {@code maxRows} rows over a relay to a server that sends {@code lines} lines on connect. */
    private void open(int lines, int maxRows) throws Exception {
        server = LoopbackServer.start(socket -> {
            StringBuilder text = new StringBuilder();
            for (int i = 1; i <= lines; i++) {
                text.append("line ").append(i).append('\n');
            }
            OutputStream out = socket.getOutputStream();
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.getInputStream().read(); // holds the link open until the client goes
        });
        Relay relay = Relay.start(RelayConfig.builder("127.0.0.1", server.port()).framing(Framing.parse("line"))
                .build());
        onEdt(() -> {
            tab = new RelayTab(relay, maxRows, 1 << 24, false, null, now::get);
            tab.transcript().addTableModelListener(e -> {
                if (e.getType() == TableModelEvent.INSERT) {
                    inserts.incrementAndGet();
                }
            });
            frame = new JFrame("relay coalesce test");
            frame.add(tab);
            frame.setSize(900, 600);
            frame.setVisible(true);
        });
        client = new Socket(InetAddress.getLoopbackAddress(), relay.address().getPort());
    }

    /** Takes events until the tab has taken {@code frames} frames in all, then flushes once. */
    private void takeUntil(long frames) throws Exception {
        awaitOnEdt(frames + " frames taken", WAIT, () -> {
            tab.take((int) Math.min(64, Math.max(1, frames - tab.framesTaken())));
            return tab.framesTaken() >= frames;
        });
        onEdt(() -> tab.flush());
    }

    private int tableRows() throws Exception {
        return onEdt(() -> tab.view().table().getRowCount());
    }

    @Test
    void rowsTakenWithinAFrameWaitAndReachTheTableTogetherInOrder() throws Exception {
        open(300, 10_000);
        takeUntil(100);
        // The first rows after a quiet spell show at once: the link's notice and 100 frames.
        assertThat(tableRows()).isEqualTo(101);
        assertThat(inserts.get()).isEqualTo(1);

        now.set(5 * MS);
        takeUntil(200);
        now.set(10 * MS);
        takeUntil(300);
        assertThat(tableRows()).as("rows in the table 10 ms after the last hand-over").isEqualTo(101);
        assertThat(onEdt(() -> tab.transcript().pendingRows())).isEqualTo(200);

        now.set(RelayTab.SHOW_NANOS);
        onEdt(() -> tab.flush());
        assertThat(tableRows()).isEqualTo(301);
        assertThat(inserts.get()).as("table inserts").isEqualTo(2);
        assertThat(onEdt(() -> tab.transcript().pendingRows())).isZero();
        for (int i = 1; i <= 300; i++) {
            int row = i;
            assertThat(onEdt(() -> tab.transcript().getValueAt(row, RelayTranscript.COL_PAYLOAD)))
                    .isEqualTo("line " + i);
        }
    }

    @Test
    void aFloodPastTheCapIsShownOncePerFrameAndEveryRowIsShownOrCountedAsLeft() throws Exception {
        open(3000, 500);
        int flushes = 0;
        for (long taken = 50; taken <= 3000; taken += 50) {
            now.addAndGet(5 * MS);
            takeUntil(taken);
            flushes++;
        }
        now.addAndGet(RelayTab.SHOW_NANOS);
        onEdt(() -> tab.flush());

        // 60 flushes 5 ms apart: a hand-over at most every 15 ms, so at most one in three, and the last.
        assertThat(inserts.get()).as("table inserts for %d flushes", flushes).isBetween(2, flushes / 3 + 2);
        assertThat(tableRows()).isEqualTo(500);
        assertThat(onEdt(() -> tab.transcript().trimmedRows())).as("rows that left the view").isEqualTo(3001 - 500);
        assertThat(onEdt(() -> tab.transcript().getValueAt(499, RelayTranscript.COL_PAYLOAD))).isEqualTo("line 3000");
        assertThat(onEdt(() -> tab.transcript().getValueAt(0, RelayTranscript.COL_PAYLOAD))).isEqualTo("line 2501");
        assertThat(onEdt(() -> tab.view().trimmedNotice())).startsWith("2 501 older rows left the view");
    }
}
