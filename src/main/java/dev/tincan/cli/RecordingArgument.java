package dev.tincan.cli;

import dev.tincan.session.record.RecorderException;
import dev.tincan.session.record.RecordingFile;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The recording a command such as {@code replay} or {@code export-pcap} is given. */
final class RecordingArgument {
    private RecordingArgument() {
    }

    /**
     * Opens {@code file}, showing "reading FILE..." on {@code progress} meanwhile. A file that
     * cannot be opened as a recording is bad usage, in one sentence; a recording cut short
     * opens with a note on standard error saying so.
     */
    static RecordingFile open(CommandSpec spec, Path file, Consumer<String> progress) {
        RecordingFile recording;
        progress.accept("reading " + file + "...");
        try {
            recording = RecordingFile.open(file);
        } catch (RecorderException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } finally {
            progress.accept("");
        }
        if (recording.cutShort()) {
            spec.commandLine().getErr().println("note: " + recording.cutShortSentence());
        }
        return recording;
    }

    /** The file's name without its folder, for progress lines. */
    static String name(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }
}
