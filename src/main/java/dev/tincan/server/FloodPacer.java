package dev.tincan.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces every paced flood of one server from one thread, {@code tincan-server-flood}, with
 * non-blocking writes and a selector, instead of each client's thread waking every
 * millisecond to write its few frames.
 *
 * <pre>
 * tincan-server-client-N ──flood()──► queue ──► tincan-server-flood   every tick: each flood writes what is due
 *        (waits, parked)  ◄── done ───────────┘                        a full socket waits for OP_WRITE
 * </pre>
 *
 * <p>Each flood keeps its own clock: frame {@code i} is due {@code i / rate} seconds after
 * the flood began, and the thread wakes at most once per {@link #TICK_NANOS}, so at
 * 1000 frames/s a client gets its frames two at a time. A client that reads slowly is not
 * written to until its socket has room again (TCP pushes back, as with a blocking write),
 * then gets what fell due meanwhile; memory stays bounded by one gathering buffer, or one
 * frame larger than it, per flood. A pacer may hold the first floods until a number of them
 * have arrived, then begin them together, so that a measurement with many clients starts
 * once all are connected, not while the first ones have run ahead. Thread-safe.
 */
final class FloodPacer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FloodPacer.class);
    /** The shortest time between two rounds of writes: frames due within it go out together. */
    static final long TICK_NANOS = 2_000_000L;
    /** How much one write of gathered frames holds. */
    static final int BATCH_SIZE = 16 * 1024;
    /** The longest the thread sleeps with floods under way, so that a closed socket is noticed. */
    private static final long IDLE_MILLIS = 100;

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Flood> arriving = new ConcurrentLinkedQueue<>();
    private final List<Flood> floods = new ArrayList<>();
    /** Floods that arrived while fewer than {@link #together} have: they begin with the last. */
    private final List<Flood> held = new ArrayList<>();
    private final int together;
    /** Whether the first floods have begun: later ones begin as they arrive. Pacer thread only. */
    private boolean begun;
    private volatile boolean closed;

    private FloodPacer(Selector selector, String name, int together) {
        this.selector = selector;
        this.together = together;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts a pacer whose thread has {@code name}. */
    static FloodPacer start(String name) throws IOException {
        return start(name, 1);
    }

    /**
     * Starts a pacer whose thread has {@code name} and which holds the first floods until
     * {@code together} of them have arrived, then begins them all at once, on one clock.
     */
    static FloodPacer start(String name, int together) throws IOException {
        if (together < 1) {
            throw new IllegalArgumentException("together : " + together + " (expected: > 0)");
        }
        FloodPacer pacer = new FloodPacer(Selector.open(), name, together);
        pacer.thread.start();
        return pacer;
    }

    /**
     * Sends frames 1 to {@code count} of {@code frames} on {@code channel}, {@code rate} a
     * second, and returns when the last is written. The channel is non-blocking meanwhile and
     * blocking again on return.
     *
     * @throws IOException when the channel fails or closes, or the pacer is closed
     * @throws IllegalArgumentException when the framing cannot carry a frame
     */
    void flood(SocketChannel channel, FloodFrames frames, long count, long rate)
            throws IOException, InterruptedException {
        if (rate < 1) {
            throw new IllegalArgumentException("rate : " + rate + " (expected: > 0)");
        }
        channel.configureBlocking(false);
        Flood flood = new Flood(channel, frames, count, rate);
        arriving.add(flood);
        if (closed) {
            flood.fail(new IOException("the server is stopping"));
        }
        selector.wakeup();
        flood.done.await();
        if (flood.failure != null) {
            throw flood.failure;
        }
        if (flood.problem != null) {
            throw flood.problem;
        }
        channel.configureBlocking(true);
    }

    /** Stops the thread; every flood under way fails at once. Idempotent. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
            if (thread.isAlive()) {
                // Held up in a write or a select the wake-up did not reach: an interrupt ends
                // either (a channel it interrupts is closed), so the thread cannot outlive the server.
                Throwable where = new Throwable("where the flood pacer was");
                where.setStackTrace(thread.getStackTrace());
                log.warn("the flood pacer {} did not stop within 2 s of its server; interrupting it",
                        thread.getName(), where);
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll();
    }

    private void run() {
        long lastRound = System.nanoTime() - TICK_NANOS;
        try {
            while (!closed) {
                Flood next;
                while ((next = arriving.poll()) != null) {
                    held.add(next);
                }
                if (!held.isEmpty() && (begun || held.size() >= together)) {
                    long start = System.nanoTime();
                    for (Flood f : held) {
                        f.start = start;
                    }
                    floods.addAll(held);
                    held.clear();
                    begun = true;
                }
                long now = System.nanoTime();
                long wakeAt;
                if (now - lastRound >= TICK_NANOS) {
                    lastRound = now;
                    wakeAt = Math.max(now + TICK_NANOS, round(now, now + TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS)));
                } else {
                    wakeAt = lastRound + TICK_NANOS;
                }
                long wait = wakeAt - System.nanoTime();
                if (closed) {
                    // The round's selectNow may have taken the wake-up close() gave: look again
                    // before waiting, or a pacer whose floods all just ended would wait for ever.
                    break;
                }
                if (floods.isEmpty()) {
                    selector.select(); // until a flood arrives or the pacer closes
                } else if (wait <= 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999)));
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Flood f = (Flood) key.attachment();
                    try {
                        key.interestOps(0);
                    } catch (CancelledKeyException e) {
                        // its channel closed: the round notices
                    }
                    f.blocked = false;
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            log.warn("the flood pacer stopped: {}", e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            log.error("the flood pacer failed unexpectedly", e);
        } finally {
            closed = true;
            failAll();
            try {
                selector.close();
            } catch (IOException e) {
                log.debug("closing the flood pacer's selector failed", e);
            }
        }
    }

    /**
     * Lets every flood that is not waiting for room write what is due by {@code now}; ends
     * the finished ones. Returns when the next frame falls due, no later than {@code latest}.
     */
    private long round(long now, long latest) throws IOException {
        long wakeAt = latest;
        List<Flood> ended = null;
        for (Flood f : floods) {
            if (!f.channel.isOpen()) {
                f.failure = new IOException("the socket was closed");
            } else if (!f.blocked) {
                try {
                    f.pump(now);
                } catch (IOException e) {
                    f.failure = e;
                } catch (IllegalArgumentException e) {
                    f.problem = e;
                }
            }
            if (f.finished()) {
                if (ended == null) {
                    ended = new ArrayList<>();
                }
                ended.add(f);
            } else if (f.blocked) {
                try {
                    if (f.key == null) {
                        f.key = f.channel.register(selector, SelectionKey.OP_WRITE, f);
                    } else {
                        f.key.interestOps(SelectionKey.OP_WRITE);
                    }
                } catch (CancelledKeyException | java.nio.channels.ClosedChannelException e) {
                    f.failure = new IOException("the socket was closed", e);
                    f.blocked = false;
                }
            } else {
                wakeAt = Math.min(wakeAt, f.dueAt(f.next));
            }
        }
        if (ended != null) {
            floods.removeAll(ended);
            boolean registered = false;
            for (Flood f : ended) {
                if (f.key != null) {
                    f.key.cancel();
                    registered = true;
                }
            }
            if (registered) {
                // Deregisters the cancelled keys, so that their channels can block again.
                selector.selectNow();
            }
            for (Flood f : ended) {
                f.done.countDown();
            }
        }
        return wakeAt;
    }

    private void failAll() {
        Flood f;
        while ((f = arriving.poll()) != null) {
            f.fail(new IOException("the server is stopping"));
        }
        if (Thread.currentThread() == thread || !thread.isAlive()) {
            for (Flood g : floods) {
                g.fail(new IOException("the server is stopping"));
            }
            floods.clear();
            for (Flood g : held) {
                g.fail(new IOException("the server is stopping"));
            }
            held.clear();
        }
    }

    /** One client's flood: its clock, the next frame to send, and what is written but not yet taken. */
    private static final class Flood {
        final SocketChannel channel;
        final FloodFrames frames;
        final long count;
        final long rate;
        final CountDownLatch done = new CountDownLatch(1);
        long start;
        long next = 1;
        ByteBuffer out;
        ByteBuffer batch;
        /** The encoded frame {@link #next} when it did not fit the batch; null when not encoded yet. */
        byte[] carry;
        boolean blocked;
        SelectionKey key;
        volatile IOException failure;
        volatile IllegalArgumentException problem;

        Flood(SocketChannel channel, FloodFrames frames, long count, long rate) {
            this.channel = channel;
            this.frames = frames;
            this.count = count;
            this.rate = rate;
        }

        boolean finished() {
            return failure != null || problem != null || (next > count && (out == null || !out.hasRemaining()));
        }

        void fail(IOException e) {
            if (failure == null) {
                failure = e;
            }
            done.countDown();
        }

        /** When frame {@code i} falls due. */
        long dueAt(long i) {
            return start + (long) (i * 1e9 / rate);
        }

        /** The last frame due by {@code now}. */
        long dueBy(long now) {
            return Math.min(count, (long) ((now - start) / 1e9 * rate));
        }

        /** Writes what is due until it is all out or the socket is full ({@link #blocked}). */
        void pump(long now) throws IOException {
            long due = dueBy(now);
            while (true) {
                if (out != null && out.hasRemaining()) {
                    channel.write(out);
                    if (out.hasRemaining()) {
                        blocked = true;
                        return;
                    }
                }
                if (next > due) {
                    out = null;
                    if (next > count) {
                        batch = null;
                    }
                    return;
                }
                out = fill(due);
            }
        }

        /** Encodes frames up to {@code due} into the batch, or returns one frame larger than it on its own. */
        private ByteBuffer fill(long due) {
            if (batch == null) {
                batch = ByteBuffer.allocate(BATCH_SIZE);
            }
            batch.clear();
            while (next <= due) {
                byte[] wire = carry != null ? carry : frames.frame(next);
                carry = null;
                if (wire.length > batch.remaining()) {
                    if (batch.position() == 0) {
                        next++;
                        return ByteBuffer.wrap(wire);
                    }
                    carry = wire;
                    break;
                }
                batch.put(wire);
                next++;
            }
            batch.flip();
            return batch;
        }
    }
}
