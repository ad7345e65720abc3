package dev.tincan.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds blocking writes. One shared daemon thread, {@code tincan-watchdog}, checks every
 * watched connection periodically and gives up a write still blocked past its timeout (the
 * peer has stopped reading and the socket buffers are full) by closing the socket, which
 * ends the write with an exception. The thread runs only while some connection is watched.
 *
 * <p>A write itself only stamps its start and clears it. Arming a one-shot alarm per write
 * instead woke this thread on every write, a context switch per frame that cost a third of
 * the round-trip rate on two cores.
 */
final class WriteWatchdog {
    private static final Logger log = LoggerFactory.getLogger(WriteWatchdog.class);
    /** Checks per timeout: a stall is caught between 1 and 1 + 1/CHECKS timeouts after the write began. */
    private static final int CHECKS = 8;
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** What the watchdog checks: a connection's write in progress, if any. */
    interface Watched {
        /** The write timeout. */
        long timeoutNanos();

        /** Gives up the write in progress if it began {@link #timeoutNanos()} or more before {@code now}. */
        void check(long now);
    }

    private static final Object LOCK = new Object();
    /** Guarded by LOCK. */
    private static final Set<Watched> WATCHED = new LinkedHashSet<>();
    /** The running watchdog thread, or null; guarded by LOCK. */
    private static Thread thread;

    private WriteWatchdog() {
    }

    /** Checks {@code w} every eighth of its timeout (1 ms to 1 s) until {@link #unwatch}. */
    static void watch(Watched w) {
        synchronized (LOCK) {
            WATCHED.add(w);
            if (thread == null) {
                thread = new Thread(WriteWatchdog::run, "tincan-watchdog");
                thread.setDaemon(true);
                thread.start();
            } else {
                LOCK.notifyAll();
            }
        }
    }

    /** Stops checking {@code w}; the thread ends when nothing is left to watch. */
    static void unwatch(Watched w) {
        synchronized (LOCK) {
            if (WATCHED.remove(w) && WATCHED.isEmpty()) {
                LOCK.notifyAll();
            }
        }
    }

    private static void run() {
        List<Watched> snapshot = new ArrayList<>();
        try {
            while (true) {
                long period;
                synchronized (LOCK) {
                    if (WATCHED.isEmpty()) {
                        thread = null;
                        return;
                    }
                    snapshot.addAll(WATCHED);
                    period = MAX_PERIOD_NANOS;
                    for (Watched w : snapshot) {
                        period = Math.min(period, Math.max(MIN_PERIOD_NANOS, w.timeoutNanos() / CHECKS));
                    }
                }
                long now = System.nanoTime();
                for (Watched w : snapshot) {
                    try {
                        w.check(now);
                    } catch (RuntimeException e) {
                        log.error("checking a write for a stall failed", e);
                    }
                }
                snapshot.clear();
                synchronized (LOCK) {
                    if (!WATCHED.isEmpty()) {
                        TimeUnit.NANOSECONDS.timedWait(LOCK, period);
                    }
                }
            }
        } catch (InterruptedException e) {
            synchronized (LOCK) {
                thread = null;
            }
            log.warn("tincan-watchdog was interrupted: writes are not bounded until the next connection");
        }
    }
}
