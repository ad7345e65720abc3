package dev.tincan.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fault-injecting TCP proxy for tests, after toxiproxy: it listens on 127.0.0.1 (port 0,
 * read it back with {@link #port()}) and forwards each connection to an upstream port on
 * 127.0.0.1, with one {@link Toxic} on the bytes going each way.
 *
 * <pre>
 * client ──► proxy ──[client-to-server toxic]──► upstream server
 * client ◄── proxy ◄──[server-to-client toxic]── upstream server
 * </pre>
 *
 * <p>Threads: {@code test-proxy-accept} and two per connection ({@code test-proxy-N-c2s},
 * {@code test-proxy-N-s2c}), at most {@value #MAX_CONNECTIONS} connections; one more is
 * closed at once. The end of a stream is passed on as a half-close; when both directions
 * have ended both sockets are closed. {@link #close()} closes everything, which ends every
 * read, write and toxic pause at once, and fails loudly if a thread is still alive after
 * {@value #STOP_MILLIS} ms. Thread-safe.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);
    /** The most connections open at once. */
    public static final int MAX_CONNECTIONS = 64;
    private static final int BUFFER = 64 * 1024;
    private static final int CONNECT_MILLIS = 2000;
    private static final long STOP_MILLIS = 2000;
    /** A stalled connection is closed after this long even if the proxy is not, so nothing waits forever. */
    private static final long STALL_LIMIT_MILLIS = 60_000;

    /** Which way bytes travel through the proxy. */
    public enum Direction {
        /** From the client to the upstream server. */
        CLIENT_TO_SERVER("c2s"),
        /** From the upstream server to the client. */
        SERVER_TO_CLIENT("s2c");

        private final String tag;

        Direction(String tag) {
            this.tag = tag;
        }
    }

    private final int upstreamPort;
    private final Toxic clientToServer;
    private final Toxic serverToClient;
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicLongArray bytes = new AtomicLongArray(2);
    private final AtomicLongArray writes = new AtomicLongArray(2);
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closing;

    private FaultProxy(int upstreamPort, Toxic clientToServer, Toxic serverToClient) throws IOException {
        this.upstreamPort = upstreamPort;
        this.clientToServer = clientToServer;
        this.serverToClient = serverToClient;
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.acceptor = new Thread(this::acceptLoop, "test-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy to 127.0.0.1:{@code upstreamPort} with a toxic each way. */
    public static FaultProxy start(int upstreamPort, Toxic clientToServer, Toxic serverToClient) throws IOException {
        return new FaultProxy(upstreamPort, clientToServer, serverToClient);
    }

    /** A proxy to 127.0.0.1:{@code upstreamPort} with {@code toxic} one way and nothing the other. */
    public static FaultProxy start(int upstreamPort, Direction direction, Toxic toxic) throws IOException {
        return direction == Direction.CLIENT_TO_SERVER ? start(upstreamPort, toxic, Toxic.none())
                : start(upstreamPort, Toxic.none(), toxic);
    }

    /** The port the proxy listens on. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Bytes written to the sink in {@code direction}, over all connections. */
    public long bytes(Direction direction) {
        return bytes.get(direction.ordinal());
    }

    /** Write calls made to the sink in {@code direction}, over all connections. */
    public long writes(Direction direction) {
        return writes.get(direction.ordinal());
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections still open. */
    public int open() {
        return links.size();
    }

    private void acceptLoop() {
        while (!closing) {
            Socket client;
            try {
                client = serverSocket.accept();
            } catch (IOException e) {
                return;
            }
            int id = accepted.incrementAndGet();
            if (links.size() >= MAX_CONNECTIONS) {
                log.warn("proxy connection {} refused: {} connections are open", id, links.size());
                closeQuietly(client);
                continue;
            }
            Socket server = new Socket();
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), CONNECT_MILLIS);
            } catch (IOException e) {
                log.info("proxy connection {}: upstream port {} failed: {}", id, upstreamPort, e.toString());
                closeQuietly(server);
                closeQuietly(client);
                continue;
            }
            Link link = new Link(client, server);
            links.add(link);
            if (closing) {
                link.closeConnection();
            }
            link.start(id);
        }
    }

    /**
     * Closes the listening socket and every connection, and waits for every thread.
     *
     * @throws IllegalStateException if a thread is still alive after the bounded wait
     */
    @Override
    public void close() {
        closing = true;
        closeQuietly(serverSocket);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
        join(acceptor, deadline);
        for (Link link : links) {
            link.closeConnection();
        }
        List<String> alive = new ArrayList<>();
        for (Thread t : threads) {
            join(t, deadline);
            if (t.isAlive()) {
                alive.add(t.getName());
            }
        }
        if (acceptor.isAlive()) {
            alive.add(acceptor.getName());
        }
        if (!alive.isEmpty()) {
            throw new IllegalStateException("proxy threads still alive " + STOP_MILLIS + " ms after close: " + alive);
        }
    }

    private static void join(Thread t, long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.timedJoin(t, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("closing {} failed", c, e);
        }
    }

    /** One proxied connection: two sockets, two pumps; ends when both pumps have ended. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private final CountDownLatch ended = new CountDownLatch(1);
        private final AtomicInteger pumpsLeft = new AtomicInteger(2);

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void start(int id) {
            startPump(id, Direction.CLIENT_TO_SERVER, client, server, clientToServer);
            startPump(id, Direction.SERVER_TO_CLIENT, server, client, serverToClient);
        }

        private void startPump(int id, Direction direction, Socket from, Socket to, Toxic toxic) {
            Thread t = new Thread(() -> pump(direction, from, to, toxic.stage()),
                    "test-proxy-" + id + "-" + direction.tag);
            t.setDaemon(true);
            threads.removeIf(old -> !old.isAlive());
            threads.add(t);
            t.start();
        }

        private void pump(Direction direction, Socket from, Socket to, Toxic.Stage stage) {
            try {
                Toxic.Pipe pipe = new LinkPipe(this, direction, to);
                InputStream in = from.getInputStream();
                if (!stage.begin(pipe)) {
                    return;
                }
                byte[] buf = new byte[BUFFER];
                while (true) {
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (IOException e) {
                        if (ended.getCount() > 0) {
                            stage.end(true, pipe);
                        }
                        return;
                    }
                    if (n < 0) {
                        stage.end(false, pipe);
                        return;
                    }
                    if (!stage.data(buf, n, pipe)) {
                        return;
                    }
                }
            } catch (IOException e) {
                // A write failed, or the connection ended during a pause: nothing more can pass.
                closeConnection();
            } catch (RuntimeException | Error e) {
                log.error("proxy pump {} failed", Thread.currentThread().getName(), e);
                closeConnection();
            } finally {
                if (pumpsLeft.decrementAndGet() == 0) {
                    closeConnection();
                }
            }
        }

        void closeConnection() {
            ended.countDown();
            for (Socket s : new Socket[] {client, server}) {
                try {
                    if (!s.isClosed() && !s.isOutputShutdown()) {
                        s.shutdownOutput();
                    }
                } catch (IOException e) {
                    log.trace("shutting output before close failed", e);
                }
                closeQuietly(s);
            }
            links.remove(this);
        }

        void reset() {
            ended.countDown();
            for (Socket s : new Socket[] {client, server}) {
                try {
                    s.setSoLinger(true, 0);
                } catch (IOException e) {
                    log.trace("SO_LINGER 0 failed", e);
                }
                closeQuietly(s);
            }
            links.remove(this);
        }
    }

    /** What a toxic sees of one direction of one link. */
    private final class LinkPipe implements Toxic.Pipe {
        private final Link link;
        private final int direction;
        private final Socket sink;
        private final OutputStream out;

        LinkPipe(Link link, Direction direction, Socket sink) throws IOException {
            this.link = link;
            this.direction = direction.ordinal();
            this.sink = sink;
            this.out = sink.getOutputStream();
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            out.write(buf, off, len);
            bytes.addAndGet(direction, len);
            writes.incrementAndGet(direction);
        }

        @Override
        public void pause(long nanos) throws IOException {
            try {
                if (nanos > 0 && link.ended.await(nanos, TimeUnit.NANOSECONDS)) {
                    throw new IOException("the connection ended during a pause");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during a pause", e);
            }
        }

        @Override
        public void halfClose() {
            try {
                if (!sink.isClosed() && !sink.isOutputShutdown()) {
                    sink.shutdownOutput();
                }
            } catch (IOException e) {
                link.closeConnection();
            }
        }

        @Override
        public void stall() {
            try {
                if (!link.ended.await(STALL_LIMIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    log.warn("a stalled proxy connection was still open after {} ms: closing it", STALL_LIMIT_MILLIS);
                    link.closeConnection();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void reset() {
            link.reset();
        }

        @Override
        public void closeConnection() {
            link.closeConnection();
        }
    }
}
