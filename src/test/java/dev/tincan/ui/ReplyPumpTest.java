package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.codec.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.swing.SwingUtilities;
import javax.swing.event.TableModelEvent;
import org.junit.jupiter.api.Test;

class ReplyPumpTest {
    private final BlockingQueue<ClientReply> replies = new ArrayBlockingQueue<>(10_000);
    private final List<Integer> batches = new ArrayList<>();

    private static ClientReply frame(int i) {
        return new ClientReply.Received(null, Bytes.utf8("frame " + i), i + 1, i);
    }

    private void fill(int n) {
        for (int i = 0; i < n; i++) {
            assertThat(replies.offer(frame(i))).isTrue();
        }
    }

    @Test
    void aTickDrainsEverythingPendingAsOneBatch() {
        fill(500);
        ReplyPump pump = new ReplyPump(replies, b -> batches.add(b.size()));

        assertThat(pump.tick()).isEqualTo(500);
        assertThat(batches).containsExactly(500);
        assertThat(replies).isEmpty();
    }

    @Test
    void aTickOnAnEmptyQueueHandsNothingOver() {
        ReplyPump pump = new ReplyPump(replies, b -> batches.add(b.size()));

        assertThat(pump.tick()).isZero();
        assertThat(batches).isEmpty();
    }

    @Test
    void aTickStopsWhenItsBudgetIsSpentAndLeavesTheRestQueued() {
        fill(5_000);
        AtomicLong now = new AtomicLong();
        // The clock is read once per chunk of 256 and every reading is 30 µs later: a 100 µs
        // budget is spent after the fourth chunk.
        ReplyPump pump = new ReplyPump(replies, b -> batches.add(b.size()), 10, 100_000, 20_000,
                () -> now.addAndGet(30_000));

        int taken = pump.tick();

        assertThat(taken).isEqualTo(4 * 256);
        assertThat(batches).containsExactly(taken);
        assertThat(replies).hasSize(5_000 - taken);
    }

    @Test
    void aTickHandsOverAtMostMaxBatch() {
        fill(300);
        ReplyPump pump = new ReplyPump(replies, b -> batches.add(b.size()), 10, 1_000_000_000L, 128,
                System::nanoTime);

        assertThat(pump.tick()).isEqualTo(128);
        assertThat(pump.tick()).isEqualTo(128);
        assertThat(pump.tick()).isEqualTo(44);
        assertThat(batches).containsExactly(128, 128, 44);
    }

    @Test
    void aBatchOfFramesUpdatesTheTableWithOneInsertEvent() throws Exception {
        fill(2_000);
        AtomicInteger inserts = new AtomicInteger();
        AtomicInteger others = new AtomicInteger();
        AtomicInteger rows = new AtomicInteger();
        SwingUtilities.invokeAndWait(() -> {
            TranscriptModel transcript = new TranscriptModel(new WallClock(), 100_000, Long.MAX_VALUE);
            transcript.addTableModelListener(e -> {
                if (e.getType() == TableModelEvent.INSERT) {
                    inserts.incrementAndGet();
                } else {
                    others.incrementAndGet();
                }
            });
            Session session = new Session(new ArrayBlockingQueue<ClientCommand>(16), transcript, new TrafficStats(),
                    new ActivityModel(), System::nanoTime);
            new ReplyPump(replies, session::accept).tick();
            rows.set(transcript.getRowCount());
        });

        assertThat(rows.get()).isEqualTo(2_000);
        assertThat(inserts.get()).isEqualTo(1);
        assertThat(others.get()).isZero();
    }

    @Test
    void theTimerDrainsRepliesPostedFromAnotherThread() throws Exception {
        BlockingQueue<Integer> seen = new LinkedBlockingQueue<>();
        ReplyPump[] pump = new ReplyPump[1];
        SwingUtilities.invokeAndWait(() -> {
            pump[0] = new ReplyPump(replies, b -> seen.add(b.size()));
            pump[0].start();
        });
        try {
            Thread producer = new Thread(() -> fill(1_000), "tincan-test-producer");
            producer.start();
            producer.join(5_000);
            int total = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (total < 1_000) {
                Integer n = seen.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (n == null) {
                    fail("the pump handed over only " + total + " of 1000 replies within 5 s");
                }
                total += n;
            }
            assertThat(total).isEqualTo(1_000);
        } finally {
            SwingUtilities.invokeAndWait(() -> pump[0].stop());
        }
        assertThat(pump[0].isRunning()).isFalse();
    }
}
