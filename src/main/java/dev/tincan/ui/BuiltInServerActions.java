package dev.tincan.ui;

import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.ConnectionStatus;
import dev.tincan.session.Session;
import java.awt.Window;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the person does with the built-in server: the one-click echo server after a refused
 * connect, the server dialog (with the running server's settings or the last ones tried, and
 * a port that is free right now), start and connect, and stop. The outcome of each shows in
 * the connection bar or the status bar. Confined to the EDT.
 */
final class BuiltInServerActions {
    private final ServerControl server;
    private final Window owner;
    private final Supplier<WindowTab> current;
    private final Consumer<SessionTab> connect;
    private final BooleanSupplier closed;
    /** The settings last tried in the dialog, offered again next time; null before the first. */
    private ServerConfig lastChoice;

    /**
     * Actions on {@code server} for the window {@code owner}, started from the tab
     * {@code current} gives; {@code connect} connects a tab to what its bar shows,
     * {@code closed} says whether the window has closed since. A connect after a start goes
     * to the tab the action was started from.
     */
    BuiltInServerActions(ServerControl server, Window owner, Supplier<WindowTab> current, Consumer<SessionTab> connect,
            BooleanSupplier closed) {
        this.server = server;
        this.owner = owner;
        this.current = current;
        this.connect = connect;
        this.closed = closed;
    }

    /** The first-run offer: starts the echo server on this machine at the port shown, then connects. */
    void startEchoServerAndConnect() {
        SessionTab tab = current.get().sessionTab();
        if (tab == null || tab.isClient() || tab.isRecordingView()) {
            current.get().showNotice("the echo server connects a client tab: open one (Ctrl+T) first.", true);
            return;
        }
        ConnectionBar bar = tab.bar();
        ConnectionBar.Target at = bar.target();
        if (at == null) {
            return;
        }
        if (!Session.isThisMachine(bar.host())) {
            bar.showSentence("the built-in server runs on this machine: set the host to localhost first.", true);
            return;
        }
        bar.hideOffer();
        bar.showSentence("starting the built-in echo server on port " + at.port() + "…", false);
        ServerConfig config = ServerConfig.builder().port(at.port()).framing(at.framing())
                .mode(Mode.ECHO).build();
        server.start(config, why -> {
            if (closed.getAsBoolean()) {
                return;
            }
            if (why != null) {
                bar.showSentence(why, true);
            } else {
                tab.statusBar().showNotice("started the built-in echo server on port " + server.port() + ".",
                        false);
                if (!tab.isClosed()) {
                    connect.accept(tab);
                }
            }
        });
    }

    /**
     * Opens the server dialog: with the running server's settings, or with the last ones
     * tried (else the bar's port and framing) and a port that is free right now.
     */
    void openDialog() {
        WindowTab front = current.get();
        // Connecting after the start needs a client tab; from another kind of tab the server only starts.
        SessionTab tab = front.sessionTab() != null && !front.sessionTab().isClient() ? front.sessionTab() : null;
        ConnectionBar bar = tab == null ? null : tab.bar();
        ServerConfig running = server.config();
        if (running != null) {
            ask(tab, running, null);
            return;
        }
        ServerConfig base = lastChoice;
        if (base == null) {
            base = ServerConfig.defaults();
            if (bar != null) {
                try {
                    base = base.toBuilder().port(bar.port()).framing(bar.framing()).build();
                } catch (IllegalArgumentException e) {
                    // the bar holds something that is not a port or a framing: keep the defaults
                }
            }
        }
        ServerConfig tried = base;
        server.proposePort(tried.bind(), tried.port(), free -> {
            if (closed.getAsBoolean()) {
                return;
            }
            if (free == tried.port() || free == 0) {
                ask(tab, tried, null);
            } else {
                ask(tab, tried.toBuilder().port(free).build(), "Port " + tried.port() + " is in use on this machine: " + free
                        + " is free.");
            }
        });
    }

    private void ask(SessionTab tab, ServerConfig initial, String note) {
        boolean idle = tab != null && tab.session().status().phase() == ConnectionStatus.Phase.IDLE;
        ServerDialog.ask(owner, initial, note, idle, (config, connectAfter, done) -> {
            lastChoice = config;
            server.start(config, why -> {
                if (closed.getAsBoolean()) {
                    return;
                }
                done.accept(why);
                if (why == null) {
                    current.get().showNotice("started the built-in server: " + server.summary() + ".", false);
                    if (connectAfter && tab != null) {
                        connectToIt(tab);
                    }
                }
            });
        });
    }

    /** Points the bar at the built-in server, keeping a host that already names this machine, and connects. */
    private void connectToIt(SessionTab tab) {
        ServerConfig running = server.config();
        ConnectionBar bar = tab.bar();
        if (tab.isClosed() || running == null || tab.session().status().phase() != ConnectionStatus.Phase.IDLE) {
            return;
        }
        String host = Session.isThisMachine(bar.host()) ? bar.host() : "localhost";
        bar.setTarget(host, server.port(), running.framing().spec());
        connect.accept(tab);
    }

    /** Stops the server and says so. */
    void stop() {
        server.stop(() -> {
            if (!closed.getAsBoolean()) {
                current.get().showNotice("stopped the built-in server.", false);
            }
        });
    }
}
