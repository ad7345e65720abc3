package dev.tincan.relay;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.HostPort;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Be the UDP server a device sends to: one datagram channel bound to a port, a reader thread
 * that turns every datagram into an {@link Event.Datagram} naming the {@link Peer} it came
 * from, and {@link #send} to answer any address. There is no connection: a peer is an
 * address that has sent something, numbered from #1 in the order they were first heard.
 *
 * <pre>
 *   peers ──datagram──► channel ──► tincan-listen-udp-N ──► events (bounded) ──► owner
 *   owner ──send(to, payload)──► channel ──datagram──► peer
 * </pre>
 *
 * <ul>
 * <li>Every datagram is read whole (the buffer is larger than any datagram can be); one
 *     longer than the max frame length becomes an {@link Event.Skipped} with a sentence.
 * <li>At most {@link #MAX_PEERS} peers are remembered; the one heard from least recently is
 *     forgotten to make room, and its number is not given again.
 * <li>When the owner does not drain the events the reader waits; meanwhile datagrams wait in
 *     the system's receive buffer, which drops what does not fit, as UDP does.
 * </ul>
 *
 * <p>Every method may be called from any thread.
 */
public final class DatagramListener implements AutoCloseable {
    /** Events that may wait for the owner; when full, the reader waits. */
    public static final int EVENT_CAPACITY = 4096;
    /** Peers remembered at once. */
    public static final int MAX_PEERS = 1000;
    /** The longest UDP payload over IPv4; {@link #send} refuses a longer one to an IPv4 address. */
    public static final int MAX_DATAGRAM_IPV4 = 65_507;
    /** The longest UDP payload over IPv6 without jumbograms. */
    public static final int MAX_DATAGRAM_IPV6 = 65_527;
    /** Larger than any UDP payload, so a read never cuts a datagram. */
    private static final int RECEIVE_BUFFER = 65_536;
    private static final long JOIN_MILLIS = 5_000;
    private static final Logger log = LoggerFactory.getLogger(DatagramListener.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** An address that has sent a datagram, numbered from 1 in the order first heard. */
    public record Peer(int id, InetSocketAddress address) {
        /** Rejects a null address. */
        public Peer {
            Objects.requireNonNull(address, "address");
        }

        /** {@code #1 127.0.0.1:53122}. */
        public String label() {
            return "#" + id + " " + HostPort.of(address);
        }
    }

    /** What the reader has for the owner. */
    public sealed interface Event {
        /** A datagram arrived from {@code peer}; {@code nanos} from {@link System#nanoTime()}. */
        record Datagram(Peer peer, Bytes payload, long nanos) implements Event {
        }

        /** A datagram from {@code peer} was longer than the max frame length and was skipped. */
        record Skipped(Peer peer, String sentence) implements Event {
        }

        /** Reading failed and the listener stopped; {@code sentence} says why. */
        record Failed(String sentence) implements Event {
        }
    }

    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final int maxFrameLength;
    private final Thread reader;
    private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(EVENT_CAPACITY);
    /** Peers by address, least recently heard first; guarded by itself, with {@link #byId}. */
    private final LinkedHashMap<InetSocketAddress, Peer> peers = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Integer, Peer> byId = new HashMap<>();
    private Peer last;
    private int nextId = 1;
    private volatile boolean closed;

    private DatagramListener(DatagramChannel channel, int maxFrameLength) throws IOException {
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.maxFrameLength = maxFrameLength;
        this.reader = new Thread(this::readLoop, "tincan-listen-udp-" + THREADS.incrementAndGet());
        reader.setDaemon(true);
    }

    /**
     * Binds {@code bind}:{@code port} (0 picks a free port) and starts reading.
     *
     * @throws IOException whose message is one sentence, e.g. "listen on udp 127.0.0.1:50007
     *     failed: the port is in use; pick another port or stop what holds it."
     */
    public static DatagramListener start(InetAddress bind, int port, int maxFrameLength) throws IOException {
        dev.tincan.codec.Framing.checkMaxFrameLength(maxFrameLength);
        DatagramChannel channel = Binding.bindDatagram(bind, port, "listen on udp");
        DatagramListener listener = new DatagramListener(channel, maxFrameLength);
        listener.reader.start();
        log.info("listening for udp on {}", HostPort.of(listener.address));
        return listener;
    }

    /** The address and port bound. */
    public InetSocketAddress address() {
        return address;
    }

    /** The next event, waiting at most {@code timeout}; null if none came. */
    public Event poll(long timeout, TimeUnit unit) throws InterruptedException {
        return events.poll(timeout, unit);
    }

    /** Moves up to {@code max} waiting events to {@code into}, without waiting; returns how many. */
    public int drainTo(Collection<? super Event> into, int max) {
        return events.drainTo(into, max);
    }

    /** Peer #{@code id}, or null if there was none or it was forgotten. */
    public Peer peer(int id) {
        synchronized (peers) {
            return byId.get(id);
        }
    }

    /** The peer the last datagram came from, or null before the first. */
    public Peer lastSender() {
        synchronized (peers) {
            return last;
        }
    }

    /**
     * Sends {@code payload} as one datagram to {@code to}; returns null when it went out, or
     * one sentence saying why not (too long for a datagram, the listener closed, the system
     * refused).
     */
    public String send(InetSocketAddress to, Bytes payload) {
        int max = to.getAddress() instanceof Inet6Address ? MAX_DATAGRAM_IPV6 : MAX_DATAGRAM_IPV4;
        String where = HostPort.of(to);
        if (payload.length() > max) {
            return "not sent to " + where + ": the message is " + payload.length() + " bytes, and one udp datagram "
                    + "carries at most " + max + " bytes.";
        }
        try {
            channel.send(ByteBuffer.wrap(payload.toByteArray()), to);
            return null;
        } catch (ClosedChannelException e) {
            return "not sent to " + where + ": the listener is closed.";
        } catch (IOException e) {
            log.info("sending to udp {} failed", where, e);
            return "not sent to " + where + ": " + e.getMessage() + ".";
        }
    }

    /** Stops reading and closes the port; waits, bounded, for the reader. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing the udp channel on {} failed", address, e);
        }
        reader.interrupt();
        try {
            reader.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            log.warn("{} did not stop within {} ms of closing", reader.getName(), JOIN_MILLIS);
        }
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(RECEIVE_BUFFER);
        try {
            while (!closed) {
                buf.clear();
                InetSocketAddress from;
                try {
                    from = (InetSocketAddress) channel.receive(buf);
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                    // An unconnected channel hears no ICMP errors: this is the system's trouble.
                    log.warn("reading udp on {} failed", HostPort.of(address), e);
                    events.put(new Event.Failed("reading udp on " + HostPort.of(address) + " failed: "
                            + e.getMessage() + "."));
                    return;
                }
                long nanos = System.nanoTime();
                Peer peer = heard(from);
                int n = buf.position();
                if (n > maxFrameLength) {
                    events.put(new Event.Skipped(peer, "a datagram of " + n + " bytes from " + peer.label()
                            + " is longer than the max frame length of " + maxFrameLength + " bytes; it was skipped."));
                } else {
                    events.put(new Event.Datagram(peer, Bytes.adopt(Arrays.copyOf(buf.array(), n)), nanos));
                }
            }
        } catch (InterruptedException e) {
            // Closing.
        } catch (RuntimeException | Error e) {
            log.error("the udp reader on {} failed", HostPort.of(address), e);
            events.offer(new Event.Failed("reading udp on " + HostPort.of(address) + " failed unexpectedly: " + e
                    + " (see the log)."));
        }
    }

    /** The peer {@code from} is, numbered if new, forgetting the least recently heard beyond the cap. */
    private Peer heard(InetSocketAddress from) {
        synchronized (peers) {
            Peer peer = peers.get(from);
            if (peer == null) {
                peer = new Peer(nextId++, from);
                peers.put(from, peer);
                byId.put(peer.id(), peer);
                if (peers.size() > MAX_PEERS) {
                    Map.Entry<InetSocketAddress, Peer> eldest = peers.entrySet().iterator().next();
                    peers.remove(eldest.getKey());
                    byId.remove(eldest.getValue().id());
                    log.info("forgot udp peer {}: {} peers are remembered at most", eldest.getValue().label(),
                            MAX_PEERS);
                }
            }
            last = peer;
            return peer;
        }
    }
}
