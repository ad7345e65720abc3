package dev.tincan.ui;

import static dev.tincan.ui.Edt.awaitOnEdt;
import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ProxyOptions;
import dev.tincan.codec.Fingerprints;
import dev.tincan.session.ConnectionStatus;
import dev.tincan.session.Library;
import dev.tincan.session.SavedMessage;
import dev.tincan.session.Session;
import dev.tincan.session.TranscriptRow;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.Socks5Proxy;
import dev.tincan.testing.TestCertificates;
import dev.tincan.testing.TestCertificates.Issued;
import dev.tincan.testing.TlsEchoServer;
import java.awt.Window;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tab's connection settings in the real window, against real servers on 127.0.0.1: TLS
 * with the version, cipher and chain shown, a pin taken from the certificate view, an
 * unchecked certificate marked in red, a SOCKS5 proxy whose password is asked for and never
 * stored, a reconnect the status counts down and Disconnect cancels, the heartbeat (typed, or
 * a library message, or said to be missing) and the idle report, and the dialog that names a
 * bad field. Needs a display; without one it is
 * reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowConnectionSettingsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private WindowHandle window;
    private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        if (window != null) {
            onEdt(() -> {
                for (Window w : Window.getWindows()) {
                    if (w instanceof ConnectionSettingsDialog || w instanceof CertificateDialog) {
                        w.dispose();
                    }
                }
            });
        }
        Edt.closeAndAwait(window, WAIT);
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    @Test
    void aTlsConnectShowsProtocolCipherAndTheServersChain() throws Exception {
        Issued ca = TestCertificates.authority("Tincan Test CA");
        Issued server = TestCertificates.issue(ca, "tls.server.test", "127.0.0.1");
        TlsEchoServer tls = serve(TlsEchoServer.withAlpn(server, List.of("h2")));
        ConnectionSettings.Tls trusting = tlsTrusting(ca);
        SessionTab tab = openTab(tls.port(), settings(new ConnectionSettings.Tls(true, trusting.trustFile(), List.of(),
                "", "", "", "h2, http/1.1", false)));

        connectAndAwait(tab);

        String security = onEdt(() -> tab.bar().securityText());
        assertThat(security).matches("TLSv1\\.[23] · TLS_\\w+");
        assertThat(onEdt(() -> tab.statusBar().insecureText())).isEmpty();
        assertThat(onEdt(() -> messages(tab))).anyMatch(m -> m.equals("secured with " + security.replace(" · ",
                ", ") + ", ALPN h2; server CN=tls.server.test, SHA-256 " + Fingerprints.certificate(
                        server.certificate())));
        CertificateDialog view = onEdt(() -> window.window().certificateDialog(tab));
        String text = onEdt(view::text);
        assertThat(text).contains("Protocol        " + security.split(" · ")[0])
                .contains("Cipher suite    " + security.split(" · ")[1])
                .contains("ALPN            h2")
                .contains("Server certificate\n  Subject       CN=tls.server.test\n  Issuer        CN=Tincan Test CA")
                .contains("  SHA-256       " + Fingerprints.certificate(server.certificate()))
                .contains("  Public key    " + Fingerprints.publicKey(server.certificate()))
                .contains("Issuer certificate 1\n  Subject       CN=Tincan Test CA");
        onEdt(view::dispose);
    }

    @Test
    void aPinTakenFromTheCertificateLetsTheNextConnectInAndTurnsAnotherCertificateAway() throws Exception {
        Issued ca = TestCertificates.authority("Tincan Test CA");
        Issued first = TestCertificates.issue(ca, "first.test", "127.0.0.1");
        TlsEchoServer one = serve(TlsEchoServer.start(first));
        SessionTab tab = openTab(one.port(), settings(tlsTrusting(ca)));
        connectAndAwait(tab);

        CertificateDialog view = onEdt(() -> window.window().certificateDialog(tab));
        onEdt(() -> view.pinButton().doClick());
        String fingerprint = Fingerprints.certificate(first.certificate());
        assertThat(onEdt(() -> tab.connection().tls().pins())).containsExactly(fingerprint);
        assertThat(onEdt(view::noteText)).isEqualTo("pinned: from the next connect on, this tab accepts only this "
                + "certificate.");
        assertThat(onEdt(() -> view.pinButton().isEnabled())).isFalse();
        onEdt(view::dispose);
        disconnectAndAwait(tab);

        connectAndAwait(tab);
        disconnectAndAwait(tab);

        Issued second = TestCertificates.issue(ca, "second.test", "127.0.0.1");
        TlsEchoServer two = serve(TlsEchoServer.start(second));
        onEdt(() -> tab.bar().setTarget("127.0.0.1", two.port(), "line"));
        onEdt(() -> window.window().connect(tab));
        awaitOnEdt("the connect turned away", WAIT, () -> tab.session().status().failed());
        assertThat(onEdt(() -> tab.bar().statusText())).contains("the server's certificate (CN=second.test) matches "
                + "no pin").contains("but the pin is " + fingerprint);
    }

    @Test
    void aPkcs12ClientCertificateIsShownToAServerThatAsksWithThePasswordAskedForAtConnect() throws Exception {
        Issued ca = TestCertificates.authority("Tincan Test CA");
        Issued server = TestCertificates.issue(ca, "tls.server.test", "127.0.0.1");
        Issued clients = TestCertificates.authority("Client CA");
        Issued device = TestCertificates.issue(clients, "device-7");
        Path p12 = device.writePkcs12(dir.resolve("device.p12"), "key-store-pw".toCharArray());
        TlsEchoServer tls = serve(TlsEchoServer.requiringClientCertificate(server, clients.certificate()));
        ConnectionSettings.Tls trusting = tlsTrusting(ca);
        SessionTab tab = openTab(tls.port(), settings(new ConnectionSettings.Tls(true, trusting.trustFile(), List.of(),
                "", p12.toString(), "", "", false)));
        List<String> asked = new CopyOnWriteArrayList<>();
        onEdt(() -> window.window().setSecrets(what -> {
            asked.add(what);
            return "key-store-pw".toCharArray();
        }));

        connectAndAwait(tab);

        assertThat(tls.awaitClientSubject()).isEqualTo("CN=device-7");
        assertThat(asked).containsExactly("the password of the client certificate device.p12");
        onEdt(() -> window.window().saveTabs());
        assertThat(onEdt(() -> window.window().prefs().text())).contains("device.p12").doesNotContain("key-store-pw");
    }

    @Test
    void trustingAnyCertificateMarksTheConnectionInRedInTheBarTheStatusLineAndTheTranscript() throws Exception {
        TlsEchoServer tls = serve(TlsEchoServer.start(TestCertificates.selfSigned("nobody.test", "elsewhere.test")));
        ConnectionSettings.Tls insecure = new ConnectionSettings.Tls(true, "", List.of(), "", "", "", "", true);
        SessionTab tab = openTab(tls.port(), settings(insecure));

        connectAndAwait(tab);

        assertThat(onEdt(() -> tab.bar().securityText())).startsWith("insecure · TLSv1.");
        assertThat(onEdt(() -> tab.statusBar().insecureText())).isEqualTo("insecure: certificate not checked");
        assertThat(onEdt(() -> rows(tab))).anyMatch(r -> r.kind() == TranscriptRow.Kind.ERROR
                && r.message().equals(Session.INSECURE));
        assertThat(onEdt(() -> messages(tab))).anyMatch(m -> m.equals("connecting to 127.0.0.1:" + tls.port()
                + " (line framing, TLS without checking the certificate (insecure))"));

        disconnectAndAwait(tab);
        assertThat(onEdt(() -> tab.statusBar().insecureText())).as("gone with the connection").isEmpty();
        assertThat(onEdt(() -> tab.bar().securityText())).isEmpty();
    }

    @Test
    void aSocks5ProxyCarriesTheConnectWithAPasswordAskedForAndNeverStored() throws Exception {
        String password = "s3cret-Proxy-pw";
        Socks5Proxy proxy = serve(Socks5Proxy.withCredentials("ann", password));
        LoopbackServer target = serve(LoopbackServer.start(s -> s.getInputStream().read()));
        ConnectionSettings settings = new ConnectionSettings(ConnectionSettings.Tls.OFF,
                new ConnectionSettings.Proxy(ProxyOptions.Type.SOCKS5, "127.0.0.1", proxy.port(), "ann"),
                ConnectionSettings.Reconnect.OFF, ConnectionSettings.Liveness.OFF, "");
        SessionTab tab = openTab(target.port(), settings);
        List<String> asked = new CopyOnWriteArrayList<>();
        onEdt(() -> window.window().setSecrets(what -> {
            asked.add(what);
            return password.toCharArray();
        }));

        connectAndAwait(tab);

        assertThat(proxy.awaitRequest().port()).isEqualTo(target.port());
        assertThat(asked).containsExactly("the password of ann at SOCKS5 proxy 127.0.0.1:" + proxy.port());
        assertThat(onEdt(() -> tab.bar().statusText())).matches("connected to 127\\.0\\.0\\.1:" + target.port()
                + " through SOCKS5 proxy 127\\.0\\.0\\.1:" + proxy.port() + " \\(from local port \\d+\\)");
        onEdt(() -> window.window().saveTabs());
        String stored = onEdt(() -> window.window().prefs().text());
        assertThat(stored).contains("conn.proxy.user=ann").contains("conn.proxy.type=SOCKS5")
                .doesNotContain(password);
        assertThat(onEdt(() -> messages(tab))).noneMatch(m -> m.contains(password));
    }

    @Test
    void theStatusCountsDownToTheNextReconnectAndDisconnectCancelsIt() throws Exception {
        LoopbackServer hangsUp = serve(LoopbackServer.start(Socket::close));
        ConnectionSettings settings = new ConnectionSettings(ConnectionSettings.Tls.OFF, ConnectionSettings.Proxy.NONE,
                new ConnectionSettings.Reconnect(true, 10, 30, 100, true), ConnectionSettings.Liveness.OFF, "");
        SessionTab tab = openTab(hangsUp.port(), settings);
        onEdt(() -> window.window().connect(tab));

        AtomicReference<String> seen = new AtomicReference<>();
        AtomicReference<Boolean> cancellable = new AtomicReference<>();
        AtomicReference<String> queued = new AtomicReference<>();
        awaitOnEdt("a reconnect waiting", WAIT, () -> {
            ConnectionStatus s = tab.session().status();
            if (s.phase() != ConnectionStatus.Phase.RECONNECTING) {
                return false;
            }
            // Read and cancel in one go on the EDT, where the status changes: it cannot move on in between.
            seen.set(tab.bar().statusText());
            cancellable.set(window.window().actions().disconnect.isEnabled());
            tab.composer().input().setText("typed while down");
            tab.composer().send();
            queued.set(tab.statusBar().noticeText());
            window.window().disconnect();
            return true;
        });
        assertThat(queued.get()).isEqualTo("not connected: this frame waits for the reconnect and goes out once "
                + "connected again.");

        assertThat(seen.get()).matches("reconnecting in (\\d+ ms|\\d+(\\.\\d)? s), attempt \\d+ of 10");
        assertThat(cancellable.get()).as("Disconnect offered while a reconnect waits").isTrue();
        awaitOnEdt("idle after the cancel", WAIT, () -> tab.session().status().phase()
                == ConnectionStatus.Phase.IDLE);
        assertThat(onEdt(() -> messages(tab))).contains("reconnecting to 127.0.0.1:" + hangsUp.port() + " cancelled.",
                "1 frame typed while disconnected was dropped.");
        assertThat(onEdt(() -> window.window().actions().connect.isEnabled())).isTrue();
    }

    @Test
    void theHeartbeatGoesOutWhileQuietAndASilentServerIsReported() throws Exception {
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(16);
        LoopbackServer listens = serve(linesInto(lines));
        ConnectionSettings settings = new ConnectionSettings(ConnectionSettings.Tls.OFF, ConnectionSettings.Proxy.NONE,
                ConnectionSettings.Reconnect.OFF, new ConnectionSettings.Liveness(true, 1, "ping", 1), "127.0.0.1");
        SessionTab tab = openTab(listens.port(), settings);

        connectAndAwait(tab);

        assertThat(lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the heartbeat").isEqualTo("ping");
        awaitOnEdt("the idle report", WAIT, () -> rows(tab).stream().anyMatch(r -> r.kind() == TranscriptRow.Kind.ERROR
                && r.message().startsWith("nothing received from 127.0.0.1:")));
        assertThat(onEdt(() -> messages(tab))).contains("connecting to 127.0.0.1:" + listens.port()
                + " (line framing, from 127.0.0.1:0)");
    }

    @Test
    void aLibraryMessagePickedInTheDialogIsTheHeartbeat() throws Exception {
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(16);
        LoopbackServer listens = serve(linesInto(lines));
        Library library = new Library();
        library.add(new SavedMessage("hello", "", "hello", false, null, ""));
        library.add(new SavedMessage("beat", "", "beat {{counter}}", false, null, ""));
        SessionTab tab = openTab(listens.port(), ConnectionSettings.DEFAULTS);
        onEdt(() -> window.window().library().panel().setLibrary(library));
        SwingUtilities.invokeLater(() -> window.window().openConnectionSettings());
        ConnectionSettingsDialog d = awaitDialog();
        assertThat(onEdt(() -> d.heartbeatMessageBox().getSelectedItem())).isEqualTo(ConnectionSettingsDialog.TYPED);
        assertThat(onEdt(() -> d.heartbeatField().isEnabled())).isTrue();

        onEdt(() -> {
            d.heartbeatMessageBox().setSelectedItem("beat");
            assertThat(d.heartbeatField().isEnabled()).as("the text steps aside").isFalse();
            d.heartbeatEveryField().setText("1");
            d.okButton().doClick();
        });

        assertThat(onEdt(d::isShowing)).isFalse();
        assertThat(onEdt(() -> tab.connection().liveness().heartbeatMessage())).isEqualTo("beat");
        connectAndAwait(tab);
        assertThat(lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the heartbeat").isEqualTo("beat 1");
    }

    @Test
    void aHeartbeatMessageDeletedFromTheLibraryIsSaidAndTheTabConnectsWithoutIt() throws Exception {
        LoopbackServer listens = serve(LoopbackServer.start(s -> s.getInputStream().read()));
        ConnectionSettings settings = ConnectionSettings.DEFAULTS.withLiveness(new ConnectionSettings.Liveness(false,
                0, "", 1, "gone"));
        SessionTab tab = openTab(listens.port(), settings);

        connectAndAwait(tab);

        String said = "connecting without a heartbeat: the heartbeat message 'gone' is not in the library any more: "
                + "pick another in Connection settings (Ctrl+Shift+I).";
        assertThat(onEdt(() -> tab.statusBar().noticeText())).isEqualTo(said);
        assertThat(onEdt(() -> rows(tab))).anyMatch(r -> r.kind() == TranscriptRow.Kind.NOTE
                && r.message().equals(said));

        SwingUtilities.invokeLater(() -> window.window().openConnectionSettings());
        ConnectionSettingsDialog d = awaitDialog();
        assertThat(onEdt(() -> d.heartbeatMessageBox().getSelectedItem())).as("the deleted name shown")
                .isEqualTo("gone");
        onEdt(() -> {
            d.sections().setSelectedIndex(0);
            d.okButton().doClick();
        });
        assertThat(onEdt(d::messageText)).isEqualTo("Heartbeat message 'gone' is not in the library any more: pick "
                + "another, or none to send the text.");
        assertThat(onEdt(() -> d.sections().getSelectedIndex())).isEqualTo(3);

        onEdt(() -> {
            d.heartbeatMessageBox().setSelectedIndex(0);
            d.heartbeatField().setText("ping");
            d.okButton().doClick();
        });
        assertThat(onEdt(() -> tab.connection().liveness())).isEqualTo(new ConnectionSettings.Liveness(false, 0,
                "ping", 1, ""));
    }

    @Test
    void theDialogNamesABadFieldInOneSentenceShowsItsSectionAndKeepsTheChoices() throws Exception {
        SessionTab tab = openTab(50007, ConnectionSettings.DEFAULTS);
        SwingUtilities.invokeLater(() -> window.window().openConnectionSettings());
        ConnectionSettingsDialog d = awaitDialog();

        onEdt(() -> {
            d.proxyTypeBox().setSelectedIndex(1);
            d.proxyHostField().setText("");
            d.okButton().doClick();
        });
        assertThat(onEdt(d::messageText)).isEqualTo("Proxy host is empty: type the proxy's host name or address, "
                + "e.g. 127.0.0.1.");
        assertThat(onEdt(() -> d.sections().getSelectedIndex())).isEqualTo(1);

        onEdt(() -> {
            d.proxyHostField().setText("127.0.0.1");
            d.proxyPortField().setText("ten");
            d.okButton().doClick();
        });
        assertThat(onEdt(d::messageText)).isEqualTo("Proxy port \"ten\" is not a whole number: type one, such as "
                + "1080.");

        onEdt(() -> {
            d.proxyPortField().setText("1080");
            d.localAddressField().setText("nowhere.test");
            d.okButton().doClick();
        });
        assertThat(onEdt(d::messageText)).startsWith("Local address \"nowhere.test\" is not an IP address");
        assertThat(onEdt(() -> d.sections().getSelectedIndex())).isEqualTo(4);

        onEdt(() -> {
            d.localAddressField().setText("");
            d.tlsBox().doClick();
            d.trustFileField().setText(dir.resolve("missing.pem").toString());
            d.okButton().doClick();
        });
        assertThat(onEdt(d::messageText)).startsWith("Trust certificates in: ");
        assertThat(onEdt(() -> d.sections().getSelectedIndex())).isEqualTo(0);
        assertThat(onEdt(d::isShowing)).as("still open, choices kept").isTrue();
        assertThat(onEdt(() -> d.proxyHostField().getText())).isEqualTo("127.0.0.1");

        onEdt(() -> {
            d.trustFileField().setText("");
            d.pinsField().setText("sha256/" + "A".repeat(43) + "=");
            d.proxyUserField().setText("ann");
            d.okButton().doClick();
        });
        assertThat(onEdt(d::isShowing)).isFalse();
        ConnectionSettings now = onEdt(tab::connection);
        assertThat(now.tls().on()).isTrue();
        assertThat(now.tls().pins()).containsExactly("sha256/" + "A".repeat(43) + "=");
        assertThat(now.proxy()).isEqualTo(new ConnectionSettings.Proxy(ProxyOptions.Type.SOCKS5, "127.0.0.1", 1080,
                "ann"));
    }

    @Test
    void aDuplicatedTabConnectsTheSameWay() throws Exception {
        ConnectionSettings c = new ConnectionSettings(ConnectionSettings.Tls.OFF,
                new ConnectionSettings.Proxy(ProxyOptions.Type.HTTP, "127.0.0.1", 3128, "ann"),
                new ConnectionSettings.Reconnect(true, 3, 5, 10, false), ConnectionSettings.Liveness.OFF, "");
        SessionTab tab = openTab(50007, c);

        onEdt(() -> window.window().duplicateTab());

        SessionTab copy = onEdt(() -> (SessionTab) window.window().windowTabs().get(1));
        assertThat(copy).isNotSameAs(tab);
        assertThat(onEdt(copy::connection)).isEqualTo(c);
    }

    /** A server that puts each line a client sends into {@code lines}. */
    private static LoopbackServer linesInto(BlockingQueue<String> lines) throws Exception {
        return LoopbackServer.start(s -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                lines.offer(line);
            }
        });
    }

    /** The connection settings dialog once it shows; the UDP tests open it too. */
    static ConnectionSettingsDialog awaitDialog() throws Exception {
        AtomicReference<ConnectionSettingsDialog> found = new AtomicReference<>();
        awaitOnEdt("the connection settings dialog", WAIT, () -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof ConnectionSettingsDialog d && d.isShowing()) {
                    found.set(d);
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    private ConnectionSettings.Tls tlsTrusting(Issued ca) throws Exception {
        Path pem = ca.writeCertificate(dir.resolve("ca.pem"));
        return new ConnectionSettings.Tls(true, pem.toString(), List.of(), "", "", "", "", false);
    }

    private static ConnectionSettings settings(ConnectionSettings.Tls tls) {
        return ConnectionSettings.DEFAULTS.withTls(tls);
    }

    private <T extends AutoCloseable> T serve(T server) {
        servers.add(server);
        return server;
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
        awaitOnEdt("connected, or a failure", WAIT, () -> tab.session().status().isConnected()
                || tab.session().status().failed());
        assertThat(onEdt(() -> tab.bar().statusText())).startsWith("connected to ");
    }

    private void disconnectAndAwait(SessionTab tab) throws Exception {
        onEdt(() -> window.window().disconnect());
        awaitOnEdt("disconnected", WAIT, () -> tab.session().status().phase() == ConnectionStatus.Phase.IDLE);
    }

    private static List<TranscriptRow> rows(SessionTab tab) {
        tab.flush();
        return tab.transcript().snapshot();
    }

    private static List<String> messages(SessionTab tab) {
        return rows(tab).stream().filter(r -> r.message() != null).map(TranscriptRow::message).toList();
    }
}
