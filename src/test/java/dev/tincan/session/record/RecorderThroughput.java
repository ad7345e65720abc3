package dev.tincan.session.record;

import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Measures how many frames a second a {@link Session} takes from a flood of 64-byte frames on
 * 127.0.0.1, drained as the command line drains it, with and without a {@link Recorder}
 * tapping it. Run with {@code java -cp target/classes:target/test-classes:...
 * dev.tincan.session.record.RecorderThroughput [frames] [file]}; a file such as
 * {@code /dev/null} separates the cost of making the lines from the disk's.
 */
public final class RecorderThroughput {
    private RecorderThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("tincan-throughput");
        for (int round = 0; round < 3; round++) {
            double plain = run(frames, null);
            Path file = args.length > 1 ? Path.of(args[1]) : dir.resolve("flood.jsonl");
            double recorded = run(frames, file);
            System.out.printf(Locale.ROOT, "round %d: %,d frames of 64 B: without recording %,.0f frames/s, "
                    + "recording to %s %,.0f frames/s (%.0f%%)%n", round + 1, frames, plain, file, recorded,
                    100 * recorded / plain);
            if (args.length < 2) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private static double run(int frames, Path file) throws Exception {
        ServerConfig config = ServerConfig.builder().port(0).mode(Mode.FLOOD).floodCount(frames).floodSize(64)
                .build();
        try (CompanionServer flood = new CompanionServer(config).start()) {
            Session session = new Session();
            session.start();
            Recorder recorder = file == null ? null
                    : Recorder.start(session, file, "127.0.0.1", flood.port(), "line", 1 << 24, System.err::println);
            long start = System.nanoTime();
            if (session.connect("127.0.0.1", flood.port(), Framing.parse("line")) != null) {
                throw new AssertionError("connect refused");
            }
            long deadline = start + TimeUnit.SECONDS.toNanos(120);
            while (session.stats().framesIn() < frames) {
                session.take(100_000, 50);
                session.changes();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the flood did not arrive within 120 s");
                }
            }
            long nanos = System.nanoTime() - start;
            if (recorder != null) {
                recorder.stop();
            }
            session.shutdown();
            session.awaitStopped(2000);
            return frames * 1e9 / nanos;
        }
    }
}
