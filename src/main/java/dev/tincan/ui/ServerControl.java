package dev.tincan.ui;

import dev.tincan.client.HostPort;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the built-in companion server for the window. Binding and closing
 * happen on one named background thread ({@code tincan-server-control}); the outcome comes
 * back to the EDT with {@code invokeLater} as one sentence. State and callbacks are EDT
 * only; {@link #close()} may be called from any thread.
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
    private final Runnable onChange;
    private volatile CompanionServer server;
    private State state = State.OFF;

    /** A control that calls {@code onChange} on the EDT whenever the state changes. */
    ServerControl(Runnable onChange) {
        this.onChange = onChange;
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
     * Starts a server for {@code config}, stopping a running one first. {@code done} gets
     * {@code null} on success or the sentence that says why it failed.
     */
    void start(ServerConfig config, Consumer<String> done) {
        if (state == State.STARTING || state == State.STOPPING) {
            done.accept("the built-in server is " + (state == State.STARTING ? "starting" : "stopping")
                    + ": wait a moment, then try again.");
            return;
        }
        setState(State.STARTING);
        submit(() -> {
            closeServer();
            CompanionServer s = new CompanionServer(config);
            String failure = null;
            try {
                s.start();
                server = s;
            } catch (IOException | RuntimeException e) {
                log.warn("the built-in server did not start: {}", e.getMessage());
                failure = "the built-in server did not start: " + e.getMessage();
            }
            String result = failure;
            SwingUtilities.invokeLater(() -> {
                setState(result == null ? State.RUNNING : State.OFF);
                done.accept(result);
            });
        }, done);
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
