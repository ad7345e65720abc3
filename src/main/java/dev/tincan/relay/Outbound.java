package dev.tincan.relay;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLSocket;

/**
 * The writing end of one direction of a link: every byte that goes to the server (UP) or to
 * the client (DOWN) leaves through here, in one order.
 *
 * <p>Two kinds of writes. The link's reader passes the stream on ({@link #send}): in a clean
 * pass-through with nothing queued it writes itself, straight from its read buffer, as much
 * as the socket takes at once (the lean path; the socket never blocks); otherwise the bytes
 * (or the rest the socket did not take) are copied onto a bounded queue and a writer thread,
 * started on first need, writes them, waiting for the socket, applying the direction's
 * {@link Toxics}. A reader on the relay's {@link ReadLoop} never waits for room in that
 * queue: it stops reading instead ({@link #pauseWhileFull}). Frames that a person
 * injects or forwards from the hold ({@link #insert}) go on a second queue the writer empties
 * only at a frame boundary, so they never land inside a frame that is passing through, and
 * never ahead of stream bytes queued before them: every item is numbered as it is queued and
 * the writer takes the lower number first, unless that is an insert and the bytes written so
 * far end inside a frame. A caller of {@link #insert} never waits. When the reader's side has ended ({@link #finish}),
 * the output is shut down once everything queued (and every frame still held) has gone.
 *
 * <p>A peer that sends half a frame and stops would hold inserted frames back for ever: once
 * the first of them has waited {@link RelayConfig#injectWait()} inside such a frame, the
 * writer posts a {@link RelayEvent.InjectWait} that says so, once per stall. A person may then
 * take the injected frames off the queue ({@link #cancelInjected}) or let every frame queued
 * so far go inside the unfinished frame ({@link #sendAnyway}); the writer posts what became
 * of them, so nothing leaves the queue unreported.
 *
 * <p>Towards a side that speaks TLS the bytes go through its {@link SSLSocket}, which encrypts
 * them and blocks until the socket took them all; such a link's readers all have threads of
 * their own ({@link Link}), so a blocked write stops only the reader that wrote.
 */
final class Outbound {
    /** Stream bytes queued before the reader waits (TCP then pushes back on its peer). */
    static final long STREAM_LIMIT = 4L * 1024 * 1024;
    /** Frames a person may queue in one direction of one link. */
    static final int INSERT_FRAMES = 256;
    /** Bytes a person may queue in one direction of one link. */
    static final long INSERT_BYTES = 16L * 1024 * 1024;

    /**
     * Bytes to write, and what to do once they are written; {@code handedOver} marks the rest
     * of a lean write, already counted in {@link #written()}.
     */
    private record Item(long seq, byte[] bytes, int off, int len, boolean midFrameAfter, long readyNanos,
            boolean counted, Runnable freed, Runnable after, boolean handedOver) {
    }

    private final Link link;
    private final Direction direction;
    private final SocketChannel channel;
    /** The TLS socket written instead of {@link #channel}, blocking; null for plain TCP. */
    private final SSLSocket tls;
    /** Its plaintext stream, or null. */
    private final OutputStream tlsOut;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Item> stream = new ArrayDeque<>();
    private final ArrayDeque<Item> inserts = new ArrayDeque<>();
    /** Guarded by {@link #lock}: the number the next queued item gets, so the writer keeps the order they came. */
    private long nextSeq;
    /** Guarded by {@link #lock}. */
    private long streamBytes;
    /** Guarded by {@link #lock}: frames a person queued (inject), not those forwarded from the hold. */
    private int insertFrames;
    /** Guarded by {@link #lock}. */
    private long insertBytes;
    /** Guarded by {@link #lock}: someone is writing (the reader or the writer thread). */
    private boolean writing;
    /** Guarded by {@link #lock}: the bytes written so far end inside a frame. */
    private boolean midFrame;
    /** Guarded by {@link #lock}: when {@link #midFrame} last became true, from {@link System#nanoTime()}. */
    private long midFrameSince;
    /** Guarded by {@link #lock}: inserts numbered below this were said to be waiting already. */
    private long warnedBelow;
    /** Guarded by {@link #lock}: inserts numbered below this go even inside a frame (sent anyway). */
    private long forceBelow;
    /** Guarded by {@link #lock}: what the writer is to post, outside the lock; one per person's action at most. */
    private final ArrayDeque<Events.Stamped> reports = new ArrayDeque<>();
    /** Guarded by {@link #lock}: the reader's side has ended; shut the output once drained. */
    private boolean finishing;
    /** Guarded by {@link #lock}: the output is shut or the link is gone; nothing more is written. */
    private boolean done;
    /** Guarded by {@link #lock}. */
    private Thread writer;
    /** Guarded by {@link #lock}: reads the reader's side again once the queue has room, or null. */
    private Runnable onRoom;
    /** The writer's selector, for waiting until the socket takes more; opened on first need. */
    private volatile Selector writable;
    private volatile long written;
    /** When the bandwidth cap next lets a byte go; writer thread only. */
    private long nextFree;

    /** The output to {@code channel}, or through {@code tls} (over that channel's socket) when not null. */
    Outbound(Link link, Direction direction, SocketChannel channel, SSLSocket tls) throws IOException {
        this.link = link;
        this.direction = direction;
        this.channel = channel;
        this.tls = tls;
        this.tlsOut = tls == null ? null : tls.getOutputStream();
    }

    /** Bytes written this way so far. */
    long written() {
        return written;
    }

    /** Whether frames wait to be inserted; the reader then splits its chunk at the boundary. */
    boolean insertsWaiting() {
        lock.lock();
        try {
            return !inserts.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Passes stream bytes on, in order; {@code midFrameAfter} says whether they end inside a
     * frame. Writes what the socket takes at once when nothing is queued and no toxic is on,
     * and queues a copy of the rest (or of all); when {@code mayWait}, first waits while the
     * queue is full. Reader only.
     */
    void send(byte[] bytes, int off, int len, boolean midFrameAfter, boolean mayWait)
            throws IOException, InterruptedException {
        if (len == 0) {
            return;
        }
        boolean direct;
        long seq = 0;
        lock.lock();
        try {
            if (done) {
                return;
            }
            direct = !writing && stream.isEmpty() && inserts.isEmpty() && link.relay().toxics(direction).isNone();
            if (direct) {
                writing = true;
                seq = nextSeq++;
                // Counted as handed over, so a peer that has read them sees them counted.
                written += len;
            } else {
                while (mayWait && streamBytes >= STREAM_LIMIT && !done) {
                    changed.await();
                }
                if (done) {
                    return;
                }
                queue(nextSeq++, Arrays.copyOfRange(bytes, off, off + len), midFrameAfter, false);
            }
        } finally {
            lock.unlock();
        }
        if (direct) {
            int took;
            try {
                took = writeNow(bytes, off, len);
            } catch (IOException e) {
                lock.lock();
                try {
                    writing = false;
                } finally {
                    lock.unlock();
                }
                throw e;
            }
            lock.lock();
            try {
                writing = false;
                if (done) {
                    return;
                }
                if (took < len) {
                    // The rest goes first, by the writer: it was numbered before anything queued since.
                    queue(seq, Arrays.copyOfRange(bytes, off + took, off + len), midFrameAfter, true);
                } else {
                    midFrame(midFrameAfter);
                    if (!inserts.isEmpty() || !stream.isEmpty() || finishing) {
                        startWriter();
                        changed.signalAll();
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Under the lock: queues stream bytes, ahead of the queue when {@code handedOver} (the rest of a lean write). */
    private void queue(long seq, byte[] copy, boolean midFrameAfter, boolean handedOver) {
        Item item = new Item(seq, copy, 0, copy.length, midFrameAfter, System.nanoTime(), false, null, null,
                handedOver);
        if (handedOver) {
            stream.addFirst(item);
        } else {
            stream.add(item);
        }
        streamBytes += copy.length;
        startWriter();
        changed.signalAll();
    }

    /** Writes what the socket takes without waiting (through TLS: all of it, waiting); returns how many it took. */
    private int writeNow(byte[] bytes, int off, int len) throws IOException {
        if (tlsOut != null) {
            tlsOut.write(bytes, off, len);
            return len;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, off, len);
        while (b.hasRemaining() && channel.write(b) > 0) {
            // The socket took some: offer it the rest.
        }
        return b.position() - off;
    }

    /**
     * Whether the stream queue is full, so the reader on the read loop should stop reading;
     * if so, {@code resume} runs (on the writer thread) once it has room again.
     */
    boolean pauseWhileFull(Runnable resume) {
        lock.lock();
        try {
            if (done || streamBytes < STREAM_LIMIT) {
                return false;
            }
            onRoom = resume;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues a whole frame to go at the next frame boundary; {@code after} runs on the writer
     * thread when the frame's turn has come, just before it is written (with nothing to write,
     * in turn), so what it reports comes before any answer to the frame. Never waits.
     * {@code freed} (may be null) runs once whatever becomes of the frame: written, failed, or
     * discarded because the link closed.
     *
     * @param bounded whether the frame counts against the per-link limit (injected frames do;
     *     frames forwarded from the hold are bounded by the hold already)
     * @return null when queued, else why not in one sentence
     */
    String insert(byte[] wire, boolean bounded, Runnable freed, Runnable after) {
        lock.lock();
        try {
            if (done) {
                return link.closed() ? "link #" + link.id() + " is closed: there is nothing to send the frame into."
                        : "link #" + link.id() + " has ended " + direction.words()
                                + ": that side closed, so nothing more can go that way.";
            }
            if (bounded && (insertFrames >= INSERT_FRAMES || insertBytes + wire.length > INSERT_BYTES)) {
                return "link #" + link.id() + " has " + insertFrames + " frames waiting to go " + direction.words()
                        + ": wait for them to leave, then send again.";
            }
            if (bounded) {
                insertFrames++;
                insertBytes += wire.length;
            }
            inserts.add(new Item(nextSeq++, wire, 0, wire.length, false, System.nanoTime(), bounded, freed, after,
                    false));
            startWriter();
            changed.signalAll();
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: whether the bytes written so far end inside a frame, and since when. */
    private void midFrame(boolean inside) {
        if (inside && !midFrame) {
            midFrameSince = System.nanoTime();
        }
        midFrame = inside;
    }

    /**
     * Takes the injected frames still waiting off the queue; the writer then posts a
     * {@link RelayEvent.InjectWait} with {@link RelayEvent.InjectWait.Kind#CANCELLED} that says
     * how many. Frames forwarded from the hold stay. Never waits.
     *
     * @return null when some were cancelled, else why not in one sentence
     */
    String cancelInjected() {
        lock.lock();
        try {
            int n = 0;
            for (java.util.Iterator<Item> it = inserts.iterator(); it.hasNext();) {
                Item item = it.next();
                if (item.counted) {
                    it.remove();
                    insertFrames--;
                    insertBytes -= item.len;
                    n++;
                    if (item.freed != null) {
                        item.freed.run();
                    }
                }
            }
            if (n == 0) {
                return nothingWaits();
            }
            String sentence = "link #" + link.id() + ": cancelled " + frames(n, true) + " to the " + towards()
                    + "; " + (n == 1 ? "it was" : "they were") + " never sent.";
            report(RelayEvent.InjectWait.Kind.CANCELLED, n, sentence);
            return null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lets every frame queued to be inserted so far go at once, even inside the frame that is
     * passing (which the other side then receives with those frames in its middle); the writer
     * first posts a {@link RelayEvent.InjectWait} with {@link RelayEvent.InjectWait.Kind#SENT_ANYWAY}.
     * Never waits.
     *
     * @return null when some will go, else why not in one sentence
     */
    String sendAnyway() {
        lock.lock();
        try {
            int n = 0;
            boolean injected = true;
            for (Item item : inserts) {
                if (item.seq >= forceBelow) {
                    n++;
                    injected &= item.counted;
                }
            }
            if (n == 0) {
                return nothingWaits();
            }
            forceBelow = nextSeq;
            String sentence = "link #" + link.id() + ": " + frames(n, injected) + (n == 1 ? " goes" : " go")
                    + " to the " + towards() + " now" + (midFrame ? ", inside the frame the " + from()
                    + " has not finished." : ".");
            report(RelayEvent.InjectWait.Kind.SENT_ANYWAY, n, sentence);
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the sentence when no injected frame waits. */
    private String nothingWaits() {
        return "no injected frame is waiting to go to the " + towards() + " on link #" + link.id() + ".";
    }

    /** Under the lock: queues an {@link RelayEvent.InjectWait} for the writer to post. */
    private void report(RelayEvent.InjectWait.Kind kind, int n, String sentence) {
        int id = link.id();
        reports.add((seq, nanos) -> new RelayEvent.InjectWait(id, direction, kind, n, sentence, seq, nanos));
        startWriter();
        changed.signalAll();
    }

    /** Where this direction writes to: {@code server} (UP) or {@code client} (DOWN). */
    private String towards() {
        return direction == Direction.UP ? "server" : "client";
    }

    /** Who sends what this direction passes on: {@code client} (UP) or {@code server} (DOWN). */
    private String from() {
        return direction == Direction.UP ? "client" : "server";
    }

    private static String frames(int n, boolean injected) {
        return n + (injected ? " injected" : "") + (n == 1 ? " frame" : " frames");
    }

    /** Under the lock: the sentence that injected frames have waited {@code waited} inside a frame. */
    private String waitingSentence(Duration waited) {
        int n = inserts.size();
        boolean injected = true;
        for (Item item : inserts) {
            injected &= item.counted;
        }
        return "link #" + link.id() + ": " + frames(n, injected) + (n == 1 ? " waits" : " wait") + " to go to the "
                + towards() + ": the " + from() + " has sent part of a frame and not finished it for "
                + seconds(waited) + "; " + (n == 1 ? "it goes" : "they go") + " when that frame ends, or cancel "
                + (n == 1 ? "it" : "them") + ", or send " + (n == 1 ? "it" : "them") + " anyway.";
    }

    /** {@code 2 s}, {@code 1.5 s}, {@code 300 ms}. */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return (ms % 1000 == 0 ? Long.toString(ms / 1000) : String.valueOf(ms / 1000.0)) + " s";
    }

    /** Whether the output was shut down after the end of the stream (frames can no longer go). */
    boolean shut() {
        lock.lock();
        try {
            return done;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The reader's side has ended: shut the output down once everything queued, and every
     * frame of this direction still held, has gone. A frame left unfinished no longer blocks
     * inserted ones.
     */
    void finish() {
        lock.lock();
        try {
            finishing = true;
            midFrame(false);
            if (!writing && stream.isEmpty() && inserts.isEmpty() && writer == null) {
                shutIfDrained();
            } else {
                startWriter();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A held frame of this direction was dropped: the output may now be shut. */
    void heldGone() {
        lock.lock();
        try {
            if (finishing && !done) {
                startWriter();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The link is gone: nothing more is written, every waiting thread wakes. Returns how many
     * injected frames were still waiting, and so were never sent, for the link to say.
     */
    int close() {
        java.util.List<Item> dropped;
        int injected = 0;
        lock.lock();
        try {
            if (!done) {
                for (Item item : inserts) {
                    injected += item.counted ? 1 : 0;
                }
            }
            done = true;
            stream.clear();
            dropped = new java.util.ArrayList<>(inserts);
            inserts.clear();
            streamBytes = 0;
            onRoom = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        Selector s = writable;
        if (s != null) {
            s.wakeup();
        }
        for (Item item : dropped) {
            if (item.freed != null) {
                item.freed.run();
            }
        }
        return injected;
    }

    /** Under the lock: shuts the output down when nothing is left to go; tells the link. */
    private boolean shutIfDrained() {
        if (done || !finishing || writing || !stream.isEmpty() || !inserts.isEmpty()
                || link.heldHere(direction) > 0) {
            return false;
        }
        done = true;
        changed.signalAll();
        try {
            if (tls != null) {
                // TLS says the end with close_notify; on TLS 1.3 the other way stays open.
                tls.shutdownOutput();
            } else {
                channel.shutdownOutput();
            }
        } catch (IOException e) {
            // The peer is gone already; the link's readers will say so.
        }
        link.outputShut(direction);
        return true;
    }

    /** Under the lock. */
    private void startWriter() {
        if (writer == null && !done) {
            writer = link.relay().newThread(this::writeLoop, link.threadName(direction) + "-writer");
            writer.start();
        }
    }

    private void writeLoop() {
        long waitNanos = link.relay().config().injectWait().toNanos();
        try {
            while (true) {
                Item item = null;
                Events.Stamped report = null;
                lock.lock();
                try {
                    while (true) {
                        // What a person did is said even when the link has just gone.
                        if (!reports.isEmpty()) {
                            report = reports.poll();
                            break;
                        }
                        if (done) {
                            return;
                        }
                        if (!writing) {
                            Item head = inserts.peek();
                            Item next = stream.peek();
                            // An insert waits for a frame boundary, and for the stream bytes queued before it.
                            if (head != null && (!midFrame || head.len == 0 || head.seq < forceBelow)
                                    && (next == null || head.seq < next.seq)) {
                                item = inserts.poll();
                                break;
                            }
                            if (next != null) {
                                item = stream.poll();
                                break;
                            }
                            if (shutIfDrained()) {
                                return;
                            }
                            if (head != null && head.seq >= warnedBelow) {
                                // Only the unfinished frame holds it back: say so once it has waited long enough.
                                long since = Math.max(head.readyNanos, midFrameSince);
                                long left = since + waitNanos - System.nanoTime();
                                if (left <= 0) {
                                    warnedBelow = nextSeq;
                                    int id = link.id();
                                    int n = inserts.size();
                                    String sentence = waitingSentence(Duration.ofNanos(waitNanos));
                                    report = (seq, nanos) -> new RelayEvent.InjectWait(id, direction,
                                            RelayEvent.InjectWait.Kind.WAITING, n, sentence, seq, nanos);
                                    break;
                                }
                                changed.awaitNanos(left);
                                continue;
                            }
                        }
                        changed.await();
                    }
                    if (item != null) {
                        writing = true;
                    }
                } finally {
                    lock.unlock();
                }
                if (report != null) {
                    post(report);
                    continue;
                }
                if (item.after != null) {
                    // Said before it is written, as a frame that passes is: once written, the answer
                    // to it can come back on the other direction's thread and be said first.
                    item.after.run();
                }
                boolean reset = false;
                Runnable resume = null;
                try {
                    reset = write(item);
                } finally {
                    lock.lock();
                    try {
                        writing = false;
                        if (item.freed != null) {
                            item.freed.run();
                        }
                        if (item.after == null) {
                            midFrame(item.midFrameAfter);
                            streamBytes -= item.len;
                        } else if (item.counted) {
                            insertFrames--;
                            insertBytes -= item.len;
                        }
                        if (onRoom != null && streamBytes < STREAM_LIMIT) {
                            resume = onRoom;
                            onRoom = null;
                        }
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
                if (resume != null) {
                    resume.run();
                }
                if (reset) {
                    return;
                }
            }
        } catch (IOException e) {
            link.writeFailed(direction, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Selector s = writable;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    // Nothing waits on it any more.
                }
            }
        }
    }

    /** Posts {@code report}, waiting for room as every relay thread does; without waiting once the relay closes. */
    private void post(Events.Stamped report) throws InterruptedException {
        if (link.relay().isClosing()) {
            link.relay().events().postIfRoom(report);
        } else {
            link.relay().events().post(report);
        }
    }

    /** Writes all of {@code bytes[off, off + len)}, waiting for the socket to take them; writer thread only. */
    private void writeFully(byte[] bytes, int off, int len) throws IOException, InterruptedException {
        if (tlsOut != null) {
            tlsOut.write(bytes, off, len);
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, off, len);
        while (b.hasRemaining()) {
            if (channel.write(b) > 0) {
                continue;
            }
            Selector s = writable;
            if (s == null) {
                s = Selector.open();
                channel.register(s, SelectionKey.OP_WRITE);
                writable = s;
            }
            if (link.closed()) {
                throw new ClosedChannelException();
            }
            s.select();
            s.selectedKeys().clear();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Writes one item with the direction's toxics; true when the reset toxic ended the link. */
    private boolean write(Item item) throws IOException, InterruptedException {
        if (item.len == 0) {
            return false;
        }
        Toxics t = link.relay().toxics(direction);
        if (t.isNone()) {
            writeFully(item.bytes, item.off, item.len);
            if (!item.handedOver) {
                written += item.len;
            }
            return false;
        }
        long latency = t.latency().toNanos();
        if (latency > 0) {
            sleepUntil(item.readyNanos + latency);
        }
        int slice = item.len;
        if (t.sliceBytes() > 0) {
            slice = t.sliceBytes();
        } else if (t.bytesPerSecond() > 0) {
            slice = (int) Math.max(1, Math.min(item.len, t.bytesPerSecond() / 20));
        }
        int pos = item.off;
        int end = item.off + item.len;
        while (pos < end) {
            int n = Math.min(slice, end - pos);
            long resetAfter = t.resetAfterBytes();
            if (resetAfter > 0 && written + n >= resetAfter) {
                int last = (int) Math.max(0, resetAfter - written);
                writeFully(item.bytes, pos, last);
                written += item.handedOver ? 0 : last;
                link.resetByToxic(direction, resetAfter);
                return true;
            }
            if (t.bytesPerSecond() > 0) {
                long now = System.nanoTime();
                long start = Math.max(now, nextFree);
                sleepUntil(start);
                nextFree = start + n * 1_000_000_000L / t.bytesPerSecond();
            }
            writeFully(item.bytes, pos, n);
            written += item.handedOver ? 0 : n;
            pos += n;
        }
        return false;
    }

    /** Waits for a toxic's delay; the link's close wakes it. */
    private void sleepUntil(long deadline) throws InterruptedException {
        lock.lock();
        try {
            long left = deadline - System.nanoTime();
            while (left > 0 && !done) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }
}
