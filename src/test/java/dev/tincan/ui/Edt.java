package dev.tincan.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.swing.SwingUtilities;

/** Window tests' way onto the event thread: run a task there and take its result, or wait for a state. */
public final class Edt {
    /** The pause between two checks of a wait. */
    private static final long CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private Edt() {
    }

    /** Runs {@code task} on the EDT and returns its result, rethrowing what it threw. */
    public static <T> T onEdt(Callable<T> task) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                out.set(task.call());
            } catch (Exception e) {
                failed.set(e);
            }
        });
        if (failed.get() != null) {
            throw failed.get();
        }
        return out.get();
    }

    /** Runs {@code task} on the EDT and waits for it. */
    public static void onEdt(Runnable task) throws Exception {
        SwingUtilities.invokeAndWait(task);
    }

    /** Closes {@code window} (if a test opened one) and fails unless it is gone within {@code wait}. */
    static void closeAndAwait(WindowHandle window, Duration wait) throws InterruptedException {
        if (window != null) {
            window.close();
            if (!window.awaitClosed(wait)) {
                throw new AssertionError("the window did not close within " + wait);
            }
        }
    }

    /**
     * Checks {@code done} on the EDT until it holds, {@link #betweenChecks() pausing} between
     * checks; fails naming {@code what} after {@code wait}.
     */
    public static void awaitOnEdt(String what, Duration wait, Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!onEdt(done)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + wait + " for " + what);
            }
            betweenChecks();
        }
    }

    /**
     * Pauses a waiting loop for a moment between two checks of the state it waits for. A loop
     * that checks again at once keeps a core and the EDT busy with checks: on a machine of two
     * cores that starves the threads that make the state (the client's, the server's, the
     * EDT's own work) and made window tests take seconds where they need tenths.
     */
    public static void betweenChecks() {
        LockSupport.parkNanos(CHECK_EVERY_NANOS);
    }
}
