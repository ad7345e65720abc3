package dev.tincan.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tincan's companion server: a thread-per-client TCP server that answers in one of the
 * {@link Mode}s, in any framing, so that the client has something to talk to.
 *
 * <pre>
 * tincan-server-accept ──accept()──► tincan-server-client-N   reads, decodes, answers
 *                                    tincan-server-writer-N   chat and ticker only: drains the client's outbox
 *                                    tincan-server-flood-PORT one for all paced floods over plain TCP
 * </pre>
 *
 * <ul>
 * <li>It listens on 127.0.0.1 unless told otherwise, with {@code SO_REUSEADDR}, and sets
 *     {@code TCP_NODELAY} on every client socket.
 * <li>At most {@link ServerConfig#maxClients()} clients at once: one more gets a single frame
 *     {@code server full: 64 clients connected, try again later} (in the server's framing,
 *     fitted to {@code fixed:N}) and is closed.
 * <li>Each read (up to 64 KiB) is decoded and every frame in it answered in one write.
 *     With {@code raw} framing each read is one frame. A frame over the max frame length,
 *     or a stream that breaks the framing, disconnects that client with one log line.
 * <li>Answers are fitted to the framing: cut or padded with spaces to N bytes with
 *     {@code fixed:N}, cut to what a narrow length prefix carries ({@code len8}: 255 bytes).
 * <li>Chat: each client has an outbox of at most 4 MiB drained by its writer thread. A
 *     frame waits up to 1 s for room in a recipient's outbox (so senders slow down to what
 *     the readers take); a recipient that makes no room in that time is disconnected as too
 *     slow, and the others carry on.
 * <li>Ticker: {@code tick 1}, {@code tick 2}, ... every tick interval, counted per client;
 *     ticks do not catch up after a stall. Frames the client sends are echoed in between.
 * <li>Flood: on connect, {@link ServerConfig#floodCount()} frames as fast as the client
 *     takes them, then echoes. Frame {@code i} (from 1) carries {@code i} in ASCII decimal,
 *     padded on the right with {@code '.'} to the flood size, e.g. {@code "42......"} for
 *     size 8; a number longer than the payload keeps its last digits. With {@code fixed:N}
 *     the payload is N bytes; with {@code len8} at most 255. With {@code raw} the payloads
 *     follow one another with nothing between them. A paced flood over plain TCP is written by
 *     the server's one {@link FloodPacer} thread, not by the client's, so a hundred paced
 *     clients cost one thread's wake-ups, not a hundred.
 * <li>When a client closes its sending side, what is still owed to it (echoes, queued chat
 *     frames) is sent before its socket is closed.
 * </ul>
 *
 * <p>{@link #close()} closes the server socket and every client socket, which ends every
 * blocked accept, read and write at once, then waits at most 2 s for the threads. The
 * threads are daemon threads: whoever runs the server keeps the JVM alive. Thread-safe.
 */
public final class CompanionServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CompanionServer.class);
    private static final int BACKLOG = 128;
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    private static final long ACCEPT_RETRY_MILLIS = 100;

    private final ServerConfig config;
    private final DropListener onDrop;
    /** Answers frames in place of the mode, or null. */
    private final Responder responder;
    private final Replies replies;
    private final ChatRoom room = new ChatRoom();
    private final Set<ClientConnection> clients = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger lastClientId = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    /** Guards adding and removing clients, and is notified when their number changes. */
    private final Object registry = new Object();
    private final Object lifecycle = new Object();
    private volatile ServerSocket serverSocket;
    private volatile Thread acceptThread;
    private volatile int port = -1;
    private volatile boolean closed;
    /** Paces every paced flood over plain TCP; started with the first, closed with the server. */
    private FloodPacer pacer;
    /** How many paced floods wait for one another before they begin together. */
    private int floodsTogether = 1;

    /** A server for {@code config}; nothing happens until {@link #start()}. */
    public CompanionServer(ServerConfig config) {
        this(config, DropListener.NONE);
    }

    /** A server for {@code config} that tells {@code onDrop} of each client it drops. */
    public CompanionServer(ServerConfig config, DropListener onDrop) {
        this(config, onDrop, null);
    }

    /**
     * A server that answers each client by {@code responder} instead of its mode (chat,
     * ticker and flood included), or by its mode when {@code responder} is null.
     */
    public CompanionServer(ServerConfig config, DropListener onDrop, Responder responder) {
        this.config = Objects.requireNonNull(config, "config");
        this.onDrop = Objects.requireNonNull(onDrop, "onDrop");
        this.responder = responder;
        this.replies = new Replies(config.mode(), config.framing());
    }

    /**
     * Binds and starts accepting clients.
     *
     * @return this server
     * @throws IOException with one sentence when the port cannot be bound
     * @throws IllegalStateException if already started or closed
     */
    public CompanionServer start() throws IOException {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the server is closed: make a new one to start again.");
            }
            if (serverSocket != null) {
                throw new IllegalStateException("the server is already started.");
            }
            // Opened as a channel, so that a paced flood can write to its clients without blocking.
            ServerSocket socket = ServerSocketChannel.open().socket();
            try {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(config.bind(), config.port()), BACKLOG);
            } catch (IOException e) {
                closeQuietly(socket);
                throw new IOException(bindFailure(e), e);
            }
            serverSocket = socket;
            port = socket.getLocalPort();
            Thread thread = new Thread(this::acceptLoop, "tincan-server-accept");
            thread.setDaemon(true);
            acceptThread = thread;
            thread.start();
        }
        log.info("companion server listening on {} in {} mode with {} framing, up to {} clients{}",
                ClientConnection.describe(address()), config.mode().spec(), config.framing().spec(),
                config.maxClients(), config.tls() == null ? "" : ", TLS with " + config.tls());
        return this;
    }

    /**
     * Holds the paced floods of the first {@code clients} clients until the last of them has
     * connected, then begins them all at once, on one clock; later clients' floods begin as
     * they connect. For measurements with many clients, so that none has run ahead while the
     * others connected. Applies to paced floods over plain TCP only; a client that never
     * comes keeps the others waiting until the server closes.
     *
     * @return this server
     * @throws IllegalStateException if the server is already started
     */
    public CompanionServer floodTogether(int clients) {
        if (clients < 1 || clients > config.maxClients()) {
            throw new IllegalArgumentException("flood together " + clients + " is out of range: use 1 to "
                    + config.maxClients() + ", the most clients the server holds.");
        }
        synchronized (lifecycle) {
            if (serverSocket != null || closed) {
                throw new IllegalStateException("floods can be held only before the server starts.");
            }
            floodsTogether = clients;
        }
        return this;
    }

    /** How often the one thread that paces floods writes: frames due within one round go out together. */
    public static Duration floodRound() {
        return Duration.ofNanos(FloodPacer.TICK_NANOS);
    }

    /** The bound port; with port 0 in the config, the one the system picked. */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the server is not started, so it has no port yet.");
        }
        return port;
    }

    /** The bound address and port. */
    public InetSocketAddress address() {
        return new InetSocketAddress(config.bind(), port());
    }

    /** How many clients are connected right now. */
    public int clientCount() {
        return clients.size();
    }

    /** The configuration the server was made with. */
    public ServerConfig config() {
        return config;
    }

    /** Whether the server is started and not closed. */
    public boolean isRunning() {
        return serverSocket != null && !closed;
    }

    /**
     * Stops the server: no more clients, every connected client closed, every thread ended
     * (each waited for at most 2 s in all, with a warning for any that does not stop).
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closing.countDown();
        ServerSocket socket = serverSocket;
        if (socket == null) {
            return;
        }
        closeQuietly(socket);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        join(acceptThread, deadline);
        for (ClientConnection client : clients) {
            client.close("the server is stopping");
        }
        synchronized (lifecycle) {
            if (pacer != null) {
                pacer.close();
            }
        }
        for (Thread thread : new ArrayList<>(threads)) {
            join(thread, deadline);
        }
        log.info("companion server on {} stopped", ClientConnection.describe(address()));
    }

    /**
     * Waits until exactly {@code count} clients are connected, for tests and callers that
     * need to know the server has taken in the clients that connected.
     *
     * @return whether the count was reached in time
     */
    boolean awaitClientCount(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (registry) {
            while (clients.size() != count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(registry, left);
            }
            return true;
        }
    }

    private void acceptLoop() {
        try {
            while (!closed) {
                Socket socket;
                try {
                    socket = serverSocket.accept();
                } catch (IOException e) {
                    if (closed) {
                        break;
                    }
                    log.warn("companion server on port {} could not accept a client: {}", port, e.getMessage());
                    // A lasting failure (out of file descriptors) must not spin; close() ends this wait at once.
                    if (closing.await(ACCEPT_RETRY_MILLIS, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    continue;
                }
                admit(socket);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.debug("accept thread interrupted");
        } catch (RuntimeException | Error e) {
            log.error("companion server on port {} stopped accepting clients after an unexpected failure", port, e);
        }
    }

    private void admit(Socket socket) {
        String remote = ClientConnection.describe(socket.getRemoteSocketAddress());
        try {
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            log.info("client from {} was lost as it connected: {}", remote, e.getMessage());
            closeQuietly(socket);
            return;
        }
        if (clients.size() >= config.maxClients()) {
            if (config.tls() != null) {
                // Telling it why would need a handshake on this thread; a TLS client just sees the close.
                log.warn("turned away a TLS client from {}: the server is full with {} of at most {} clients",
                        remote, clients.size(), config.maxClients());
                closeQuietly(socket);
                return;
            }
            turnAway(socket, remote);
            return;
        }
        Socket io = socket;
        if (config.tls() != null) {
            try {
                io = config.tls().wrap(socket);
            } catch (IOException e) {
                log.info("client from {} was lost as TLS began: {}", remote, e.getMessage());
                closeQuietly(socket);
                return;
            }
        }
        ClientConnection client = new ClientConnection(lastClientId.incrementAndGet(), io, socket, config,
                responder == null && config.mode() == Mode.CHAT ? room : null, this::ended, responder, this::pacer);
        log.info("{} connected ({} of at most {})", client.label(), clients.size() + 1, config.maxClients());
        // Registered and started as one step, so that whoever sees the count sees the threads.
        synchronized (registry) {
            clients.add(client);
            if (responder == null && config.mode() == Mode.CHAT) {
                room.join(client);
            }
            if (closed) {
                client.close("the server is stopping");
            }
            if (client.hasWriter()) {
                startThread(client, client::runWriter, "tincan-server-writer-" + client.id());
            }
            startThread(client, client::runReader, "tincan-server-client-" + client.id());
            registry.notifyAll();
        }
    }

    /** The one flood pacer, started the first time a paced flood asks for it. */
    private FloodPacer pacer() throws IOException {
        synchronized (lifecycle) {
            if (closed) {
                throw new IOException("the server is stopping");
            }
            if (pacer == null) {
                pacer = FloodPacer.start("tincan-server-flood-" + port, floodsTogether);
            }
            return pacer;
        }
    }

    private void startThread(ClientConnection client, Runnable body, String name) {
        threads.removeIf(t -> t.getState() == Thread.State.TERMINATED);
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        try {
            thread.start();
        } catch (OutOfMemoryError e) {
            threads.remove(thread);
            log.warn("{} was disconnected: thread {} could not be started: {}", client.label(), name, e.getMessage());
            client.threadDidNotStart();
        }
    }

    private void turnAway(Socket socket, String remote) {
        int max = config.maxClients();
        String text = "server full: " + max + (max == 1 ? " client" : " clients") + " connected, try again later";
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        byte[] wire;
        try {
            wire = replies.frame(message);
        } catch (IllegalArgumentException e) {
            wire = message;
        }
        log.warn("turned away a client from {}: the server is full with {} of at most {} clients", remote,
                clients.size(), max);
        tell((InetSocketAddress) socket.getRemoteSocketAddress(), "turned away: the server is full with " + max
                + (max == 1 ? " client." : " clients."));
        try (socket) {
            socket.getOutputStream().write(wire == null ? message : wire);
            socket.shutdownOutput();
        } catch (IOException e) {
            log.debug("telling the client from {} that the server is full failed: {}", remote, e.getMessage());
        }
    }

    private void ended(ClientConnection client) {
        synchronized (registry) {
            clients.remove(client);
            room.leave(client);
            registry.notifyAll();
        }
        String why = client.dropReason();
        if (why != null && !closed) {
            tell(client.remote(), why);
        }
    }

    private void tell(InetSocketAddress client, String why) {
        try {
            onDrop.dropped(client, why);
        } catch (RuntimeException e) {
            log.warn("the drop listener failed for {}", client, e);
        }
    }

    private static void join(Thread thread, long deadline) {
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        try {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("thread {} did not stop within {} s of closing the companion server", thread.getName(),
                    STOP_WAIT.toSeconds());
        }
    }

    private String bindFailure(IOException e) {
        String where = "port " + config.port() + " on " + config.bind().getHostAddress();
        String why = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof BindException && why.contains("in use")) {
            return where + " is already in use: stop the other server or pick another port with --port.";
        }
        if (why.contains("cannot assign") || why.contains("not available")) {
            return "cannot listen on " + config.bind().getHostAddress()
                    + ": it is not an address of this machine, pick another with --bind.";
        }
        if (why.contains("permission denied") || why.contains("access")) {
            return "cannot listen on " + where + ": permission denied, pick a port above 1023 with --port.";
        }
        return "cannot listen on " + where + ": " + e.getMessage() + ".";
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing {} failed", closeable, e);
        }
    }
}
