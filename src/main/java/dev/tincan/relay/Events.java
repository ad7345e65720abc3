package dev.tincan.relay;

import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a relay's threads post events, and where their order is decided: each post takes
 * the next sequence number and a {@link System#nanoTime()} reading and queues the event in
 * one step under one lock, so queue order, seq order and nanos order agree. Blocks while the
 * queue is full, which stops the link that posts and pushes back on its peer: nothing is
 * dropped. Once the relay is closing, posts no longer wait (a full queue then loses the
 * last events of links being torn down, which nobody is reading). Thread-safe.
 */
final class Events {
    /** Makes an event once its sequence number and time are known; runs under the lock. */
    @FunctionalInterface
    interface Stamped {
        RelayEvent at(long seq, long nanos);
    }

    private final BlockingQueue<RelayEvent> queue;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private long seq;
    /** Guarded by {@link #lock}. */
    private long lastNanos = Long.MIN_VALUE;
    private volatile boolean closing;

    Events(int capacity) {
        queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Posts one event, waiting while the queue is full. */
    void post(Stamped event) throws InterruptedException {
        if (closing) {
            postIfRoom(event);
            return;
        }
        lock.lockInterruptibly();
        try {
            long now = now();
            RelayEvent e = event.at(++seq, now);
            queue.put(e);
        } finally {
            lock.unlock();
        }
    }

    /** Posts one event if the queue has room at once; the relay is closing. */
    void postIfRoom(Stamped event) {
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (queue.remainingCapacity() > 0) {
                queue.add(event.at(++seq, now()));
            }
        } finally {
            lock.unlock();
        }
    }

    /** From now on posts never wait. */
    void closing() {
        closing = true;
    }

    private long now() {
        long now = Math.max(System.nanoTime(), lastNanos);
        lastNanos = now;
        return now;
    }

    int drainTo(Collection<? super RelayEvent> out, int max) {
        return queue.drainTo(out, max);
    }

    RelayEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }
}
