package dev.tincan.ui;

import dev.tincan.codec.HostPort;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the built-in companion server for the window. Binding, closing and
 * looking for a free port happen on one named background thread
 * ({@code tincan-server-control}); the outcome comes back to the EDT with
 * {@code invokeLater}, a failure as one sentence that speaks of the window's fields. A
 * running server keeps running until its replacement listens; only a replacement on the
 * same port must stop it first, and if the replacement then fails, the previous server is
 * started again. State and callbacks are EDT only; {@link #close()} may be called from any
 * thread.
 */
final class ServerControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerControl.class);

    /** Where the server is. */
    enum State {
        /** No server. */
        OFF,
        /** Binding. */
        STARTING,
        /** Accepting clients. */
        RUNNING,
        /** Closing. */
        STOPPING
    }

    private final ExecutorService worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(16), r -> {
                Thread t = new Thread(r, "tincan-server-control");
                t.setDaemon(true);
                return t;
            });
    /** Ports tried after the one asked for when looking for a free one. */
    static final int PORTS_TRIED = 100;

    private final Runnable onChange;
    private final Function<ServerConfig, CompanionServer> factory;
    private volatile CompanionServer server;
    private State state = State.OFF;

    /** A control that calls {@code onChange} on the EDT whenever the state changes. */
    ServerControl(Runnable onChange) {
        this(onChange, CompanionServer::new);
    }

    /** A control that makes its servers with {@code factory}. */
    ServerControl(Runnable onChange, Function<ServerConfig, CompanionServer> factory) {
        this.onChange = onChange;
        this.factory = factory;
    }

    State state() {
        return state;
    }

    boolean isRunning() {
        return state == State.RUNNING;
    }

    /** The running server's config, or {@code null}. */
    ServerConfig config() {
        CompanionServer s = server;
        return s != null && state == State.RUNNING ? s.config() : null;
    }

    /** The running server's port, or -1. */
    int port() {
        CompanionServer s = server;
        return s != null && state == State.RUNNING ? s.port() : -1;
    }

    /**
     * Starts a server for {@code config} in place of the running one, which keeps running
     * until the new one listens. {@code done} gets {@code null} on success or the sentence
     * that says why it failed (and that the previous server still runs, if one did).
     */
    void start(ServerConfig config, Consumer<String> done) {
        if (state == State.STARTING || state == State.STOPPING) {
            done.accept("the built-in server is " + (state == State.STARTING ? "starting" : "stopping")
                    + ": wait a moment, then try again.");
            return;
        }
        setState(State.STARTING);
        submit(() -> {
            String failure = replace(config);
            SwingUtilities.invokeLater(() -> {
                CompanionServer now = server;
                setState(now != null && now.isRunning() ? State.RUNNING : State.OFF);
                done.accept(failure);
            });
        }, done);
    }

    /** On the control thread: starts {@code config}, then closes the previous server; null or why not. */
    private String replace(ServerConfig config) {
        CompanionServer previous = server;
        int previousPort = previous != null ? previous.port() : -1;
        boolean samePort = previous != null && config.port() != 0 && previousPort == config.port();
        if (samePort) {
            // Two servers cannot listen on one port: this is the one case where the old one goes first.
            server = null;
            previous.close();
        }
        try {
            server = factory.apply(config).start();
            if (previous != null && !samePort) {
                previous.close();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            log.warn("the built-in server did not start: {}", e.toString());
            String why = startFailure(config, e);
            if (previous == null) {
                return why;
            }
            if (!samePort) {
                server = previous;
                return why + " The previous server still runs.";
            }
            try {
                server = factory.apply(previous.config().toBuilder().port(previousPort).build()).start();
                return why + " The previous server runs again.";
            } catch (IOException | RuntimeException again) {
                log.warn("the previous built-in server did not start again: {}", again.toString());
                server = null;
                return why + " The previous server could not start again.";
            }
        }
    }

    /**
     * Why {@code config} did not start, as the window says it: the Port field, never a
     * command-line option. On the control thread, since it looks for a free port.
     */
    static String startFailure(ServerConfig config, Exception e) {
        String where = "port " + config.port() + " on " + config.bind().getHostAddress();
        if (e.getCause() instanceof BindException bind) {
            String os = bind.getMessage() == null ? "" : " (" + bind.getMessage().toLowerCase(Locale.ROOT) + ")";
            String advice = config.port() > 0 && config.port() < 1024 ? "pick a Port above 1023" : "pick another Port";
            int free = freePort(config.bind(), Math.max(1024, config.port() + 1));
            return "the built-in server cannot listen on " + where + os + ": " + advice
                    + (free > 0 ? "; " + free + " is free." : ".");
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return "the built-in server did not start on " + where + ": " + cause.getMessage() + ".";
    }

    /**
     * The first port from {@code from} on (at most {@link #PORTS_TRIED} of them) that
     * {@code bind} can listen on right now, or 0 when none can. Binds and closes a socket
     * for each: call it off the EDT.
     */
    static int freePort(InetAddress bind, int from) {
        for (int port = from; port <= Math.min(65535, from + PORTS_TRIED - 1); port++) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(bind, port), 1);
                return port;
            } catch (IOException e) {
                log.debug("port {} is not free: {}", port, e.toString());
            }
        }
        return 0;
    }

    /**
     * Finds, off the EDT, the port to propose for a server on {@code bind}: {@code preferred}
     * when it is free, else the next free one, else 0 (any free port). {@code done} gets it
     * on the EDT.
     */
    void proposePort(InetAddress bind, int preferred, IntConsumer done) {
        if (preferred == 0) {
            done.accept(0);
            return;
        }
        try {
            worker.execute(() -> {
                int free = freePort(bind, preferred);
                SwingUtilities.invokeLater(() -> done.accept(free));
            });
        } catch (RejectedExecutionException e) {
            done.accept(preferred);
        }
    }

    /** Stops the server; {@code done} runs on the EDT afterwards. */
    void stop(Runnable done) {
        if (state != State.RUNNING) {
            done.run();
            return;
        }
        setState(State.STOPPING);
        submit(() -> {
            closeServer();
            SwingUtilities.invokeLater(() -> {
                setState(State.OFF);
                done.run();
            });
        }, why -> done.run());
    }

    private void submit(Runnable task, Consumer<String> refused) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            setState(server != null && server.isRunning() ? State.RUNNING : State.OFF);
            refused.accept("the built-in server is busy: try again in a moment.");
        }
    }

    private void closeServer() {
        CompanionServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }

    private void setState(State next) {
        if (next != state) {
            state = next;
            onChange.run();
        }
    }

    /** The running server as "echo on 127.0.0.1:50007 (line)", or "off". */
    String summary() {
        CompanionServer s = server;
        if (s == null || state != State.RUNNING) {
            return "off";
        }
        ServerConfig c = s.config();
        return c.mode().spec() + " on " + HostPort.of(s.address()) + " (" + c.framing().spec() + ")";
    }

    /** The server's state in a few words, for the status bar and the Server menu. */
    String describe() {
        switch (state) {
            case STARTING:
                return "built-in server: starting…";
            case STOPPING:
                return "built-in server: stopping…";
            case RUNNING:
                CompanionServer s = server;
                if (s == null) {
                    return "built-in server: off";
                }
                int clients = s.clientCount();
                return "built-in server: " + summary() + ", " + clients + (clients == 1 ? " client" : " clients");
            default:
                return "built-in server: off";
        }
    }

    /** Closes the server and ends the background thread, waiting at most 3 s. Any thread. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(3, TimeUnit.SECONDS)) {
                log.warn("the built-in server's control thread did not finish within 3 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeServer();
    }
}
