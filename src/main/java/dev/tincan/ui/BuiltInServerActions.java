package dev.tincan.ui;

import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import java.awt.Window;
import java.util.function.BooleanSupplier;

/**
 * What the person does with the built-in server: the one-click echo server after a refused
 * connect, the server dialog (with the running server's settings or the last ones tried, and
 * a port that is free right now), start and connect, and stop. The outcome of each shows in
 * the connection bar or the status bar. Confined to the EDT.
 */
final class BuiltInServerActions {
    private final ServerControl server;
    private final Window owner;
    private final ConnectionBar bar;
    private final StatusBar statusBar;
    private final Session session;
    private final Runnable connect;
    private final BooleanSupplier closed;
    /** The settings last tried in the dialog, offered again next time; null before the first. */
    private ServerConfig lastChoice;

    /**
     * Actions on {@code server} for the window {@code owner}; {@code connect} connects to what
     * the bar shows, {@code closed} says whether the window has closed since.
     */
    BuiltInServerActions(ServerControl server, Window owner, ConnectionBar bar, StatusBar statusBar, Session session,
            Runnable connect, BooleanSupplier closed) {
        this.server = server;
        this.owner = owner;
        this.bar = bar;
        this.statusBar = statusBar;
        this.session = session;
        this.connect = connect;
        this.closed = closed;
    }

    /** The first-run offer: starts the echo server on this machine at the port shown, then connects. */
    void startEchoServerAndConnect() {
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
                statusBar.showNotice("started the built-in echo server on port " + server.port() + ".", false);
                connect.run();
            }
        });
    }

    /**
     * Opens the server dialog: with the running server's settings, or with the last ones
     * tried (else the bar's port and framing) and a port that is free right now.
     */
    void openDialog() {
        ServerConfig running = server.config();
        if (running != null) {
            ask(running, null);
            return;
        }
        ServerConfig base = lastChoice;
        if (base == null) {
            base = ServerConfig.defaults();
            try {
                base = base.toBuilder().port(bar.port()).framing(bar.framing()).build();
            } catch (IllegalArgumentException e) {
                // the bar holds something that is not a port or a framing: keep the defaults
            }
        }
        ServerConfig tried = base;
        server.proposePort(tried.bind(), tried.port(), free -> {
            if (closed.getAsBoolean()) {
                return;
            }
            if (free == tried.port() || free == 0) {
                ask(tried, null);
            } else {
                ask(tried.toBuilder().port(free).build(), "Port " + tried.port() + " is in use on this machine: " + free
                        + " is free.");
            }
        });
    }

    private void ask(ServerConfig initial, String note) {
        boolean idle = session.status().phase() == ConnectionStatus.Phase.IDLE;
        ServerDialog.ask(owner, initial, note, idle, (config, connectAfter, done) -> {
            lastChoice = config;
            server.start(config, why -> {
                if (closed.getAsBoolean()) {
                    return;
                }
                done.accept(why);
                if (why == null) {
                    statusBar.showNotice("started the built-in server: " + server.summary() + ".", false);
                    if (connectAfter) {
                        connectToIt();
                    }
                }
            });
        });
    }

    /** Points the bar at the built-in server, keeping a host that already names this machine, and connects. */
    private void connectToIt() {
        ServerConfig running = server.config();
        if (running == null || session.status().phase() != ConnectionStatus.Phase.IDLE) {
            return;
        }
        String host = Session.isThisMachine(bar.host()) ? bar.host() : "localhost";
        bar.setTarget(host, server.port(), running.framing().spec());
        connect.run();
    }

    /** Stops the server and says so. */
    void stop() {
        server.stop(() -> {
            if (!closed.getAsBoolean()) {
                statusBar.showNotice("stopped the built-in server.", false);
            }
        });
    }
}
