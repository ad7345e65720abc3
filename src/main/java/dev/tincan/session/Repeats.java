package dev.tincan.session;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The repeats running in one conversation, so that something other than the control that
 * started them can stop them: a rule that sees the answer it waited for, say. A repeater
 * is added when it starts and leaves by itself once it has finished; at most
 * {@link #MAX_RUNNING} are held, which no person clicking Start reaches. Thread-safe.
 */
public final class Repeats {
    /** The most repeaters held at once; an older finished one makes room before a new one is refused. */
    public static final int MAX_RUNNING = 256;

    private final Set<Repeater> running = ConcurrentHashMap.newKeySet();

    /**
     * Holds {@code repeater} until it finishes or is stopped here. Returns false when
     * {@link #MAX_RUNNING} are running already: the repeater runs, but only its own control
     * can stop it. Any thread.
     */
    public boolean add(Repeater repeater) {
        Objects.requireNonNull(repeater, "repeater");
        running.removeIf(r -> r.hasFinished());
        if (running.size() >= MAX_RUNNING) {
            return false;
        }
        running.add(repeater);
        return true;
    }

    /** Lets go of {@code repeater}, if held. Any thread. */
    public void remove(Repeater repeater) {
        running.remove(repeater);
    }

    /** How many held repeaters have not finished. Any thread. */
    public int running() {
        running.removeIf(r -> r.hasFinished());
        return running.size();
    }

    /**
     * Stops every repeater held here (each then tells its own listener, as when its Stop is
     * pressed) and lets go of them. Returns how many were still running. Never waits. Any thread.
     */
    public int stopAll() {
        int stopped = 0;
        for (Repeater r : running) {
            if (running.remove(r) && !r.hasFinished()) {
                r.stop();
                stopped++;
            }
        }
        return stopped;
    }
}
