package dev.tincan.ui;

import static dev.tincan.ui.Edt.awaitOnEdt;
import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.session.TranscriptRow;
import dev.tincan.session.rules.Action;
import dev.tincan.session.rules.Match;
import dev.tincan.session.rules.Rule;
import dev.tincan.testing.Threads;
import dev.tincan.ui.listen.ListenDialog;
import dev.tincan.ui.listen.ListenTab;
import java.awt.Window;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The listening tab in the real window, against real sockets on 127.0.0.1: File ▸ New
 * listening tab… binds port 0, each client that connects gets its own row and transcript,
 * the composer sends to the client picked or, through "To:", to all of them, a client over
 * the cap is turned away with a sentence, and closing the tab frees the port and ends every
 * thread it started. Needs a display; without one it is reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowListenTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int READ_MILLIS = 10_000;

    private WindowHandle window;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (window != null) {
            onEdt(() -> {
                for (Window w : Window.getWindows()) {
                    if (w instanceof ListenDialog d) {
                        d.dispose();
                    }
                }
            });
        }
        Edt.closeAndAwait(window, WAIT);
    }

    @Test
    void eachClientHasItsOwnTranscriptAndTheComposerSendsToThePickedClientOrToAll() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        ListenTab tab = openListeningTab("0", "2");
        InetSocketAddress at = tab.address();
        assertThat(at.getPort()).as("port 0 picked a free port").isPositive();

        Socket a = connect(at);
        awaitOnEdt("the first client in the list", WAIT, () -> tab.clients().size() == 1);
        Socket b = connect(at);
        awaitOnEdt("the second client in the list", WAIT, () -> tab.clients().size() == 2);
        awaitOnEdt("both connected in the header", WAIT, () -> tab.headerText().equals("Listening on "
                + "127.0.0.1:" + at.getPort() + " · 2 clients connected"));
        SessionTab first = onEdt(() -> tab.clients().get(0));
        SessionTab second = onEdt(() -> tab.clients().get(1));
        assertThat(onEdt(() -> first.displayName())).startsWith("#1 127.0.0.1:");
        assertThat(onEdt(() -> second.displayName())).startsWith("#2 127.0.0.1:");
        assertThat(onEdt(() -> w.currentTab())).as("the first client is picked by itself").isSameAs(first);

        window.send("to the first");
        assertThat(readLine(a)).isEqualTo("to the first");

        onEdt(() -> tab.select(1));
        assertThat(onEdt(() -> w.currentTab())).isSameAs(second);
        window.send("to the second");
        assertThat(readLine(b)).as("the second client's first line: the first's never came to it")
                .isEqualTo("to the second");

        onEdt(() -> tab.sendToAll(true));
        window.send("to everyone");
        assertThat(readLine(a)).isEqualTo("to everyone");
        assertThat(readLine(b)).isEqualTo("to everyone");

        write(a, "from a\n");
        write(b, "from b\n");
        awaitOnEdt("each client's frame in its own transcript", WAIT,
                () -> has(first, TranscriptRow.Kind.RECEIVED, "from a") && has(second, TranscriptRow.Kind.RECEIVED,
                        "from b"));
        assertThat(onEdt(() -> has(first, TranscriptRow.Kind.RECEIVED, "from b"))).isFalse();
        assertThat(onEdt(() -> has(second, TranscriptRow.Kind.RECEIVED, "from a"))).isFalse();
        assertThat(onEdt(() -> has(first, TranscriptRow.Kind.SENT, "to the second"))).isFalse();
        assertThat(onEdt(() -> has(second, TranscriptRow.Kind.SENT, "to everyone"))).isTrue();
    }

    /**
     * Enter typed in the port field presses Listen, the dialog's default button: the key goes
     * through the event queue as a keyboard's would, past the focus manager and every binding.
     */
    @Test
    void enterInThePortFieldPressesListen() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        ListenDialog dialog = openDialog();
        onEdt(() -> {
            dialog.portField().setText("0");
            dialog.portField().requestFocusInWindow();
        });
        await("the caret in the port field", () -> focusOwner() == dialog.portField() ? Boolean.TRUE : null);
        Keys.type(dialog.portField(), java.awt.event.KeyEvent.VK_ENTER, '\n');
        await("the dialog to close once listening", () -> dialog.isShowing() ? null : Boolean.TRUE);
        assertThat(onEdt(() -> window.window().frontTab())).isInstanceOf(ListenTab.class);
    }

    @Test
    void aRepeatGoesToEveryClientWhenToSaysAll() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        ListenTab tab = openListeningTab("0", "2");
        InetSocketAddress at = tab.address();
        Socket a = connect(at);
        awaitOnEdt("the first client in the list", WAIT, () -> tab.clients().size() == 1);
        Socket b = connect(at);
        awaitOnEdt("the second client in the list", WAIT, () -> tab.clients().size() == 2);
        SessionTab first = onEdt(() -> tab.clients().get(0));

        onEdt(() -> {
            tab.sendToAll(true);
            window.window().openRepeat();
            first.composer().input().setText("r{{counter}}");
            first.sendStrip().repeat().countField().setText("3");
            first.sendStrip().repeat().intervalField().setText("0");
            first.sendStrip().repeat().start();
        });

        for (Socket s : List.of(a, b)) {
            assertThat(List.of(readLine(s), readLine(s), readLine(s))).as("what one client received")
                    .containsExactly("r1", "r2", "r3");
        }
    }

    @Test
    void aTlsListeningTabShowsTheFingerprintItServesAndHearsItsClients() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        ListenDialog dialog = openDialog();
        onEdt(() -> {
            dialog.portField().setText("0");
            dialog.tlsBox().setSelected(true);
            dialog.listenButton().doClick();
        });
        await("the dialog to close once listening", () -> dialog.isShowing() ? null : Boolean.TRUE);
        ListenTab tab = onEdt(() -> (ListenTab) window.window().frontTab());
        InetSocketAddress at = tab.address();
        assertThat(onEdt(tab::headerText)).isEqualTo("Listening on 127.0.0.1:" + at.getPort()
                + " · TLS · 0 clients connected");

        // A client that takes whatever certificate it is shown, and keeps it to compare.
        java.util.concurrent.atomic.AtomicReference<java.security.cert.X509Certificate> served =
                new java.util.concurrent.atomic.AtomicReference<>();
        javax.net.ssl.X509TrustManager takesAny = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String auth) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String auth) {
                served.set(chain[0]);
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {takesAny}, null);
        Socket client = context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), at.getPort());
        sockets.add(client);
        client.setSoTimeout(READ_MILLIS);
        write(client, "hello over TLS\n");
        awaitOnEdt("the client in the list", WAIT, () -> tab.clients().size() == 1);
        SessionTab first = onEdt(() -> tab.clients().get(0));
        awaitOnEdt("its frame in its transcript", WAIT, () -> has(first, TranscriptRow.Kind.RECEIVED,
                "hello over TLS"));
        assertThat(onEdt(tab::headerTooltip)).contains("SHA-256 fingerprint: "
                + dev.tincan.codec.Fingerprints.certificate(served.get()));
        window.send("hello back");
        assertThat(readLine(client)).isEqualTo("hello back");
    }

    /** A listening tab serves the certificate from the files picked; only one of the two is said in a sentence. */
    @Test
    void aTlsListeningTabServesTheCertificateFromTheFilesPicked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        dev.tincan.testing.TestCertificates.Issued ca = dev.tincan.testing.TestCertificates.authority("Listen CA");
        dev.tincan.testing.TestCertificates.Issued served = dev.tincan.testing.TestCertificates.issue(ca, "listener",
                "127.0.0.1");
        java.nio.file.Path cert = served.writeCertificate(dir.resolve("l.pem"));
        java.nio.file.Path key = served.writeKey(dir.resolve("l.key"));
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        ListenDialog dialog = openDialog();
        onEdt(() -> {
            dialog.portField().setText("0");
            dialog.tlsBox().doClick();
            dialog.certificate().keyField().setText(key.toString());
            dialog.listenButton().doClick();
        });
        assertThat(onEdt(dialog::messageText)).isEqualTo("Certificate is empty: give both the certificate file and "
                + "its key file, or neither for a self-signed certificate.");
        onEdt(() -> {
            dialog.certificate().certificateField().setText(cert.toString());
            dialog.listenButton().doClick();
        });
        await("the dialog to close once listening", () -> dialog.isShowing() ? null : Boolean.TRUE);
        ListenTab tab = onEdt(() -> (ListenTab) window.window().frontTab());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("ca", ca.certificate());
        trust.init(store);
        context.init(null, trust.getTrustManagers(), null);
        javax.net.ssl.SSLSocket client = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(
                InetAddress.getLoopbackAddress(), tab.address().getPort());
        sockets.add(client);
        client.setSoTimeout(READ_MILLIS);
        client.startHandshake();
        assertThat(client.getSession().getPeerCertificates()[0]).as("trusted through the CA: the files' certificate")
                .isEqualTo(served.certificate());
    }

    @Test
    void aBackgroundListeningTabCountsUnseenFramesOnItsTitle() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        ListenTab tab = openListeningTab("0", "100");
        Socket a = connect(tab.address());
        awaitOnEdt("the client in the list", WAIT, () -> tab.clients().size() == 1);
        onEdt(() -> w.selectTab(-1));
        assertThat(onEdt(() -> w.frontTab())).isNotSameAs(tab);

        write(a, "one\ntwo\n");
        int at = onEdt(() -> w.windowTabs().indexOf(tab));
        awaitOnEdt("two unread on the title", WAIT, () -> w.tabPane().getTitleAt(at).equals(tab.displayName()
                + "  2"));

        onEdt(() -> w.selectTab(1));
        awaitOnEdt("the count cleared once shown", WAIT, () -> w.tabPane().getTitleAt(at).equals(tab.displayName()));
    }

    @Test
    void withNoClientTheSessionActionsAreOffAndSayWhy() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        ListenTab tab = openListeningTab("0", "100");
        assertThat(onEdt(() -> w.currentTab())).isNull();
        assertThat(onEdt(() -> w.actions().find.isEnabled())).isFalse();
        assertThat(onEdt(() -> w.actions().record.isEnabled())).isFalse();
        assertThat(onEdt(() -> w.actions().connect.isEnabled())).isFalse();
        onEdt(() -> w.openRepeat());
        assertThat(onEdt(tab::noticeText)).isEqualTo("no client is connected to this listening tab yet.");
        onEdt(() -> w.openRules());
        assertThat(onEdt(() -> tab.newClientRulesPanel() != null && tab.newClientRulesPanel().isShowing()))
                .as("with no client, Auto-reply rules… opens the rules new clients start with").isTrue();

        connect(tab.address());
        awaitOnEdt("the client picked", WAIT, () -> w.currentTab() != null);
        assertThat(onEdt(() -> w.actions().find.isEnabled())).isTrue();
        assertThat(onEdt(() -> w.actions().connect.isEnabled())).as("an accepted client never connects again")
                .isFalse();
    }

    /**
     * A device that speaks the moment it connects: the frame is sent as soon as the connect
     * returns, often before the listener has even handed the socket over, and long before the
     * window builds the client's tab. The rules for new clients are attached as the client is
     * accepted, so each of 50 clients in a row gets its answer; the client's tab then shows
     * those same rules, with the frame they answered counted.
     */
    @Test
    @Timeout(60)
    void rulesForNewClientsAnswerAFrameSentTheMomentTheClientConnects() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        ListenTab tab = openListeningTab("0", "100");
        Rule hello = new Rule("hello", Match.text(Match.Kind.EXACT, "HELLO"), List.of(new Action.Reply("WORLD",
                false, Duration.ZERO)));
        onEdt(() -> {
            w.openRules();
            assertThat(tab.newClientRulesPanel().addRule(hello)).isNull();
        });
        InetSocketAddress at = tab.address();
        for (int i = 1; i <= 50; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), at.getPort()), READ_MILLIS);
                s.setSoTimeout(READ_MILLIS);
                write(s, "HELLO\n");
                assertThat(readLine(s)).as("the answer to client %d's first frame", i).isEqualTo("WORLD");
            }
        }
        awaitOnEdt("the first client's tab", WAIT, () -> !tab.clients().isEmpty());
        SessionTab first = onEdt(() -> tab.clients().get(0));
        assertThat(onEdt(() -> first.rules().engine().rules())).containsExactly(hello);
        assertThat(onEdt(() -> first.rules().engine().stats("hello").fired())).isEqualTo(1);
    }

    @Test
    void aClientThatLeavesStaysGreyedUntilRemoved() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        ListenTab tab = openListeningTab("0", "100");
        Socket a = connect(tab.address());
        awaitOnEdt("the client in the list", WAIT, () -> tab.clients().size() == 1);
        assertThat(onEdt(tab::offersRemoveGone)).isFalse();

        a.close();
        awaitOnEdt("the client gone, still listed", WAIT, () -> tab.headerText().endsWith("· 0 clients connected")
                && tab.clients().size() == 1);
        assertThat(onEdt(tab::offersRemoveGone)).isTrue();
        assertThat(onEdt(() -> w.currentTab())).as("its transcript can still be read").isNotNull();

        onEdt(tab::removeGoneClients);
        assertThat(onEdt(() -> tab.clients())).isEmpty();
        assertThat(onEdt(() -> w.currentTab())).isNull();
        assertThat(onEdt(tab::offersRemoveGone)).isFalse();
    }

    @Test
    void theWindowMakesRoomForTheClientListBesideTheSession() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        int alone = onEdt(() -> w.frame().getMinimumSize().width);
        ListenTab tab = openListeningTab("0", "100");
        assertThat(onEdt(() -> w.frame().getMinimumSize().width)).isEqualTo(alone + onEdt(tab::besideWidth));
        assertThat(onEdt(tab::besideWidth)).isPositive();
        onEdt(() -> w.selectTab(-1));
        assertThat(onEdt(() -> w.frame().getMinimumSize().width)).isEqualTo(alone);
    }

    @Test
    void aClientOverTheCapIsTurnedAwayWithASentence() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        ListenTab tab = openListeningTab("0", "1");
        connect(tab.address());
        awaitOnEdt("the first client in the list", WAIT, () -> tab.clients().size() == 1);

        Socket over = connect(tab.address());
        assertThat(over.getInputStream().read()).as("closed at once").isEqualTo(-1);
        awaitOnEdt("the sentence in the tab", WAIT, () -> tab.noticeText().contains("turned away"));
        assertThat(onEdt(tab::noticeText)).isEqualTo("client 127.0.0.1:" + over.getLocalPort() + " turned away: 1 "
                + "client is connected, the most this tab takes; disconnect one (Ctrl+Shift+K) or listen again with "
                + "more.");
        assertThat(onEdt(tab::headerText)).endsWith("· 1 client connected · 1 turned away");
        assertThat(onEdt(() -> tab.clients().size())).isEqualTo(1);
    }

    @Test
    void closingTheTabFreesThePortAndEndsItsThreads() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        Set<Thread> before = new HashSet<>(Threads.named("tincan-"));
        ListenTab tab = openListeningTab("0", "100");
        int port = tab.address().getPort();
        Socket a = connect(tab.address());
        awaitOnEdt("the client in the list", WAIT, () -> tab.clients().size() == 1);

        onEdt(() -> w.closeTab());
        assertThat(onEdt(() -> w.windowTabs())).doesNotContain(tab);
        assertThat(tab.awaitStopped(WAIT.toMillis())).as("every thread of the tab ended").isTrue();
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        assertThat(a.getInputStream().read()).as("the client was closed").isEqualTo(-1);
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
        assertThat(left).as("threads the listening tab started, still alive").isEmpty();
    }

    @Test
    void theDialogWarnsOfEveryInterfaceAndKeepsItsChoicesWhenThePortIsTaken() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
        MainWindow w = window.window();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ListenDialog dialog = openDialog();
            assertThat(onEdt(dialog::warningText)).isEmpty();
            onEdt(() -> dialog.addressBox().setSelectedItem("0.0.0.0"));
            assertThat(onEdt(dialog::warningText)).startsWith("Every interface: anyone on the network can connect");
            onEdt(() -> dialog.addressBox().setSelectedItem("127.0.0.1"));
            assertThat(onEdt(dialog::warningText)).isEmpty();

            int tabs = onEdt(() -> w.windowTabs().size());
            onEdt(() -> {
                dialog.portField().setText(String.valueOf(taken.getLocalPort()));
                dialog.listenButton().doClick();
            });
            String why = await("a failure in the dialog", () -> dialog.messageText().startsWith("listen on")
                    ? dialog.messageText() : null);
            assertThat(why).isEqualTo("listen on 127.0.0.1:" + taken.getLocalPort()
                    + " failed: the port is in use; pick another port or stop what holds it.");
            assertThat(onEdt(dialog::isShowing)).isTrue();
            assertThat(onEdt(() -> dialog.portField().getText())).isEqualTo(String.valueOf(taken.getLocalPort()));
            assertThat(onEdt(() -> w.windowTabs().size())).as("no tab opened").isEqualTo(tabs);
        }
    }

    /** Opens the dialog as File ▸ New listening tab… does, listens on {@code port}, and returns the tab. */
    private ListenTab openListeningTab(String port, String maxClients) throws Exception {
        ListenDialog dialog = openDialog();
        onEdt(() -> {
            dialog.portField().setText(port);
            dialog.maxClientsField().setText(maxClients);
            dialog.listenButton().doClick();
        });
        await("the dialog to close once listening", () -> dialog.isShowing() ? null : Boolean.TRUE);
        return onEdt(() -> (ListenTab) window.window().frontTab());
    }

    private ListenDialog openDialog() throws Exception {
        SwingUtilities.invokeLater(() -> window.window().actions().newListeningTab.actionPerformed(null));
        return await("the listening dialog", () -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof ListenDialog d && d.isShowing()) {
                    return d;
                }
            }
            return null;
        });
    }

    private Socket connect(InetSocketAddress at) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), at.getPort());
        s.setSoTimeout(READ_MILLIS);
        sockets.add(s);
        return s;
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line {@code s} receives, failing loudly after {@link #READ_MILLIS}. */
    private static String readLine(Socket s) throws IOException {
        StringBuilder line = new StringBuilder();
        try {
            int c;
            while ((c = s.getInputStream().read()) != -1 && c != '\n') {
                line.append((char) c);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line within " + READ_MILLIS + " ms; had \"" + line + "\"", e);
        }
        return line.toString();
    }

    private static boolean has(SessionTab tab, TranscriptRow.Kind kind, String text) {
        for (TranscriptRow row : tab.transcript().snapshot()) {
            if (row.kind() == kind && row.isFrame() && row.payload().equals(Bytes.utf8(text))) {
                return true;
            }
        }
        return false;
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
