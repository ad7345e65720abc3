package dev.tincan.ui;

import static dev.tincan.ui.Edt.awaitOnEdt;
import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Fingerprints;
import dev.tincan.codec.Pem;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.TestCertificates;
import dev.tincan.testing.TlsEchoServer;
import dev.tincan.testing.Threads;
import dev.tincan.ui.relay.RelayTab;
import dev.tincan.ui.relay.RelayWindowTab;
import java.awt.Window;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay tab in the real window, against real sockets on 127.0.0.1: File ▸ New relay
 * tab… binds port 0 and relays to a small line server, a client's frames and the server's
 * answers show in the tab, a port that is taken is one sentence in the dialog and no tab,
 * every interface brings the open-proxy warning, and closing the tab frees the port and ends
 * every thread it started. Needs a display; without one it is reported as skipped, with the
 * reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowRelayTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private WindowHandle window;
    private LoopbackServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = LoopbackServer.start(socket -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(("echo " + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        });
    }

    @AfterEach
    void closeAll() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (window != null) {
            onEdt(() -> {
                for (Window w : Window.getWindows()) {
                    if (w instanceof RelayDialog d) {
                        d.dispose();
                    }
                }
            });
        }
        Edt.closeAndAwait(window, WAIT);
        server.close();
    }

    @Test
    void aRelayTabShowsBothDirectionsOfAClientThroughIt() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        RelayWindowTab tab = openRelayTab("0", "127.0.0.1:" + server.port());
        RelayTab relay = tab.relayTab();
        int port = relay.relay().address().getPort();
        assertThat(port).as("port 0 picked a free port").isPositive();
        assertThat(onEdt(() -> window.window().frontTab())).isSameAs(tab);

        Socket client = connect(port);
        client.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("echo hello");
        awaitOnEdt("two frames", WAIT, () -> relay.framesTaken() == 2);
        assertThat(onEdt(() -> relay.headerText())).isEqualTo("Relaying 127.0.0.1:" + port + " → 127.0.0.1:"
                + server.port() + " · 1 link");
        assertThat(onEdt(() -> tab.titleText())).isEqualTo("relay :" + port);
        assertThat(onEdt(() -> tab.state())).isEqualTo(ActivityModel.State.CONNECTED);
        assertThat(onEdt(() -> window.window().currentTab())).as("a relay tab holds no session").isNull();
    }

    @Test
    void closingTheTabFreesThePortAndEndsItsThreads() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        Set<Thread> before = new HashSet<>(Threads.named("tincan-"));
        RelayWindowTab tab = openRelayTab("0", "127.0.0.1:" + server.port());
        int port = tab.relayTab().relay().address().getPort();
        Socket client = connect(port);
        awaitOnEdt("the link", WAIT, () -> tab.relayTab().openLinks() == 1);

        onEdt(() -> w.closeTab());
        assertThat(onEdt(() -> w.windowTabs())).doesNotContain(tab);
        assertThat(tab.awaitStopped(WAIT.toMillis())).as("the relay closed").isTrue();
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        assertThat(client.getInputStream().read()).as("the client's link was closed").isEqualTo(-1);
        for (Thread t : Threads.named("tincan-")) {
            if (!before.contains(t)) {
                t.join(WAIT.toMillis());
            }
        }
        List<String> left = new ArrayList<>();
        for (Thread t : Threads.named("tincan-")) {
            if (!before.contains(t)) {
                left.add(t.getName());
            }
        }
        assertThat(left).as("threads the relay tab started, still alive").isEmpty();
    }

    @Test
    void theDialogWarnsOfEveryInterfaceAndKeepsItsChoicesWhenThePortIsTaken() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RelayDialog dialog = openDialog();
            assertThat(onEdt(dialog::warningShown)).isFalse();
            onEdt(() -> dialog.bindBox().setSelectedItem("0.0.0.0"));
            assertThat(onEdt(dialog::warningShown)).isTrue();
            assertThat(RelayDialog.OPEN_WARNING).contains("open proxy");
            onEdt(() -> dialog.bindBox().setSelectedItem("127.0.0.1"));
            assertThat(onEdt(dialog::warningShown)).isFalse();

            int tabs = onEdt(() -> w.windowTabs().size());
            onEdt(() -> {
                dialog.portField().setText(String.valueOf(taken.getLocalPort()));
                dialog.targetField().setText("127.0.0.1:" + server.port());
                dialog.startButton().doClick();
            });
            String why = await("a failure in the dialog", () -> dialog.messageText().startsWith("relay on")
                    ? dialog.messageText() : null);
            assertThat(why).isEqualTo("relay on 127.0.0.1:" + taken.getLocalPort()
                    + " failed: the port is in use; pick another port or stop what holds it.");
            assertThat(onEdt(dialog::isShowing)).isTrue();
            assertThat(onEdt(() -> w.windowTabs().size())).as("no tab opened").isEqualTo(tabs);

            onEdt(() -> {
                dialog.targetField().setText("nowhere");
                dialog.startButton().doClick();
            });
            assertThat(onEdt(dialog::messageText)).isEqualTo("Server \"nowhere\" is not host:port: write e.g. "
                    + "127.0.0.1:50007.");
        }
    }

    /**
     * Both sides in TLS from the dialog: the header says so, its tooltip gives the fingerprint
     * of the certificate the relay made, which is the one a client sees, and the server's
     * certificate is trusted through the CA file named.
     */
    @Test
    void clientsAndTargetSpeakingTlsShowInTheHeaderWithTheFingerprintToPin(@TempDir Path dir) throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("Window Relay CA");
        Path caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, Pem.encode("CERTIFICATE", ca.certificate().getEncoded()));
        try (TlsEchoServer tlsServer = TlsEchoServer.start(TestCertificates.issue(ca, "server", "127.0.0.1"))) {
            window = WindowHandle.open("127.0.0.1", 50007, "line");
            RelayDialog dialog = openDialog();
            assertThat(onEdt(() -> dialog.trustFileField().isEnabled())).as("trust choices wait for TLS").isFalse();
            onEdt(() -> {
                dialog.portField().setText("0");
                dialog.targetField().setText("127.0.0.1:" + tlsServer.port());
                dialog.listenTlsBox().doClick();
                dialog.targetTlsBox().doClick();
                dialog.insecureBox().doClick();
            });
            assertThat(onEdt(dialog::insecureWarningShown)).isTrue();
            assertThat(onEdt(() -> dialog.trustFileField().isEnabled())).isFalse();
            onEdt(() -> {
                dialog.insecureBox().doClick();
                dialog.trustFileField().setText(caFile.toString());
                dialog.startButton().doClick();
            });
            await("the dialog to close once relaying", () -> dialog.isShowing() ? null : Boolean.TRUE);
            RelayWindowTab tab = onEdt(() -> (RelayWindowTab) window.window().frontTab());
            RelayTab relay = tab.relayTab();
            int port = relay.relay().address().getPort();

            SSLSocket client = trustingAnyone(port);
            client.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(client.getInputStream().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("hello\n");
            awaitOnEdt("two frames", WAIT, () -> relay.framesTaken() == 2);
            assertThat(onEdt(() -> relay.headerText())).isEqualTo("Relaying 127.0.0.1:" + port + " (TLS) → 127.0.0.1:"
                    + tlsServer.port() + " (TLS) · 1 link");
            String seen = Fingerprints.certificate((X509Certificate) client.getSession().getPeerCertificates()[0]);
            assertThat(onEdt(() -> relay.headerTooltip())).contains("SHA-256 fingerprint: " + seen)
                    .contains("checks its certificate");
        }
    }

    /**
     * Clients of the relay are served the certificate from the files picked, the one a
     * device pins, not a self-signed one; the files wait for "Clients speak TLS", only one of
     * the two is said in a sentence, and a file that cannot be read keeps the dialog open
     * with the file named.
     */
    @Test
    void clientsSpeakingTlsAreServedTheCertificateFromTheFilesPicked(@TempDir Path dir) throws Exception {
        TestCertificates.Issued ca = TestCertificates.authority("Window Relay CA");
        TestCertificates.Issued served = TestCertificates.issue(ca, "relay", "127.0.0.1");
        Path cert = served.writeCertificate(dir.resolve("relay.pem"));
        Path key = served.writeKey(dir.resolve("relay.key"));
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        RelayDialog dialog = openDialog();
        CertificateFiles files = onEdt(dialog::listenCertificate);
        assertThat(onEdt(() -> files.certificateField().isEnabled())).as("the files wait for TLS").isFalse();
        onEdt(() -> {
            dialog.portField().setText("0");
            dialog.targetField().setText("127.0.0.1:" + server.port());
            dialog.listenTlsBox().doClick();
            files.certificateField().setText(cert.toString());
            dialog.startButton().doClick();
        });
        assertThat(onEdt(() -> files.keyField().isEnabled())).isTrue();
        assertThat(onEdt(dialog::messageText)).isEqualTo("Key is empty: give both the certificate file and its key "
                + "file, or neither for a self-signed certificate.");

        onEdt(() -> {
            files.keyField().setText(dir.resolve("missing.key").toString());
            dialog.startButton().doClick();
        });
        awaitOnEdt("the sentence naming the missing file", WAIT,
                () -> dialog.messageText().startsWith("the certificate cannot be served: ")
                        && dialog.messageText().contains("missing.key"));
        assertThat(onEdt(dialog::isShowing)).isTrue();

        onEdt(() -> {
            files.keyField().setText(key.toString());
            dialog.startButton().doClick();
        });
        await("the dialog to close once relaying", () -> dialog.isShowing() ? null : Boolean.TRUE);
        RelayTab relay = onEdt(() -> ((RelayWindowTab) window.window().frontTab()).relayTab());
        SSLSocket client = trustingAnyone(relay.relay().address().getPort());
        X509Certificate seen = (X509Certificate) client.getSession().getPeerCertificates()[0];
        assertThat(seen).isEqualTo(served.certificate());
        client.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(client.getInputStream().readNBytes(11), StandardCharsets.UTF_8))
                .isEqualTo("echo hello\n");
        assertThat(onEdt(() -> relay.headerTooltip())).contains("SHA-256 fingerprint: "
                + Fingerprints.certificate(seen));
    }

    /** A TLS client of the relay that takes any certificate, so the test can see which one it was shown. */
    private SSLSocket trustingAnyone(int port) throws Exception {
        javax.net.ssl.TrustManager any = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {any}, null);
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout((int) WAIT.toMillis());
        sockets.add(s);
        s.startHandshake();
        return s;
    }

    /** Enter typed in the port field presses Start relay, the dialog's default button. */
    @Test
    void enterInThePortFieldStartsTheRelay() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        RelayDialog dialog = openDialog();
        onEdt(() -> {
            dialog.portField().setText("0");
            dialog.targetField().setText("127.0.0.1:" + server.port());
            dialog.portField().requestFocusInWindow();
        });
        await("the caret in the port field", () -> focusOwner() == dialog.portField() ? Boolean.TRUE : null);
        Keys.type(dialog.portField(), java.awt.event.KeyEvent.VK_ENTER, '\n');
        await("the dialog to close once relaying", () -> dialog.isShowing() ? null : Boolean.TRUE);
        assertThat(onEdt(() -> window.window().frontTab())).isInstanceOf(RelayWindowTab.class);
    }

    private RelayWindowTab openRelayTab(String port, String target) throws Exception {
        RelayDialog dialog = openDialog();
        onEdt(() -> {
            dialog.portField().setText(port);
            dialog.targetField().setText(target);
            dialog.startButton().doClick();
        });
        await("the dialog to close once relaying", () -> dialog.isShowing() ? null : Boolean.TRUE);
        return onEdt(() -> (RelayWindowTab) window.window().frontTab());
    }

    private RelayDialog openDialog() throws Exception {
        SwingUtilities.invokeLater(() -> window.window().actions().newRelayTab.actionPerformed(null));
        return await("the relay dialog", () -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof RelayDialog d && d.isShowing()) {
                    return d;
                }
            }
            return null;
        });
    }

    private Socket connect(int port) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout((int) WAIT.toMillis());
        sockets.add(s);
        return s;
    }

    private static java.awt.Component focusOwner() {
        return java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
    }

    private static <T> T await(String what, Callable<T> found) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T t = onEdt(found);
            if (t != null) {
                return t;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what);
            }
        }
    }
}
