package dev.tincan.session.rules;

import dev.tincan.codec.Escapes;
import dev.tincan.session.record.RecordFormat;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rule snapshots off the engine's threads: one daemon thread, started with the first
 * snapshot, takes them from a queue of at most {@link #MAX_WAITING}; one more is refused and
 * the caller says so. Each file is written whole to a temporary file beside it and moved
 * into place, in the {@link RecordFormat}; the outcome is one note. Thread-safe.
 */
final class Snapshots {
    /** The most snapshots that may wait to be written. */
    static final int MAX_WAITING = 8;
    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** One snapshot to write: the frames, oldest first, the header, the file, and who asked. */
    record Job(List<History.Frame> frames, RecordFormat.Header header, long startNanos, Path file, String rule,
            int asked) {
    }

    private final BlockingQueue<Job> queue = new ArrayBlockingQueue<>(MAX_WAITING);
    private final Consumer<String> notes;
    private Thread thread;
    private volatile boolean closed;

    /** @param notes where the sentence saying how each write went goes */
    Snapshots(Consumer<String> notes) {
        this.notes = notes;
    }

    /** Queues {@code job}; false when {@link #MAX_WAITING} wait already or this is closed. Never waits. */
    synchronized boolean offer(Job job) {
        if (closed || !queue.offer(job)) {
            return false;
        }
        if (thread == null) {
            thread = new Thread(this::run, "tincan-rules-snapshot-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }
        return true;
    }

    /** Ends the thread after the snapshot being written, if any; the rest are dropped. */
    synchronized void close() {
        closed = true;
        queue.clear();
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        while (!closed) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            notes.accept(write(job));
        }
    }

    /** Writes one snapshot; returns the sentence saying how it went. */
    static String write(Job job) {
        Path target = job.file().toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                w.write(RecordFormat.header(job.header()));
                w.write('\n');
                StringBuilder sb = new StringBuilder(256);
                Instant started = job.header().started();
                for (History.Frame f : job.frames()) {
                    sb.setLength(0);
                    RecordFormat.line(sb, RecordFormat.Line.frame(f.seq(), f.nanos() - job.startNanos(), f.dir(),
                            f.bytes()), started);
                    w.append(sb).append('\n');
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            int n = job.frames().size();
            return "rule '" + job.rule() + "' wrote a snapshot of " + n + (n == 1 ? " frame" : " frames")
                    + (n < job.asked() ? " (of the " + job.asked() + " asked: no more were kept)" : "") + " to "
                    + target + ".";
        } catch (IOException e) {
            LOG.warn("rule '{}' could not write its snapshot to {}", job.rule(), target, e);
            return "rule '" + job.rule() + "' could not write its snapshot to " + target + ": "
                    + Escapes.oneLine(String.valueOf(e.getMessage())) + ".";
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write failed already; that is the sentence worth giving.
                }
            }
        }
    }
}
