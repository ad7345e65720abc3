package dev.tincan.client;

import dev.tincan.codec.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a client's threads post replies, and where their order is decided. The client
 * thread and the reader both post here; each post takes the next sequence number and a
 * {@link System#nanoTime()} reading and puts the reply on the caller's bounded queue in one
 * step under one lock, so queue order, {@link ClientReply#seq()} order and
 * {@link ClientReply#nanos()} order always agree. Blocks while the queue is full, which is
 * what stops the reader and pushes back on the server. Thread-safe.
 */
final class ReplySink {
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

    @SuppressWarnings("unchecked")
    ReplySink(BlockingQueue<ClientReply> queue) {
        this.queue = queue;
        this.batches = queue instanceof BatchQueue ? (BatchQueue<ClientReply>) queue : null;
    }

    /** Posts one reply, stamped now; waits while the queue is full. */
    void post(Stamped reply) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            queue.put(reply.at(++seq, now()));
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
                pending.add(new ClientReply.Sent(batch.commands().get(i), batch.wireLength(i), ++seq, nanos));
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
                pending.add(new ClientReply.Received(null, Bytes.adopt(frame), ++seq, nanos));
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
