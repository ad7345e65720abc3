package dev.tincan.session;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A named, ordered list of steps run against one session: send a library message, pause,
 * or wait for a reply that matches a regular expression.
 */
public record Sequence(String name, List<Step> steps) {
    public Sequence {
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
    }

    /** One step of a sequence. */
    public sealed interface Step permits Send, Pause, AwaitReply {
    }

    /** Sends the library message called {@code message}. */
    public record Send(String message) implements Step {
        public Send {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Waits {@code delay} before the next step. */
    public record Pause(Duration delay) implements Step {
        public Pause {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /**
     * Waits until a frame arrives whose text matches {@code regex} (found anywhere in it),
     * or fails the run when {@code timeout} passes first.
     */
    public record AwaitReply(String regex, Duration timeout) implements Step {
        public AwaitReply {
            Objects.requireNonNull(regex, "regex");
            Objects.requireNonNull(timeout, "timeout");
        }
    }
}
