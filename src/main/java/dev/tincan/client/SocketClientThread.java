package dev.tincan.client;

import dev.tincan.codec.HostPort;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP client driven by messages: it takes {@link ClientCommand}s from a command queue,
 * owns the socket, and posts {@link ClientReply}s to a bounded reply queue. A
 * {@code Connect} that asks for {@link ConnectOptions#udp() UDP} opens a datagram
 * conversation instead, with the same commands and replies (see {@link DatagramTransport}).
 *
 * <pre>
 *   caller ──put──► commands ──► tincan-client-N ──write──► socket
 *   caller ◄─poll── replies  ◄── tincan-reader-N ◄──read─── socket
 * </pre>
 *
 * <p>While connected, a reader thread decodes the stream continuously and posts every frame
 * the moment it is complete, including frames the server pushes unasked; in pull mode it
 * reads one frame per {@link ClientCommand.Receive}. When the reply queue is full the reader
 * blocks, so it stops reading and TCP flow control slows the server down: memory stays
 * bounded and no frame is dropped. Nothing polls: a command is handled the moment it is
 * queued, and closing the socket ends the reader at once.
 *
 * <p>Every command gets exactly one outcome reply; {@link ClientReply.Stopped} is the last
 * reply. The queues are the only way in, except {@link #close()}, which any thread may call
 * to end everything without waiting for the queue.
 */
public final class SocketClientThread extends Thread implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketClientThread.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    /** How long the thread tries to hand over its last replies when nobody drains the queue. */
    private static final long FINAL_REPLY_MILLIS = 1000;
    /** How many waiting commands are taken from the queue at once. */
    private static final int TAKE_AT_ONCE = 256;

    /**
     * How long the thread looks for its next command, yielding the CPU between looks, before
     * it parks. A caller that sends again within a round trip then finds it awake: waking a
     * parked thread costs about 10 µs on a small VM, a third of a loopback round trip.
     * Yielding rather than spinning leaves the CPU to the threads that make the reply.
     * The system property {@code tincan.client.spin.nanos} overrides it; 0 parks at once.
     */
    private static final long SPIN_NANOS = Long.getLong("tincan.client.spin.nanos", 20_000);
    /**
     * The longest the look stretches to when commands have been coming a little further apart
     * than {@link #SPIN_NANOS}, as they do when a caller sends each frame once the echo of the
     * last is back and the round trip is longer than the look: without the stretch, every
     * command then finds the thread parked and pays the wake-up, which lengthens the round
     * trip further, and a run of round trips flips between the two speeds. Commands further
     * apart than half of this get the plain look. The system property
     * {@code tincan.client.spin.max.nanos} overrides it; {@link #SPIN_NANOS} or less turns
     * the stretch off.
     */
    private static final long MAX_SPIN_NANOS = Long.getLong("tincan.client.spin.max.nanos", 100_000);
    /** The longest idle time one wait adds to {@link #typicalIdleNanos}, so one long pause is soon forgotten. */
    private static final long IDLE_CLAMP_NANOS = 1_000_000;

    private final BlockingQueue<ClientCommand> commands;
    private final BlockingQueue<ClientReply> replies;
    private final int id;
    /** The socket being connected, so {@link #close()} can abort a connect in progress. */
    private volatile java.io.Closeable connecting;
    /** The open connection; owned by this thread, read by {@link #close()}. */
    private volatile Connection connection;
    private volatile boolean stopping;
    /** Frames waiting to share one write; this thread only. */
    private final SendBatch batch = new SendBatch();
    private final ReplySink sink;
    /** Commands taken from the queue and not handled yet, in order; this thread only. */
    private final ArrayDeque<ClientCommand> taken = new ArrayDeque<>();
    /** Takes every command while a UDP conversation is open ({@link ConnectOptions#udp()}). */
    private final DatagramTransport datagrams;
    /**
     * A moving average of how long the thread waited for its next command, each wait counted
     * up to {@link #IDLE_CLAMP_NANOS}; this thread only.
     */
    private long typicalIdleNanos = SPIN_NANOS;

    /**
     * A client thread that takes commands from {@code commands} and posts replies to
     * {@code replies}. Start it with {@link #start()}.
     *
     * @throws IllegalArgumentException if {@code replies} is unbounded
     */
    public SocketClientThread(BlockingQueue<ClientCommand> commands, BlockingQueue<ClientReply> replies) {
        this(commands, replies, IDS.incrementAndGet());
    }

    private SocketClientThread(BlockingQueue<ClientCommand> commands, BlockingQueue<ClientReply> replies, int id) {
        super("tincan-client-" + id);
        this.commands = Objects.requireNonNull(commands, "commands");
        this.replies = Objects.requireNonNull(replies, "replies");
        if (replies.remainingCapacity() == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("replies : unbounded queue (expected: a bounded queue, "
                    + "e.g. new ArrayBlockingQueue<>(4096))");
        }
        this.sink = new ReplySink(replies);
        this.datagrams = new DatagramTransport(sink, id);
        this.id = id;
        setDaemon(true);
    }

    /** The queue this thread takes commands from. */
    public BlockingQueue<ClientCommand> commands() {
        return commands;
    }

    /** The queue this thread posts replies to. */
    public BlockingQueue<ClientReply> replies() {
        return replies;
    }

    /**
     * Shows every reply made from now on to {@code tap}, after the taps added before it, on
     * the thread that makes the reply and before it is queued. Any thread.
     */
    public void addTap(ReplyTap tap) {
        sink.addTap(Objects.requireNonNull(tap, "tap"));
    }

    /** Stops showing replies to {@code tap}; returns whether it was added. Any thread. */
    public boolean removeTap(ReplyTap tap) {
        return sink.removeTap(tap);
    }

    @Override
    public void run() {
        try {
            while (true) {
                ClientCommand command = nextCommand();
                if (command instanceof ClientCommand.Shutdown shutdown) {
                    endConnection(shutdown);
                    datagrams.end(shutdown);
                    postFinal((seq, nanos) -> new ClientReply.Stopped(shutdown, seq, nanos));
                    return;
                }
                handle(command);
            }
        } catch (InterruptedException e) {
            log.debug("{} interrupted: ending", getName());
            endConnectionQuietly();
            postFinal((seq, nanos) -> new ClientReply.Stopped(null, seq, nanos));
        } catch (RuntimeException | Error e) {
            log.error("{} failed", getName(), e);
            endConnectionQuietly();
            String sentence = "the client stopped after an unexpected failure: " + e + " (see the log).";
            postFinal((seq, nanos) -> new ClientReply.Error(null, Failure.INTERNAL, sentence, seq, nanos));
            postFinal((seq, nanos) -> new ClientReply.Stopped(null, seq, nanos));
        }
    }

    /**
     * The next command: from those already taken, else waits for the queue and takes what
     * else is waiting with it, so a burst of commands costs one hand-over, not one each.
     * It looks for {@link #lookNanos()} before it parks.
     */
    private ClientCommand nextCommand() throws InterruptedException {
        ClientCommand command = taken.poll();
        if (command != null) {
            return command;
        }
        long idleSince = System.nanoTime();
        long look = lookNanos();
        if (look > 0) {
            long now = idleSince;
            do {
                if (commands.drainTo(taken, TAKE_AT_ONCE) > 0) {
                    learnIdle(now - idleSince);
                    return taken.poll();
                }
                Thread.yield();
                now = System.nanoTime();
            } while (now - idleSince - look < 0);
        }
        command = commands.take();
        commands.drainTo(taken, TAKE_AT_ONCE);
        learnIdle(System.nanoTime() - idleSince);
        return command;
    }

    /**
     * How long to look for the next command before parking: {@link #SPIN_NANOS}, stretched
     * to twice the typical wait when that is at most {@link #MAX_SPIN_NANOS} in all. The look
     * yields the CPU between looks, so what it costs is CPU time the machine had no other use
     * for; bench's {@code cpu_us} shows it per round trip.
     */
    private long lookNanos() {
        if (SPIN_NANOS <= 0) {
            return 0;
        }
        long stretched = 2 * typicalIdleNanos;
        return stretched > SPIN_NANOS && stretched <= MAX_SPIN_NANOS ? stretched : SPIN_NANOS;
    }

    /** Counts one wait for a command into {@link #typicalIdleNanos} (an eighth of its weight). */
    private void learnIdle(long nanos) {
        typicalIdleNanos += (Math.min(nanos, IDLE_CLAMP_NANOS) - typicalIdleNanos) / 8;
    }

    /** The command that {@link #nextCommand()} would return, without waiting; null if none. */
    private ClientCommand peekCommand() {
        if (taken.isEmpty()) {
            commands.drainTo(taken, TAKE_AT_ONCE);
        }
        return taken.peek();
    }

    private void handle(ClientCommand command) throws InterruptedException {
        reapEndedConnection();
        if (datagrams.takes(command, connection != null)) {
            datagrams.handle(command);
            return;
        }
        if (command instanceof ClientCommand.Connect connect) {
            connect(connect);
        } else if (command instanceof ClientCommand.Adopt adopt) {
            adopt(adopt);
        } else if (command instanceof ClientCommand.Send send) {
            send(send);
        } else if (command instanceof ClientCommand.Receive receive) {
            receive(receive);
        } else if (command instanceof ClientCommand.Close close) {
            if (connection == null) {
                error(close, Failure.NOT_CONNECTED, "close: not connected.");
            } else {
                endConnection(close);
            }
        }
    }

    private void connect(ClientCommand.Connect command) throws InterruptedException {
        String where = NetworkErrors.hostPort(command.host(), command.port());
        if (connection != null) {
            error(command, Failure.ALREADY_CONNECTED, "connect to " + where + " refused: already connected to "
                    + connection.remote() + "; close that connection first.");
            return;
        }
        ConnectOptions options = command.options();
        ProxyOptions proxy = options.proxy();
        long timeout = options.connectTimeout().toMillis();
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        TlsConnector tls = options.tls() == null ? null : new TlsConnector(options.tls(), command.host(),
                command.port());
        String through = proxy == null ? "" : " through " + proxy.describe();
        Socket socket = null;
        boolean proxyConnected = false;
        try {
            if (stopping) {
                throw new IOException("the client is shutting down");
            }
            // Through a proxy the host's name goes to the proxy as it is: only the proxy is looked up here.
            String dialHost = proxy == null ? command.host() : proxy.host();
            int dialPort = proxy == null ? command.port() : proxy.port();
            Dialer dialer = new Dialer(Resolver.resolve(dialHost, deadline), dialPort,
                    options.localAddress(), deadline, "tincan-dial-" + id);
            connecting = dialer;
            if (stopping) {
                dialer.close();
            }
            socket = dialer.dial();
            proxyConnected = true;
            if (proxy != null) {
                ProxyHandshake.open(socket, proxy, command.host(), command.port(), deadline);
            }
            Socket io = socket;
            TlsSession session = null;
            if (tls != null) {
                // One timeout for all: the handshake gets what the TCP connect and the proxy left over.
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new java.net.SocketTimeoutException("connect timed out");
                }
                SSLSocket ssl = tls.handshake(socket, left);
                session = TlsConnector.session(ssl);
                io = ssl;
            }
            Connection opened = new Connection(io, socket, options, sink, where, id, tls);
            connection = opened;
            TlsSession settled = session;
            sink.post((seq, nanos) -> new ClientReply.Connected(command, opened.remote(), opened.local(), settled,
                    seq, nanos));
            opened.start();
            String via = proxy == null ? HostPort.of(opened.remote()) : proxy.describe() + " at "
                    + HostPort.of(opened.remote());
            if (settled != null) {
                log.info("connected to {} ({}) from {} ({}; {})", where, via, opened.local(),
                        options.framing().spec(), settled.summary());
            } else {
                log.info("connected to {} ({}) from {} ({})", where, via, opened.local(), options.framing().spec());
            }
        } catch (IOException e) {
            closeQuietly(socket);
            TlsConnector.Verdict verdict = tls == null || !proxyConnected ? null : tls.failure(e, timeout);
            String message;
            Failure cause;
            String failed = "connect to " + where + through + " failed: ";
            if (e instanceof ProxyHandshake.Refusal refusal) {
                cause = refusal.failure();
                message = failed + (cause == Failure.TIMED_OUT ? refusal.phrase() + " (the connect timeout is "
                        + NetworkErrors.Durations.format(timeout) + ")" : refusal.phrase()) + ".";
                log.info("{}", message);
            } else if (e instanceof Dialer.LocalAddressException) {
                cause = Failure.LOCAL_ADDRESS;
                message = failed + e.getMessage() + ".";
                log.info("{}", message);
            } else if (verdict != null) {
                message = failed + verdict.phrase() + ".";
                cause = verdict.cause();
                log.info("{}", message, e);
            } else if (proxy != null && !proxyConnected) {
                cause = Failure.PROXY_UNREACHABLE;
                message = failed + NetworkErrors.proxyUnreachable(proxy, e, timeout) + ".";
                log.info("{}", message);
            } else if (proxy != null) {
                cause = NetworkErrors.causeOf(e);
                message = failed + (cause == Failure.TIMED_OUT ? "timed out after "
                        + NetworkErrors.Durations.format(timeout) : NetworkErrors.describe(e)) + ".";
                log.info("{}", message);
            } else {
                message = NetworkErrors.connectFailed(command.host(), command.port(), e, timeout);
                cause = NetworkErrors.causeOf(e);
                log.info("{}", message);
            }
            error(command, cause, message);
        } finally {
            connecting = null;
        }
    }

    /** Runs a socket a listener accepted as this thread's connection. */
    private void adopt(ClientCommand.Adopt command) throws InterruptedException {
        Socket socket = command.socket();
        String where = NetworkErrors.hostPort(command.host(), command.port());
        if (connection != null || stopping) {
            closeQuietly(socket);
            String why = stopping ? "the client is shutting down" : "already connected to " + connection.remote();
            error(command, Failure.ALREADY_CONNECTED, "taking over the connection from " + where + " refused: "
                    + why + "; it was closed.");
            return;
        }
        boolean secured = false;
        try {
            socket.setTcpNoDelay(true);
            Socket io = socket;
            TlsSession session = null;
            if (command.serverTls() != null) {
                SSLSocket ssl = (SSLSocket) command.serverTls().getSocketFactory().createSocket(socket, null,
                        socket.getPort(), true);
                ssl.setUseClientMode(false);
                ssl.setSoTimeout((int) Math.max(1, command.options().connectTimeout().toMillis()));
                ssl.startHandshake();
                ssl.setSoTimeout(0);
                secured = true;
                session = TlsConnector.session(ssl);
                io = ssl;
            }
            Connection opened = new Connection(io, socket, command.options(), sink, where, id, null);
            connection = opened;
            TlsSession settled = session;
            sink.post((seq, nanos) -> new ClientReply.Connected(command, opened.remote(), opened.local(), settled,
                    seq, nanos));
            opened.start();
            log.info("took over the connection from {} on {} ({}{})", where, opened.local(),
                    command.options().framing().spec(), settled == null ? "" : "; " + settled.summary());
        } catch (IOException e) {
            closeQuietly(socket);
            boolean handshake = command.serverTls() != null && !secured;
            String message = handshake
                    ? "TLS with the client at " + where + " failed: " + TlsConnector.serverSideFailure(e,
                            command.options().connectTimeout().toMillis()) + "; it was closed."
                    : "taking over the connection from " + where + " failed: " + NetworkErrors.describe(e) + ".";
            log.info("{}", message, e);
            error(command, handshake && !(e instanceof java.net.SocketTimeoutException) ? Failure.TLS_HANDSHAKE
                    : NetworkErrors.causeOf(e), message);
        }
    }

    /**
     * Sends this command's frame together with the Sends queued right behind it, in one
     * write: each frame is written whole, and frames that queued up together share a write
     * call instead of paying one each. Each gets its {@link ClientReply.Sent} before the
     * write begins, in command order; a frame the framing cannot carry gets an
     * {@link ClientReply.Error} in its place.
     */
    private void send(ClientCommand.Send first) throws InterruptedException {
        Connection conn = connection;
        if (conn == null) {
            error(first, Failure.NOT_CONNECTED, "send failed: not connected; connect first.");
            return;
        }
        ClientCommand.Send next = first;
        while (true) {
            byte[] wire;
            try {
                wire = conn.encode(next.payload());
            } catch (IllegalArgumentException e) {
                if (flush(conn)) {
                    error(next, Failure.CANNOT_FRAME, "send failed: " + e.getMessage());
                } else {
                    error(next, Failure.NOT_CONNECTED, "send failed: the connection had ended; connect again.");
                }
                return;
            }
            batch.add(next, wire);
            if (batch.full() || !(peekCommand() instanceof ClientCommand.Send)) {
                break;
            }
            next = (ClientCommand.Send) taken.poll();
        }
        flush(conn);
    }

    /**
     * Posts a {@code Sent} for every frame of the batch, then writes them. A write that
     * fails ends the connection, and its {@code Closed} says why and how much may not have
     * reached the peer. Returns false if the connection ended.
     */
    private boolean flush(Connection conn) throws InterruptedException {
        if (batch.isEmpty()) {
            return true;
        }
        sink.postSent(batch);
        try {
            batch.writeTo(conn);
        } catch (IOException e) {
            writeFailed(conn, e);
            return false;
        } finally {
            batch.clear();
        }
        return true;
    }

    private void writeFailed(Connection conn, IOException e) throws InterruptedException {
        String what;
        Failure cause;
        if (e instanceof WriteStalledException) {
            what = e.getMessage();
            cause = Failure.WRITE_STALLED;
        } else if (conn.isEnded() && NetworkErrors.closedHere(e)) {
            // The reader closed the socket under the write and says why in its Closed.
            what = null;
            cause = null;
        } else if (conn.tlsVerdict(e) != null) {
            TlsConnector.Verdict verdict = conn.tlsVerdict(e);
            what = "the connection to " + conn.peer() + " failed: " + verdict.phrase();
            cause = verdict.cause();
        } else {
            what = "the connection to " + conn.peer() + " failed: " + NetworkErrors.describe(e);
            cause = NetworkErrors.causeOf(e);
        }
        log.info("writing to {} failed: {}", conn.peer(), e.toString());
        String unsent = batch.size() == 1 ? "the frame may not have reached the server in full"
                : "the last " + batch.size() + " frames may not have reached the server in full";
        if (conn.endByOwner()) {
            connection = null;
            answerLeftoverReceives(conn, cause);
            String reason = (what != null ? what : "the connection failed while a frame was being sent") + "; "
                    + unsent + ".";
            Failure why = cause != null ? cause : Failure.IO;
            sink.post((seq, nanos) -> new ClientReply.Closed(null, ClientReply.By.ERROR, why, reason, seq, nanos));
        } else {
            reapEndedConnection();
        }
    }

    private void receive(ClientCommand.Receive command) throws InterruptedException {
        Connection conn = connection;
        if (conn == null) {
            error(command, Failure.NOT_CONNECTED, "receive failed: not connected; connect first.");
        } else if (!conn.isPull()) {
            error(command, Failure.NOT_PULL_MODE, "receive is for pull mode only: in push mode frames arrive on "
                    + "their own.");
        } else if (!conn.requestReceive(command)) {
            error(command, Failure.TOO_MANY_RECEIVES, "receive refused: " + Connection.MAX_PENDING_RECEIVES
                    + " receives are already waiting for frames.");
        } else if (conn.isEnded()) {
            reapEndedConnection();
        }
    }

    /** Forgets a connection the reader has ended, answering receives nobody will serve. */
    private void reapEndedConnection() throws InterruptedException {
        Connection conn = connection;
        if (conn != null && conn.isEnded()) {
            conn.awaitReader();
            connection = null;
            answerLeftoverReceives(conn, null);
        }
    }

    private void answerLeftoverReceives(Connection conn, Failure cause) throws InterruptedException {
        Failure why = cause != null ? cause : Failure.CONNECTION_ENDED;
        for (ClientCommand.Receive receive : conn.drainReceives()) {
            error(receive, why, "receive failed: the connection was closed.");
        }
    }

    /** Ends the connection for a Close or Shutdown, posting Closed if this thread ended it. */
    private void endConnection(ClientCommand command) throws InterruptedException {
        Connection conn = connection;
        if (conn == null) {
            return;
        }
        connection = null;
        boolean won = conn.endByOwner();
        answerLeftoverReceives(conn, null);
        if (won) {
            sink.post((seq, nanos) -> new ClientReply.Closed(command, ClientReply.By.CLIENT, null,
                    "closed by the client.", seq, nanos));
        } else if (command instanceof ClientCommand.Close) {
            error(command, Failure.NOT_CONNECTED, "close: not connected; the connection had already ended.");
        }
    }

    private void endConnectionQuietly() {
        datagrams.endQuietly();
        Connection conn = connection;
        connection = null;
        if (conn != null) {
            conn.endByOwner();
        }
    }

    /** Posts the one outcome of a command that failed. */
    private void error(ClientCommand command, Failure cause, String message) throws InterruptedException {
        sink.post((seq, nanos) -> new ClientReply.Error(command, cause, message, seq, nanos));
    }

    /** Posts a reply on the way out, giving up after a bounded wait if nobody drains the queue. */
    private void postFinal(ReplySink.Stamped reply) {
        boolean interrupted = Thread.interrupted();
        try {
            if (!sink.offer(reply, FINAL_REPLY_MILLIS)) {
                log.warn("{}: the reply queue stayed full, so a last reply was not delivered: {}", getName(),
                        reply.at(0, 0));
            }
        } catch (InterruptedException e) {
            log.warn("{}: interrupted while handing over its last reply: {}", getName(), reply.at(0, 0));
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Ends this thread and its connection from any thread, without going through the
     * command queue: aborts a connect in progress, closes the socket, interrupts, and waits
     * up to two seconds for the threads to end. A connection ended this way gets no
     * {@link ClientReply.Closed}; {@link ClientReply.Stopped} still comes last. For windows
     * closing and tests; the ordinary way is a {@link ClientCommand.Shutdown}.
     */
    @Override
    public void close() {
        stopping = true;
        java.io.Closeable dialing = connecting;
        if (dialing != null) {
            try {
                dialing.close();
            } catch (IOException e) {
                log.debug("aborting a connect failed", e);
            }
        }
        Connection conn = connection;
        if (conn != null) {
            conn.endByOwner();
        }
        datagrams.endQuietly();
        interrupt();
        try {
            join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (isAlive()) {
            log.warn("{} did not stop within 2 s of close()", getName());
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                log.debug("closing a socket failed", e);
            }
        }
    }
}
