package dev.tincan.ui;

import java.util.Objects;

/**
 * A sentence the status bar shows for a while. For {@link #FRESH_NANOS} it reads as given;
 * after that a plain notice is gone, and a failure says how long ago it happened
 * ("… (2 min ago)") until {@link #FAILURE_NANOS} have passed. Immutable.
 */
final class Notice {
    /** How long a notice reads as news. */
    static final long FRESH_NANOS = 10_000_000_000L;
    /** How long a failure stays, with its age, before it goes. */
    static final long FAILURE_NANOS = 5 * 60_000_000_000L;

    private final String text;
    private final boolean failed;
    private final long shownNanos;

    /** {@code text}, a failure when {@code failed}, shown at {@code shownNanos} on the same clock as later reads. */
    Notice(String text, boolean failed, long shownNanos) {
        this.text = Objects.requireNonNull(text, "text");
        this.failed = failed;
        this.shownNanos = shownNanos;
    }

    boolean failed() {
        return failed;
    }

    /** What to show at {@code nowNanos}, or {@code null} when the notice has gone. */
    String textAt(long nowNanos) {
        long age = nowNanos - shownNanos;
        if (age < FRESH_NANOS) {
            return text;
        }
        if (!failed || age >= FAILURE_NANOS) {
            return null;
        }
        return text + " (" + ago(age) + ")";
    }

    /** Whether the notice is past its news: gone, or a failure shown with its age. */
    boolean isStale(long nowNanos) {
        return nowNanos - shownNanos >= FRESH_NANOS;
    }

    private static String ago(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        return seconds < 60 ? seconds + " s ago" : seconds / 60 + " min ago";
    }
}
