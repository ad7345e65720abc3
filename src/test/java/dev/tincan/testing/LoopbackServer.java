package dev.tincan.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small server on 127.0.0.1 for tests, whose behaviour is a script: each accepted
 * connection runs {@link Script#run} on its own thread. Good for servers that misbehave
 * on purpose. Failures inside scripts are kept and rethrown by {@link #close()}.
 */
public final class LoopbackServer implements AutoCloseable {

    /** What the server does with one connection. */
    @FunctionalInterface
    public interface Script {
        /** Runs against one accepted socket; the socket is closed afterwards. */
        void run(Socket socket) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final Script script;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closing;

    private LoopbackServer(Script script) throws IOException {
        this.script = script;
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.acceptor = new Thread(this::acceptLoop, "test-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server running {@code script} for every connection. */
    public static LoopbackServer start(Script script) throws IOException {
        return new LoopbackServer(script);
    }

    /** The bound port. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The next accepted connection, waiting at most the test timeout. */
    public Socket awaitConnection() throws InterruptedException {
        Socket socket = accepted.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (socket == null) {
            throw new AssertionError("no connection within " + ReplyRecorder.TIMEOUT_MILLIS + " ms");
        }
        return socket;
    }

    private void acceptLoop() {
        int n = 0;
        while (!closing) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(socket);
            accepted.add(socket);
            Thread t = new Thread(() -> serve(socket), "test-server-conn-" + (++n));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            script.run(socket);
        } catch (Throwable e) {
            if (!closing && !(e instanceof IOException)) {
                failures.add(e);
            }
        }
    }

    /**
     * Closes the listening socket and every accepted one, waits for the scripts to end, and
     * rethrows what the scripts failed with. An interrupt while waiting is kept on the thread.
     */
    @Override
    public void close() throws IOException {
        closing = true;
        serverSocket.close();
        for (Socket s : sockets) {
            s.close();
        }
        try {
            acceptor.join(ReplyRecorder.TIMEOUT_MILLIS);
            for (Thread t : threads) {
                t.join(ReplyRecorder.TIMEOUT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the test server's threads ended", e);
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("the test server's script failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }
}
