package dev.tincan.session.record;

import dev.tincan.codec.Bytes;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Measures how long {@link RecordingFile#open} takes on a recording of a million 64-byte
 * frames and how much heap the open recording holds. Run with {@code java -cp
 * target/classes:target/test-classes:... dev.tincan.session.record.RecordingOpenTime [frames] [file]};
 * with a file name the recording is kept there (for opening it in the window).
 */
public final class RecordingOpenTime {
    private RecordingOpenTime() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path file = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("tincan-1m", ".jsonl");
        write(file, frames);
        System.out.printf(Locale.ROOT, "%,d frames, %,d bytes%n", frames, Files.size(file));
        Runtime rt = Runtime.getRuntime();
        for (int round = 1; round <= 3; round++) {
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            long start = System.nanoTime();
            RecordingFile rec = RecordingFile.open(file);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            System.out.printf(Locale.ROOT, "open %d: %,d ms, %,d lines, heap held %.1f MiB, line 500000 %s%n",
                    round, millis, rec.size(), (after - before) / 1048576.0, rec.line(rec.size() / 2).bytes());
            rec.close();
        }
        if (args.length < 2) {
            Files.delete(file);
        }
    }

    static void write(Path file, int frames) throws Exception {
        Instant started = Instant.parse("2026-11-30T08:31:02.123Z");
        LineWriter lines = new LineWriter(started);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(RecordFormat.header(new RecordFormat.Header(started, "127.0.0.1", 50007, "line", 1 << 24)));
            w.write('\n');
            StringBuilder sb = new StringBuilder(512);
            for (int i = 1; i <= frames; i++) {
                sb.setLength(0);
                byte[] payload = String.format(Locale.ROOT, "%-64s", i % 2 == 1 ? "request " + i : "reply " + i)
                        .replace(' ', '.').getBytes(StandardCharsets.US_ASCII);
                RecordFormat.Dir dir = i % 2 == 1 ? RecordFormat.Dir.OUT : RecordFormat.Dir.IN;
                lines.append(sb, RecordFormat.Line.frame(i, i * 10_000L, dir, Bytes.adopt(payload))).append('\n');
                w.append(sb);
            }
        }
    }
}
