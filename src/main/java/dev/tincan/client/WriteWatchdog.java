package dev.tincan.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds blocking writes. One shared daemon thread, {@code tincan-watchdog}, gives up a
 * write whose current slice has stayed blocked for its connection's write timeout (the
 * peer has stopped reading, or reads too little to free room in the full socket buffers)
 * by closing the socket, which ends the write with an exception. The thread runs only
 * while some connection is watched.
 *
 * <p>It sleeps until the earliest deadline, as Okio's {@code AsyncTimeout} does, but a
 * write never tells it anything: a slice only stamps its start in an {@code AtomicLong}.
 * A connection with no slice in progress cannot be due before a whole timeout from now,
 * and one with a slice is due a timeout after that slice's stamp, so those two times are
 * all the watchdog needs to know when to look again. It wakes about once per timeout per
 * connection, however many writes happen. Waking it on every write instead (a one-shot
 * alarm armed per write) cost a third of the round-trip rate on two cores.
 *
 * <p>Bound: a slice is given up no earlier than the timeout after it began, and no later
 * than that plus 1 ms (a timed wait rounds up to whole milliseconds) plus the time the OS
 * takes to wake this thread: under a millisecond on an idle machine, a few on a loaded
 * one. There is no polling period to add. Tests allow 250 ms over the timeout, for a
 * shared build machine and the time to encode the frame and fill the socket buffers.
 */
final class WriteWatchdog {
    private static final Logger log = LoggerFactory.getLogger(WriteWatchdog.class);

    /** What the watchdog checks: a connection's write in progress, if any. */
    interface Watched {
        /**
         * Gives up the write in progress if its current slice began a write timeout or more
         * before {@code now}, and returns when to check again: the current slice's deadline,
         * or {@code now} plus the timeout when no slice is in progress (or it was just given up).
         */
        long check(long now);
    }

    private static final Object LOCK = new Object();
    /** Guarded by LOCK. */
    private static final Set<Watched> WATCHED = new LinkedHashSet<>();
    /** The running watchdog thread, or null; guarded by LOCK. */
    private static Thread thread;
    /** A connection was added since the thread last took its snapshot; guarded by LOCK. */
    private static boolean added;
    /** The longest sleep, should every check fail; connections added meanwhile wake the thread. */
    private static final long MAX_WAIT_NANOS = TimeUnit.MINUTES.toNanos(1);

    private WriteWatchdog() {
    }

    /** Checks {@code w} at each of its deadlines until {@link #unwatch}. */
    static void watch(Watched w) {
        synchronized (LOCK) {
            WATCHED.add(w);
            if (thread == null) {
                thread = new Thread(WriteWatchdog::run, "tincan-watchdog");
                thread.setDaemon(true);
                thread.start();
            } else {
                // Its first deadline may be earlier than the one the thread sleeps towards.
                added = true;
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
                synchronized (LOCK) {
                    if (WATCHED.isEmpty()) {
                        thread = null;
                        return;
                    }
                    snapshot.addAll(WATCHED);
                    added = false;
                }
                long now = System.nanoTime();
                long wait = MAX_WAIT_NANOS;
                for (Watched w : snapshot) {
                    try {
                        wait = Math.min(wait, w.check(now) - now);
                    } catch (RuntimeException e) {
                        log.error("checking a write for a stall failed", e);
                    }
                }
                snapshot.clear();
                synchronized (LOCK) {
                    // A connection added after the snapshot notified before this wait: look again at once.
                    if (!WATCHED.isEmpty() && wait > 0 && !added) {
                        TimeUnit.NANOSECONDS.timedWait(LOCK, wait);
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
