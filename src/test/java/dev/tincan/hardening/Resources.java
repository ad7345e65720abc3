package dev.tincan.hardening;

import static org.assertj.core.api.Assertions.fail;

import dev.tincan.testing.Threads;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the process holds: live threads, open file descriptors, used heap; and waits,
 * bounded, for them to settle. Every wait loops on a check until a deadline and fails
 * loudly with what it saw.
 */
final class Resources {
    /** Where Linux lists the open file descriptors of this process. */
    static final Path FDS = Path.of("/proc/self/fd");
    private static final long CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Resources() {
    }

    /** Live threads in this JVM. */
    static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Whether open file descriptors can be counted here. */
    static boolean canCountFds() {
        return Files.isDirectory(FDS);
    }

    /** Open file descriptors of this process (the listing's own one included, as in every count). */
    static int fds() {
        try (Stream<Path> entries = Files.list(FDS)) {
            return (int) entries.count();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + FDS + ": " + e.getMessage(), e);
        }
    }

    /** Used heap after full collections, in bytes. */
    static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    /** Checks {@code done} every 10 ms until it holds; fails with {@code what} after {@code timeoutMillis}. */
    static void await(String what, long timeoutMillis, BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("waited " + timeoutMillis + " ms, still not: " + what);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(CHECK_EVERY_NANOS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }

    /** Waits until at most {@code baseline + slack} threads are alive; fails naming them. */
    static void awaitThreadsBackTo(int baseline, int slack, long timeoutMillis) {
        try {
            await("threads back to " + baseline + " + " + slack, timeoutMillis, () -> threads() <= baseline + slack);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + threads() + " alive: " + Thread.getAllStackTraces()
                    .keySet().stream().map(Thread::getName).sorted().collect(Collectors.joining(", ")), e);
        }
    }

    /** Waits until at most {@code baseline + slack} file descriptors are open; fails with the count. */
    static void awaitFdsBackTo(int baseline, int slack, long timeoutMillis) {
        try {
            await("file descriptors back to " + baseline + " + " + slack, timeoutMillis,
                    () -> fds() <= baseline + slack);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + fds() + " open", e);
        }
    }

    /** No client, reader, server or proxy thread is left (each waited for, bounded). */
    static void assertNoThreadsLeft() {
        Threads.assertNoneLeft("tincan-client-");
        Threads.assertNoneLeft("tincan-reader-");
        Threads.assertNoneLeft("tincan-server-");
        Threads.assertNoneLeft("test-proxy-");
        Threads.assertNoneLeft("test-server-");
    }
}
