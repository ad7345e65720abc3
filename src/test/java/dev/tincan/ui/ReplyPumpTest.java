package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tincan.client.ClientReply;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.Session;
import dev.tincan.session.TranscriptRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import javax.swing.event.TableModelEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReplyPumpTest {
    private final BlockingQueue<ClientReply> replies = new ArrayBlockingQueue<>(10_000);
    private final List<Integer> batches = new ArrayList<>();

    /** A reply queue as the pump sees it: takes in chunks, hands a tick's replies over as one batch. */
    private static final class QueueSource implements ReplyPump.Source {
        private final BlockingQueue<ClientReply> queue;
        private final Consumer<List<ClientReply>> sink;
        private List<ClientReply> batch = new ArrayList<>();

        QueueSource(BlockingQueue<ClientReply> queue, Consumer<List<ClientReply>> sink) {
            this.queue = queue;
            this.sink = sink;
        }

        @Override
        public int take(int max) {
            return queue.drainTo(batch, max);
        }

        @Override
        public void flush() {
            if (!batch.isEmpty()) {
                List<ClientReply> b = batch;
                batch = new ArrayList<>();
                sink.accept(b);
            }
        }
    }

    /** A session as the window drains it: what a tick changed goes to {@code sink} at once. */
    private static final class SessionSource implements ReplyPump.Source {
        private final Session session;
        private final Consumer<Session.Changes> sink;

        SessionSource(Session session, Consumer<Session.Changes> sink) {
            this.session = session;
            this.sink = sink;
        }

        @Override
        public int take(int max) {
            return session.take(max);
        }

        @Override
        public void flush() {
            if (session.hasChanges()) {
                sink.accept(session.changes());
            }
        }
    }

    private ReplyPump pump(int maxBatch) {
        QueueSource source = new QueueSource(replies, b -> batches.add(b.size()));
        return new ReplyPump(() -> List.of(source), 10, 1_000_000_000L, maxBatch, System::nanoTime);
    }

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
        QueueSource source = new QueueSource(replies, b -> batches.add(b.size()));
        ReplyPump pump = new ReplyPump(() -> List.of(source));

        assertThat(pump.tick()).isEqualTo(500);
        assertThat(batches).containsExactly(500);
        assertThat(replies).isEmpty();
    }

    @Test
    void aTickOnAnEmptyQueueHandsNothingOver() {
        ReplyPump pump = pump(20_000);

        assertThat(pump.tick()).isZero();
        assertThat(batches).isEmpty();
    }

    @Test
    void aTickStopsWhenItsBudgetIsSpentAndLeavesTheRestQueued() {
        fill(5_000);
        AtomicLong now = new AtomicLong();
        // The clock is read once per chunk of 256 and every reading is 30 µs later: a 100 µs
        // budget is spent after the fourth chunk.
        QueueSource source = new QueueSource(replies, b -> batches.add(b.size()));
        ReplyPump pump = new ReplyPump(() -> List.of(source), 10, 100_000, 20_000, () -> now.addAndGet(30_000));

        int taken = pump.tick();

        assertThat(taken).isEqualTo(4 * 256);
        assertThat(batches).containsExactly(taken);
        assertThat(replies).hasSize(5_000 - taken);
    }

    @Test
    void aTickHandsOverAtMostMaxBatch() {
        fill(300);
        ReplyPump pump = pump(128);

        assertThat(pump.tick()).isEqualTo(128);
        assertThat(pump.tick()).isEqualTo(128);
        assertThat(pump.tick()).isEqualTo(44);
        assertThat(batches).containsExactly(128, 128, 44);
    }

    @Test
    void aQuietSourceIsServedInTheFirstRoundWhateverTheOtherHolds() {
        fill(5_000);
        BlockingQueue<ClientReply> quiet = new ArrayBlockingQueue<>(16);
        quiet.add(frame(0));
        List<Integer> quietBatches = new ArrayList<>();
        QueueSource flood = new QueueSource(replies, b -> batches.add(b.size()));
        QueueSource calm = new QueueSource(quiet, b -> quietBatches.add(b.size()));
        ReplyPump pump = new ReplyPump(() -> List.of(flood, calm), 10, 1_000_000_000L, 1_000, System::nanoTime);

        assertThat(pump.tick()).isEqualTo(1_000);

        assertThat(quietBatches).containsExactly(1);
        assertThat(batches).as("the flood takes what the quiet source left of the tick").containsExactly(999);
    }

    @Test
    void theFirstSourceOfEachTickMovesOnSoNeitherAlwaysGoesFirst() {
        BlockingQueue<ClientReply> other = new ArrayBlockingQueue<>(10_000);
        for (int i = 0; i < 1_000; i++) {
            fill(1);
            other.add(frame(i));
        }
        List<Integer> otherBatches = new ArrayList<>();
        QueueSource a = new QueueSource(replies, b -> batches.add(b.size()));
        QueueSource b = new QueueSource(other, x -> otherBatches.add(x.size()));
        // A share of one and room for three per tick: whoever goes first gets two.
        ReplyPump pump = new ReplyPump(() -> List.of(a, b), 10, 1_000_000_000L, 3, System::nanoTime);

        pump.tick();
        pump.tick();

        assertThat(batches).containsExactly(2, 1);
        assertThat(otherBatches).containsExactly(1, 2);
    }

    @Test
    @Timeout(20)
    void aFloodingSessionCannotKeepAnotherSessionsEchoWaiting() throws Exception {
        ServerConfig flood = ServerConfig.builder().port(0).framing(Framing.parse("line")).mode(Mode.FLOOD)
                .floodCount(1_000_000).floodSize(64).build();
        ServerConfig echo = ServerConfig.builder().port(0).framing(Framing.parse("line")).mode(Mode.ECHO).build();
        Session flooded = new Session(16, 8192, System::nanoTime);
        Session echoed = new Session(16, 8192, System::nanoTime);
        try (CompanionServer floodServer = new CompanionServer(flood).start();
                CompanionServer echoServer = new CompanionServer(echo).start()) {
            flooded.start();
            echoed.start();
            assertThat(flooded.connect("127.0.0.1", floodServer.port(), Framing.parse("line"))).isNull();
            assertThat(echoed.connect("127.0.0.1", echoServer.port(), Framing.parse("line"))).isNull();
            awaitConnected(flooded);
            awaitConnected(echoed);
            flooded.changes();
            echoed.changes();
            assertThat(echoed.send(Bytes.utf8("ping"))).isNull();
            // Wait until the flood fills its queue and the echo (Sent, then the frame) is in its queue.
            awaitQueued(flooded, 8192);
            awaitQueued(echoed, 2);

            List<TranscriptRow> echoRows = new ArrayList<>();
            AtomicLong floodRows = new AtomicLong();
            SessionSource first = new SessionSource(flooded, c -> floodRows.addAndGet(c.rows().size()));
            SessionSource second = new SessionSource(echoed, c -> echoRows.addAll(c.rows()));
            ReplyPump pump = new ReplyPump(() -> List.of(first, second), 10, 1_000_000_000L, 2_000,
                    System::nanoTime);

            pump.tick();

            assertThat(echoRows).extracting(TranscriptRow::kind)
                    .containsExactly(TranscriptRow.Kind.SENT, TranscriptRow.Kind.RECEIVED);
            assertThat(echoRows.get(1).rttNanos()).as("the echo is paired in the first tick").isNotNegative();
            assertThat(floodRows.get()).isEqualTo(2_000 - 2);
        } finally {
            flooded.shutdown();
            echoed.shutdown();
            assertThat(flooded.awaitStopped(2000)).isTrue();
            assertThat(echoed.awaitStopped(2000)).isTrue();
        }
    }

    private static void awaitConnected(Session s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!s.status().isConnected()) {
            if (System.nanoTime() > deadline) {
                fail("not connected within 5 s: " + s.status().sentence());
            }
            s.take(1, 100);
        }
    }

    /** Waits for the client thread to have queued {@code n} replies; it posts them, nothing here can be told. */
    private static void awaitQueued(Session s, int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (s.queuedReplies() < n) {
            if (System.nanoTime() > deadline) {
                fail("only " + s.queuedReplies() + " of " + n + " replies queued within 5 s");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    @Timeout(20)
    void aBatchOfFramesUpdatesTheTableWithOneInsertEvent() throws Exception {
        ServerConfig flood = ServerConfig.builder().port(0).framing(Framing.parse("line")).mode(Mode.FLOOD)
                .floodCount(2_000).floodSize(16).build();
        Session session = new Session(16, 8192, System::nanoTime);
        try (CompanionServer server = new CompanionServer(flood).start()) {
            session.start();
            assertThat(session.connect("127.0.0.1", server.port(), Framing.parse("line"))).isNull();
            awaitConnected(session);
            awaitQueued(session, 2_000);
            AtomicInteger inserts = new AtomicInteger();
            AtomicInteger others = new AtomicInteger();
            AtomicInteger rows = new AtomicInteger();
            SwingUtilities.invokeAndWait(() -> {
                TranscriptModel transcript = new TranscriptModel(new WallClock(), 100_000, Long.MAX_VALUE);
                transcript.apply(session.changes());
                int before = transcript.getRowCount();
                transcript.addTableModelListener(e -> {
                    if (e.getType() == TableModelEvent.INSERT) {
                        inserts.incrementAndGet();
                    } else {
                        others.incrementAndGet();
                    }
                });
                SessionSource source = new SessionSource(session, transcript::apply);
                new ReplyPump(() -> List.of(source), 10, 1_000_000_000L, 20_000, System::nanoTime).tick();
                rows.set(transcript.getRowCount() - before);
            });

            assertThat(rows.get()).isEqualTo(2_000);
            assertThat(inserts.get()).isEqualTo(1);
            assertThat(others.get()).isZero();
        } finally {
            session.shutdown();
            assertThat(session.awaitStopped(2000)).isTrue();
        }
    }

    @Test
    void theTimerDrainsRepliesPostedFromAnotherThread() throws Exception {
        BlockingQueue<Integer> seen = new LinkedBlockingQueue<>();
        ReplyPump[] pump = new ReplyPump[1];
        SwingUtilities.invokeAndWait(() -> {
            QueueSource source = new QueueSource(replies, b -> seen.add(b.size()));
            pump[0] = new ReplyPump(() -> List.of(source));
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
