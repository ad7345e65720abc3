package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.testing.ReplyRecorder;
import java.io.Writer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A command's standard output or error as lines, each handed to a queue the moment its
 * newline is printed, so a test waits for the line it needs instead of sleeping. Carriage
 * returns are dropped. Bounded: a command printing more than the queue holds fails the
 * test rather than growing without limit.
 */
final class LineQueue extends Writer {
    /** The whole lines printed so far and not yet taken. */
    final BlockingQueue<String> lines;
    private final StringBuilder current = new StringBuilder();

    /** Lines into a queue of its own, 1 024 deep. */
    LineQueue() {
        this(new ArrayBlockingQueue<>(1024));
    }

    /** Lines into {@code lines}, which another thread may take from. */
    LineQueue(BlockingQueue<String> lines) {
        this.lines = lines;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (buf[i] == '\n') {
                lines.add(current.toString());
                current.setLength(0);
            } else if (buf[i] != '\r') {
                current.append(buf[i]);
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** The next line, failing the test when none comes within {@link ReplyRecorder#TIMEOUT_MILLIS}. */
    String next() throws InterruptedException {
        String line = lines.poll(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(line).as("a line within " + ReplyRecorder.TIMEOUT_MILLIS + " ms").isNotNull();
        return line;
    }

    /** Skips lines up to the first that matches {@code regex} and returns it, failing loudly if none comes. */
    String until(String regex) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ReplyRecorder.TIMEOUT_MILLIS);
        StringBuilder skipped = new StringBuilder();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            assertThat(line).as("a line matching " + regex + " within " + ReplyRecorder.TIMEOUT_MILLIS
                    + " ms; before it: " + skipped).isNotNull();
            if (line.matches(regex)) {
                return line;
            }
            skipped.append(line).append('\n');
        }
    }
}
