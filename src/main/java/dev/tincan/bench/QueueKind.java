package dev.tincan.bench;

import dev.tincan.client.BatchQueue;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The queues the engine is driven through in a benchmark: its command queue and its reply
 * queue. Both kinds are bounded ring buffers under one lock that hand over in batches on
 * the taking side ({@code drainTo}); they differ on the putting side.
 */
public enum QueueKind {
    /** {@link BatchQueue}: a list goes in under one lock with one wake-up; what the window uses. */
    BATCH,
    /** {@link ArrayBlockingQueue}: one lock and one wake-up per element put. */
    ARRAY;

    /** A new empty queue of this kind holding at most {@code capacity} elements. */
    <E> BlockingQueue<E> create(int capacity) {
        return this == BATCH ? new BatchQueue<>(capacity) : new ArrayBlockingQueue<>(capacity);
    }

    /** Puts every element of {@code items} in order, in one hand-over when the queue can. */
    static <E> void putAll(BlockingQueue<E> queue, List<E> items) throws InterruptedException {
        if (queue instanceof BatchQueue<E> batch) {
            batch.putAll(items);
        } else {
            for (E item : items) {
                queue.put(item);
            }
        }
    }

    /** The lower-case name used on the command line and in the output. */
    public String spec() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code batch} or {@code array}, with a sentence listing both if unknown. */
    public static QueueKind parse(String s) {
        for (QueueKind k : values()) {
            if (k.spec().equalsIgnoreCase(s.strip())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown queue \"" + s + "\": use batch or array.");
    }
}
