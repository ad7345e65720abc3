package dev.tincan.ui;

import dev.tincan.client.ClientReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.swing.Timer;

/**
 * The reply pump: a {@link javax.swing.Timer} that drains the client's reply queue on the
 * EDT. Each tick takes replies with non-blocking {@link BlockingQueue#poll()} until the
 * queue is empty, the batch is full or the tick's time budget is spent, then hands the
 * whole batch to its sink once, so the models update once per tick however fast frames
 * arrive. It never blocks: what is left waits for the next tick, and the bounded queue
 * pushes back on the network meanwhile. Confined to the EDT.
 */
final class ReplyPump {
    /** Milliseconds between ticks. */
    static final int DEFAULT_INTERVAL_MS = 10;
    /** The time a tick may spend taking replies. */
    static final long DEFAULT_BUDGET_NANOS = 4_000_000L;
    /** The most replies handed over in one batch. */
    static final int DEFAULT_MAX_BATCH = 20_000;

    private final BlockingQueue<ClientReply> replies;
    private final Consumer<List<ClientReply>> sink;
    /** Replies taken from the queue per lock. */
    private static final int CHUNK = 256;
    private final long budgetNanos;
    private final int maxBatch;
    private final LongSupplier clock;
    private final Timer timer;
    private long batches;
    private long drained;

    /** A pump with the default interval, budget and batch size. */
    ReplyPump(BlockingQueue<ClientReply> replies, Consumer<List<ClientReply>> sink) {
        this(replies, sink, DEFAULT_INTERVAL_MS, DEFAULT_BUDGET_NANOS, DEFAULT_MAX_BATCH, System::nanoTime);
    }

    /**
     * A pump that ticks every {@code intervalMs}, spends at most about {@code budgetNanos}
     * per tick (measured with {@code clock}) and hands over at most {@code maxBatch} replies
     * per batch. The sink runs on the EDT and must not keep the list it is given.
     */
    ReplyPump(BlockingQueue<ClientReply> replies, Consumer<List<ClientReply>> sink, int intervalMs,
            long budgetNanos, int maxBatch, LongSupplier clock) {
        this.replies = Objects.requireNonNull(replies, "replies");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (intervalMs < 1) {
            throw new IllegalArgumentException("intervalMs : " + intervalMs + " (expected: > 0)");
        }
        if (budgetNanos < 1) {
            throw new IllegalArgumentException("budgetNanos : " + budgetNanos + " (expected: > 0)");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch : " + maxBatch + " (expected: > 0)");
        }
        this.budgetNanos = budgetNanos;
        this.maxBatch = maxBatch;
        this.timer = new Timer(intervalMs, e -> tick());
        timer.setCoalesce(true);
        timer.setInitialDelay(0);
    }

    /**
     * One tick: drains what is pending within the budget and hands it to the sink as one
     * batch. Returns the number of replies taken. Called by the timer; tests call it directly.
     */
    int tick() {
        long deadline = clock.getAsLong() + budgetNanos;
        List<ClientReply> batch = new ArrayList<>(Math.min(maxBatch, replies.size() + 1));
        // Drain in chunks: one lock per chunk, and the clock read once per chunk.
        while (batch.size() < maxBatch) {
            int taken = replies.drainTo(batch, Math.min(CHUNK, maxBatch - batch.size()));
            if (taken == 0 || clock.getAsLong() - deadline >= 0) {
                break;
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        batches++;
        drained += batch.size();
        sink.accept(batch);
        return batch.size();
    }

    /** Starts ticking. */
    void start() {
        timer.start();
    }

    /** Stops ticking; replies left in the queue stay there. */
    void stop() {
        timer.stop();
    }

    boolean isRunning() {
        return timer.isRunning();
    }

    /** Batches handed over so far. */
    long batches() {
        return batches;
    }

    /** Replies handed over so far. */
    long drained() {
        return drained;
    }
}
