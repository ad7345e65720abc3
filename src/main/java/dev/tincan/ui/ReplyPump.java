package dev.tincan.ui;

import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.swing.Timer;

/**
 * The reply pump: one {@link javax.swing.Timer} that drains every session's reply queue on
 * the EDT. Each tick takes replies with non-blocking {@code drainTo} until every queue is
 * empty, the tick's batch is full or its time budget is spent, then has each source hand
 * over what changed once, so the models update once per tick however fast frames arrive.
 *
 * <p>Sources take turns, round robin, a share at a time (the tick's batch divided among
 * them, at most one chunk); a source whose queue runs dry leaves the round and what it did
 * not use goes to the others, so a flooding session takes what the quiet ones leave but can
 * never keep them waiting past the first round. The first source of each tick moves on by
 * one. It never blocks: what is left waits for the next tick, and the bounded queues push
 * back on the network meanwhile. Confined to the EDT.
 */
final class ReplyPump {
    /** Milliseconds between ticks. */
    static final int DEFAULT_INTERVAL_MS = 10;
    /** The time a tick may spend taking replies. */
    static final long DEFAULT_BUDGET_NANOS = 4_000_000L;
    /** The most replies handed over in one tick, all sources together. */
    static final int DEFAULT_MAX_BATCH = 20_000;
    /** The most replies a source takes per turn: one lock, and one clock reading, per chunk. */
    static final int CHUNK = 256;

    /** One reply queue the pump drains, with what it changes. */
    interface Source {
        /** Takes up to {@code max} waiting replies without blocking and applies them; returns how many. */
        int take(int max);

        /** Hands over, at once, what this tick's takes changed; nothing when nothing did. */
        void flush();
    }

    private final Supplier<? extends List<? extends Source>> sources;
    private final long budgetNanos;
    private final int maxBatch;
    private final LongSupplier clock;
    private final Timer timer;
    private int nextFirst;
    private long batches;
    private long drained;

    /** A pump over the sources {@code sources} gives at each tick, with the default interval, budget and batch. */
    ReplyPump(Supplier<? extends List<? extends Source>> sources) {
        this(sources, DEFAULT_INTERVAL_MS, DEFAULT_BUDGET_NANOS, DEFAULT_MAX_BATCH, System::nanoTime);
    }

    /**
     * A pump that ticks every {@code intervalMs}, spends at most about {@code budgetNanos}
     * per tick (measured with {@code clock}) and takes at most {@code maxBatch} replies per
     * tick from all the sources {@code sources} gives together.
     */
    ReplyPump(Supplier<? extends List<? extends Source>> sources, int intervalMs, long budgetNanos, int maxBatch,
            LongSupplier clock) {
        this.sources = Objects.requireNonNull(sources, "sources");
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
     * One tick: takes from the sources in turn within the budget, then flushes every source
     * once. Returns the number of replies taken. Called by the timer; tests call it directly.
     */
    int tick() {
        List<? extends Source> list = sources.get();
        int n = list.size();
        if (n == 0) {
            return 0;
        }
        long deadline = clock.getAsLong() + budgetNanos;
        int share = Math.max(1, Math.min(CHUNK, maxBatch / n));
        boolean[] dry = new boolean[n];
        int first = Math.floorMod(nextFirst++, n);
        int total = 0;
        rounds:
        while (total < maxBatch) {
            boolean more = false;
            for (int k = 0; k < n; k++) {
                int i = (first + k) % n;
                if (dry[i]) {
                    continue;
                }
                int ask = Math.min(share, maxBatch - total);
                int got = list.get(i).take(ask);
                total += got;
                if (got < ask) {
                    dry[i] = true;
                } else {
                    more = true;
                }
                if (total >= maxBatch || clock.getAsLong() - deadline >= 0) {
                    break rounds;
                }
            }
            if (!more) {
                break;
            }
        }
        for (Source s : list) {
            s.flush();
        }
        if (total > 0) {
            batches++;
            drained += total;
        }
        return total;
    }

    /** Starts ticking. */
    void start() {
        timer.start();
    }

    /** Stops ticking; replies left in the queues stay there. */
    void stop() {
        timer.stop();
    }

    boolean isRunning() {
        return timer.isRunning();
    }

    /** Ticks that took replies so far. */
    long batches() {
        return batches;
    }

    /** Replies taken so far. */
    long drained() {
        return drained;
    }
}
