package dev.tincan.client;

import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded blocking queue that also takes elements in batches: {@link #putAll} inserts a
 * whole list under one lock and wakes a waiting consumer once, where a plain
 * {@code BlockingQueue} locks and signals per element. {@link SocketClientThread} posts the
 * frames of one read, and the outcomes of one write, this way when its reply queue is a
 * {@code BatchQueue}; any other bounded {@code BlockingQueue} works too, one element at a
 * time.
 *
 * <p>A ring buffer guarded by one lock, like {@link java.util.concurrent.ArrayBlockingQueue}.
 * Thread-safe. Iteration takes a snapshot.
 *
 * <p>{@link #poll()}, {@link #peek()} and {@link #drainTo} on an empty queue answer without
 * the lock. A consumer that looks again and again while it waits for the next element (the
 * client thread between commands, a caller between replies) then never holds the lock when
 * the producer comes to put: a producer that found it held would park on it and need waking,
 * which on a small machine costs more than the round trip it delays.
 *
 * @param <E> the element type
 */
public final class BatchQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {
    private final Object[] items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    /** Written under the lock; read without it only to answer "empty" early. */
    private volatile int count;

    /** A queue holding at most {@code capacity} elements. */
    public BatchQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity : " + capacity + " (expected: > 0)");
        }
        items = new Object[capacity];
    }

    /**
     * Inserts every element of {@code batch} in order, waiting for room as needed; takes
     * the lock once per stretch of free room rather than once per element.
     */
    public void putAll(List<? extends E> batch) throws InterruptedException {
        int i = 0;
        int n = batch.size();
        while (i < n) {
            lock.lockInterruptibly();
            try {
                while (count == items.length) {
                    notFull.await();
                }
                int added = 0;
                while (i < n && count < items.length) {
                    enqueue(Objects.requireNonNull(batch.get(i++)));
                    added++;
                }
                if (added == 1) {
                    notEmpty.signal();
                } else {
                    notEmpty.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void enqueue(E e) {
        items[(head + count) % items.length] = e;
        count++;
    }

    @SuppressWarnings("unchecked")
    private E dequeue() {
        E e = (E) items[head];
        items[head] = null;
        head = (head + 1) % items.length;
        count--;
        notFull.signal();
        return e;
    }

    @Override
    public void put(E e) throws InterruptedException {
        Objects.requireNonNull(e);
        lock.lockInterruptibly();
        try {
            while (count == items.length) {
                notFull.await();
            }
            enqueue(e);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean offer(E e) {
        Objects.requireNonNull(e);
        lock.lock();
        try {
            if (count == items.length) {
                return false;
            }
            enqueue(e);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(e);
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (count == items.length) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            enqueue(e);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                notEmpty.await();
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E poll() {
        if (count == 0) {
            return null;
        }
        lock.lock();
        try {
            return count == 0 ? null : dequeue();
        } finally {
            lock.unlock();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public E peek() {
        if (count == 0) {
            return null;
        }
        lock.lock();
        try {
            return count == 0 ? null : (E) items[head];
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        lock.lock();
        try {
            return items.length - count;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    @Override
    @SuppressWarnings("unchecked")
    public int drainTo(Collection<? super E> c, int maxElements) {
        Objects.requireNonNull(c);
        if (c == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        if (count == 0 || maxElements <= 0) {
            return 0;
        }
        lock.lock();
        try {
            int n = Math.min(maxElements, count);
            for (int i = 0; i < n; i++) {
                c.add((E) items[head]);
                items[head] = null;
                head = (head + 1) % items.length;
            }
            count -= n;
            if (n > 0) {
                notFull.signalAll();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the elements, oldest first; removing through it is not supported. */
    @Override
    @SuppressWarnings("unchecked")
    public Iterator<E> iterator() {
        Object[] snapshot;
        lock.lock();
        try {
            snapshot = new Object[count];
            for (int i = 0; i < count; i++) {
                snapshot[i] = items[(head + i) % items.length];
            }
        } finally {
            lock.unlock();
        }
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < snapshot.length;
            }

            @Override
            public E next() {
                if (next >= snapshot.length) {
                    throw new NoSuchElementException();
                }
                return (E) snapshot[next++];
            }
        };
    }
}
