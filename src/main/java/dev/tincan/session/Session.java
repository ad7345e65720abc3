package dev.tincan.session;

import dev.tincan.client.BatchQueue;
import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.client.Failure;
import dev.tincan.client.ReplyTap;
import dev.tincan.client.SocketClientThread;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.HostPort;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conversation without a window: its own {@link SocketClientThread} with a bounded
 * command queue and a bounded reply queue, the rule that pairs replies with sends, the
 * traffic counts and one {@link ConnectionStatus}. A person's actions become
 * {@link ClientCommand}s offered without blocking; each refusal is one sentence.
 *
 * <pre>
 *   any thread ──offer/put──► commands ──► tincan-client-N ──► socket
 *   drainer    ◄──drainTo─── replies  ◄──┘
 * </pre>
 *
 * <p>One thread drains it (the window's timer, or a command line's own thread): {@link #take}
 * takes replies in the order the engine decided, numbers the rows they make, pairs, counts,
 * tells the {@link FrameListener}s, and gathers what changed until {@link #changes()} hands
 * it over. Connecting, disconnecting, asking for one frame and the settings belong to that
 * thread too. {@link #send}, {@link #offer} and {@link #put} may be called from any thread:
 * they read only the volatile status and the thread-safe queue.
 */
public final class Session implements Outbox {
    /** Commands that may wait for the client thread. */
    public static final int DEFAULT_COMMAND_CAPACITY = 1024;
    /** Replies that may wait for the drainer; when full, the reader stops reading. */
    public static final int DEFAULT_REPLY_CAPACITY = 8192;
    /** Replies taken from the queue per lock. */
    private static final int CHUNK = 256;
    /** Annotations that may wait for their replies to be taken; more are refused and counted. */
    public static final int MAX_ANNOTATIONS = 16_384;

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final BlockingQueue<ClientCommand> commands;
    private final BlockingQueue<ClientReply> replies;
    private final SocketClientThread client;
    private final LongSupplier clock;
    private final TrafficStats stats = new TrafficStats();
    private final Pairer pairer = new Pairer(Pairing.NEXT);
    private final List<Consumer<ConnectionStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final List<FrameListener> frameListeners = new CopyOnWriteArrayList<>();
    /** Replies taken by {@link #take}, reused; drainer only. */
    private final List<ClientReply> taken = new ArrayList<>(CHUNK);
    /** Rows made since the last {@link #changes()}, in order; drainer only. */
    private List<TranscriptRow> rows = new ArrayList<>();
    /** Sends made before the pending rows and answered since the last {@link #changes()}; drainer only. */
    private List<Changes.Answered> answered = new ArrayList<>();
    private boolean statusChanged;
    private boolean in;
    private boolean out;
    /** What taps asked to add to the rows of replies not yet taken, by the reply's engine number. */
    private final ConcurrentHashMap<Long, Annotation> annotations = new ConcurrentHashMap<>();
    /** Annotations refused because {@link #MAX_ANNOTATIONS} were waiting. */
    private final AtomicLong annotationsRefused = new AtomicLong();
    /** Notes not tied to a frame, waiting for the drainer, in the order they were made. */
    private final ConcurrentLinkedQueue<Note> notes = new ConcurrentLinkedQueue<>();
    /** How many {@link #notes} wait; kept apart because the queue's size is not constant time. */
    private final AtomicInteger notesWaiting = new AtomicInteger();
    /** The repeats running in this conversation. */
    private final Repeats repeats = new Repeats();
    /** The number the next row gets; rows are numbered from 1. */
    private long nextSeq = 1;
    private volatile ConnectionStatus status = ConnectionStatus.idle("not connected");
    private String target;
    private Framing framing;
    /** Whether the current or last connection speaks UDP, one datagram per frame. */
    private volatile boolean udp;
    private boolean readOnlyWhenAsked;
    private boolean skipTooLong;
    /** Whether the open connection reads only when asked. */
    private volatile boolean pullConnection;
    /** The name of the action that starts an echo server here, offered after a refused connect; or null. */
    private volatile String echoServerAction;

    /** Connecting again after the connection ended by the server or a failure; null for never. Drainer only. */
    private ReconnectPolicy reconnect;
    /** Draws the reconnect waits; drainer only. */
    private RandomGenerator random = new java.util.Random();
    /** The connect a reconnect repeats; drainer only. */
    private ClientCommand.Connect lastConnect;
    /** The reconnect attempt made last, 0 while connected; drainer only. */
    private int attempt;
    /** The person asked to disconnect since the last connect: no reconnect follows. Drainer only. */
    private boolean disconnectAsked;
    /** The sentence reconnecting stopped with since the last connect, or null; drainer only. */
    private String gaveUp;
    /** Guards the fields below: the drainer, the sending threads and the scheduler share them. */
    private final Object downLock = new Object();
    /** Between a connection ending and the reconnect that follows: sends are queued or counted. */
    private boolean down;
    private final ArrayDeque<Bytes> queued = new ArrayDeque<>();
    private long queuedBytes;
    /** Sends dropped while down, not yet stated in a row. */
    private long dropped;
    /** The waiting reconnect, or null. */
    private ScheduledFuture<?> pendingReconnect;
    /** Counts reconnects scheduled or cancelled, so a task that fires too late knows it is stale. */
    private long reconnectGeneration;
    /** What makes each heartbeat's payload, or null for none; its period. */
    private volatile java.util.function.Supplier<Bytes> heartbeat;
    /** The sentence of the last heartbeat that could not be made, so a note says it once; scheduler only. */
    private String heartbeatFailed;
    private volatile long heartbeatNanos;
    /** When the last frame went out (or the connection opened), from the engine's tap. */
    private volatile long lastOutNanos = System.nanoTime();
    /** Whether the heartbeat's tap is on the client thread; set once, by the first heartbeat. */
    private volatile boolean heartbeatTapped;
    /** Whether a heartbeat check is scheduled, so that setting the heartbeat again starts no second chain. */
    private final java.util.concurrent.atomic.AtomicBoolean heartbeatRunning =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** Runs reconnect waits and heartbeats: one daemon thread, made when first needed; guarded by downLock. */
    private ScheduledThreadPoolExecutor scheduler;

    /** The transcript's mark on a TLS connection whose certificate was not checked. */
    public static final String INSECURE = "insecure: the server's certificate was not checked; anyone in the path "
            + "can read and change this connection.";

    /** A session with the default queue sizes and {@link System#nanoTime()}. Start it with {@link #start()}. */
    public Session() {
        this(DEFAULT_COMMAND_CAPACITY, DEFAULT_REPLY_CAPACITY, System::nanoTime);
    }

    /**
     * A session whose queues hold {@code commandCapacity} commands and {@code replyCapacity}
     * replies, and which stamps its own rows (the connecting line) with {@code clock}.
     */
    public Session(int commandCapacity, int replyCapacity, LongSupplier clock) {
        this.commands = new ArrayBlockingQueue<>(commandCapacity);
        this.replies = new BatchQueue<>(replyCapacity);
        this.client = new SocketClientThread(commands, replies);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts the client thread. */
    public void start() {
        client.start();
    }

    /**
     * Names the action a person can take to start an echo server on this machine; after a
     * refused connect to this machine the status sentence offers it. {@code null} (the
     * default) offers none by name.
     */
    public void setEchoServerAction(String name) {
        this.echoServerAction = name;
    }

    /** Calls {@code listener} with every new status, on the thread that changed it. */
    public void addStatusListener(Consumer<ConnectionStatus> listener) {
        statusListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Tells {@code listener} of every frame sent and received and every close, on the draining thread. */
    public void addFrameListener(FrameListener listener) {
        frameListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops telling {@code listener}; it may still hear the frames of a drain under way. */
    public void removeFrameListener(FrameListener listener) {
        frameListeners.remove(listener);
    }

    /**
     * Shows every reply of this session's engine to {@code tap}, on the engine's threads,
     * before the reply is queued for the drainer (see {@link ReplyTap} for what a tap may do).
     * Any thread.
     */
    public void addTap(ReplyTap tap) {
        client.addTap(tap);
    }

    /** Stops showing replies to {@code tap}; returns whether it was added. Any thread. */
    public boolean removeTap(ReplyTap tap) {
        return client.removeTap(tap);
    }

    /**
     * Asks that the row made for the reply numbered {@code replySeq} (its
     * {@link ClientReply#seq()}) be marked, and/or be followed by a {@link TranscriptRow.Kind#NOTE}
     * row saying {@code note} (null for none). For a tap, before it lets the reply go: the
     * drainer applies it when it takes the reply. Returns false, and counts it, when
     * {@link #MAX_ANNOTATIONS} are already waiting. Any thread.
     */
    public boolean annotate(long replySeq, boolean mark, String note) {
        if (annotations.size() >= MAX_ANNOTATIONS && !annotations.containsKey(replySeq)) {
            annotationsRefused.incrementAndGet();
            return false;
        }
        annotations.merge(replySeq, new Annotation(mark, note == null ? List.of() : List.of(note)), Annotation::and);
        return true;
    }

    /**
     * Adds a {@link TranscriptRow.Kind#NOTE} row saying {@code note}, stamped now: for what
     * happens apart from any one frame, such as a delayed reply that could not go out. The
     * drainer places it among the frames by its stamp. Returns false, and counts it with the
     * refused annotations, when {@link #MAX_ANNOTATIONS} notes are already waiting. Any thread.
     */
    public boolean note(String note) {
        Objects.requireNonNull(note, "note");
        if (notesWaiting.incrementAndGet() > MAX_ANNOTATIONS) {
            notesWaiting.decrementAndGet();
            annotationsRefused.incrementAndGet();
            return false;
        }
        notes.add(new Note(note, clock.getAsLong()));
        return true;
    }

    /** The repeats running in this conversation, so that rules can stop them. Any thread. */
    public Repeats repeats() {
        return repeats;
    }

    /** How many annotations were refused because too many were waiting. Any thread. */
    public long annotationsRefused() {
        return annotationsRefused.get();
    }

    /**
     * Offers a send without asking the drainer's status first: for code on the engine's own
     * threads, such as a tap answering a frame that arrived before the drainer took the
     * connect. Never waits. If no connection is open, the engine's error row says so. Returns
     * {@code null} when on its way, or why not (the command queue is full). Any thread.
     */
    public String sendAsap(Bytes payload) {
        return commands.offer(new ClientCommand.Send(payload)) ? null : busy();
    }

    /** The status now. Any thread. */
    public ConnectionStatus status() {
        return status;
    }

    /** The counts of frames and bytes in and out since the last connect. */
    public TrafficStats stats() {
        return stats;
    }

    /**
     * The framing of the current or last connection, or {@code null} before the first and
     * over UDP, where each datagram is one frame and no framing applies.
     */
    public Framing framing() {
        return udp ? null : framing;
    }

    /** Whether the current or last connection speaks UDP, one datagram per frame. Any thread. */
    public boolean udp() {
        return udp;
    }

    /** The rule that pairs received frames with sends. */
    public Pairing pairing() {
        return pairer.rule();
    }

    /** Pairs by {@code rule} from now on; sends still waiting for a reply are forgotten. */
    public void setPairing(Pairing rule) {
        pairer.setRule(rule);
    }

    /** Whether the next connection reads frames only when asked ({@link #receiveOne()}). */
    public boolean readOnlyWhenAsked() {
        return readOnlyWhenAsked;
    }

    public void setReadOnlyWhenAsked(boolean pull) {
        this.readOnlyWhenAsked = pull;
    }

    /** Whether the next connection skips frames over the max length instead of closing. */
    public boolean skipTooLong() {
        return skipTooLong;
    }

    public void setSkipTooLong(boolean skip) {
        this.skipTooLong = skip;
    }

    /**
     * Asks to connect with {@code framing} and this session's reading settings. Returns
     * {@code null} when the command is on its way, or one sentence saying why it is not (bad
     * host or port, already connected, queue full).
     */
    public String connect(String host, int port, Framing framing) {
        ConnectOptions options;
        try {
            options = ConnectOptions.builder().framing(framing).pull(readOnlyWhenAsked).skipTooLong(skipTooLong)
                    .build();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return connect(host, port, options);
    }

    /**
     * Asks to connect with {@code options} as given. Returns {@code null} when the command is
     * on its way, or one sentence saying why it is not. The counts start again from zero.
     */
    public String connect(String host, int port, ConnectOptions options) {
        ConnectionStatus.Phase phase = status.phase();
        if (phase == ConnectionStatus.Phase.CONNECTING || phase == ConnectionStatus.Phase.CONNECTED) {
            return "already " + (phase == ConnectionStatus.Phase.CONNECTED ? "connected to " : "connecting to ")
                    + target + ": disconnect first.";
        }
        ClientCommand.Connect connect;
        try {
            connect = new ClientCommand.Connect(host, port, options);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!commands.offer(connect)) {
            return busy();
        }
        this.framing = options.framing();
        this.udp = options.udp();
        this.pullConnection = options.pull();
        this.target = HostPort.of(connect.host(), port);
        this.lastConnect = connect;
        this.attempt = 0;
        this.disconnectAsked = false;
        this.gaveUp = null;
        stats.reset();
        String how = (udp ? "udp, one datagram per frame" : framing.spec() + " framing")
                + (options.pull() ? ", reading only when asked" : "")
                + (options.skipTooLong() ? ", skipping frames that are too long" : "")
                + (options.tls() == null ? "" : options.tls().insecure()
                        ? ", TLS without checking the certificate (insecure)" : ", TLS")
                + (options.proxy() == null ? "" : ", through " + options.proxy().describe())
                + (options.localAddress() == null ? "" : ", from " + HostPort.of(options.localAddress()));
        addRow(TranscriptRow.event("connecting to " + target + " (" + how + ")", clock.getAsLong()));
        setStatus(new ConnectionStatus(ConnectionStatus.Phase.CONNECTING, "connecting to " + target + "…", false,
                null, false));
        return null;
    }

    /**
     * Runs {@code socket}, which a listener accepted, as this session's connection with
     * {@code options}, as if {@link #connect} had opened it. Returns {@code null} when the
     * socket is on its way to the client thread, or one sentence saying why not; when not,
     * the socket is closed. The counts start again from zero.
     */
    public String adopt(java.net.Socket socket, ConnectOptions options) {
        return adopt(socket, options, null);
    }

    /**
     * {@link #adopt(java.net.Socket, ConnectOptions)}, speaking TLS as the server with
     * {@code serverTls} first when it is not null.
     */
    public String adopt(java.net.Socket socket, ConnectOptions options, javax.net.ssl.SSLContext serverTls) {
        ConnectionStatus.Phase phase = status.phase();
        String refused = null;
        ClientCommand.Adopt adopt = null;
        if (phase == ConnectionStatus.Phase.CONNECTING || phase == ConnectionStatus.Phase.CONNECTED) {
            refused = "already " + (phase == ConnectionStatus.Phase.CONNECTED ? "connected to " : "connecting to ")
                    + target + ": disconnect first.";
        } else {
            try {
                adopt = new ClientCommand.Adopt(socket, options, serverTls);
            } catch (IllegalArgumentException e) {
                refused = e.getMessage();
            }
        }
        if (adopt != null && !commands.offer(adopt)) {
            refused = busy();
        }
        if (refused != null) {
            try {
                socket.close();
            } catch (java.io.IOException e) {
                log.debug("closing a refused socket failed", e);
            }
            return refused;
        }
        this.framing = options.framing();
        this.udp = false;
        this.pullConnection = options.pull();
        this.target = HostPort.of(adopt.host(), adopt.port());
        this.lastConnect = null;
        stats.reset();
        setStatus(new ConnectionStatus(ConnectionStatus.Phase.CONNECTING, "taking over " + target + "…", false,
                null, false));
        return null;
    }

    /**
     * Asks to send one frame. Returns {@code null} when on its way, else why not, in one
     * sentence. This is the one place that decides a send needs a connection first. Any thread.
     */
    public String send(Bytes payload) {
        String whileDown = queueWhileDown(payload);
        if (whileDown != null) {
            return whileDown.isEmpty() ? null : whileDown;
        }
        if (!status.isConnected()) {
            return "not connected: connect first (Ctrl+K), then send.";
        }
        return commands.offer(new ClientCommand.Send(payload)) ? null : busy();
    }

    /** The same as {@link #send}. Any thread. */
    @Override
    public String offer(Bytes payload) {
        return send(payload);
    }

    /** Sends, waiting up to {@code timeoutMillis} for room in the command queue. Any thread. */
    @Override
    public String put(Bytes payload, long timeoutMillis) throws InterruptedException {
        String whileDown = queueWhileDown(payload);
        if (whileDown != null) {
            return whileDown.isEmpty() ? null : whileDown;
        }
        if (!status.isConnected()) {
            return "not connected: connect first (Ctrl+K), then send.";
        }
        return commands.offer(new ClientCommand.Send(payload), timeoutMillis, TimeUnit.MILLISECONDS) ? null : busy();
    }

    /** Pull mode: asks for one frame. Returns {@code null} when on its way, else why not. */
    public String receiveOne() {
        String why = whyNoReceive();
        if (why != null) {
            return why;
        }
        return commands.offer(new ClientCommand.Receive()) ? null : busy();
    }

    /**
     * Pull mode: asks for one frame like {@link #receiveOne()}, waiting up to
     * {@code timeoutMillis} for room in the command queue. Any thread.
     */
    public String receiveOne(long timeoutMillis) throws InterruptedException {
        String why = whyNoReceive();
        if (why != null) {
            return why;
        }
        return commands.offer(new ClientCommand.Receive(), timeoutMillis, TimeUnit.MILLISECONDS) ? null : busy();
    }

    private String whyNoReceive() {
        if (!status.isConnected()) {
            return "not connected: connect first (Ctrl+K), then ask for a frame.";
        }
        if (!pullConnection) {
            return "frames already arrive on their own: 'Receive one frame' is for connections made with "
                    + "'Read only when asked' on.";
        }
        return null;
    }

    /** Asks to close the connection. Returns {@code null} when on its way, else why not. */
    public String disconnect() {
        disconnectAsked = true;
        ConnectionStatus.Phase phase = status.phase();
        if (phase == ConnectionStatus.Phase.RECONNECTING) {
            return cancelReconnect();
        }
        if (phase != ConnectionStatus.Phase.CONNECTED && phase != ConnectionStatus.Phase.CONNECTING) {
            return "not connected.";
        }
        if (!commands.offer(new ClientCommand.Close())) {
            return busy();
        }
        setStatus(new ConnectionStatus(ConnectionStatus.Phase.CLOSING, "closing the connection to " + target + "…",
                false, status.peer(), false));
        return null;
    }

    /**
     * Ends the client thread: drops the commands still waiting (a flood of sends must not
     * delay the close), then asks for {@code Shutdown}.
     */
    public void shutdown() {
        synchronized (downLock) {
            reconnectGeneration++;
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
        commands.clear();
        if (!commands.offer(new ClientCommand.Shutdown())) {
            throw new IllegalStateException("the command queue refused Shutdown right after being cleared");
        }
    }

    /**
     * After {@link #shutdown()}, waits for the client thread to end, emptying the reply queue
     * meanwhile so that a thread blocked on a full queue can finish; if it has not ended
     * within about {@code waitMillis} it is closed from outside and given a last 500 ms.
     * Returns whether it ended. Call it off the draining thread once nothing drains any more.
     */
    public boolean awaitStopped(long waitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (client.isAlive() && System.nanoTime() - deadline < 0) {
            replies.clear();
            client.join(20);
        }
        if (client.isAlive()) {
            log.warn("{} did not stop within {} ms of Shutdown; closing it", client.getName(), waitMillis);
            client.close();
            replies.clear();
            client.join(500);
        }
        annotations.clear();
        ScheduledThreadPoolExecutor s;
        synchronized (downLock) {
            s = scheduler;
        }
        if (s != null) {
            s.awaitTermination(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
        }
        return !client.isAlive();
    }

    /** Whether the client thread is running. Any thread. */
    public boolean isAlive() {
        return client.isAlive();
    }

    /** The name of the client thread, e.g. {@code tincan-client-3}. */
    public String threadName() {
        return client.getName();
    }

    /** Commands waiting for the client thread. Any thread. */
    public int queuedCommands() {
        return commands.size();
    }

    /** Replies waiting to be taken. Any thread. */
    public int queuedReplies() {
        return replies.size();
    }

    private String busy() {
        int n = commands.size();
        return "the connection is busy (" + String.format(Locale.ROOT, "%,d", n).replace(',', ' ')
                + (n == 1 ? " command" : " commands") + " waiting): try again in a moment.";
    }

    /**
     * Takes up to {@code max} replies from the queue without blocking and applies them:
     * rows, pairs, counts, status, frame listeners. What changed gathers until
     * {@link #changes()}. Returns how many replies were taken. Draining thread only.
     */
    public int take(int max) {
        int total = 0;
        while (total < max) {
            taken.clear();
            int n = replies.drainTo(taken, Math.min(CHUNK, max - total));
            if (n == 0) {
                break;
            }
            for (ClientReply reply : taken) {
                applyAnnotated(reply);
            }
            total += n;
        }
        taken.clear();
        notesUpTo(Long.MAX_VALUE, false);
        return total;
    }

    /**
     * Like {@link #take}, but first waits up to {@code timeoutMillis} for a reply when none is
     * waiting: for a draining thread that may block, such as a command line's, never the
     * window's. Returns how many replies were taken, 0 when none came in time.
     */
    public int take(int max, long timeoutMillis) throws InterruptedException {
        if (max < 1) {
            return 0;
        }
        if (replies.isEmpty()) {
            ClientReply first = replies.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (first == null) {
                notesUpTo(Long.MAX_VALUE, false);
                return 0;
            }
            applyAnnotated(first);
            return 1 + take(max - 1);
        }
        return take(max);
    }

    /** {@link #take} up to {@code max} replies, then {@link #changes()}. Draining thread only. */
    public Changes drain(int max) {
        take(max);
        return changes();
    }

    /** Whether anything changed since the last {@link #changes()}. Draining thread only. */
    public boolean hasChanges() {
        return !rows.isEmpty() || !answered.isEmpty() || statusChanged;
    }

    /**
     * What changed since the last call: rows made, in the engine's order and numbered from
     * {@link Changes#firstSeq()}; earlier sends newly answered; the status if it changed.
     * Draining thread only.
     */
    public Changes changes() {
        Changes c = new Changes(rows, nextSeq - rows.size(), answered, statusChanged ? status : null, in, out);
        rows = new ArrayList<>();
        answered = new ArrayList<>();
        statusChanged = false;
        in = false;
        out = false;
        return c;
    }

    /** The number the next row will get. */
    public long nextSeq() {
        return nextSeq;
    }

    private long addRow(TranscriptRow row) {
        rows.add(row);
        return nextSeq++;
    }

    /** Adds the waiting notes made before {@code nanos} (or at it, unless {@code before}) as rows. */
    private void notesUpTo(long nanos, boolean before) {
        Note n;
        while ((n = notes.peek()) != null && (before ? n.nanos() - nanos < 0 : n.nanos() - nanos <= 0
                || nanos == Long.MAX_VALUE)) {
            notes.poll();
            notesWaiting.decrementAndGet();
            addRow(TranscriptRow.note(n.text(), n.nanos()));
        }
    }

    /** A note not tied to a frame, and when it was made. */
    private record Note(String text, long nanos) {
    }

    /** Applies {@code reply}, then what a tap asked to add to its row. */
    private void applyAnnotated(ClientReply reply) {
        if (notesWaiting.get() > 0) {
            notesUpTo(reply.nanos(), true);
        }
        long before = nextSeq;
        apply(reply);
        if (annotations.isEmpty()) {
            return;
        }
        Annotation a = annotations.remove(reply.seq());
        if (a == null) {
            return;
        }
        if (a.mark() && nextSeq > before && !rows.isEmpty()) {
            int last = rows.size() - 1;
            rows.set(last, rows.get(last).withMark());
        }
        for (String note : a.notes()) {
            addRow(TranscriptRow.note(note, reply.nanos()));
        }
    }

    /** What taps asked to add to one reply's row: a mark, and notes to follow it. */
    private record Annotation(boolean mark, List<String> notes) {
        Annotation and(Annotation other) {
            List<String> all = new ArrayList<>(notes);
            all.addAll(other.notes);
            return new Annotation(mark || other.mark, List.copyOf(all));
        }
    }

    private void apply(ClientReply reply) {
        if (reply instanceof ClientReply.Received r) {
            Pairer.Pair pair = pairer.received(r.frame(), r.nanos());
            long seq = nextSeq;
            TranscriptRow row = pair != null ? TranscriptRow.reply(r.frame(), r.nanos(), pair.rttNanos(), pair.sendId())
                    : TranscriptRow.received(r.frame(), r.nanos());
            addRow(r.source() == null ? row : row.from(HostPort.of(r.source())));
            if (pair != null) {
                markAnswered(pair.sendId(), seq);
                stats.roundTrip(pair.rttNanos());
            }
            stats.received(r.frame().length());
            in = true;
            for (FrameListener l : frameListeners) {
                if (pair != null) {
                    l.roundTrip(pair.rttNanos(), r.nanos());
                }
                l.received(r.frame(), r.nanos());
            }
        } else if (reply instanceof ClientReply.Sent s) {
            Bytes payload = s.command().payload();
            long seq = addRow(TranscriptRow.sent(payload, s.wireBytes(), s.nanos()));
            pairer.sent(seq, payload, s.nanos());
            stats.sent(payload.length());
            out = true;
            for (FrameListener l : frameListeners) {
                l.sent(payload, s.nanos());
            }
        } else if (reply instanceof ClientReply.Connected c) {
            pairer.reset();
            String peer = HostPort.of(c.remote());
            String sentence;
            if (c.command() instanceof ClientCommand.Adopt) {
                sentence = peer + " connected (to local port " + c.local().getPort() + ")";
            } else if (c.command().options().udp()) {
                // UDP connects to nothing: the channel only hears this peer from now on.
                sentence = "talking udp with " + answered(c, peer) + " (from local port " + c.local().getPort() + ")";
            } else {
                sentence = "connected to " + answered(c, peer) + " (from local port " + c.local().getPort() + ")";
                if (c.command().options().proxy() != null) {
                    peer = target;
                }
            }
            addRow(TranscriptRow.event(sentence, c.nanos()));
            if (c.tls() != null) {
                addRow(TranscriptRow.event("secured with " + c.tls().summary(), c.nanos()));
                if (c.command().options().tls() != null && c.command().options().tls().insecure()) {
                    addRow(TranscriptRow.error(INSECURE, c.nanos()));
                }
            }
            attempt = 0;
            setStatus(new ConnectionStatus(ConnectionStatus.Phase.CONNECTED, sentence, false, peer, false));
            upAgain(c.nanos());
        } else if (reply instanceof ClientReply.Closed c) {
            pairer.reset();
            boolean failed = c.by() == ClientReply.By.ERROR;
            String sentence = c.by() == ClientReply.By.CLIENT ? "disconnected from " + target : c.reason();
            addRow(failed ? TranscriptRow.error(sentence, c.nanos()) : TranscriptRow.event(sentence, c.nanos()));
            setStatus(new ConnectionStatus(ConnectionStatus.Phase.IDLE, sentence, failed, null, false));
            for (FrameListener l : frameListeners) {
                l.closed(c);
            }
            if (c.by() != ClientReply.By.CLIENT) {
                maybeReconnect(c.nanos(), c.reason());
            }
        } else if (reply instanceof ClientReply.Error e) {
            addRow(TranscriptRow.error(e.message(), e.nanos()));
            setStatus(afterError(e, status));
            for (FrameListener l : frameListeners) {
                l.failed(e);
            }
            if (e.command() != null && e.command() == lastConnect) {
                if (e.cause().retryable()) {
                    // The first connect too: a device still booting refuses until it is up.
                    maybeReconnect(e.nanos(), e.message());
                } else if (attempt > 0 && reconnect != null && !disconnectAsked) {
                    giveUp("stopped reconnecting to " + target + ": trying again will not mend this.", e.nanos());
                }
            }
        } else if (reply instanceof ClientReply.Stopped) {
            setStatus(new ConnectionStatus(ConnectionStatus.Phase.STOPPED, "stopped", false, null, false));
        }
    }

    /**
     * Where a connect reached, for its sentence: the address that answered ({@code peer}); the
     * host as asked and the address that answered when the host was a name
     * ("localhost:50007, answered at 127.0.0.1:50007"); the host and the proxy gone through.
     */
    private String answered(ClientReply.Connected c, String peer) {
        ConnectOptions options = c.command().options();
        if (options.proxy() != null) {
            return target + " through " + options.proxy().describe();
        }
        String host = c.command() instanceof ClientCommand.Connect connect ? connect.host() : null;
        boolean literal = host == null || host.indexOf(':') >= 0 || host.matches("[0-9.]+");
        return literal || peer.equals(target) ? peer : target + ", answered at " + peer;
    }

    /** Marks the send in row {@code sentSeq} as answered, among the pending rows or for the caller to mark. */
    private void markAnswered(long sentSeq, long replySeq) {
        long firstPending = nextSeq - rows.size();
        if (sentSeq >= firstPending) {
            int i = (int) (sentSeq - firstPending);
            rows.set(i, rows.get(i).answeredBy(replySeq));
        } else {
            answered.add(new Changes.Answered(sentSeq, replySeq));
        }
    }

    private ConnectionStatus afterError(ClientReply.Error e, ConnectionStatus current) {
        if (e.command() instanceof ClientCommand.Connect c) {
            boolean offer = e.cause() == Failure.REFUSED && isThisMachine(c.host());
            if (!offer) {
                return new ConnectionStatus(ConnectionStatus.Phase.IDLE, e.message(), true, null, false);
            }
            String action = echoServerAction;
            String sentence = "connect to " + target + " failed: connection refused — start a server there"
                    + (action != null ? ", or press '" + action + "'." : ".");
            return new ConnectionStatus(ConnectionStatus.Phase.IDLE, sentence, true, null, true);
        }
        if (e.command() instanceof ClientCommand.Close && current.phase() == ConnectionStatus.Phase.CLOSING) {
            return new ConnectionStatus(ConnectionStatus.Phase.IDLE, "not connected", false, null, false);
        }
        return current;
    }

    /**
     * Connects again by {@code policy} after a connection opened by {@link #connect} ends by
     * the server or a failure; {@code null} never does. The waits are drawn from
     * {@code random}. Draining thread only; applies from the next end on.
     */
    public void setReconnect(ReconnectPolicy policy, RandomGenerator random) {
        this.reconnect = policy;
        this.random = Objects.requireNonNull(random, "random");
    }

    /** {@link #setReconnect(ReconnectPolicy, RandomGenerator)} with a fresh random source. */
    public void setReconnect(ReconnectPolicy policy) {
        setReconnect(policy, new java.util.Random());
    }

    /** The reconnect policy, or {@code null} for none. */
    public ReconnectPolicy reconnectPolicy() {
        return reconnect;
    }

    /**
     * The sentence reconnecting stopped with, its attempts used up or a failure that trying
     * again cannot mend ("gave up reconnecting to 127.0.0.1:50007 after 3 attempts: connection
     * refused (is a server listening on port 50007?)."), or {@code null} while it has not
     * stopped since the last {@link #connect}. The status reads the same sentence, idle and
     * failed, as it does after any failed connect; this tells the two apart. Draining thread
     * only, as the status listeners are called there: one sees it set with the status.
     */
    public String gaveUp() {
        return gaveUp;
    }

    /**
     * Sends {@code payload} whenever nothing has gone out for {@code every} while connected,
     * so that a peer or a middlebox that gives up quiet connections keeps this one; a frame
     * sent meanwhile puts the next heartbeat off. {@code null} stops it. The timing is this
     * session's scheduler thread's, not the drainer's. Any thread.
     *
     * @throws IllegalArgumentException with a sentence when {@code every} is not positive
     */
    public void setHeartbeat(Bytes payload, Duration every) {
        setHeartbeat(payload == null ? null : () -> payload, every);
    }

    /**
     * As {@link #setHeartbeat(Bytes, Duration)}, with each heartbeat's payload made when it is
     * due, on the scheduler thread: a library message's placeholders ({@code {{counter}}},
     * {@code {{time}}}, a field of the last frame) are filled in for every beat. A payload
     * that cannot be made (it throws {@link IllegalArgumentException}) skips that beat, and
     * its sentence is said in a note row once, until a beat goes out again.
     */
    public void setHeartbeat(java.util.function.Supplier<Bytes> payload, Duration every) {
        if (payload == null) {
            heartbeat = null;
            return;
        }
        if (every == null || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("heartbeat period " + every + " is not positive: use e.g. 10s.");
        }
        heartbeatNanos = every.toNanos();
        heartbeat = payload;
        if (!heartbeatTapped) {
            // Once: a heartbeat set again (a tab's settings changed) must not add a tap per change.
            heartbeatTapped = true;
            client.addTap(reply -> {
                if (reply instanceof ClientReply.Sent || reply instanceof ClientReply.Connected) {
                    lastOutNanos = reply.nanos();
                }
            });
        }
        if (heartbeatRunning.compareAndSet(false, true)) {
            ScheduledThreadPoolExecutor s = scheduler();
            if (s != null) {
                s.schedule(this::heartbeatDue, heartbeatNanos, TimeUnit.NANOSECONDS);
            } else {
                heartbeatRunning.set(false);
            }
        }
    }

    /** On the scheduler: sends the heartbeat if nothing went out for a period, and looks again when next due. */
    private void heartbeatDue() {
        java.util.function.Supplier<Bytes> beat = heartbeat;
        if (beat == null) {
            heartbeatRunning.set(false);
            // A heartbeat set again just now found this chain running and started none: go on for it.
            beat = heartbeat;
            if (beat == null || !heartbeatRunning.compareAndSet(false, true)) {
                return;
            }
        }
        long now = System.nanoTime();
        long due = lastOutNanos + heartbeatNanos;
        if (now - due >= 0) {
            if (status.isConnected()) {
                beat(beat);
            }
            lastOutNanos = now;
            due = now + heartbeatNanos;
        }
        ScheduledThreadPoolExecutor s = scheduler();
        if (s != null) {
            s.schedule(this::heartbeatDue, Math.max(0, due - now), TimeUnit.NANOSECONDS);
        }
    }

    /** Makes one heartbeat and hands it to the engine; a payload that cannot be made is said once. */
    private void beat(java.util.function.Supplier<Bytes> source) {
        Bytes payload;
        try {
            payload = source.get();
        } catch (IllegalArgumentException e) {
            // A message-less exception must not end the chain of beats with a NullPointerException.
            String why = Objects.requireNonNullElse(e.getMessage(), "its payload could not be made.");
            if (!why.equals(heartbeatFailed)) {
                heartbeatFailed = why;
                log.info("a heartbeat could not be made", e);
                note("heartbeat not sent: " + why);
            }
            return;
        }
        heartbeatFailed = null;
        if (!commands.offer(new ClientCommand.Send(payload))) {
            log.info("the command queue is full: a heartbeat was not sent");
        }
    }

    /** The scheduler thread, made on first use; null once shut down. */
    private ScheduledThreadPoolExecutor scheduler() {
        synchronized (downLock) {
            if (scheduler == null) {
                String name = client.getName().replace("client", "schedule");
                scheduler = new ScheduledThreadPoolExecutor(1, r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
                scheduler.setRemoveOnCancelPolicy(true);
            }
            return scheduler.isShutdown() ? null : scheduler;
        }
    }

    /**
     * While reconnecting, queues or counts a send: returns "" when queued or counted, a
     * sentence when refused because the queue is full, and null when not reconnecting.
     */
    private String queueWhileDown(Bytes payload) {
        synchronized (downLock) {
            if (!down) {
                return null;
            }
            ReconnectPolicy policy = reconnect;
            if (policy == null || !policy.replayQueued()) {
                dropped++;
                return "";
            }
            if (queued.size() >= policy.maxQueuedFrames()
                    || queuedBytes + payload.length() > policy.maxQueuedBytes()) {
                return "not connected, and " + queued.size() + " frames (" + queuedBytes
                        + " bytes) already wait for the reconnect: this one was not queued.";
            }
            queued.add(payload);
            queuedBytes += payload.length();
            return "";
        }
    }

    /**
     * After a connection ended by the server or a failure: schedules the next attempt, or gives
     * up, saying {@code why} the last one failed (the engine's sentence, or null).
     */
    private void maybeReconnect(long nanos, String why) {
        ReconnectPolicy policy = reconnect;
        ClientCommand.Connect connect = lastConnect;
        if (policy == null || connect == null || disconnectAsked) {
            return;
        }
        int next = attempt + 1;
        if (!policy.allows(next)) {
            String reason = reason(why);
            giveUp("gave up reconnecting to " + target + " after " + policy.maxAttempts()
                    + (policy.maxAttempts() == 1 ? " attempt" : " attempts")
                    + (reason == null ? "." : ": " + reason), nanos);
            return;
        }
        attempt = next;
        Duration wait = policy.delay(next, random);
        ScheduledThreadPoolExecutor s = scheduler();
        if (s == null) {
            return;
        }
        synchronized (downLock) {
            down = true;
            long generation = ++reconnectGeneration;
            pendingReconnect = s.schedule(() -> fireReconnect(generation, connect), wait.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
        String sentence = "reconnecting in " + seconds(wait) + ", attempt " + next
                + (policy.maxAttempts() > 0 ? " of " + policy.maxAttempts() : "");
        log.info("{} to {}", sentence, target);
        setStatus(new ConnectionStatus(ConnectionStatus.Phase.RECONNECTING, sentence, false, null, false));
    }

    /**
     * Why a connect or a connection failed, from the engine's sentence: what follows its
     * "failed: " ("connection refused (is a server listening on port 50007?)."), or the
     * sentence itself when it names no such part; null for none.
     */
    static String reason(String sentence) {
        if (sentence == null || sentence.isBlank()) {
            return null;
        }
        String s = sentence.strip();
        int at = s.indexOf(" failed: ");
        String reason = at < 0 ? s : s.substring(at + " failed: ".length());
        return reason.endsWith(".") ? reason : reason + ".";
    }

    /** Stops reconnecting with {@code sentence}: what was typed meanwhile is counted as dropped. */
    private void giveUp(String sentence, long nanos) {
        attempt = 0;
        gaveUp = sentence;
        addRow(TranscriptRow.error(sentence, nanos));
        endDown(nanos);
        setStatus(new ConnectionStatus(ConnectionStatus.Phase.IDLE, sentence, true, null, false));
    }

    /** On the scheduler: hands the connect over, unless cancelled meanwhile. */
    private void fireReconnect(long generation, ClientCommand.Connect connect) {
        synchronized (downLock) {
            if (generation != reconnectGeneration) {
                return;
            }
            pendingReconnect = null;
            if (!commands.offer(connect)) {
                log.warn("the command queue is full: the reconnect to {} was not asked for", connect.host());
            }
        }
    }

    /** Connected again: sends or states what waited meanwhile. Drainer only. */
    private void upAgain(long nanos) {
        endDown(nanos);
    }

    /** Leaves the reconnecting state: sends the queued frames in order, or states how many were dropped. */
    private void endDown(long nanos) {
        long lost;
        int replayed = 0;
        synchronized (downLock) {
            if (!down && dropped == 0 && queued.isEmpty()) {
                return;
            }
            boolean up = status.isConnected();
            Bytes b;
            while (up && (b = queued.poll()) != null) {
                if (commands.offer(new ClientCommand.Send(b))) {
                    replayed++;
                } else {
                    dropped++;
                }
            }
            dropped += queued.size();
            queued.clear();
            queuedBytes = 0;
            lost = dropped;
            dropped = 0;
            down = false;
        }
        if (replayed > 0) {
            addRow(TranscriptRow.note(replayed + (replayed == 1 ? " frame" : " frames")
                    + " typed while disconnected " + (replayed == 1 ? "was" : "were") + " sent.", nanos));
        }
        if (lost > 0) {
            addRow(TranscriptRow.note(lost + (lost == 1 ? " frame" : " frames") + " typed while disconnected "
                    + (lost == 1 ? "was" : "were") + " dropped.", nanos));
        }
    }

    /** Cancels the waiting reconnect for {@link #disconnect()}. */
    private String cancelReconnect() {
        boolean handedOver;
        synchronized (downLock) {
            reconnectGeneration++;
            handedOver = pendingReconnect == null;
            if (pendingReconnect != null) {
                pendingReconnect.cancel(false);
                pendingReconnect = null;
            }
        }
        attempt = 0;
        long now = clock.getAsLong();
        endDown(now);
        String sentence = "reconnecting to " + target + " cancelled.";
        addRow(TranscriptRow.event(sentence, now));
        if (handedOver && !commands.offer(new ClientCommand.Close())) {
            return busy();
        }
        setStatus(handedOver
                ? new ConnectionStatus(ConnectionStatus.Phase.CLOSING, sentence, false, null, false)
                : ConnectionStatus.idle(sentence));
        return null;
    }

    /** A wait as a person reads it: "4 s", "1.2 s", "350 ms". */
    static String seconds(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private void setStatus(ConnectionStatus next) {
        if (next.equals(status)) {
            return;
        }
        status = next;
        statusChanged = true;
        for (Consumer<ConnectionStatus> l : statusListeners) {
            l.accept(next);
        }
    }

    /** Whether {@code host} names this machine: localhost, 127.x.x.x or ::1. */
    public static boolean isThisMachine(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")
                || h.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * What a session's drain changed, for a view to apply at once.
     *
     * @param rows the new rows, in the engine's order; the first is numbered {@code firstSeq}
     * @param firstSeq the number of the first new row (the next number when there are none)
     * @param answered sends in earlier rows that a new row answers
     * @param status the new status, or {@code null} when it did not change
     * @param framesIn whether a frame came in
     * @param framesOut whether a frame went out
     */
    public record Changes(List<TranscriptRow> rows, long firstSeq, List<Answered> answered, ConnectionStatus status,
            boolean framesIn, boolean framesOut) {

        /** The send in row {@code sentSeq} is answered by the frame in row {@code replySeq}. */
        public record Answered(long sentSeq, long replySeq) {
        }

        /** Whether nothing changed. */
        public boolean isEmpty() {
            return rows.isEmpty() && answered.isEmpty() && status == null;
        }
    }
}
