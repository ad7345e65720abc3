package dev.tincan.ui.relay;

import static dev.tincan.ui.Edt.awaitOnEdt;
import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import dev.tincan.relay.Relay;
import dev.tincan.relay.RelayConfig;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.ui.NeedsDisplay;
import java.awt.Rectangle;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.swing.JFrame;
import javax.swing.JTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay transcript keeps the newest rows through a flood past its cap, says how many
 * left, follows the newest row while the person has not scrolled up, and once they have,
 * stays where they read and counts what arrived below. Needs a display; without one it is
 * reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class RelayFollowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private LoopbackServer server;
    private RelayTab tab;
    private JFrame frame;

    @AfterEach
    void stop() throws Exception {
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

    @Test
    void followsTheNewestRowPastTheCapUntilThePersonScrollsUp() throws Exception {
        // The server sends a line per byte the client sends: the client drives the flood.
        server = LoopbackServer.start(socket -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            for (int b = in.read(), n = 0; b >= 0; b = in.read()) {
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < 500; i++) {
                    lines.append("line ").append(n++).append('\n');
                }
                out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        });
        Relay relay = Relay.start(RelayConfig.builder("127.0.0.1", server.port()).up(Framing.parse("raw"))
                .down(Framing.parse("line")).build());
        onEdt(() -> {
            tab = new RelayTab(relay, 1000, 1 << 20, true);
            frame = new JFrame("relay follow test");
            frame.add(tab);
            frame.setSize(900, 600);
            frame.setVisible(true);
        });
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.address().getPort())) {
            OutputStream out = client.getOutputStream();
            for (int i = 0; i < 4; i++) {
                out.write('x');
                out.flush();
            }
            // Rows reach the table at most once per display frame: the last may come a frame after they were taken.
            awaitOnEdt("2 000 lines from the server in the table", WAIT,
                    () -> tab.framesTaken() >= 2001 && tab.transcript().pendingRows() == 0);
            awaitOnEdt("the view to settle at the newest row", WAIT, this::newestRowInView);
            assertThat(onEdt(() -> tab.view().trimmedNotice())).startsWith("1 0");
            assertThat(onEdt(() -> tab.view().trimmedNotice())).contains("older rows left the view: the transcript "
                    + "keeps the newest 1 000 rows");
            assertThat(onEdt(() -> tab.view().isFollowing())).isTrue();

            onEdt(() -> tab.view().scrollPane().getVerticalScrollBar().setValue(0));
            assertThat(onEdt(() -> tab.view().isFollowing())).as("scrolled up: not following").isFalse();
            out.write('x');
            out.flush();
            awaitOnEdt("500 more lines", WAIT, () -> tab.framesTaken() >= 2502);
            awaitOnEdt("every row taken handed to the table", WAIT, () -> tab.transcript().pendingRows() == 0);
            assertThat(onEdt(() -> tab.view().jumpText())).startsWith("↓ 50").endsWith(" new rows — jump to newest");
            assertThat(onEdt(this::newestRowInView)).as("the person still reads older rows").isFalse();
            onEdt(() -> tab.view().followNewest());
            awaitOnEdt("the newest row in view again", WAIT, this::newestRowInView);
            assertThat(onEdt(() -> tab.view().jumpText())).isNull();
        }
    }

    private boolean newestRowInView() {
        JTable t = tab.view().table();
        int last = t.getRowCount() - 1;
        if (last < 0) {
            return false;
        }
        Rectangle cell = t.getCellRect(last, 0, true);
        Rectangle seen = t.getVisibleRect();
        return seen.y + seen.height >= cell.y + cell.height;
    }
}
