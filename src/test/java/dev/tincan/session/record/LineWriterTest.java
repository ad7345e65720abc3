package dev.tincan.session.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The recorder's fast lines are exactly {@link RecordFormat}'s lines. */
class LineWriterTest {
    @Test
    void everyLineIsTheSameAsTheFormatWritesIt() {
        Random random = new Random(7);
        Instant[] starts = {Instant.parse("2026-11-30T08:31:02.123Z"), Instant.parse("2026-11-30T08:31:02Z"),
            Instant.parse("1999-12-31T23:59:59.999999999Z"), Instant.parse("+12026-01-01T00:00:00Z")};
        long[] nanos = {0, 1, 999, 1000, 877_000_000, 877_000_001, 1_000_000_000, 3_600_000_000_123L, 5_000};
        for (Instant start : starts) {
            LineWriter fast = new LineWriter(start);
            for (int i = 0; i < 2000; i++) {
                byte[] bytes = new byte[random.nextInt(i % 3 == 0 ? 4 : 300)];
                if (i % 2 == 0) {
                    random.nextBytes(bytes);
                } else {
                    for (int k = 0; k < bytes.length; k++) {
                        bytes[k] = (byte) (0x20 + random.nextInt(0x5f));
                    }
                }
                long ns = i < nanos.length ? nanos[i] : nanos[i % nanos.length] + random.nextInt(5) * 1000L * i;
                RecordFormat.Dir dir = i % 5 == 0 ? RecordFormat.Dir.OUT : RecordFormat.Dir.IN;
                RecordFormat.Line line = i % 50 == 7
                        ? RecordFormat.Line.words(i, ns, RecordFormat.Dir.EVENT, "closed \"now\"\t" + i)
                        : RecordFormat.Line.frame(i, ns, dir, Bytes.of(bytes));
                String expected = RecordFormat.line(new StringBuilder(), line, start).toString();
                assertThat(fast.append(new StringBuilder(), line).toString()).as("line %d from %s", i, start)
                        .isEqualTo(expected);
            }
        }
    }
}
