package dev.tincan.ui;

import dev.tincan.session.TranscriptRow;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JOptionPane;
import javax.swing.SwingUtilities;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the transcript: asks where, takes a snapshot of the rows on the EDT, writes the
 * file on a named background thread ({@code tincan-save}), and reports the outcome in the
 * status bar in one sentence. Confined to the EDT, except the writing.
 */
final class TranscriptSaver {
    private static final Logger log = LoggerFactory.getLogger(TranscriptSaver.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final JFrame owner;
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(4), r -> {
                Thread t = new Thread(r, "tincan-save");
                t.setDaemon(false);
                return t;
            });
    private File lastDirectory;

    TranscriptSaver(JFrame owner) {
        this.owner = owner;
    }

    /** Asks for a file and saves the rows in view there, in {@code format}; {@code status} reports. */
    void save(TranscriptModel model, TranscriptExport.Format format, StatusBar status) {
        if (model.getRowCount() == 0) {
            status.showNotice("nothing to save: the transcript is empty.", false);
            return;
        }
        JFileChooser chooser = new JFileChooser(lastDirectory);
        chooser.setDialogTitle("Save transcript as " + format.label());
        chooser.setFileFilter(new FileNameExtensionFilter(format.label() + " (*." + format.extension() + ")",
                format.extension()));
        chooser.setSelectedFile(new File(lastDirectory, "tincan-" + LocalDateTime.now().format(STAMP) + "."
                + format.extension()));
        if (chooser.showSaveDialog(owner) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        File file = withExtension(chooser.getSelectedFile(), format.extension());
        lastDirectory = file.getParentFile();
        if (file.exists() && JOptionPane.showConfirmDialog(owner, file.getName() + " exists. Replace it?",
                "Save transcript", JOptionPane.OK_CANCEL_OPTION) != JOptionPane.OK_OPTION) {
            return;
        }
        write(model.snapshot(), model.firstSeq(), model.clock(), file.toPath(), format, status);
    }

    /** Writes {@code rows} off the EDT and reports in {@code status}. */
    void write(List<TranscriptRow> rows, long firstSeq, WallClock clock, Path file, TranscriptExport.Format format,
            StatusBar status) {
        status.showNotice("saving " + Formats.count(rows.size(), "row", "rows") + " to " + file + "…", false);
        try {
            writer.execute(() -> {
                String outcome;
                boolean failed = false;
                try {
                    TranscriptExport.write(rows, firstSeq, clock, file, format);
                    outcome = "saved " + Formats.count(rows.size(), "row", "rows") + " to " + file + ".";
                } catch (IOException | RuntimeException e) {
                    log.warn("could not save the transcript to {}", file, e);
                    outcome = "could not save the transcript to " + file + ": " + e.getMessage() + ".";
                    failed = true;
                }
                String sentence = outcome;
                boolean bad = failed;
                SwingUtilities.invokeLater(() -> {
                    if (status.isDisplayable()) {
                        status.showNotice(sentence, bad);
                    }
                });
            });
        } catch (RejectedExecutionException e) {
            status.showNotice("still saving earlier transcripts: try again in a moment.", true);
        }
    }

    private static File withExtension(File file, String extension) {
        return file.getName().contains(".") ? file : new File(file.getParentFile(), file.getName() + "." + extension);
    }

    /** Lets a save under way finish (bounded), then ends the thread. */
    void shutdown() {
        writer.shutdown();
    }
}
