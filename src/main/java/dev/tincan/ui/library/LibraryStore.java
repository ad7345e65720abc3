package dev.tincan.ui.library;

import dev.tincan.session.Library;
import dev.tincan.session.LibraryFile;
import dev.tincan.session.LibraryFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes library files on one thread of its own ({@code tincan-library-io}), so
 * the event thread never waits for a disk; results come back on the event thread. Saves are
 * coalesced: while one is waiting, a newer library replaces it, so a burst of edits costs one
 * write. Thread-safe.
 */
public final class LibraryStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryStore.class);

    private final ExecutorService io = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(64), r -> {
                Thread t = new Thread(r, "tincan-library-io");
                t.setDaemon(true);
                return t;
            });
    private final AtomicReference<Library> pendingSave = new AtomicReference<>();

    /** The window's library file, {@code ~/.tincan/library.json}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".tincan", "library.json");
    }

    /**
     * Reads {@code file} and gives the library to {@code loaded} on the event thread, or an
     * empty one when the file does not exist yet; a file that cannot be read gives its sentence
     * to {@code failed} instead.
     */
    public void load(Path file, Consumer<Library> loaded, Consumer<String> failed) {
        run(() -> {
            try {
                Library library = Files.exists(file) ? LibraryFile.read(file) : new Library();
                SwingUtilities.invokeLater(() -> loaded.accept(library));
            } catch (LibraryFileException e) {
                LOG.warn("{}", e.getMessage(), e.getCause());
                SwingUtilities.invokeLater(() -> failed.accept(e.getMessage()));
            }
        }, failed);
    }

    /**
     * Writes {@code library} (a copy the caller no longer changes) to {@code file} soon; a
     * failure gives its sentence to {@code failed} on the event thread.
     */
    public void save(Path file, Library library, Consumer<String> failed) {
        if (pendingSave.getAndSet(library) != null) {
            return;
        }
        run(() -> {
            Library latest = pendingSave.getAndSet(null);
            try {
                LibraryFile.write(file, latest);
            } catch (LibraryFileException e) {
                LOG.warn("{}", e.getMessage(), e.getCause());
                SwingUtilities.invokeLater(() -> failed.accept(e.getMessage()));
            }
        }, sentence -> {
            pendingSave.set(null);
            failed.accept(sentence);
        });
    }

    /** Runs {@code job} on the store's thread: for imports and exports the panel starts. */
    void run(Runnable job, Consumer<String> failed) {
        try {
            io.execute(job);
        } catch (RejectedExecutionException e) {
            failed.accept("the library is busy with earlier reads and writes: try again in a moment.");
        }
    }

    /** Finishes the writes already asked for, waiting at most {@code millis}, then ends the thread. */
    public void close(long millis) throws InterruptedException {
        io.shutdown();
        if (!io.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
            LOG.warn("library writes did not finish within {} ms", millis);
            io.shutdownNow();
        }
    }

    /** Finishes the writes already asked for (up to 5 s), then ends the thread. */
    @Override
    public void close() {
        try {
            close(5_000);
        } catch (InterruptedException e) {
            io.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
