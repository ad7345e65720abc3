package dev.tincan.ui.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.session.Library;
import dev.tincan.session.LibraryFile;
import dev.tincan.session.SavedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Library files read and written off the event thread, with results back on it. Needs no display. */
class LibraryStoreTest {
    private static final long WAIT_MILLIS = 5_000;

    @TempDir
    Path dir;

    private final LibraryStore store = new LibraryStore();
    private final BlockingQueue<Object> results = new ArrayBlockingQueue<>(8);

    @AfterEach
    void close() {
        store.close();
    }

    private void onEdtResult(Object result) {
        results.add(SwingUtilities.isEventDispatchThread() ? result : "not on the EDT: " + result);
    }

    @Test
    void aMissingFileLoadsAsAnEmptyLibraryOnTheEventThread() throws Exception {
        store.load(dir.resolve("none.json"), this::onEdtResult, this::onEdtResult);

        Object result = results.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(result).isInstanceOf(Library.class);
        assertThat(((Library) result).size()).isZero();
    }

    @Test
    void aBadFileGivesItsSentenceOnTheEventThread() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"version\": 7, \"messages\": []}");

        store.load(bad, this::onEdtResult, this::onEdtResult);

        assertThat(results.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(bad + " was written by a newer Tincan "
                + "(library version 7; this one reads up to 1): update Tincan to open it.");
    }

    @Test
    void theLastOfSeveralSavesIsWhatIsOnDiskOnceClosed() throws Exception {
        Path file = dir.resolve("lib/library.json");
        for (int i = 1; i <= 50; i++) {
            Library lib = new Library();
            lib.add(new SavedMessage("m", "", "version " + i, false, null, ""));
            store.save(file, lib, this::onEdtResult);
        }
        store.close();

        assertThat(LibraryFile.read(file).get("m").payload()).isEqualTo("version 50");
        assertThat(results).as("no failure was reported").isEmpty();
    }
}
