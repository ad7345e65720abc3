package dev.tincan.relay;

import dev.tincan.client.NetworkErrors;
import dev.tincan.client.TlsHandshake;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.HostPort;
import dev.tincan.session.rules.Match;
import dev.tincan.session.rules.ReplyTemplate;
import dev.tincan.session.Placeholders;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between clients and their server: listens, and for each client that connects opens a
 * connection to the server and relays both directions, decoding each with its own framing.
 *
 * <pre>
 *   client ──► relay ──[UP: decode, hold?, rules, toxics]──► server
 *   client ◄── relay ◄──[DOWN: decode, hold?, rules, toxics]── server
 * </pre>
 *
 * <p>In pass-through every byte each side sends reaches the other in order, whatever the
 * framing makes of it. While a direction is held its frames wait (bounded by
 * {@link RelayConfig#holdFrames()} and {@link RelayConfig#holdBytes()}; past that the relay
 * stops reading that side and TCP pushes back) until a person forwards, edits or drops each.
 * Events wait in a bounded queue; when it is full the links wait, so nothing is dropped.
 * Every method may be called from any thread and none blocks on the network.
 */
public final class Relay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);
    /** How long {@link #close()} waits for the relay's threads, in all. */
    private static final long JOIN_MILLIS = 2000;

    private final RelayConfig config;
    private final ServerSocket listening;
    private final InetSocketAddress address;
    private final Events events;
    /**
     * Read every link in pass-through: one thread for what clients send (UP), one for what
     * the server sends (DOWN), so a link busy both ways, as an echo is, keeps two cores busy.
     */
    private final ReadLoop[] readLoops;
    private final String threadPrefix;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Link> links = new ConcurrentHashMap<>();
    /** Sockets of clients whose server is being reached; closed by {@link #close()}. */
    private final Set<Socket> connecting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger nextLink = new AtomicInteger();
    private final AtomicLong nextFrame = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final boolean[] holding = new boolean[2];
    private final Toxics[] toxics = {Toxics.NONE, Toxics.NONE};
    private volatile CompiledRule[] rules = new CompiledRule[0];
    private volatile boolean[] ruled = new boolean[2];
    private volatile boolean quiet;
    private volatile boolean closing;
    private final Placeholders.Context placeholders = new Placeholders.Context();

    /** Guards the hold: {@link #held}, {@link #room}, {@link #roomBytes}, {@link #heldNow}, {@link #holding}. */
    private final ReentrantLock holdLock = new ReentrantLock();
    private final Condition space = holdLock.newCondition();
    /** The frames held now, by id (so in the order they came per link direction). */
    private final TreeMap<Long, Held> held = new TreeMap<>();
    /** Per direction: frames held or forwarded and not yet written (what the limits count). */
    private final int[] room = new int[2];
    private final long[] roomBytes = new long[2];
    private final int[] heldNow = new int[2];

    /**
     * A frame in the hold: its exact wire bytes and the payload shown for it. {@code auto}
     * marks bytes the framing could not frame that arrived behind held frames: they are not
     * shown as held and leave by themselves once nothing held before them is left.
     */
    private record Held(Link link, Direction direction, long id, byte[] wire, Bytes payload, boolean auto) {
    }

    /** A rule ready to test frames. */
    private record CompiledRule(RelayRule rule, Function<Bytes, Match.Groups> matcher, ReplyTemplate template) {
    }

    /**
     * What the rules decided for one frame.
     *
     * @param drop whether it is dropped
     * @param wire the wire bytes to send instead, or null to send it as it came
     * @param payload the payload sent instead, or null
     * @param note a sentence to show, or null
     */
    record Verdict(boolean drop, byte[] wire, Bytes payload, String note) {
        static final Verdict PASS = new Verdict(false, null, null, null);
    }

    private Relay(RelayConfig config, ServerSocket listening, ReadLoop[] readLoops) {
        this.config = config;
        this.listening = listening;
        this.readLoops = readLoops;
        this.address = new InetSocketAddress(config.bind(), listening.getLocalPort());
        this.events = new Events(config.eventCapacity());
        this.threadPrefix = "tincan-relay-" + listening.getLocalPort();
    }

    /**
     * Binds and starts accepting clients.
     *
     * @throws IOException whose message is one sentence (see {@link Binding#bind})
     */
    public static Relay start(RelayConfig config) throws IOException {
        // Checked here so a bad framing for the max frame length fails at once, not per client.
        try {
            config.up().newDecoder(config.maxFrameLength());
            config.down().newDecoder(config.maxFrameLength());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        ServerSocket socket = Binding.bindChannel(config.bind(), config.port(), "relay");
        ReadLoop[] loops = new ReadLoop[Direction.values().length];
        try {
            for (Direction d : Direction.values()) {
                loops[d.ordinal()] = new ReadLoop();
            }
        } catch (IOException e) {
            for (ReadLoop l : loops) {
                if (l != null) {
                    l.discard();
                }
            }
            socket.close();
            throw new IOException("relay could not start reading: " + e.getMessage() + ".", e);
        }
        Relay relay = new Relay(config, socket, loops);
        for (Direction d : Direction.values()) {
            relay.newThread(loops[d.ordinal()], relay.threadPrefix + "-read-" + d.name().toLowerCase(Locale.ROOT))
                    .start();
        }
        relay.newThread(relay::acceptLoop, relay.threadPrefix + "-accept").start();
        return relay;
    }

    /** The settings it started with. */
    public RelayConfig config() {
        return config;
    }

    /** The address it listens on, with the port it got. */
    public InetSocketAddress address() {
        return address;
    }

    /** Moves up to {@code max} waiting events to {@code out}, in order, without waiting; returns how many. */
    public int drainTo(Collection<? super RelayEvent> out, int max) {
        return events.drainTo(out, max);
    }

    /** The next event, waiting up to {@code timeout}; null if none came. */
    public RelayEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        return events.poll(timeout, unit);
    }

    /**
     * Starts or stops holding frames in {@code direction}; stopping does not release what is held.
     * A frame already partly passed on when the hold starts passes whole. Frames that arrive
     * after the hold stops pass at once, ahead of frames still held.
     */
    public void hold(Direction direction, boolean on) {
        holdLock.lock();
        try {
            holding[direction.ordinal()] = on;
            space.signalAll();
        } finally {
            holdLock.unlock();
        }
    }

    /** Whether {@code direction} is held. */
    public boolean holding(Direction direction) {
        holdLock.lock();
        try {
            return holding[direction.ordinal()];
        } finally {
            holdLock.unlock();
        }
    }

    /** How many frames are held in {@code direction}. */
    public int heldCount(Direction direction) {
        holdLock.lock();
        try {
            return heldNow[direction.ordinal()];
        } finally {
            holdLock.unlock();
        }
    }

    /**
     * Forwards held frame {@code id} as it arrived; null when on its way, else why not in one sentence.
     * Held frames leave in the order they are forwarded: forwarding a later one first sends it
     * first and releases nothing else. The {@link RelayEvent.Released} follows once it is written.
     */
    public String forward(long id) {
        return release(id, null);
    }

    /**
     * Forwards held frame {@code id} with {@code payload} in its place, framed by its direction's framing.
     * When the framing cannot carry {@code payload} the frame stays held and the sentence says why.
     */
    public String forward(long id, Bytes payload) {
        Objects.requireNonNull(payload, "payload");
        return release(id, payload);
    }

    /** Drops held frame {@code id}: the other side never sees it. */
    public String drop(long id) {
        Held peek = peek(id);
        if (peek == null) {
            return notHeld(id);
        }
        Link link = peek.link();
        Outbound out = link.outbound(peek.direction());
        synchronized (out) {
            Held h = take(id);
            if (h == null) {
                return notHeld(id);
            }
            freeRoom(h.direction(), h.wire().length);
            out.insert(new byte[0], false, null, () -> postQuietly(
                    (seq, nanos) -> new RelayEvent.Released(link.id(), h.direction(), id, RelayEvent.Outcome.DROPPED,
                            null, seq, nanos)));
            link.heldChanged(h.direction(), -1);
            flushAuto(link, h.direction());
        }
        return null;
    }

    /** Forwards every frame held in {@code direction}, in order. */
    public String releaseAll(Direction direction) {
        List<Long> ids = new ArrayList<>();
        holdLock.lock();
        try {
            for (Held h : held.values()) {
                if (h.direction() == direction) {
                    ids.add(h.id());
                }
            }
        } finally {
            holdLock.unlock();
        }
        String first = null;
        int failed = 0;
        for (long id : ids) {
            String why = forward(id);
            if (why != null) {
                failed++;
                first = first == null ? why : first;
            }
        }
        return failed == 0 ? null
                : failed + " of " + ids.size() + " held frames were not forwarded; the first because: " + first;
    }

    /**
     * Sends {@code payload} as one frame into link {@code link}, towards the server (UP) or the client (DOWN).
     * It goes at the next frame boundary of that direction, after what is queued (when the
     * other side leaves a frame unfinished for {@link RelayConfig#injectWait()}, a
     * {@link RelayEvent.InjectWait} says so; see {@link #cancelInjected}, {@link #sendInjectedAnyway}); the
     * {@link RelayEvent.Frame} with fate {@link RelayEvent.Fate#INJECTED} is posted when its
     * turn comes, just before it is written, so it comes before the answer to it. Never waits: a full queue or a closed link gives a sentence instead.
     */
    public String inject(int link, Direction direction, Bytes payload) {
        Objects.requireNonNull(payload, "payload");
        Link l = links.get(link);
        if (l == null || l.closed()) {
            return "there is no link #" + link + " open: it closed or never opened.";
        }
        byte[] wire;
        try {
            wire = framing(direction).encode(payload);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        long id = nextFrameId();
        return l.outbound(direction).insert(wire, true, null, () -> {
            try {
                postFrame(l, direction, payload, id, RelayEvent.Fate.INJECTED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Takes the frames injected into link {@code link} towards {@code direction} that have not
     * gone yet off its queue, such as frames waiting for a frame the other side never finishes
     * ({@link RelayEvent.InjectWait}); a {@link RelayEvent.InjectWait} with
     * {@link RelayEvent.InjectWait.Kind#CANCELLED} says how many. Never waits.
     *
     * @return null when some were cancelled, else why not in one sentence
     */
    public String cancelInjected(int link, Direction direction) {
        Link l = links.get(link);
        if (l == null || l.closed()) {
            return "there is no link #" + link + " open: it closed or never opened.";
        }
        return l.outbound(direction).cancelInjected();
    }

    /**
     * Sends the frames waiting to go into link {@code link} towards {@code direction} now,
     * even inside the frame that is passing, which the other side then receives with them in
     * its middle; a {@link RelayEvent.InjectWait} with {@link RelayEvent.InjectWait.Kind#SENT_ANYWAY}
     * says so before they go. Never waits.
     *
     * @return null when some will go, else why not in one sentence
     */
    public String sendInjectedAnyway(int link, Direction direction) {
        Link l = links.get(link);
        if (l == null || l.closed()) {
            return "there is no link #" + link + " open: it closed or never opened.";
        }
        return l.outbound(direction).sendAnyway();
    }

    /** Sets the faults of {@code direction} for every link, from the next chunk on. */
    public void toxics(Direction direction, Toxics toxics) {
        Objects.requireNonNull(toxics, "toxics");
        synchronized (this.toxics) {
            this.toxics[direction.ordinal()] = toxics;
        }
    }

    /** The faults of {@code direction}. */
    public Toxics toxics(Direction direction) {
        synchronized (this.toxics) {
            return toxics[direction.ordinal()];
        }
    }

    /**
     * Replaces the rules applied to every decoded frame, from the next frame on.
     * While a direction has an enabled rule its frames are cut exactly, so a rule can drop or
     * replace one whole frame; that costs a copy of each frame.
     *
     * @throws IllegalArgumentException with one sentence when a pattern or template is bad
     */
    public void rules(List<RelayRule> rules) {
        List<CompiledRule> compiled = new ArrayList<>();
        boolean[] on = new boolean[2];
        for (RelayRule r : rules) {
            ReplyTemplate template = r.action() == RelayRule.Action.DROP ? null
                    : new ReplyTemplate(r.template(), false, r.match());
            compiled.add(new CompiledRule(r, r.match().matcher(), template));
            if (r.enabled()) {
                for (Direction d : Direction.values()) {
                    if (r.direction() == null || r.direction() == d) {
                        on[d.ordinal()] = true;
                    }
                }
            }
        }
        this.rules = compiled.toArray(new CompiledRule[0]);
        this.ruled = on;
    }

    /**
     * Stops (or starts again) the {@link RelayEvent.Frame} events of frames that pass
     * untouched (fate {@link RelayEvent.Fate#PASSED}); they are still decoded and counted in
     * {@link #links()}. Every other event still comes. For a relay nobody watches frame by
     * frame (the command line's {@code --quiet}, a throughput run): at small frames an event
     * per frame costs more than relaying it.
     */
    public void quiet(boolean on) {
        this.quiet = on;
    }

    /** Whether passed frames make no events (see {@link #quiet(boolean)}). */
    public boolean quiet() {
        return quiet;
    }

    /** The links open now, and their counts. */
    public List<LinkInfo> links() {
        List<LinkInfo> out = new ArrayList<>();
        for (Link l : links.values()) {
            if (!l.closed()) {
                out.add(l.info());
            }
        }
        out.sort(java.util.Comparator.comparingInt(LinkInfo::link));
        return out;
    }

    /**
     * Closes the listening socket and every link at once, so the port is free when this
     * returns, and waits a bounded time for the threads.
     */
    @Override
    public void close() {
        closing = true;
        events.closing();
        try {
            listening.close();
        } catch (IOException e) {
            log.debug("closing the relay's listening socket", e);
        }
        for (Socket s : connecting) {
            try {
                s.close();
            } catch (IOException e) {
                // Best effort.
            }
        }
        for (Link l : links.values()) {
            l.closeByRelay();
        }
        for (ReadLoop l : readLoops) {
            l.close();
        }
        holdLock.lock();
        try {
            space.signalAll();
        } finally {
            holdLock.unlock();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                t.interrupt();
            }
        }
        for (Thread t : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (t == Thread.currentThread() || left <= 0) {
                continue;
            }
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Thread t : threads) {
            if (t.isAlive() && t != Thread.currentThread()) {
                log.warn("relay thread {} still runs {} ms after close", t.getName(), JOIN_MILLIS);
            }
        }
    }

    // ---- for the links ----

    Events events() {
        return events;
    }

    /** The loop that reads {@code direction} of every link in pass-through. */
    ReadLoop readLoop(Direction direction) {
        return readLoops[direction.ordinal()];
    }

    boolean isClosing() {
        return closing;
    }

    String threadPrefix() {
        return threadPrefix;
    }

    long nextFrameId() {
        return nextFrame.incrementAndGet();
    }

    boolean hasRules(Direction direction) {
        return ruled[direction.ordinal()];
    }

    Framing framing(Direction direction) {
        return direction == Direction.UP ? config.up() : config.down();
    }

    /** A daemon thread of this relay, named, and known to {@link #close()}. */
    Thread newThread(Runnable body, String name) {
        Thread[] self = new Thread[1];
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                log.error("relay thread {} failed", Thread.currentThread().getName(), e);
            } finally {
                threads.remove(self[0]);
            }
        }, name);
        self[0] = t;
        t.setDaemon(true);
        threads.add(t);
        return t;
    }

    /** Posts a frame event, with the time since the link's previous frame taken in the same step. */
    void postFrame(Link link, Direction direction, Bytes payload, long id, RelayEvent.Fate fate)
            throws InterruptedException {
        events.post((seq, nanos) -> {
            long gap = link.lastFrameNanos == Long.MIN_VALUE ? 0 : nanos - link.lastFrameNanos;
            link.lastFrameNanos = nanos;
            return new RelayEvent.Frame(link.id(), direction, payload, id, fate, gap, seq, nanos);
        });
    }

    private void postQuietly(Events.Stamped event) {
        try {
            if (closing) {
                events.postIfRoom(event);
            } else {
                events.post(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the first enabled rule that matches decides for a frame. */
    Verdict judge(int link, Direction direction, Bytes payload) {
        for (CompiledRule r : rules) {
            RelayRule rule = r.rule();
            if (!rule.enabled() || rule.direction() != null && rule.direction() != direction) {
                continue;
            }
            Match.Groups groups = r.matcher().apply(payload);
            if (groups == null) {
                continue;
            }
            switch (rule.action()) {
                case DROP:
                    return new Verdict(true, null, null, null);
                case NOTE:
                    return new Verdict(false, null, null, expand(r, payload, groups, direction).utf8());
                default:
                    try {
                        Bytes replacement = expand(r, payload, groups, direction);
                        return new Verdict(false, framing(direction).encode(replacement), replacement, null);
                    } catch (IllegalArgumentException e) {
                        return new Verdict(false, null, null, "a rewrite rule could not replace a frame on link #" + link
                                + " " + direction.words() + ", so it passed as it came: " + e.getMessage());
                    }
            }
        }
        return Verdict.PASS;
    }

    private Bytes expand(CompiledRule r, Bytes payload, Match.Groups groups, Direction direction) {
        synchronized (placeholders) {
            placeholders.received(payload);
            return r.template().expand(payload, groups, placeholders);
        }
    }

    /**
     * Waits until the hold of {@code direction} has room for one more frame of {@code bytes},
     * and takes it. Says once, as a notice, that the relay stopped reading. Returns false,
     * taking nothing, when the hold was turned off (or the link or relay closed) meanwhile.
     */
    boolean awaitHoldRoom(Link link, Direction direction, int bytes) throws InterruptedException {
        int d = direction.ordinal();
        boolean noticed = false;
        holdLock.lockInterruptibly();
        try {
            while (true) {
                if (!holding[d] || closing || link.closed()) {
                    return false;
                }
                if (room[d] < config.holdFrames() && (room[d] == 0 || roomBytes[d] + bytes <= config.holdBytes())) {
                    room[d]++;
                    roomBytes[d] += bytes;
                    return true;
                }
                if (!noticed) {
                    noticed = true;
                    String sentence = "the hold " + direction.words() + " is full (" + room[d] + " frames, "
                            + roomBytes[d] + " bytes; the most is " + config.holdFrames() + " frames or "
                            + config.holdBytes() + " bytes): link #" + link.id() + " stops reading the "
                            + (direction == Direction.UP ? "client" : "server")
                            + " until held frames are forwarded or dropped.";
                    holdLock.unlock();
                    try {
                        events.post((seq, nanos) -> new RelayEvent.Notice(link.id(), sentence, seq, nanos));
                    } finally {
                        holdLock.lockInterruptibly();
                    }
                    continue;
                }
                space.await();
            }
        } finally {
            if (holdLock.isHeldByCurrentThread()) {
                holdLock.unlock();
            }
        }
    }

    /** Puts a frame in the hold; its room was taken by {@link #awaitHoldRoom}. */
    void hold(Link link, Direction direction, long id, byte[] wire, Bytes payload) {
        holdLock.lock();
        try {
            held.put(id, new Held(link, direction, id, wire, payload, false));
            heldNow[direction.ordinal()]++;
        } finally {
            holdLock.unlock();
        }
        link.heldChanged(direction, 1);
    }

    private Held take(long id) {
        holdLock.lock();
        try {
            Held h = held.get(id);
            if (h == null || h.auto()) {
                return null;
            }
            held.remove(id);
            heldNow[h.direction().ordinal()]--;
            return h;
        } finally {
            holdLock.unlock();
        }
    }

    private void freeRoom(Direction direction, int bytes) {
        holdLock.lock();
        try {
            room[direction.ordinal()]--;
            roomBytes[direction.ordinal()] -= bytes;
            space.signalAll();
        } finally {
            holdLock.unlock();
        }
    }

    private static String notHeld(long id) {
        return "frame #" + id + " is not held: it was forwarded or dropped already, or never held.";
    }

    private Held peek(long id) {
        holdLock.lock();
        try {
            Held h = held.get(id);
            return h == null || h.auto() ? null : h;
        } finally {
            holdLock.unlock();
        }
    }

    /**
     * Holds bytes the framing could not frame behind the frames of {@code link} still held in
     * {@code direction}, so they keep their place; they leave by themselves once nothing held
     * before them is left. Returns false, holding nothing, when nothing is held before them
     * (or the hold went off meanwhile): the caller passes them on at once.
     */
    boolean holdInOrder(Link link, Direction direction, byte[] bytes) throws InterruptedException {
        if (link.heldHere(direction) == 0 || !awaitHoldRoom(link, direction, bytes.length)) {
            return false;
        }
        long id = nextFrameId();
        synchronized (link.outbound(direction)) {
            holdLock.lock();
            try {
                held.put(id, new Held(link, direction, id, bytes, null, true));
            } finally {
                holdLock.unlock();
            }
            link.heldChanged(direction, 1);
            flushAuto(link, direction);
        }
        return true;
    }

    /**
     * Sends the bytes held behind frames of {@code link} in {@code direction} that no longer
     * have a held frame before them. Called holding the direction's outbound monitor, so what
     * is sent keeps its order.
     */
    private void flushAuto(Link link, Direction direction) {
        List<Held> ready = new ArrayList<>();
        holdLock.lock();
        try {
            for (Held h : held.values()) {
                if (h.link() != link || h.direction() != direction) {
                    continue;
                }
                if (!h.auto()) {
                    break;
                }
                ready.add(h);
            }
            for (Held h : ready) {
                held.remove(h.id());
            }
        } finally {
            holdLock.unlock();
        }
        Outbound out = link.outbound(direction);
        for (Held h : ready) {
            String why = out.insert(h.wire(), false, () -> freeRoom(direction, h.wire().length), () -> { });
            if (why != null) {
                freeRoom(direction, h.wire().length);
            }
            link.heldChanged(direction, -1);
        }
    }

    private String release(long id, Bytes edited) {
        Held h = peek(id);
        if (h == null) {
            return notHeld(id);
        }
        byte[] wire = h.wire();
        if (edited != null) {
            try {
                wire = framing(h.direction()).encode(edited);
            } catch (IllegalArgumentException e) {
                return "frame #" + id + " stays held: " + e.getMessage();
            }
        }
        Outbound out = h.link().outbound(h.direction());
        synchronized (out) {
            h = take(id);
            if (h == null) {
                return notHeld(id);
            }
            String why = send(h, wire, edited);
            flushAuto(h.link(), h.direction());
            return why;
        }
    }

    private String send(Held h, byte[] wire, Bytes edited) {
        long id = h.id();
        Held frame = h;
        Link link = h.link();
        Bytes sent = edited != null ? edited : h.payload();
        RelayEvent.Outcome outcome = edited != null ? RelayEvent.Outcome.EDITED : RelayEvent.Outcome.FORWARDED;
        String why = link.outbound(h.direction()).insert(wire, false,
                () -> freeRoom(frame.direction(), frame.wire().length),
                () -> postQuietly((seq, nanos) -> new RelayEvent.Released(link.id(), frame.direction(), id, outcome,
                        sent, seq, nanos)));
        if (why != null) {
            freeRoom(h.direction(), h.wire().length);
        }
        link.heldChanged(h.direction(), -1);
        return why == null ? null : "frame #" + id + " was not forwarded: " + why;
    }

    /** A link ended: it no longer counts against the cap, and what it held is let go. */
    void linkEnded(Link link) {
        links.remove(link.id(), link);
        open.decrementAndGet();
        List<Held> gone = new ArrayList<>();
        holdLock.lock();
        try {
            for (var it = held.values().iterator(); it.hasNext();) {
                Held h = it.next();
                if (h.link() == link) {
                    it.remove();
                    if (!h.auto()) {
                        heldNow[h.direction().ordinal()]--;
                    }
                    room[h.direction().ordinal()]--;
                    roomBytes[h.direction().ordinal()] -= h.wire().length;
                    gone.add(h);
                }
            }
            space.signalAll();
        } finally {
            holdLock.unlock();
        }
        if (!gone.isEmpty()) {
            String sentence = gone.size() + (gone.size() == 1 ? " held frame" : " held frames") + " of link #"
                    + link.id() + " went with it: the link closed before they were forwarded.";
            postQuietly((seq, nanos) -> new RelayEvent.Notice(link.id(), sentence, seq, nanos));
        }
    }

    private void acceptLoop() {
        while (!closing) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException e) {
                if (!closing) {
                    log.warn("relay on {} stopped accepting", address, e);
                }
                return;
            }
            InetSocketAddress remote = (InetSocketAddress) client.getRemoteSocketAddress();
            if (open.incrementAndGet() > config.maxClients()) {
                open.decrementAndGet();
                closeQuietly(client);
                String sentence = "client " + HostPort.of(remote) + " turned away: " + config.maxClients()
                        + (config.maxClients() == 1 ? " client is" : " clients are")
                        + " connected (the cap); close one or raise --max-clients.";
                postQuietly((seq, nanos) -> new RelayEvent.Refused(remote, sentence, seq, nanos));
                continue;
            }
            connecting.add(client);
            int n = connections.incrementAndGet();
            newThread(() -> connect(client, remote), threadPrefix + "-connect-" + n).start();
        }
    }

    /**
     * Reaches the server for one client, then hands the link to the read loops. Where a side
     * speaks TLS its handshake runs here, on the client's own thread and within the connect
     * timeout, before the link joins any read loop: the client's first (a client that does not
     * speak TLS costs no connection to the server), then the server's. A failed handshake turns
     * that client away with one sentence; the other links never notice.
     */
    private void connect(Socket client, InetSocketAddress remote) {
        long timeout = config.connectTimeout().toMillis();
        SSLSocket clientTls = null;
        if (config.listenTls() != null) {
            try {
                client.setTcpNoDelay(true);
                clientTls = TlsHandshake.asServer(client, config.listenTls(), timeout);
            } catch (TlsHandshake.Failed e) {
                turnAway(client, null, remote, "TLS with the client failed: " + e.getMessage() + ".", e);
                return;
            } catch (IOException e) {
                turnAway(client, null, remote, "the relay could not set up its socket: "
                        + NetworkErrors.describe(e) + ".", e);
                return;
            }
        }
        Socket server;
        try {
            server = SocketChannel.open().socket();
        } catch (IOException e) {
            turnAway(client, null, remote, "the relay could not open a socket: " + e.getMessage() + ".", null);
            return;
        }
        connecting.add(server);
        Link link = null;
        try {
            long deadline = System.nanoTime() + config.connectTimeout().toNanos();
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                server.connect(new InetSocketAddress(config.targetHost(), config.targetPort()),
                        (int) Math.min(Integer.MAX_VALUE, timeout));
            } catch (IOException e) {
                turnAway(client, server, remote, NetworkErrors.connectFailed(config.targetHost(),
                        config.targetPort(), e, timeout), null);
                return;
            }
            SSLSocket serverTls = null;
            if (config.targetTls() != null) {
                try {
                    // One timeout for both, as for a connection: the handshake gets what the connect left.
                    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
                    serverTls = TlsHandshake.asClient(server, config.targetTls(), config.targetHost(),
                            config.targetPort(), left);
                } catch (TlsHandshake.Failed e) {
                    turnAway(client, server, remote, "connect to " + HostPort.of(config.targetHost(),
                            config.targetPort()) + " failed: " + e.getMessage() + ".", e);
                    return;
                }
            }
            int id = nextLink.incrementAndGet();
            try {
                link = new Link(this, id, client, clientTls, server, serverTls);
            } catch (IOException e) {
                open.decrementAndGet();
                closeQuietly(client);
                closeQuietly(server);
                return;
            }
            if (clientTls != null || serverTls != null) {
                log.info("relay link #{}: client {}{}, server {}{}", id, HostPort.of(remote),
                        clientTls == null ? "" : " (" + TlsHandshake.summary(clientTls) + ")",
                        HostPort.of(config.targetHost(), config.targetPort()),
                        serverTls == null ? "" : " (" + TlsHandshake.summary(serverTls) + ")");
            }
            links.put(id, link);
            if (closing) {
                link.closeByRelay();
                return;
            }
            Link opened = link;
            postQuietly((seq, nanos) -> new RelayEvent.Opened(id, opened.clientAddress(), opened.serverAddress(), seq,
                    nanos));
        } finally {
            connecting.remove(client);
            connecting.remove(server);
        }
        link.start(readLoops[Direction.UP.ordinal()], readLoops[Direction.DOWN.ordinal()]);
    }

    /**
     * Closes a client the relay could not link, with the sentence "client ADDRESS turned away:
     * {@code why}" (unless the relay is closing, which says enough).
     */
    private void turnAway(Socket client, Socket server, InetSocketAddress remote, String why, IOException cause) {
        open.decrementAndGet();
        connecting.remove(client);
        closeQuietly(client);
        if (server != null) {
            closeQuietly(server);
        }
        if (closing) {
            return;
        }
        String sentence = "client " + HostPort.of(remote) + " turned away: " + why;
        if (cause != null) {
            log.info("relay on {}: {}", address, sentence, cause);
        }
        postQuietly((seq, nanos) -> new RelayEvent.Refused(remote, sentence, seq, nanos));
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Best effort.
        }
    }

    /**
     * One client's link as it is now.
     *
     * @param link the link's number, from 1
     * @param client the client's address
     * @param server the server's address as reached
     * @param framesUp frames decoded from the client
     * @param framesDown frames decoded from the server
     * @param bytesUp bytes forwarded to the server
     * @param bytesDown bytes forwarded to the client
     */
    public record LinkInfo(int link, InetSocketAddress client, InetSocketAddress server, long framesUp,
            long framesDown, long bytesUp, long bytesDown) {
    }
}
