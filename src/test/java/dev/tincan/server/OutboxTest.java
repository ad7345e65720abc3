package dev.tincan.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.testing.Threads;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The outbox's writer on its own, writing to a stream the test controls and times. */
class OutboxTest {
    private static final long TICK_MILLIS = 20;
    private static final long STALL_MILLIS = 300;

    /** Each write's text and when it returned. */
    private record Write(String text, long nanos) {
    }

    @Test
    void ticksDoNotCatchUpAfterAStalledWrite() throws Exception {
        Outbox outbox = new Outbox(1024, TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS),
                n -> ("tick " + n + "\n").getBytes(StandardCharsets.US_ASCII));
        BlockingQueue<Write> writes = new LinkedBlockingQueue<>();
        OutputStream peer = new OutputStream() {
            private boolean stalled;

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (!stalled) {
                    // The first write takes a while, as to a peer that stopped reading for a moment.
                    stalled = true;
                    try {
                        TimeUnit.MILLISECONDS.sleep(STALL_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                writes.add(new Write(new String(b, off, len, StandardCharsets.US_ASCII), System.nanoTime()));
            }
        };
        Thread writer = new Thread(() -> {
            try {
                outbox.writeTo(peer, 4096);
            } catch (Exception e) {
                writes.add(new Write("failed: " + e, System.nanoTime()));
            }
        }, "test-outbox-writer");
        writer.start();
        List<Write> seen = new ArrayList<>();
        try {
            Write stalled = next(writes);
            assertThat(stalled.text()).isEqualTo("tick 1\n");
            long until = stalled.nanos() + TimeUnit.MILLISECONDS.toNanos(3 * TICK_MILLIS);
            Write w;
            while ((w = writes.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                seen.add(w);
            }
            assertThat(seen).as("writes within %d ms after the stall", 3 * TICK_MILLIS).isNotEmpty();
            assertThat(seen.get(0).text()).isEqualTo("tick 2\n");
            // One tick is due at once; the next one a whole interval later, not the ones the stall missed.
            long burstEnd = seen.get(0).nanos() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS / 2);
            assertThat(seen.stream().filter(s -> s.nanos() - burstEnd < 0).map(Write::text))
                    .as("ticks sent at once after a %d ms stall, with a tick every %d ms", STALL_MILLIS, TICK_MILLIS)
                    .containsExactly("tick 2\n");
        } finally {
            outbox.close();
            Threads.awaitEnded(writer);
        }
    }

    private static Write next(BlockingQueue<Write> writes) throws InterruptedException {
        Write w = writes.poll(5, TimeUnit.SECONDS);
        assertThat(w).as("a write within 5 s").isNotNull();
        return w;
    }
}
