package dev.tincan.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Looks a host name up within the connect's deadline. {@link InetAddress#getAllByName}
 * cannot be interrupted or given a timeout, and a name server that does not answer holds it
 * for as long as the system's resolver retries (often 10–30 s), so a name is looked up on a
 * thread of its own while the caller waits only for what is left of its deadline. A lookup
 * given up on ends by itself when the system's resolver does; at most
 * {@link #MAX_LOOKUPS} run at once, so lookups that never answer cannot pile up threads.
 * Literal addresses are not looked up and need no thread.
 */
final class Resolver {
    /** Lookups that may be waiting on the system's resolver at once. */
    static final int MAX_LOOKUPS = 8;
    private static final Semaphore LOOKUPS = new Semaphore(MAX_LOOKUPS);

    /** The system's lookup, or a stand-in that shows what a slow name server does. */
    @FunctionalInterface
    interface Lookup {
        /** Every address of {@code host}. */
        InetAddress[] all(String host) throws UnknownHostException;
    }

    /** A lookup that took longer than what was left of the connect timeout. */
    static final class LookupTimeout extends SocketTimeoutException {
        private static final long serialVersionUID = 1L;

        LookupTimeout(String host) {
            super("looking up " + host + " took longer than the connect timeout");
        }
    }

    private Resolver() {
    }

    /** Every address of {@code host}, looked up by the system, giving up at {@code deadlineNanos}. */
    static List<InetAddress> resolve(String host, long deadlineNanos) throws IOException {
        return resolve(host, deadlineNanos, InetAddress::getAllByName);
    }

    /**
     * Every address of {@code host} by {@code lookup}, giving up at {@code deadlineNanos}
     * ({@link System#nanoTime()}).
     *
     * @throws UnknownHostException when the name has no address
     * @throws LookupTimeout when the lookup has not answered by the deadline
     * @throws InterruptedIOException when the waiting thread is interrupted
     */
    static List<InetAddress> resolve(String host, long deadlineNanos, Lookup lookup) throws IOException {
        if (literal(host)) {
            return List.of(InetAddress.getAllByName(host));
        }
        if (!LOOKUPS.tryAcquire()) {
            throw new IOException(MAX_LOOKUPS + " name lookups are still waiting for the name server; "
                    + "try again when they end, or use an address such as 127.0.0.1");
        }
        CompletableFuture<InetAddress[]> answer = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                answer.complete(lookup.all(host));
            } catch (Throwable e) {
                // Whatever ends the lookup ends the wait for it too.
                answer.completeExceptionally(e);
            } finally {
                LOOKUPS.release();
            }
        }, "tincan-lookup");
        t.setDaemon(true);
        t.start();
        try {
            long left = deadlineNanos - System.nanoTime();
            return List.of(answer.get(Math.max(0, left), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            throw new LookupTimeout(host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while looking up " + host);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException u) {
                throw u;
            }
            throw new IOException("looking up " + host + " failed", e.getCause());
        }
    }

    /** Whether {@code host} is an IPv4 or IPv6 literal, which needs no lookup. */
    static boolean literal(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }
}
