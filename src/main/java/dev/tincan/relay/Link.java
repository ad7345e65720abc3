package dev.tincan.relay;

import dev.tincan.client.NetworkErrors;
import dev.tincan.codec.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's link through a relay: the client's socket, the server's, and a reader per
 * direction that decodes what it reads and passes it on through that direction's
 * {@link Outbound}. In pass-through each reader runs on its direction's {@link ReadLoop}; a
 * direction that is held or has rules gets a thread of its own from its next read on, for
 * as long as the link lasts, since deciding each frame may wait.
 *
 * <p>Pass-through forwards the bytes as read, straight from the read buffer, and decodes
 * them only to report frames, so every byte reaches the other side in order however the
 * framing sees it. While the direction is held or has rules, the reader cuts the stream into
 * frames ({@link Cutter#feedExact}) and each frame's wire bytes are passed, held, dropped or
 * replaced; a frame already partly passed when that began passes whole. Bytes the framing
 * cannot frame are always passed on, and reported as {@link RelayEvent.Broken}.
 *
 * <p>A side that speaks TLS ({@link RelayConfig#listenTls()}, {@link RelayConfig#targetTls()})
 * arrives here with its handshake done, and stays in blocking mode: both readers of such a
 * link then run on threads of their own from the start, never on a {@link ReadLoop}, since a
 * TLS read or write may wait inside the TLS engine (a record arriving in parts) where a
 * selector cannot see it. What the readers decode, and what a person injects or holds, is
 * the plaintext.
 *
 * <p>The end of a stream is passed on as a half-close (once held frames of that direction
 * are gone); when both directions have ended the link closes with one {@link RelayEvent.Closed}.
 * A read or write failure, or the reset toxic, resets both sides at once.
 */
final class Link {
    private static final Logger log = LoggerFactory.getLogger(Link.class);
    /** The read buffer of each direction. */
    static final int BUFFER = 128 * 1024;

    private final Relay relay;
    private final int id;
    private final Socket client;
    private final Socket server;
    /** The client's TLS socket over {@link #client}, or null when it speaks plain TCP. */
    private final SSLSocket clientTls;
    /** The server's TLS socket over {@link #server}, or null when it speaks plain TCP. */
    private final SSLSocket serverTls;
    private final InetSocketAddress clientAddress;
    private final InetSocketAddress serverAddress;
    private final Outbound toServer;
    private final Outbound toClient;
    private final AtomicIntegerArray held = new AtomicIntegerArray(2);
    private final AtomicLongArray frames = new AtomicLongArray(2);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** When the last frame event of this link was stamped; guarded by the relay's event lock. */
    long lastFrameNanos = Long.MIN_VALUE;
    private final Object ends = new Object();
    /** Guarded by {@link #ends}: which side's stream ended first, or null. */
    private Direction firstEnded;
    /** Guarded by {@link #ends}: how many outputs were shut after their stream ended. */
    private int shut;
    /** The selector of each direction's reader once it has a thread of its own, else null. */
    private final AtomicReferenceArray<Selector> readers = new AtomicReferenceArray<>(2);

    /**
     * A link between {@code client} and {@code server}, each speaking TLS over its socket
     * when its TLS socket (handshake done) is given, else plain TCP.
     */
    Link(Relay relay, int id, Socket client, SSLSocket clientTls, Socket server, SSLSocket serverTls)
            throws IOException {
        this.relay = relay;
        this.id = id;
        this.client = client;
        this.server = server;
        this.clientTls = clientTls;
        this.serverTls = serverTls;
        this.clientAddress = (InetSocketAddress) client.getRemoteSocketAddress();
        this.serverAddress = (InetSocketAddress) server.getRemoteSocketAddress();
        if (clientTls == null) {
            client.getChannel().configureBlocking(false);
        }
        if (serverTls == null) {
            server.getChannel().configureBlocking(false);
        }
        this.toServer = new Outbound(this, Direction.UP, server.getChannel(), serverTls);
        this.toClient = new Outbound(this, Direction.DOWN, client.getChannel(), clientTls);
    }

    /** Whether either side speaks TLS, so both readers run on threads of their own. */
    boolean tls() {
        return clientTls != null || serverTls != null;
    }

    Relay relay() {
        return relay;
    }

    int id() {
        return id;
    }

    boolean closed() {
        return closed.get();
    }

    InetSocketAddress clientAddress() {
        return clientAddress;
    }

    InetSocketAddress serverAddress() {
        return serverAddress;
    }

    /** Where {@code direction}'s bytes go. */
    Outbound outbound(Direction direction) {
        return direction == Direction.UP ? toServer : toClient;
    }

    String threadName(Direction direction) {
        return relay.threadPrefix() + "-" + id + "-" + direction.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Frames of {@code direction} of this link held now or forwarded and not yet written. */
    int heldHere(Direction direction) {
        return held.get(direction.ordinal());
    }

    void heldChanged(Direction direction, int by) {
        held.addAndGet(direction.ordinal(), by);
        if (by < 0) {
            outbound(direction).heldGone();
        }
    }

    Relay.LinkInfo info() {
        return new Relay.LinkInfo(id, clientAddress, serverAddress, frames.get(0), frames.get(1), toServer.written(),
                toClient.written());
    }

    /**
     * Starts the UP reader on {@code up} and the DOWN reader on {@code down}; where either side
     * speaks TLS, both on threads of their own instead.
     */
    void start(ReadLoop up, ReadLoop down) {
        if (tls()) {
            for (Direction d : Direction.values()) {
                Reader reader = new Reader(d, d == Direction.UP ? up : down);
                reader.own = true;
                relay.newThread(reader, threadName(d)).start();
            }
            return;
        }
        up.add(new Reader(Direction.UP, up));
        down.add(new Reader(Direction.DOWN, down));
    }

    /** The output of {@code direction} was shut after its stream ended; the second one closes the link. */
    void outputShut(Direction direction) {
        String sentence;
        synchronized (ends) {
            shut++;
            if (shut < 2) {
                return;
            }
            sentence = firstEnded == Direction.DOWN ? "server closed the link." : "client closed the link.";
        }
        end(sentence, false, false);
    }

    private void streamEnded(Direction direction) {
        synchronized (ends) {
            if (firstEnded == null) {
                firstEnded = direction;
            }
        }
    }

    void readFailed(Direction direction, IOException e) {
        if (closed.get() || NetworkErrors.closedHere(e)) {
            if (!closed.get()) {
                end((direction == Direction.UP ? "client" : "server") + " closed the link.", false, false);
            }
            return;
        }
        String side = direction == Direction.UP ? "client" : "server";
        String why = NetworkErrors.describe(e);
        String sentence = why.contains("reset") ? "the " + side + " reset the link."
                : "the link failed reading from the " + side + ": " + why + ".";
        log.info("relay link #{}: {}", id, sentence, e);
        end(sentence, true, true);
    }

    void writeFailed(Direction direction, IOException e) {
        if (closed.get()) {
            return;
        }
        String side = direction == Direction.UP ? "server" : "client";
        String why = NetworkErrors.describe(e);
        String sentence = why.contains("reset") ? "the " + side + " reset the link while the relay wrote to it."
                : "the link failed writing to the " + side + ": " + why + ".";
        log.info("relay link #{}: {}", id, sentence, e);
        end(sentence, true, true);
    }

    void resetByToxic(Direction direction, long bytes) {
        if (closed.get()) {
            return;
        }
        try {
            relay.events().post((seq, nanos) -> new RelayEvent.Notice(id, "the reset toxic reset both sides of link #"
                    + id + " after " + bytes + " bytes " + direction.words() + ".", seq, nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        end("link reset by the relay's reset toxic after " + bytes + " bytes " + direction.words() + ".", false, true);
    }

    /** The relay is closing: everything stops now. */
    void closeByRelay() {
        end("the relay was closed.", false, false);
    }

    /**
     * Ends the link once: closes both sockets (resetting both when {@code reset}), wakes
     * every thread of the link, and posts {@link RelayEvent.Closed}.
     */
    private void end(String sentence, boolean failed, boolean reset) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (reset) {
            linger0(client);
            linger0(server);
        }
        // The TCP sockets first: that wakes a TLS read or write blocked on them, so closing the
        // TLS socket after never waits for its lock.
        closeQuietly(client);
        closeQuietly(server);
        if (clientTls != null) {
            closeQuietly(clientTls);
        }
        if (serverTls != null) {
            closeQuietly(serverTls);
        }
        String unsent = unsent(toServer.close(), "server") + unsent(toClient.close(), "client");
        // The sockets are let go once no selector holds them any more.
        relay.readLoop(Direction.UP).wakeup();
        relay.readLoop(Direction.DOWN).wakeup();
        for (int d = 0; d < 2; d++) {
            Selector own = readers.get(d);
            if (own != null) {
                own.wakeup();
            }
        }
        relay.linkEnded(this);
        String said = sentence + unsent;
        Events.Stamped closedEvent = (seq, nanos) -> new RelayEvent.Closed(id, said, failed, seq, nanos);
        if (relay.isClosing()) {
            relay.events().postIfRoom(closedEvent);
            return;
        }
        try {
            relay.events().post(closedEvent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The words for {@code n} injected frames that never went to the {@code side}: empty when none. */
    private static String unsent(int n, String side) {
        return n == 0 ? "" : " " + n + (n == 1 ? " injected frame" : " injected frames") + " waiting to go to the "
                + side + (n == 1 ? " was" : " were") + " not sent.";
    }

    private static void linger0(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed: nothing to reset.
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing is best effort.
        }
    }

    /**
     * Reads one direction, decodes it, and passes it on: on the relay's read loop while it
     * passes through, then (once held or ruled) on a thread of its own.
     */
    private final class Reader implements ReadLoop.Side, Runnable {
        private final Direction direction;
        private final SocketChannel from;
        /** The TLS socket read instead of {@link #from}, blocking, or null for plain TCP. */
        private final SSLSocket tlsFrom;
        private final Outbound out;
        private final Cutter cutter;
        private final ReadLoop loop;
        /** How many of the cutter's carried bytes (a frame begun) were already passed on. */
        private int forwarded;
        /** Whether this reader has a thread of its own, where passing bytes on may wait for room. */
        private boolean own;

        Reader(Direction direction, ReadLoop loop) {
            this.direction = direction;
            this.from = (direction == Direction.UP ? client : server).getChannel();
            this.tlsFrom = direction == Direction.UP ? clientTls : serverTls;
            this.out = outbound(direction);
            this.loop = loop;
            RelayConfig c = relay.config();
            this.cutter = new Cutter(direction == Direction.UP ? c.up() : c.down(), c.maxFrameLength());
        }

        @Override
        public SocketChannel channel() {
            return from;
        }

        @Override
        public boolean readable(ByteBuffer buffer, SelectionKey key) throws InterruptedException {
            if (closed.get()) {
                return false;
            }
            if (relay.holding(direction) || relay.hasRules(direction)) {
                own = true;
                relay.newThread(this, threadName(direction)).start();
                return false;
            }
            if (out.pauseWhileFull(() -> loop.resume(key))) {
                key.interestOps(0);
                return false;
            }
            try {
                buffer.clear();
                int n = from.read(buffer);
                if (n < 0) {
                    endOfStream();
                    return false;
                }
                if (n > 0) {
                    passThrough(buffer.array(), n);
                }
                return true;
            } catch (IOException e) {
                readFailed(direction, e);
                return false;
            }
        }

        /** The reader's own thread: reads until the stream ends, waiting on a selector of its own. */
        @Override
        public void run() {
            if (tlsFrom != null) {
                readTls();
                return;
            }
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            try (Selector selector = Selector.open()) {
                from.register(selector, SelectionKey.OP_READ);
                readers.set(direction.ordinal(), selector);
                while (!closed.get() && !Thread.currentThread().isInterrupted()) {
                    buffer.clear();
                    int n = from.read(buffer);
                    if (n < 0) {
                        endOfStream();
                        return;
                    }
                    if (n == 0) {
                        selector.select();
                        selector.selectedKeys().clear();
                        continue;
                    }
                    chunk(buffer.array(), n);
                }
            } catch (IOException e) {
                readFailed(direction, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The reader's own thread on a TLS side: blocking reads of the plaintext until the stream ends. */
        private void readTls() {
            byte[] buffer = new byte[BUFFER];
            try {
                InputStream in = tlsFrom.getInputStream();
                while (!closed.get() && !Thread.currentThread().isInterrupted()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        endOfStream();
                        return;
                    }
                    if (n > 0) {
                        chunk(buffer, n);
                    }
                }
            } catch (IOException e) {
                readFailed(direction, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Passes bytes on: on its own thread waiting while the queue is full; on the loop never. */
        private void send(byte[] bytes, int off, int len, boolean midFrameAfter)
                throws IOException, InterruptedException {
            out.send(bytes, off, len, midFrameAfter, own);
        }

        private void chunk(byte[] buffer, int n) throws IOException, InterruptedException {
            if (relay.holding(direction) || relay.hasRules(direction)) {
                frameByFrame(buffer, n);
                return;
            }
            passThrough(buffer, n);
        }

        /** A chunk in pass-through: decoded only to report frames, passed on as read. */
        private void passThrough(byte[] buffer, int n) throws IOException, InterruptedException {
            if (forwarded < cutter.carried()) {
                // A frame begun while held or ruled goes first, unfinished as it is.
                send(cutter.work(), cutter.carriedStart() + forwarded, cutter.carried() - forwarded, true);
            }
            // Events first, then the bytes: a reply the other side sends to them comes later.
            if (!cutter.clean()) {
                cutter.feedExact(buffer, 0, n);
                passedSegments();
                send(buffer, 0, n, cutter.midFrame());
                forwarded = cutter.carried();
                return;
            }
            int counted = relay.quiet() ? cutter.feedCount(buffer, 0, n) : -1;
            if (counted >= 0) {
                frames.addAndGet(direction.ordinal(), counted);
                passOn(buffer, n);
                return;
            }
            if (!cutter.feedFast(buffer, 0, n)) {
                passedSegments();
                send(buffer, 0, n, cutter.midFrame());
                forwarded = cutter.carried();
                return;
            }
            List<byte[]> decoded = cutter.frames();
            frames.addAndGet(direction.ordinal(), decoded.size());
            if (!relay.quiet()) {
                for (byte[] f : decoded) {
                    postFrame(Bytes.adopt(f), relay.nextFrameId(), RelayEvent.Fate.PASSED);
                }
            }
            passOn(buffer, n);
        }

        /** Sends a chunk the cutter took fast; split at its last boundary when frames wait to be inserted there. */
        private void passOn(byte[] buffer, int n) throws IOException, InterruptedException {
            int boundary = cutter.boundary();
            if (boundary > 0 && boundary < n && out.insertsWaiting()) {
                send(buffer, 0, boundary, false);
                send(buffer, boundary, n - boundary, true);
            } else {
                send(buffer, 0, n, cutter.midFrame());
            }
            forwarded = cutter.carried();
        }

        /** Events for the segments of a chunk that was passed on whole. */
        private void passedSegments() throws InterruptedException {
            byte[] work = cutter.work();
            for (Cutter.Segment s : cutter.segments()) {
                if (s.kind() == Cutter.Kind.FRAME) {
                    frames.incrementAndGet(direction.ordinal());
                    if (!relay.quiet()) {
                        postFrame(Bytes.adopt(s.payload()), relay.nextFrameId(), RelayEvent.Fate.PASSED);
                    }
                } else {
                    postBroken(Bytes.of(work, s.start(), s.end() - s.start()), s.why());
                }
            }
        }

        /** Cuts the chunk into frames and decides each one's fate: rules, then the hold. */
        private void frameByFrame(byte[] buffer, int n) throws IOException, InterruptedException {
            cutter.feedExact(buffer, 0, n);
            byte[] work = cutter.work();
            int sent = forwarded;
            int runStart = -1;
            int runEnd = -1;
            for (Cutter.Segment s : cutter.segments()) {
                if (s.end() <= sent) {
                    continue;
                }
                boolean pass;
                if (s.kind() == Cutter.Kind.BROKEN) {
                    Bytes broken = Bytes.of(work, s.start(), s.end() - s.start());
                    postBroken(broken, s.why());
                    // Behind held frames, unframed bytes wait their turn; else they pass.
                    if (s.start() < sent || heldHere(direction) == 0) {
                        pass = true;
                    } else {
                        if (runStart >= 0) {
                            send(work, runStart, runEnd - runStart, false);
                            runStart = -1;
                            runEnd = -1;
                        }
                        pass = !relay.holdInOrder(Link.this, direction, broken.toByteArray());
                    }
                } else if (s.start() < sent) {
                    frames.incrementAndGet(direction.ordinal());
                    if (!relay.quiet()) {
                        postFrame(Bytes.adopt(s.payload()), relay.nextFrameId(), RelayEvent.Fate.PASSED);
                    }
                    pass = true;
                } else {
                    // What passed before this frame goes first: it may be held and forwarded at once.
                    if (runStart >= 0) {
                        send(work, runStart, runEnd - runStart, false);
                        runStart = -1;
                        runEnd = -1;
                    }
                    pass = decide(work, s);
                }
                if (pass) {
                    int from = Math.max(s.start(), sent);
                    if (runEnd != from) {
                        if (runStart >= 0) {
                            send(work, runStart, runEnd - runStart, false);
                        }
                        runStart = from;
                    }
                    runEnd = s.end();
                } else if (runStart >= 0) {
                    send(work, runStart, runEnd - runStart, false);
                    runStart = -1;
                    runEnd = -1;
                }
            }
            if (runStart >= 0) {
                send(work, runStart, runEnd - runStart, false);
            }
            int tail = cutter.workLength() - cutter.carried();
            if (cutter.carried() > 0 && tail < sent) {
                // The frame passing whole is still unfinished: what came of it goes too.
                send(work, sent, cutter.workLength() - sent, true);
                forwarded = cutter.carried();
            } else {
                forwarded = 0;
            }
        }

        /**
         * Rules, then the hold, for one complete frame not passed yet. Returns true when its
         * wire bytes pass as they are; otherwise it was dropped, replaced or held here.
         */
        private boolean decide(byte[] work, Cutter.Segment s) throws IOException, InterruptedException {
            frames.incrementAndGet(direction.ordinal());
            Bytes payload = Bytes.adopt(s.payload());
            Relay.Verdict verdict = relay.judge(id, direction, payload);
            long frameId = relay.nextFrameId();
            if (verdict.note() != null) {
                String note = verdict.note();
                relay.events().post((seq, nanos) -> new RelayEvent.Notice(id, note, seq, nanos));
            }
            if (verdict.drop()) {
                postFrame(payload, frameId, RelayEvent.Fate.DROPPED_BY_RULE);
                return false;
            }
            byte[] wire = verdict.wire();
            Bytes shown = verdict.payload() != null ? verdict.payload() : payload;
            if (relay.holding(direction)) {
                byte[] held = wire != null ? wire : Arrays.copyOfRange(work, s.start(), s.end());
                if (relay.awaitHoldRoom(Link.this, direction, held.length)) {
                    if (wire != null) {
                        long rewritten = frameId;
                        relay.events().post((seq, nanos) -> new RelayEvent.Notice(id, "a rule rewrote frame #"
                                + rewritten + " before it was held.", seq, nanos));
                    }
                    relay.hold(Link.this, direction, frameId, held, shown);
                    postFrame(shown, frameId, RelayEvent.Fate.HELD);
                    return false;
                }
                // The hold was turned off while waiting for room: the frame goes on.
            }
            if (wire != null) {
                // The event first, as for every frame passed on: the answer to it comes later.
                postFrame(shown, frameId, RelayEvent.Fate.REWRITTEN_BY_RULE);
                send(wire, 0, wire.length, false);
                return false;
            }
            if (!relay.quiet()) {
                postFrame(payload, frameId, RelayEvent.Fate.PASSED);
            }
            return true;
        }

        private void endOfStream() throws IOException, InterruptedException {
            int carried = cutter.carried();
            if (carried > 0) {
                byte[] left = cutter.carriedBytes();
                if (forwarded < carried) {
                    byte[] rest = Arrays.copyOfRange(left, forwarded, carried);
                    if (heldHere(direction) == 0 || !relay.holdInOrder(Link.this, direction, rest)) {
                        send(rest, 0, rest.length, false);
                    }
                }
                cutter.clearCarried();
                forwarded = 0;
                String side = direction == Direction.UP ? "client" : "server";
                postBroken(Bytes.adopt(left), "the " + side + " closed its side in the middle of a frame: "
                        + carried + (carried == 1 ? " byte was" : " bytes were") + " passed on unframed.");
            }
            streamEnded(direction);
            out.finish();
        }

        private void postFrame(Bytes payload, long frameId, RelayEvent.Fate fate) throws InterruptedException {
            relay.postFrame(Link.this, direction, payload, frameId, fate);
        }

        private void postBroken(Bytes bytes, String why) throws InterruptedException {
            relay.events().post((seq, nanos) -> new RelayEvent.Broken(id, direction, bytes, why, seq, nanos));
        }
    }
}
