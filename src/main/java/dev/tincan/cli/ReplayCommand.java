package dev.tincan.cli;

import dev.tincan.codec.HostPort;
import dev.tincan.session.Words;
import dev.tincan.session.record.RecorderException;
import dev.tincan.session.record.RecordingFile;
import dev.tincan.session.record.Replay;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tincan replay FILE HOST PORT}: sends a recording's sent frames to a server again
 * ({@link Replay}), with the recorded gaps scaled by {@code --speed}, and with
 * {@code --compare} checks the replies against the recorded ones. One summary line on
 * standard output; a difference or a failure is one {@code error:} line and exit code 1. On a
 * terminal a {@link ProgressLine} says how far it has come, and first that the recording is
 * being read, and is cleared before the summary.
 */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Send a recording's sent frames to a server again, with the recorded timing.",
            "The recording is one made by connect --record or by Record in the window; its framing and max frame "
                + "length are used, and the gaps between frames are kept, scaled by --speed.",
            "With --compare every frame that comes back is checked against the frames the recording received, in "
                + "order; the first difference is named and the exit code is 1.",
            "On a terminal a progress line shows on standard error while it runs; in a pipe or a file it does not."},
        footer = {"", "Examples:",
            "  tincan replay talk.jsonl 127.0.0.1 50007",
            "  tincan replay --speed max --compare talk.jsonl 127.0.0.1 50007"})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The recording.")
    Path file;

    @Parameters(index = "1", paramLabel = "HOST", converter = HostConverter.class,
            description = "The server's host name or address, e.g. 127.0.0.1 or ::1.")
    String host;

    @Parameters(index = "2", paramLabel = "PORT", converter = PortConverter.class,
            description = "The server's TCP port, 1 to 65535.")
    int port;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
            description = "How many times faster than recorded, e.g. 2 or 0.5; max (or 0) sends each frame as soon "
                    + "as the connection takes it (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--compare",
            description = "Check the frames that come back against the recorded ones and name the first difference.")
    boolean compare;

    @Option(names = "--linger", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "After the last send, how long to wait for replies still to come once none has come for "
                    + "that long (default: ${DEFAULT-VALUE}).")
    Duration linger;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        double times = speed();
        Consumer<String> progress = ProgressLine.onTerminal(spec.commandLine().getErr());
        String name = RecordingArgument.name(file);
        try (RecordingFile recording = RecordingArgument.open(spec, file, progress)) {
            Replay.Result r;
            try {
                r = Replay.run(recording, host, port, new Replay.Options(times, compare, linger),
                        p -> progress.accept(line(name, p)));
            } catch (RecorderException e) {
                throw new CommandFailedException(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(file + " cannot be replayed: " + e.getMessage());
            } finally {
                progress.accept("");
            }
            out.println(summary(r));
            out.flush();
            if (r.failure() != null) {
                throw new CommandFailedException(r.failure());
            }
            if (r.difference() != null) {
                throw new CommandFailedException(r.difference().sentence());
            }
            return 0;
        }
    }

    private String summary(Replay.Result r) {
        String s = "replayed " + r.sent() + " of " + frames(r.toSend()) + " to " + HostPort.of(host, port) + " in "
                + String.format(Locale.ROOT, "%.1f s", r.nanos() / 1e9) + "; " + frames(r.received()) + " came back ("
                + r.recorded() + " recorded)";
        if (compare && r.difference() == null && r.failure() == null) {
            s += ", all as recorded";
        }
        return s + ".";
    }

    /** The progress line: {@code replaying talk.jsonl: 120 of 500 frames sent, 118 replies, 2.5s, 8s left}. */
    static String line(String name, Replay.Progress p) {
        String left = p.leftNanos() > 0 ? ", " + Words.eta(TimeUnit.NANOSECONDS.toMillis(p.leftNanos())) + " left"
                : "";
        return "replaying " + name + ": " + p.sent() + " of " + frames(p.toSend()) + " sent, " + p.received()
                + (p.received() == 1 ? " reply, " : " replies, ") + ProgressLine.elapsed(p.elapsedNanos()) + left;
    }

    private static String frames(int n) {
        return n == 1 ? "1 frame" : n + " frames";
    }

    private double speed() {
        String s = speed.strip().toLowerCase(Locale.ROOT);
        if (s.equals("max")) {
            return 0;
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (!(v >= 0) || Double.isInfinite(v) || s.endsWith("d") || s.endsWith("f")) {
            throw new ParameterException(spec.commandLine(), "--speed " + Cli.quote(speed) + " is not a speed: use a "
                    + "positive number such as 2 or 0.5, or max.");
        }
        return v;
    }
}
