package dev.tincan.ui;

import dev.tincan.session.record.RecorderException;
import dev.tincan.session.record.RecordingFile;
import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's recording actions: record the tab in front to a file, stop, and open a
 * recording as a read-only tab. The outcome of each shows in the tab's status bar.
 * Confined to the EDT, except the indexing of a recording being opened.
 */
final class RecordingActions {
    private static final Logger log = LoggerFactory.getLogger(RecordingActions.class);

    private final JFrame frame;
    private final Supplier<WindowTab> current;
    private final BooleanSupplier closed;
    private final Function<RecordingFile, SessionTab> readOnlyTab;
    private final Predicate<WindowTab> addInFront;

    /**
     * Actions for the window {@code frame} on the tab {@code current} gives; {@code closed} says
     * whether the window has closed since, {@code readOnlyTab} makes a tab showing a recording,
     * and {@code addInFront} adds one in front (false when there is no room).
     */
    RecordingActions(JFrame frame, Supplier<WindowTab> current, BooleanSupplier closed,
            Function<RecordingFile, SessionTab> readOnlyTab, Predicate<WindowTab> addInFront) {
        this.frame = frame;
        this.current = current;
        this.closed = closed;
        this.readOnlyTab = readOnlyTab;
        this.addInFront = addInFront;
    }

    /** File ▸ Record…: asks for a file, then records the tab in front to it. */
    void record() {
        SessionTab tab = sessionTabOrSay();
        if (tab == null) {
            return;
        }
        if (tab.isRecordingView() || tab.isRecording()) {
            tab.statusBar().showNotice(tab.isRecording() ? "this tab is recording to " + tab.recordingFile()
                    + " already: stop that first." : "this tab shows a recording: record in a tab with a connection.",
                    true);
            return;
        }
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Record this tab to");
        chooser.setSelectedFile(new File("tincan-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                .format(LocalDateTime.now()) + ".jsonl"));
        if (chooser.showSaveDialog(frame) == JFileChooser.APPROVE_OPTION) {
            startRecording(chooser.getSelectedFile().toPath());
        }
    }

    /** Records the tab in front to {@code file}; returns {@code null}, or the sentence shown saying why not. */
    String startRecording(Path file) {
        SessionTab tab = current.get().sessionTab();
        if (tab == null) {
            String why = current.get().noSessionSentence();
            current.get().showNotice(why, true);
            return why;
        }
        String why = tab.startRecording(file);
        if (why != null) {
            tab.statusBar().showNotice(why, true);
        }
        return why;
    }

    /** File ▸ Stop recording: stops recording the tab in front. */
    void stopRecording() {
        SessionTab tab = sessionTabOrSay();
        if (tab != null) {
            tab.stopRecording();
        }
    }

    /** The session tab in front, or {@code null} after saying in one sentence that there is none. */
    private SessionTab sessionTabOrSay() {
        WindowTab front = current.get();
        if (front.sessionTab() == null) {
            front.showNotice(front.noSessionSentence(), true);
        }
        return front.sessionTab();
    }

    /** File ▸ Open recording…: asks for a recording, then opens it as a read-only tab. */
    void openRecording() {
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Open recording");
        if (chooser.showOpenDialog(frame) == JFileChooser.APPROVE_OPTION) {
            openRecording(chooser.getSelectedFile().toPath());
        }
    }

    /**
     * Opens {@code file} as a read-only tab in front: indexed off the EDT (a million frames
     * take about a second), then shown; a file that is not a recording is one sentence in the
     * status line. The time it took is said and logged.
     */
    void openRecording(Path file) {
        long start = System.nanoTime();
        current.get().showNotice("opening " + file + "…", false);
        Thread opener = new Thread(() -> {
            RecordingFile recording;
            try {
                recording = RecordingFile.open(file);
            } catch (RecorderException e) {
                log.info("{}", e.getMessage(), e);
                SwingUtilities.invokeLater(() -> current.get().showNotice(e.getMessage(), true));
                return;
            }
            SwingUtilities.invokeLater(() -> showRecording(recording, start));
        }, "tincan-open-recording");
        opener.setDaemon(true);
        opener.start();
    }

    private void showRecording(RecordingFile recording, long start) {
        if (closed.getAsBoolean()) {
            recording.close();
            return;
        }
        SessionTab tab = readOnlyTab.apply(recording);
        if (!addInFront.test(tab)) {
            recording.close();
            return;
        }
        if (recording.size() > 0) {
            // A recording is read from its start, the first row in the detail pane.
            tab.transcriptView().showRow(0);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        log.info("opened recording {}: {} lines in {} ms", recording.file(), recording.size(), millis);
        if (!recording.cutShort()) {
            tab.statusBar().showNotice("opened " + recording.file().getFileName() + ": "
                    + Formats.count(recording.size(), "row", "rows") + " in " + millis + " ms.", false);
        }
    }
}
