package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BatchQueueTest {

    @Test
    void keepsOrderAcrossTheRingsWrapAround() throws Exception {
        BatchQueue<Integer> q = new BatchQueue<>(3);
        for (int i = 0; i < 10; i++) {
            q.put(i);
            assertThat(q.take()).isEqualTo(i);
        }
        assertThat(q.offer(1)).isTrue();
        assertThat(q.offer(2)).isTrue();
        assertThat(q.offer(3)).isTrue();
        assertThat(q.offer(4)).as("full").isFalse();
        assertThat(q.remainingCapacity()).isZero();
        assertThat(q).containsExactly(1, 2, 3);
        assertThat(q.peek()).isEqualTo(1);
        List<Integer> drained = new ArrayList<>();
        assertThat(q.drainTo(drained, 2)).isEqualTo(2);
        assertThat(drained).containsExactly(1, 2);
        assertThat(q.poll()).isEqualTo(3);
        assertThat(q.poll()).isNull();
        assertThat(q.poll(1, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void putAllLargerThanTheQueueWaitsForRoomAndLosesNothing() throws Exception {
        BatchQueue<Integer> q = new BatchQueue<>(4);
        List<Integer> batch = IntStream.range(0, 1000).boxed().collect(Collectors.toList());
        Thread producer = new Thread(() -> {
            try {
                q.putAll(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-producer");
        producer.start();
        List<Integer> got = new ArrayList<>();
        while (got.size() < batch.size()) {
            Integer next = q.poll(5, TimeUnit.SECONDS);
            assertThat(next).as("element %d within 5 s", got.size()).isNotNull();
            got.add(next);
        }
        producer.join(5000);
        assertThat(producer.isAlive()).isFalse();
        assertThat(got).isEqualTo(batch);
    }

    @Test
    void aBlockedPutAllCanBeInterrupted() throws Exception {
        BatchQueue<Integer> q = new BatchQueue<>(1);
        q.put(0);
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            try {
                q.putAll(List.of(1, 2));
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }, "test-producer");
        producer.start();
        try {
            // Interrupt only once it waits for room, not while it may still be taking the lock.
            awaitState(producer, Thread.State.WAITING);
            producer.interrupt();
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("putAll ended by the interrupt").isTrue();
            assertThat(q).containsExactly(0);
        } finally {
            // Should it not have ended, make room until it does.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (producer.isAlive() && System.nanoTime() - deadline < 0) {
                q.poll(10, TimeUnit.MILLISECONDS);
            }
        }
        assertThat(producer.isAlive()).isFalse();
    }

    @Test
    void aConsumerThatOnlyLooksSeesEachElementAloneAsSoonAsItIsPut() throws Exception {
        // The looks answer "empty" without the lock: each of these must still see the one
        // element put since the last look, with nothing else behind it to push it through.
        BatchQueue<Integer> q = new BatchQueue<>(8);
        int n = 2000;
        CountDownLatch[] taken = new CountDownLatch[n];
        for (int i = 0; i < n; i++) {
            taken[i] = new CountDownLatch(1);
        }
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    if (i % 2 == 0) {
                        q.put(i);
                    } else {
                        q.putAll(List.of(i));
                    }
                    if (!taken[i].await(5, TimeUnit.SECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-producer");
        producer.start();
        List<Integer> got = new ArrayList<>();
        List<Integer> drained = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            Integer next = null;
            while (next == null) {
                assertThat(System.nanoTime() - deadline).as("element %d seen within 5 s by looking", i).isNegative();
                switch (i % 3) {
                    case 0:
                        next = q.poll();
                        break;
                    case 1:
                        next = q.peek() == null ? null : q.poll();
                        break;
                    default:
                        next = q.drainTo(drained, 8) == 0 ? null : drained.remove(0);
                        break;
                }
                Thread.onSpinWait();
            }
            got.add(next);
            taken[i].countDown();
        }
        producer.join(5000);
        assertThat(got).isEqualTo(IntStream.range(0, n).boxed().collect(Collectors.toList()));
        assertThat(drained).isEmpty();
        assertThat(q.poll()).isNull();
    }

    private static void awaitState(Thread thread, Thread.State state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != state) {
            assertThat(System.nanoTime() - deadline).as("%s still %s after 5 s", thread.getName(), thread.getState())
                    .isNegative();
            Thread.onSpinWait();
        }
    }

    @Test
    void refusesNullsAndAZeroCapacity() {
        assertThatThrownBy(() -> new BatchQueue<Integer>(0)).hasMessage("capacity : 0 (expected: > 0)");
        BatchQueue<Integer> q = new BatchQueue<>(2);
        assertThatThrownBy(() -> q.offer(null)).isInstanceOf(NullPointerException.class);
    }
}
