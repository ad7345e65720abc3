package dev.tincan.client;

import dev.tincan.codec.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a client's threads post replies, and where their order is decided. The client
 * thread and the reader both post here; each post takes the next sequence number and a
 * {@link System#nanoTime()} reading and puts the reply on the caller's bounded queue in one
 * step under one lock, so queue order, {@link ClientReply#seq()} order and
 * {@link ClientReply#nanos()} order always agree. Blocks while the queue is full, which is
 * what stops the reader and pushes back on the server. Each reply is shown to the
 * {@link ReplyTap}s under the same lock, just before it is queued, so they see replies in
 * that same order. Thread-safe.
 */
final class ReplySink {
    private static final Logger log = LoggerFactory.getLogger(ReplySink.class);
    private static final ReplyTap[] NO_TAPS = {};

    /** Makes a reply once its sequence number and time are known. */
    @FunctionalInterface
    interface Stamped {
        ClientReply at(long seq, long nanos);
    }

    private final BlockingQueue<ClientReply> queue;
    private final BatchQueue<ClientReply> batches;
    private final ReentrantLock lock = new ReentrantLock();
    /** The last sequence number given; guarded by {@link #lock}. */
    private long seq;
    /** The last time given; guarded by {@link #lock}. */
    private long lastNanos = Long.MIN_VALUE;
    /** Replies of one batch being posted; guarded by {@link #lock}. */
    private final List<ClientReply> pending = new ArrayList<>();
    /** The taps, replaced whole on change so a post reads them without the lock's help. */
    private volatile ReplyTap[] taps = NO_TAPS;

    @SuppressWarnings("unchecked")
    ReplySink(BlockingQueue<ClientReply> queue) {
        this.queue = queue;
        this.batches = queue instanceof BatchQueue ? (BatchQueue<ClientReply>) queue : null;
    }

    /** Adds {@code tap} after the taps already there; it sees the replies posted from now on. */
    synchronized void addTap(ReplyTap tap) {
        ReplyTap[] next = Arrays.copyOf(taps, taps.length + 1);
        next[taps.length] = tap;
        taps = next;
    }

    /** Removes {@code tap}; returns whether it was there. A post under way may still show it one reply. */
    synchronized boolean removeTap(ReplyTap tap) {
        ReplyTap[] now = taps;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == tap) {
                ReplyTap[] next = new ReplyTap[now.length - 1];
                System.arraycopy(now, 0, next, 0, i);
                System.arraycopy(now, i + 1, next, i, now.length - i - 1);
                taps = next;
                return true;
            }
        }
        return false;
    }

    /** Under the lock: shows {@code reply} to every tap, removing one that throws. */
    private ClientReply tap(ClientReply reply) {
        ReplyTap[] now = taps;
        for (ReplyTap tap : now) {
            try {
                tap.tapped(reply);
            } catch (RuntimeException e) {
                log.error("a reply tap failed on {} and was removed; the connection goes on", reply, e);
                removeTap(tap);
            }
        }
        return reply;
    }

    /** Posts one reply, stamped now; waits while the queue is full. */
    void post(Stamped reply) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            queue.put(tap(reply.at(++seq, now())));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Posts one reply, stamped now, waiting at most {@code millis} for room; returns false
     * (and uses no sequence number) if the queue stayed full.
     */
    boolean offer(Stamped reply, long millis) throws InterruptedException {
        if (!lock.tryLock(millis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        try {
            ClientReply r = reply.at(seq + 1, now());
            if (!queue.offer(r, millis, TimeUnit.MILLISECONDS)) {
                return false;
            }
            seq++;
            tap(r);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Posts a {@link ClientReply.Sent} for each frame of a batch, in order, all stamped now. */
    void postSent(SendBatch batch) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = now();
            for (int i = 0; i < batch.size(); i++) {
                pending.add(tap(new ClientReply.Sent(batch.commands().get(i), batch.wireLength(i), ++seq, nanos)));
            }
            putPending();
        } finally {
            lock.unlock();
        }
    }

    /** Posts every frame of one read as a push-mode {@link ClientReply.Received}, in order, all stamped now. */
    void postFrames(List<byte[]> frames) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = now();
            for (byte[] frame : frames) {
                pending.add(tap(new ClientReply.Received(null, Bytes.adopt(frame), ++seq, nanos)));
            }
            putPending();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: one hand-over for the whole batch when the queue takes batches. */
    private void putPending() throws InterruptedException {
        try {
            if (batches != null) {
                batches.putAll(pending);
            } else {
                for (ClientReply reply : pending) {
                    queue.put(reply);
                }
            }
        } finally {
            pending.clear();
        }
    }

    /** Under the lock: now, never earlier than the time given before. */
    private long now() {
        long t = System.nanoTime();
        if (t - lastNanos < 0 && lastNanos != Long.MIN_VALUE) {
            t = lastNanos;
        }
        lastNanos = t;
        return t;
    }
}
