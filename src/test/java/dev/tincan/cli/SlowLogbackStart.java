package dev.tincan.cli;

import ch.qos.logback.classic.spi.LogbackServiceProvider;

/**
 * Logback's SLF4J provider, but 600 ms slow to start: for a process that must not log
 * while another of its threads is still starting SLF4J. Named by {@code slf4j.provider}
 * in a child JVM; the pause only widens a window that is otherwise a few milliseconds.
 */
public final class SlowLogbackStart extends LogbackServiceProvider {
    /** How long the start is held back. */
    static final long PAUSE_MILLIS = 600;

    @Override
    public void initialize() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        super.initialize();
    }
}
