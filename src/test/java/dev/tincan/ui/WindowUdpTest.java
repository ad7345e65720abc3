package dev.tincan.ui;

import static dev.tincan.ui.Edt.awaitOnEdt;
import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import dev.tincan.server.DatagramEcho;
import dev.tincan.session.ConnectionStatus;
import dev.tincan.session.TranscriptRow;
import java.awt.Window;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A tab that speaks UDP, in the real window, against the companion server's UDP echo and real
 * sockets on 127.0.0.1: the echo shown with where it came from, the bar's mark and the framing
 * box greyed out, the engine's sentences for a datagram too long and a port nobody listens on,
 * and the choice kept by the dialog, the preferences and a duplicated tab. Needs a display;
 * without one it is reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowUdpTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ConnectionSettings UDP = ConnectionSettings.DEFAULTS.withUdp(true);

    private WindowHandle window;
    private DatagramEcho echo;

    @AfterEach
    void closeAll() throws Exception {
        if (window != null) {
            onEdt(() -> {
                for (Window w : Window.getWindows()) {
                    if (w instanceof ConnectionSettingsDialog) {
                        w.dispose();
                    }
                }
            });
        }
        Edt.closeAndAwait(window, WAIT);
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    void aUdpTabSendsToTheEchoAndShowsTheEchoWithItsSource() throws Exception {
        echo = DatagramEcho.start(InetAddress.getLoopbackAddress(), 0, Framing.DEFAULT_MAX_FRAME_LENGTH);
        SessionTab tab = openTab(echo.port(), UDP);
        String peer = "127.0.0.1:" + echo.port();

        connectAndAwait(tab);
        onEdt(() -> {
            tab.composer().input().setText("hello over udp");
            tab.composer().send();
        });
        awaitOnEdt("the echo", WAIT, () -> rows(tab).stream().anyMatch(r -> r.kind() == TranscriptRow.Kind.RECEIVED));

        TranscriptRow echoed = onEdt(() -> rows(tab).stream().filter(r -> r.kind() == TranscriptRow.Kind.RECEIVED)
                .findFirst().orElseThrow());
        assertThat(echoed.payload().toByteArray()).isEqualTo("hello over udp".getBytes());
        assertThat(echoed.source()).isEqualTo(peer);
        assertThat(onEdt(() -> messages(tab))).contains("connecting to " + peer + " (udp, one datagram per frame)");
        assertThat(onEdt(() -> tab.bar().statusText())).matches("talking udp with 127\\.0\\.0\\.1:" + echo.port()
                + " \\(from local port \\d+\\)");
        String header = onEdt(() -> {
            JTable table = tab.transcriptView().table();
            int last = table.convertRowIndexToView(tab.transcript().getRowCount() - 1);
            table.setRowSelectionInterval(last, last);
            return tab.detail().headerText();
        });
        assertThat(header).startsWith("received at ").contains(" · 14 bytes of payload · from " + peer);
    }

    @Test
    void theBarMarksAUdpTabAndGreysOutItsFramingSayingWhy() throws Exception {
        SessionTab tab = openTab(50007, ConnectionSettings.DEFAULTS);
        assertThat(onEdt(() -> tab.bar().udpMarkText())).isEmpty();
        assertThat(onEdt(() -> tab.bar().framingBox().isEnabled())).isTrue();

        onEdt(() -> tab.setConnection(UDP));

        assertThat(onEdt(() -> tab.bar().udpMarkText())).isEqualTo("udp");
        assertThat(onEdt(() -> tab.bar().framingBox().isEnabled())).isFalse();
        assertThat(onEdt(() -> tab.bar().framingBox().getToolTipText())).isEqualTo(ConnectionBar.UDP_FRAMING_WHY);
        assertThat(onEdt(() -> tab.bar().framingBox().hint().getText())).isEqualTo("udp: each datagram is one frame");
        assertThat(onEdt(() -> tab.bar().framingSpec())).as("kept for TCP").isEqualTo("line");

        onEdt(() -> tab.setConnection(ConnectionSettings.DEFAULTS));

        assertThat(onEdt(() -> tab.bar().udpMarkText())).isEmpty();
        assertThat(onEdt(() -> tab.bar().framingBox().isEnabled())).isTrue();
        assertThat(onEdt(() -> tab.bar().framingBox().hint().getText())).isEqualTo(Framing.parse("line")
                .description());
    }

    @Test
    void aDatagramLongerThanUdpCarriesIsRefusedWithTheEnginesSentence() throws Exception {
        echo = DatagramEcho.start(InetAddress.getLoopbackAddress(), 0, Framing.DEFAULT_MAX_FRAME_LENGTH);
        SessionTab tab = openTab(echo.port(), UDP);
        connectAndAwait(tab);

        onEdt(() -> {
            tab.composer().input().setText("x".repeat(65_508));
            tab.composer().send();
        });

        String sentence = "send failed: the message is 65508 bytes, and one udp datagram to 127.0.0.1:" + echo.port()
                + " carries at most 65507 bytes; nothing was sent.";
        awaitOnEdt("the refusal", WAIT, () -> errors(tab).contains(sentence));
        assertThat(onEdt(() -> tab.statusBar().noticeText())).isEqualTo(sentence);
        assertThat(onEdt(() -> rows(tab))).noneMatch(r -> r.kind() == TranscriptRow.Kind.SENT);
    }

    @Test
    void aPortNobodyListensOnIsSaidInTheEnginesSentence() throws Exception {
        int closed;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closed = s.getLocalPort();
        }
        SessionTab tab = openTab(closed, UDP);
        connectAndAwait(tab);

        onEdt(() -> {
            tab.composer().input().setText("anyone there?");
            tab.composer().send();
        });

        String unreachable = "nothing is listening on udp 127.0.0.1:" + closed + " (the host answered port "
                + "unreachable)";
        awaitOnEdt("the unreachable port said", WAIT, () -> errors(tab).stream().anyMatch(e -> e.startsWith(
                unreachable)));
        assertThat(onEdt(() -> tab.statusBar().noticeText())).startsWith(unreachable);
        assertThat(onEdt(() -> tab.session().status().isConnected())).as("a server may start later").isTrue();
    }

    @Test
    void theDialogGreysOutWhatIsTcpsOnlyAndTheChoiceIsKeptByPreferencesAndADuplicate() throws Exception {
        SessionTab tab = openTab(50007, ConnectionSettings.DEFAULTS);
        SwingUtilities.invokeLater(() -> window.window().openConnectionSettings());
        ConnectionSettingsDialog d = WindowConnectionSettingsTest.awaitDialog();
        assertThat(onEdt(() -> d.tcpButton().isSelected())).isTrue();

        onEdt(() -> d.udpButton().doClick());

        assertThat(onEdt(() -> List.of(d.sections().isEnabledAt(0), d.sections().isEnabledAt(1),
                d.sections().isEnabledAt(2), d.sections().isEnabledAt(3), d.sections().isEnabledAt(4))))
                .containsExactly(false, false, false, true, true);
        assertThat(onEdt(() -> d.sections().getToolTipTextAt(0))).isEqualTo("TLS: "
                + ConnectionSettingsDialog.TCP_ONLY);
        assertThat(onEdt(() -> d.keepAliveBox().isEnabled())).isFalse();
        assertThat(onEdt(d::messageText)).isEqualTo(ConnectionSettingsDialog.UDP_NOTE);

        onEdt(() -> d.okButton().doClick());
        assertThat(onEdt(d::isShowing)).isFalse();
        assertThat(onEdt(() -> tab.connection().udp())).isTrue();
        assertThat(onEdt(() -> tab.bar().udpMarkText())).isEqualTo("udp");

        onEdt(() -> window.window().saveTabs());
        assertThat(onEdt(() -> window.window().prefs().text())).contains("tab.0.conn.udp=true");
        assertThat(onEdt(() -> window.window().prefs().tabs().get(0).connection().udp())).isTrue();

        onEdt(() -> window.window().duplicateTab());
        SessionTab copy = onEdt(() -> (SessionTab) window.window().windowTabs().get(1));
        assertThat(onEdt(() -> copy.connection().udp())).isTrue();
        assertThat(onEdt(() -> copy.bar().udpMarkText())).isEqualTo("udp");
    }

    /** Opens the window with its tab pointed at 127.0.0.1:{@code port} and connecting with {@code settings}. */
    private SessionTab openTab(int port, ConnectionSettings settings) throws Exception {
        window = WindowHandle.open("127.0.0.1", port, "line");
        SessionTab tab = onEdt(() -> window.window().currentTab());
        onEdt(() -> tab.setConnection(settings));
        return tab;
    }

    private void connectAndAwait(SessionTab tab) throws Exception {
        onEdt(() -> window.window().connect(tab));
        awaitOnEdt("talking, or a failure", WAIT, () -> tab.session().status().isConnected()
                || tab.session().status().failed());
        assertThat(onEdt(() -> tab.session().status().phase())).isEqualTo(ConnectionStatus.Phase.CONNECTED);
    }

    private static List<TranscriptRow> rows(SessionTab tab) {
        tab.flush();
        return tab.transcript().snapshot();
    }

    private static List<String> messages(SessionTab tab) {
        return rows(tab).stream().filter(r -> r.message() != null).map(TranscriptRow::message).toList();
    }

    private static List<String> errors(SessionTab tab) {
        return rows(tab).stream().filter(r -> r.kind() == TranscriptRow.Kind.ERROR).map(TranscriptRow::message)
                .toList();
    }
}
