package dev.tincan.cli;

import dev.tincan.session.FileSend;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options that make {@code send} repeat a message or send a file: {@code --repeat N}
 * with {@code --interval T}, or {@code --file PATH} with {@code --lines} or
 * {@code --chunk K}. {@link #check} says in one sentence what does not go together.
 */
final class SendToolOptions {
    @Option(names = "--repeat", paramLabel = "N", converter = WholeNumberConverter.Long.class,
            description = "Send the MESSAGE N times, every --interval; print each reply, then a summary line on "
                    + "stderr. A progress line shows on a terminal. --timeout counts from the last send.")
    Long repeat;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --repeat: the time between sends, kept without drift, e.g. 10ms or 1s "
                    + "(default: 0, back to back). When a send is late it does not burst: missed sends move later.")
    Duration interval;

    @Option(names = "--file", paramLabel = "PATH",
            description = "Send this file instead of MESSAGEs: as one frame, or with --lines or --chunk; wait for "
                    + "one reply per frame, print them, then a summary line on stderr. A progress line shows on a "
                    + "terminal. --timeout counts from the last frame.")
    Path file;

    @Option(names = "--lines",
            description = "With --file: one frame per line (LF; a CR before it is removed; the line end is not "
                    + "sent).")
    boolean lines;

    @Option(names = "--chunk", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "With --file: frames of SIZE bytes, e.g. 4096 or 64KiB; the last may be shorter.")
    Long chunk;

    /** Whether any of these options was given: then {@code send} repeats or sends a file, or says why not. */
    boolean active() {
        return repeat != null || file != null || interval != null || lines || chunk != null;
    }

    /**
     * One sentence for options that do not go together, or null when they do.
     *
     * @param messages how many MESSAGE arguments were given
     */
    String check(int messages) {
        if (repeat != null && file != null) {
            return "--repeat and --file do not go together: repeat a message, or send a file.";
        }
        if (interval != null && repeat == null) {
            return "--interval goes with --repeat: give --repeat N as well.";
        }
        if ((lines || chunk != null) && file == null) {
            return (lines ? "--lines" : "--chunk") + " goes with --file: give --file PATH as well.";
        }
        if (lines && chunk != null) {
            return "--lines and --chunk do not go together: pick one.";
        }
        if (repeat != null && repeat < 1) {
            return "--repeat " + repeat + " sends nothing: give 1 or more.";
        }
        if (repeat != null && messages != 1) {
            return "--repeat sends one message: give exactly one MESSAGE or one --message (" + messages + " given).";
        }
        if (file != null && messages > 0) {
            return "--file sends the file: give no MESSAGE with it.";
        }
        if (chunk != null && (chunk < 1 || chunk > Integer.MAX_VALUE)) {
            return "--chunk " + chunk + " is out of range: give a size of 1 byte or more, e.g. 4096 or 64KiB.";
        }
        return null;
    }

    /** How --file cuts the file. */
    FileSend.Mode mode() {
        return lines ? FileSend.Mode.LINES : chunk != null ? FileSend.Mode.CHUNKS : FileSend.Mode.WHOLE;
    }

    /** The time between repeats. */
    Duration interval() {
        return interval == null ? Duration.ZERO : interval;
    }
}
