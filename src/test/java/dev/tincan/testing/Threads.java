package dev.tincan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

/** Thread hygiene checks: every Tincan thread is named {@code tincan-...}. */
public final class Threads {
    private Threads() {
    }

    /** Live threads whose names start with {@code prefix}. */
    public static List<Thread> named(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .collect(Collectors.toList());
    }

    /** Waits, bounded, for {@code thread} to end and fails if it does not. */
    public static void awaitEnded(Thread thread) {
        try {
            thread.join(ReplyRecorder.TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).as(thread.getName() + " still alive").isFalse();
    }

    /** Waits, bounded, for every live thread named {@code prefix...} to end, then fails if any is left. */
    public static void assertNoneLeft(String prefix) {
        for (Thread t : named(prefix)) {
            try {
                t.join(ReplyRecorder.TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(named(prefix)).extracting(Thread::getName).as("threads left").isEmpty();
    }
}
