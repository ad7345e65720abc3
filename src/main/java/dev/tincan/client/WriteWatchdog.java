package dev.tincan.client;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds blocking writes. Before a write the owner arms an alarm; if the write is still
 * blocked when it rings (the peer has stopped reading and the socket buffers are full), the
 * alarm closes the socket, which ends the write with an exception. One shared daemon
 * thread, {@code tincan-watchdog}, rings every alarm; it ends itself after two idle seconds.
 */
final class WriteWatchdog {
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "tincan-watchdog");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
        TIMER.setKeepAliveTime(2, TimeUnit.SECONDS);
        TIMER.allowCoreThreadTimeOut(true);
    }

    private WriteWatchdog() {
    }

    /** Runs {@code onStall} after {@code nanos} unless the returned alarm is cancelled first. */
    static ScheduledFuture<?> arm(Runnable onStall, long nanos) {
        return TIMER.schedule(onStall, nanos, TimeUnit.NANOSECONDS);
    }
}
