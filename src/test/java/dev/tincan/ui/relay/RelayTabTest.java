package dev.tincan.ui.relay;

import static dev.tincan.ui.Edt.awaitOnEdt;
import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import dev.tincan.relay.Direction;
import dev.tincan.relay.Relay;
import dev.tincan.relay.RelayConfig;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import dev.tincan.ui.NeedsDisplay;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.awt.event.KeyEvent;
import javax.swing.JFrame;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay tab in a window of its own, over a real relay between a real client socket and
 * a small line server on 127.0.0.1 that answers each line {@code echo LINE}: both directions
 * show in order with their arrows; a held frame waits, and is forwarded as edited or dropped
 * as the person says; injected frames reach either side; closing the tab frees the port.
 * Needs a display; without one it is reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class RelayTabTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<String> serverGot = new LinkedBlockingQueue<>();
    private LoopbackServer server;
    private RelayTab tab;
    private JFrame frame;
    private Socket client;
    private PrintWriter toServer;
    private BufferedReader fromServer;

    @BeforeEach
    void start() throws Exception {
        server = LoopbackServer.start(socket -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                serverGot.add(line);
                out.write(("echo " + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        });
        RelayConfig config = RelayConfig.builder("127.0.0.1", server.port()).framing(Framing.parse("line"))
                .injectWait(Duration.ofMillis(300)).build();
        Relay relay = Relay.start(config);
        onEdt(() -> {
            tab = new RelayTab(relay);
            frame = new JFrame("relay test");
            frame.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
            frame.add(tab);
            frame.setSize(1000, 640);
            frame.setVisible(true);
        });
        client = new Socket(InetAddress.getLoopbackAddress(), relay.address().getPort());
        client.setSoTimeout((int) ReplyRecorder.TIMEOUT_MILLIS);
        toServer = new PrintWriter(new java.io.OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8),
                true);
        fromServer = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        awaitOnEdt("the link to open", WAIT, () -> tab.headerText().endsWith("· 1 link"));
    }

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
            assertThat(tab.awaitStopped(WAIT.toMillis())).as("the relay closed").isTrue();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bothDirectionsShowInOrderWithTheirArrows() throws Exception {
        toServer.print("one\n");
        toServer.flush();
        assertThat(fromServer.readLine()).isEqualTo("echo one");
        toServer.print("two\n");
        toServer.flush();
        assertThat(fromServer.readLine()).isEqualTo("echo two");

        awaitOnEdt("four frames", WAIT, () -> frames().size() == 4);
        assertThat(onEdt(this::frames)).containsExactly("#1 → one forwarded", "#1 ← echo one forwarded",
                "#1 → two forwarded", "#1 ← echo two forwarded");
        assertThat(onEdt(() -> tab.headerText())).startsWith("Relaying 127.0.0.1:")
                .contains(" → 127.0.0.1:" + server.port() + " · 1 link");
        assertThat(onEdt(() -> tab.badgeShown())).as("bound to 127.0.0.1: no open-proxy badge").isFalse();
    }

    @Test
    void theTableTellsTheTooltipOfTheCellUnderTheMouse() throws Exception {
        toServer.print("one\n");
        toServer.flush();
        assertThat(fromServer.readLine()).isEqualTo("echo one");
        awaitOnEdt("two frames", WAIT, () -> frames().size() == 2);

        assertThat(onEdt(() -> tooltipAt(2, RelayTranscript.COL_DIRECTION))).isEqualTo(Direction.DOWN.words());
        assertThat(onEdt(() -> tooltipAt(1, RelayTranscript.COL_DIRECTION))).isEqualTo(Direction.UP.words());
        assertThat(onEdt(() -> tooltipAt(2, RelayTranscript.COL_GAP)))
                .isEqualTo("time since the previous frame of this link");
        assertThat(onEdt(() -> tooltipAt(2, RelayTranscript.COL_PAYLOAD))).isNull();
    }

    /** The tooltip the table gives for the mouse over the middle of the cell at {@code row}, {@code column}. */
    private String tooltipAt(int row, int column) {
        JTable table = tab.view().table();
        java.awt.Rectangle cell = table.getCellRect(row, column, true);
        java.awt.event.MouseEvent at = new java.awt.event.MouseEvent(table, java.awt.event.MouseEvent.MOUSE_MOVED,
                System.currentTimeMillis(), 0, cell.x + cell.width / 2, cell.y + cell.height / 2, 0, false);
        return table.getToolTipText(at);
    }

    @Test
    void aHeldFrameWaitsUntilItIsForwardedAsEdited() throws Exception {
        onEdt(() -> tab.holdButton(Direction.UP).doClick());
        toServer.print("secret\n");
        toServer.flush();
        awaitOnEdt("a held frame", WAIT, () -> tab.holdButton(Direction.UP).getText().equals("Hold → · 1 held"));
        assertThat(onEdt(this::frames)).containsExactly("#1 → secret held");
        assertThat(serverGot.poll(300, TimeUnit.MILLISECONDS)).as("what the server got while held").isNull();

        onEdt(() -> {
            tab.view().showRow(heldRow());
            assertThat(tab.editor().text().getText()).isEqualTo("secret");
            tab.editor().text().setText("public");
            tab.editor().forwardEditedButton().doClick();
        });
        assertThat(serverGot.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("public");
        assertThat(fromServer.readLine()).isEqualTo("echo public");
        awaitOnEdt("the echo", WAIT, () -> frames().size() == 2);
        assertThat(onEdt(this::frames)).containsExactly("#1 → public edited", "#1 ← echo public forwarded");
        assertThat(onEdt(() -> tab.holdButton(Direction.UP).getText())).isEqualTo("Hold →");
        assertThat(onEdt(() -> tab.editor().shown())).as("the editor lets go of a frame no longer held").isNull();
    }

    @Test
    void deleteDropsTheSelectedHeldFrameAndEnterForwardsTheNext() throws Exception {
        onEdt(() -> tab.holdButton(Direction.UP).doClick());
        toServer.print("drop me\nkeep me\n");
        toServer.flush();
        awaitOnEdt("two held frames", WAIT, () -> tab.holdButton(Direction.UP).getText().equals("Hold → · 2 held"));
        onEdt(() -> {
            tab.view().showRow(heldRow());
            press(tab.view().table(), KeyEvent.VK_DELETE);
        });
        awaitOnEdt("the drop", WAIT, () -> tab.holdButton(Direction.UP).getText().equals("Hold → · 1 held"));
        assertThat(onEdt(() -> tab.editor().shown().payload().utf8())).as("the next held frame is selected")
                .isEqualTo("keep me");
        onEdt(() -> press(tab.view().table(), KeyEvent.VK_ENTER));

        assertThat(serverGot.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("keep me");
        assertThat(fromServer.readLine()).isEqualTo("echo keep me");
        // The relay says a held frame went once it is written, from the thread that writes it, and
        // the echo comes back on the other direction's thread: either may reach the view first.
        awaitOnEdt("the echo, and no frame still held", WAIT,
                () -> frames().size() == 3 && frames().stream().noneMatch(f -> f.endsWith(" held")));
        assertThat(onEdt(this::frames)).containsExactly("#1 → drop me dropped", "#1 → keep me forwarded",
                "#1 ← echo keep me forwarded");
        assertThat(serverGot).as("the dropped frame never reached the server").isEmpty();
    }

    @Test
    void injectedFramesReachTheServerAndTheClient() throws Exception {
        onEdt(() -> {
            tab.injectBar().link().setSelectedItem(1);
            tab.injectBar().direction().setSelectedItem(Direction.UP);
            tab.injectBar().text().setText("ping");
            tab.injectBar().sendButton().doClick();
        });
        assertThat(serverGot.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("ping");
        assertThat(fromServer.readLine()).as("the server's answer to the injected frame").isEqualTo("echo ping");
        onEdt(() -> {
            tab.injectBar().direction().setSelectedItem(Direction.DOWN);
            tab.injectBar().text().setText("pong\\tto you");
            tab.injectBar().sendButton().doClick();
        });
        assertThat(fromServer.readLine()).isEqualTo("pong\tto you");
        awaitOnEdt("three frames", WAIT, () -> frames().size() == 3);
        assertThat(onEdt(this::frames)).containsExactly("#1 → ping injected", "#1 ← echo ping forwarded",
                "#1 ← pong\\tto you injected");
        assertThat(onEdt(() -> tab.injectBar().problem())).isEmpty();
    }

    /**
     * The client sends half a line and stops: the frame injected towards the server waits,
     * the bar says so after the inject wait, and Cancel takes it back, saying so; the server
     * never gets it, and gets the client's line whole once it ends.
     */
    @Test
    void anInjectHeldBackByAHalfFrameSaysSoAndCancelTakesItBack() throws Exception {
        toServer.print("par");
        toServer.flush();
        injectUp("ping");
        awaitOnEdt("the waiting line", WAIT, () -> !tab.injectBar().waitingText().isEmpty());
        assertThat(onEdt(() -> tab.injectBar().waitingText())).isEqualTo("link #1: 1 injected frame waits to go to "
                + "the server: the client has sent part of a frame and not finished it for 300 ms; it goes when that "
                + "frame ends, or cancel it, or send it anyway.");
        onEdt(() -> tab.injectBar().cancelButton().doClick());
        awaitOnEdt("the cancel said", WAIT, () -> tab.injectBar().problem().equals("link #1: cancelled 1 injected "
                + "frame to the server; it was never sent."));
        assertThat(onEdt(() -> tab.injectBar().waitingText())).isEmpty();

        toServer.print("tial\nnext\n");
        toServer.flush();
        assertThat(serverGot.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("partial");
        assertThat(serverGot.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .as("the cancelled frame never came between").isEqualTo("next");
    }

    /** Send anyway puts the waiting frame inside the client's unfinished line, and the line under the bar goes. */
    @Test
    void sendAnywayPutsTheWaitingInjectInsideTheHalfFrame() throws Exception {
        toServer.print("par");
        toServer.flush();
        injectUp("ping");
        awaitOnEdt("the waiting line", WAIT, () -> !tab.injectBar().waitingText().isEmpty());
        onEdt(() -> tab.injectBar().anywayButton().doClick());
        assertThat(serverGot.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .as("the injected line inside the client's").isEqualTo("parping");
        assertThat(onEdt(() -> tab.injectBar().waitingText())).isEmpty();
        assertThat(onEdt(() -> tab.injectBar().problem())).isEmpty();
    }

    private void injectUp(String text) throws Exception {
        onEdt(() -> {
            tab.injectBar().link().setSelectedItem(1);
            tab.injectBar().direction().setSelectedItem(Direction.UP);
            tab.injectBar().text().setText(text);
            tab.injectBar().sendButton().doClick();
        });
        assertThat(onEdt(() -> tab.injectBar().problem())).isEmpty();
    }

    @Test
    void aFaultSetInThePanelAppliesToTheOpenLinkAtOnce() throws Exception {
        toServer.print("before\n");
        toServer.flush();
        assertThat(fromServer.readLine()).isEqualTo("echo before");
        onEdt(() -> {
            tab.faultsButton().doClick();
            tab.faults().setResetAfter(Direction.UP, 1);
        });
        assertThat(onEdt(() -> tab.relay().toxics(Direction.UP).resetAfterBytes())).isEqualTo(1);
        toServer.print("after\n");
        toServer.flush();
        String got;
        try {
            got = fromServer.readLine();
        } catch (java.net.SocketException e) {
            got = "reset";
        }
        assertThat(got).as("the link was reset, not answered").isIn(null, "reset");
        awaitOnEdt("the link to close", WAIT, () -> tab.headerText().endsWith("· 0 links"));
        assertThat(serverGot).containsExactly("before");
    }

    @Test
    void closingTheTabFreesThePortAndEndsTheRelaysThreads() throws Exception {
        int port = tab.relay().address().getPort();
        onEdt(() -> tab.close());
        assertThat(tab.awaitStopped(WAIT.toMillis())).as("the relay closed").isTrue();
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        assertThat(client.getInputStream().read()).as("the client's link is closed").isEqualTo(-1);
        Threads.assertNoneLeft("tincan-relay");
    }

    /** The frame rows as "link arrow payload fate". */
    private List<String> frames() {
        RelayTranscript t = tab.transcript();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.getRowCount(); i++) {
            RelayRow r = t.row(i);
            if (r.kind() == RelayRow.Kind.FRAME) {
                out.add(t.getValueAt(i, RelayTranscript.COL_LINK) + " " + t.getValueAt(i, RelayTranscript.COL_DIRECTION)
                        + " " + t.getValueAt(i, RelayTranscript.COL_PAYLOAD) + " "
                        + t.getValueAt(i, RelayTranscript.COL_FATE));
            }
        }
        return out;
    }

    private int heldRow() {
        RelayTranscript t = tab.transcript();
        for (int i = 0; i < t.getRowCount(); i++) {
            if (t.row(i).isHeld()) {
                return i;
            }
        }
        throw new AssertionError("no held row");
    }

    private static void press(JTable table, int key) {
        SwingUtilities.processKeyBindings(new KeyEvent(table, KeyEvent.KEY_PRESSED, 0, 0, key,
                KeyEvent.CHAR_UNDEFINED));
    }
}
