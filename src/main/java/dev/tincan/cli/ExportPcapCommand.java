package dev.tincan.cli;

import dev.tincan.session.Words;
import dev.tincan.session.record.PcapExport;
import dev.tincan.session.record.RecorderException;
import dev.tincan.session.record.RecordingFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tincan export-pcap FILE OUT}: writes a recording as a pcap file ({@link PcapExport})
 * for Wireshark or tcpdump, and says what it wrote in one line. On a terminal a
 * {@link ProgressLine} says how far it has come, and first that the recording is being
 * read, and is cleared before that line.
 */
@Command(name = "export-pcap",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Write a recording as a pcap file for Wireshark or tcpdump.",
            "The file holds one TCP connection: a handshake, each frame as a segment in the recording's framing, "
                + "with the recorded times, and the close.",
            "The addresses are made up where the recording has none: the server is the recorded host if it is an "
                + "IPv4 address, else 10.0.0.2; the client is 10.0.0.1 (127.0.0.1 for a server on this machine).",
            "On a terminal a progress line shows on standard error while it runs; in a pipe or a file it does not."},
        footer = {"", "Example:", "  tincan export-pcap talk.jsonl talk.pcap"})
final class ExportPcapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The recording.")
    Path file;

    @Parameters(index = "1", paramLabel = "OUT", description = "The pcap file to write (replaced if it exists).")
    Path out;

    @Override
    public Integer call() {
        Consumer<String> progress = ProgressLine.onTerminal(spec.commandLine().getErr());
        String name = RecordingArgument.name(file);
        try (RecordingFile recording = RecordingArgument.open(spec, file, progress)) {
            PcapExport.Summary s;
            try {
                s = PcapExport.write(recording, out, p -> progress.accept(line(name, p)));
            } finally {
                progress.accept("");
            }
            spec.commandLine().getOut().println("wrote " + out + ": " + s.frames() + (s.frames() == 1 ? " frame" :
                    " frames") + " in " + s.packets() + " packets, " + s.bytes() + " bytes.");
            return 0;
        } catch (RecorderException e) {
            throw new CommandFailedException(e.getMessage());
        }
    }

    /** The progress line: {@code exporting talk.jsonl: 1200 of 5000 frames, 96.0 KiB}. */
    static String line(String name, PcapExport.Progress p) {
        return "exporting " + name + ": " + p.frames() + " of " + p.framesTotal() + " frames, " + Words.size(p.bytes());
    }
}
