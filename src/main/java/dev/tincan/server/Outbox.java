package dev.tincan.server;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * The bytes waiting to go to one client whose frames come from other threads (chat) or on
 * a timer (ticker), and the loop its writer thread runs to send them.
 *
 * <pre>
 * other threads ──put()──► | chunk | chunk | ... | (byte budget) ──► writer ──► socket
 *                                 ticks every interval ───────────────┘
 * </pre>
 *
 * <p>The queue is bounded by bytes: {@link #put} waits while the budget is spent, up to a
 * timeout, so a client that stops reading can hold up a producer for that long at most.
 * The writer takes everything queued at once and writes it in as few calls as it can.
 * Thread-safe: any thread may put; one thread runs {@link #writeTo}.
 */
final class Outbox {
    /** What a queued chunk costs beyond its bytes, so that many empty chunks are bounded too. */
    private static final int CHUNK_OVERHEAD = 32;

    private final long budget;
    private final long tickNanos;
    private final LongFunction<byte[]> tickFrame;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean finishing;
    private boolean closed;

    /**
     * @param budget how many bytes may wait; one chunk is always let in when nothing waits
     * @param tickNanos the time between ticks, or 0 for none
     * @param tickFrame the wire bytes of tick number N (from 1); unused without ticks
     */
    Outbox(long budget, long tickNanos, LongFunction<byte[]> tickFrame) {
        this.budget = budget;
        this.tickNanos = tickNanos;
        this.tickFrame = tickFrame;
    }

    /**
     * Queues {@code chunk} (which the caller must not change afterwards), waiting up to
     * {@code timeoutNanos} for room.
     *
     * @return false if there was no room in time; true if queued, or dropped because the outbox is closed
     */
    boolean put(byte[] chunk, long timeoutNanos) throws InterruptedException {
        long cost = chunk.length + (long) CHUNK_OVERHEAD;
        long wait = timeoutNanos;
        lock.lock();
        try {
            while (!closed && !queue.isEmpty() && queuedBytes + cost > budget) {
                if (wait <= 0) {
                    return false;
                }
                wait = changed.awaitNanos(wait);
            }
            if (!closed) {
                queue.add(chunk);
                queuedBytes += cost;
                changed.signalAll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Lets the writer send what is queued and then stop; no more ticks. */
    void finish() {
        lock.lock();
        try {
            finishing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops everything queued and stops the writer and every waiting producer at once. */
    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            queuedBytes = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer's loop: sends queued chunks and ticks to {@code out} until the outbox is
     * closed, or finished and empty. Returns normally then.
     *
     * @throws IOException when a write fails
     * @throws InterruptedException when the writer is interrupted
     */
    void writeTo(OutputStream out, int batchSize) throws IOException, InterruptedException {
        FrameBatch batch = new FrameBatch(out, batchSize);
        List<byte[]> taken = new ArrayList<>();
        long ticks = 0;
        long nextTick = System.nanoTime() + tickNanos;
        while (true) {
            boolean tickDue;
            lock.lock();
            try {
                while (true) {
                    tickDue = tickNanos > 0 && !finishing && System.nanoTime() - nextTick >= 0;
                    if (closed || !queue.isEmpty() || tickDue || finishing) {
                        break;
                    }
                    if (tickNanos > 0) {
                        changed.awaitNanos(nextTick - System.nanoTime());
                    } else {
                        changed.await();
                    }
                }
                if (closed || (finishing && queue.isEmpty())) {
                    return;
                }
                taken.addAll(queue);
                queue.clear();
                queuedBytes = 0;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            for (byte[] chunk : taken) {
                batch.add(chunk);
            }
            taken.clear();
            if (tickDue) {
                batch.add(tickFrame.apply(++ticks));
                long now = System.nanoTime();
                nextTick += tickNanos;
                if (nextTick - now < 0) {
                    nextTick = now + tickNanos;
                }
            }
            batch.flush();
        }
    }
}
