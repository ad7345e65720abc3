package dev.tincan.session.rules;

import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replies a conversation's rules send later: one daemon thread, started with the first
 * delayed reply, runs each when it is due. At most {@link #MAX_PENDING} may wait; one more
 * is refused, and the caller says so. Thread-safe.
 */
final class DelayedReplies {
    /** The most delayed replies that may wait at once. */
    static final int MAX_PENDING = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(DelayedReplies.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private record Due(long nanos, long order, Runnable send) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.nanos() != b.nanos()
            ? Long.compare(a.nanos() - b.nanos(), 0) : Long.compare(a.order(), b.order()));
    private Thread thread;
    private long order;
    private boolean closed;

    /** Runs {@code send} at {@code dueNanos} ({@link System#nanoTime()}); false when full or closed. Never waits. */
    boolean schedule(long dueNanos, Runnable send) {
        lock.lock();
        try {
            if (closed || queue.size() >= MAX_PENDING) {
                return false;
            }
            if (thread == null) {
                thread = new Thread(this::run, "tincan-rules-delay-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                thread.start();
            }
            queue.add(new Due(dueNanos, order++, send));
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** How many replies wait. */
    int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Drops what waits and ends the thread within milliseconds. */
    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            Runnable send;
            lock.lock();
            try {
                while (true) {
                    if (closed) {
                        return;
                    }
                    Due next = queue.peek();
                    if (next != null) {
                        long wait = next.nanos() - System.nanoTime();
                        if (wait <= 0) {
                            queue.poll();
                            send = next.send();
                            break;
                        }
                        changed.awaitNanos(wait);
                    } else {
                        changed.await();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                send.run();
            } catch (RuntimeException e) {
                LOG.error("a delayed rule reply failed", e);
            }
        }
    }
}
