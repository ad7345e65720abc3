package dev.tincan.relay;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ReplyTap;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.HostPort;
import dev.tincan.session.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Be the server a device calls: listens, and runs every client it accepts as a
 * {@link Session} of its own (the same engine, transcript, pairing, rules and recording as a
 * connection Tincan opens, through {@link Session#adopt}). Whoever owns the listener drains
 * each client's session, as the window's timer or a command line's thread does for any
 * session, and drains the listener's own events: who came, who was turned away.
 *
 * <p>At most {@link ListenConfig#maxClients()} clients are connected at once; one more is
 * closed at once with a {@link Event.TurnedAway} that says why. Every method may be called
 * from any thread.
 */
public final class Listener implements AutoCloseable {
    /** Events that may wait for the owner; when full, the accepting thread waits (see {@link #drainTo}). */
    public static final int EVENT_CAPACITY = 1024;
    /**
     * Clients whose connection ended that {@link #clients()} still lists; the eldest beyond
     * this are dropped from the list (their sessions are the owner's, who had them from
     * {@link Event.Accepted}). With at most {@link ListenConfig#maxClients()} connected, the
     * list holds at most that many plus this.
     */
    public static final int MAX_ENDED_KEPT = 1000;
    /** How long {@link #close()} waits for the accepting thread to end. */
    private static final long JOIN_MILLIS = 5_000;
    /** How long the accepting thread waits after a failed accept before the next (e.g. out of file descriptors). */
    private static final long ACCEPT_RETRY_MILLIS = 100;
    /** Refusals a {@link #broadcast} names one by one; the rest are counted. */
    private static final int NAMED_REFUSALS = 5;

    private static final Logger log = LoggerFactory.getLogger(Listener.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ListenConfig config;
    private final ServerSocket server;
    private final InetSocketAddress address;
    private final Thread acceptor;
    private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(EVENT_CAPACITY);
    /** The clients listed, by id, in the order they came; guarded by itself. */
    private final Map<Integer, Entry> clients = new LinkedHashMap<>();
    /** Clients accepted whose connection has not ended. */
    private final AtomicInteger live = new AtomicInteger();
    private volatile boolean closed;
    /** The id the next client gets; accepting thread only. */
    private int nextId = 1;

    private Listener(ListenConfig config, ServerSocket server) {
        this.config = config;
        this.server = server;
        this.address = (InetSocketAddress) server.getLocalSocketAddress();
        this.acceptor = new Thread(this::acceptLoop, "tincan-listen-" + THREADS.incrementAndGet());
        acceptor.setDaemon(true);
    }

    /**
     * Binds and starts accepting.
     *
     * @throws IOException whose message is one sentence (see {@link Binding#bind})
     */
    public static Listener start(ListenConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        Listener listener = new Listener(config, Binding.bind(config.bind(), config.port(), "listen"));
        listener.acceptor.start();
        return listener;
    }

    /** The settings it started with. */
    public ListenConfig config() {
        return config;
    }

    /** The address it listens on, with the port it got. */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * Moves up to {@code max} waiting events to {@code out}, in order, without waiting; returns how many.
     *
     * <p>At most {@link #EVENT_CAPACITY} events wait. When that many do, the accepting thread
     * waits for room before it accepts the next client, so new clients wait in the kernel's
     * backlog: an {@link Event.Accepted} carries a session the owner must drain, and dropping
     * one would leave a session nobody drains.
     */
    public int drainTo(Collection<? super Event> out, int max) {
        return events.drainTo(out, max);
    }

    /** The next event, waiting up to {@code timeout}; null if none came. */
    public Event poll(long timeout, TimeUnit unit) throws InterruptedException {
        return events.poll(timeout, unit);
    }

    /**
     * The clients accepted and not yet forgotten, connected or not, in the order they came.
     * Of those whose connection ended, only the latest {@link #MAX_ENDED_KEPT} are listed.
     */
    public List<Client> clients() {
        synchronized (clients) {
            List<Client> list = new ArrayList<>(clients.size());
            for (Entry e : clients.values()) {
                list.add(e.client);
            }
            return list;
        }
    }

    /** How many clients are connected now. */
    public int connected() {
        return live.get();
    }

    /** Client {@code id}, or null if there is none or it was forgotten. */
    public Client client(int id) {
        synchronized (clients) {
            Entry e = clients.get(id);
            return e == null ? null : e.client;
        }
    }

    /** Whether client {@code id} is listed and its connection has not ended. */
    public boolean isConnected(int id) {
        synchronized (clients) {
            Entry e = clients.get(id);
            return e != null && !e.ended.get();
        }
    }

    /** Shuts down client {@code id}'s session and forgets it; false if there was none. */
    public boolean forget(int id) {
        Entry e;
        synchronized (clients) {
            e = clients.remove(id);
        }
        if (e == null) {
            return false;
        }
        e.shutDown();
        return true;
    }

    /**
     * Sends {@code payload} as one frame to every connected client. Null when it is on its way
     * to all of them, else one sentence naming those that refused and why. When no client is
     * connected, nothing is sent and the sentence says so. Never waits: a client whose
     * connection the owner has not yet seen open still gets the frame, after its connection.
     */
    public String broadcast(Bytes payload) {
        Objects.requireNonNull(payload, "payload");
        List<Entry> open = new ArrayList<>();
        synchronized (clients) {
            for (Entry e : clients.values()) {
                if (!e.ended.get()) {
                    open.add(e);
                }
            }
        }
        if (open.isEmpty()) {
            return "no client is connected, so nothing was sent.";
        }
        List<String> refusals = new ArrayList<>();
        int refused = 0;
        for (Entry e : open) {
            Session session = e.client.session();
            // The session's own check when its drainer has seen the connection open; before
            // that the send follows the queued takeover, as a rule's answer does.
            String why = session.status().isConnected() ? session.send(payload) : session.sendAsap(payload);
            if (why != null) {
                refused++;
                if (refusals.size() < NAMED_REFUSALS) {
                    refusals.add(e.client.label() + ": " + stripPeriod(why));
                }
            }
        }
        if (refused == 0) {
            return null;
        }
        String more = refused > refusals.size() ? "; and " + (refused - refusals.size()) + " more" : "";
        return "not sent to " + refused + " of " + open.size() + (open.size() == 1 ? " client (" : " clients (")
                + String.join("; ", refusals) + more + ").";
    }

    private static String stripPeriod(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    /**
     * Closes the listening socket, so the port is free when this returns, and shuts down every
     * client's session (their last replies still come to whoever drains them).
     */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            log.warn("closing the listening socket on {} failed", HostPort.of(address), e);
        }
        acceptor.interrupt();
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (acceptor.isAlive()) {
                log.warn("{} did not end within {} ms of the close", acceptor.getName(), JOIN_MILLIS);
            }
        }
        List<Entry> all;
        synchronized (clients) {
            all = new ArrayList<>(clients.values());
        }
        for (Entry e : all) {
            e.shutDown();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                log.warn("accepting a client on {} failed; trying again", HostPort.of(address), e);
                try {
                    Thread.sleep(ACCEPT_RETRY_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                }
                continue;
            }
            try {
                take(socket);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("taking a client on {} failed", HostPort.of(address), e);
                closeQuietly(socket);
            }
        }
    }

    /** Gives {@code socket} a session, or turns it away; accepting thread only. */
    private void take(Socket socket) throws InterruptedException {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        long now = System.nanoTime();
        if (remote == null) {
            closeQuietly(socket);
            return;
        }
        int cap = config.maxClients();
        if (live.get() >= cap) {
            closeQuietly(socket);
            publish(new Event.TurnedAway(remote, "client " + HostPort.of(remote) + " turned away: " + cap
                    + (cap == 1 ? " client is" : " clients are") + " connected (the cap); disconnect one or raise "
                    + "--max-clients.", now));
            return;
        }
        Session session = new Session();
        Client client = new Client(nextId, remote, session, now);
        Entry entry = new Entry(client, socket);
        session.addTap(entry);
        session.start();
        String refused;
        try {
            config.setup().accept(session);
            refused = session.adopt(socket, config.options(), config.tls());
        } catch (RuntimeException e) {
            log.error("setting up the session of {} failed", HostPort.of(remote), e);
            refused = "setting up its session failed (" + e.getMessage() + "); the details are in the log.";
            closeQuietly(socket);
        }
        if (refused != null) {
            session.shutdown();
            session.awaitStopped(JOIN_MILLIS);
            publish(new Event.TurnedAway(remote, "client " + HostPort.of(remote) + " turned away: "
                    + stripPeriod(refused) + ".", now));
            return;
        }
        nextId++;
        live.incrementAndGet();
        entry.counted = true;
        if (entry.ended.get() && entry.uncount()) {
            // Ended before it was counted: its tap could not free the slot.
            live.decrementAndGet();
        }
        synchronized (clients) {
            clients.put(client.id(), entry);
            dropEldestEnded();
        }
        publish(new Event.Accepted(client, now));
    }

    /** Drops the eldest ended clients beyond {@link #MAX_ENDED_KEPT} from the list; holding {@link #clients}. */
    private void dropEldestEnded() {
        int ended = 0;
        for (Entry e : clients.values()) {
            if (e.ended.get()) {
                ended++;
            }
        }
        Iterator<Entry> it = clients.values().iterator();
        while (ended > MAX_ENDED_KEPT && it.hasNext()) {
            if (it.next().ended.get()) {
                it.remove();
                ended--;
            }
        }
    }

    /**
     * Queues {@code event}, waiting for room (see {@link #drainTo}). When the close interrupts
     * the wait, one last try without waiting; an event that still finds no room is logged.
     */
    private void publish(Event event) throws InterruptedException {
        try {
            events.put(event);
        } catch (InterruptedException e) {
            if (!events.offer(event)) {
                log.warn("{}: no room for {} at the close; it was not queued", HostPort.of(address), event);
            }
            throw e;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing a client's socket failed", e);
        }
    }

    /** One listed client, and whether its connection has ended, as its session's tap sees it. */
    private final class Entry implements ReplyTap {
        final Client client;
        final AtomicBoolean ended = new AtomicBoolean();
        /** The accepted socket, until the client thread has taken it over (or refused it). */
        private final Socket socket;
        /** Whether the client thread has answered the takeover, so the socket is its to close. */
        private volatile boolean opened;
        /** Whether it holds a slot in {@link #live}; set by the accepting thread once counted. */
        volatile boolean counted;
        private final AtomicBoolean uncounted = new AtomicBoolean();

        Entry(Client client, Socket socket) {
            this.client = client;
            this.socket = socket;
        }

        /**
         * Shuts the session down. Its shutdown drops the commands still queued, the takeover
         * among them when the client thread has not reached it yet: then nothing else would
         * close the socket, so this does.
         */
        void shutDown() {
            client.session().shutdown();
            if (!opened) {
                closeQuietly(socket);
            }
        }

        @Override
        public void tapped(ClientReply reply) {
            if (reply instanceof ClientReply.Connected
                    || (reply instanceof ClientReply.Error e && e.command() instanceof ClientCommand.Adopt)) {
                opened = true;
            }
            boolean end = reply instanceof ClientReply.Closed || reply instanceof ClientReply.Stopped
                    || (reply instanceof ClientReply.Error e && e.command() instanceof ClientCommand.Adopt);
            if (end && ended.compareAndSet(false, true) && counted && uncount()) {
                live.decrementAndGet();
            }
        }

        /** Whether this call is the one that frees the slot: true once. */
        boolean uncount() {
            return uncounted.compareAndSet(false, true);
        }
    }

    /**
     * One accepted client.
     *
     * @param id its number within the listener, from 1
     * @param remote where it connected from
     * @param session its conversation; drained by the listener's owner
     * @param acceptedNanos when it was accepted, from {@link System#nanoTime()}
     */
    public record Client(int id, InetSocketAddress remote, Session session, long acceptedNanos) {
        /** How the client is named to a person: {@code #3 127.0.0.1:53122}. */
        public String label() {
            return "#" + id + " " + dev.tincan.codec.HostPort.of(remote);
        }
    }

    /** What happened at the listening socket. */
    public sealed interface Event {
        /** When it happened, from {@link System#nanoTime()}. */
        long nanos();

        /** A client connected and has its session. */
        record Accepted(Client client, long nanos) implements Event {
        }

        /** A client was closed at once; {@code sentence} says why (e.g. the cap). */
        record TurnedAway(InetSocketAddress remote, String sentence, long nanos) implements Event {
        }
    }
}
