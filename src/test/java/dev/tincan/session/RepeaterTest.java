package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.testing.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Repeater} against the companion echo server on 127.0.0.1. */
class RepeaterTest {
    private CompanionServer server;
    private ClientOutbox out;
    private final Finish finish = new Finish();

    /** Keeps the one finish sentence. */
    static final class Finish implements Repeater.Listener {
        final BlockingQueue<String> sentences = new ArrayBlockingQueue<>(2);
        /** When each send was handed over, by the repeater's own thread. */
        final List<Long> handedOver = new CopyOnWriteArrayList<>();
        volatile boolean failed;

        @Override
        public void progress(long sent) {
            handedOver.add(System.nanoTime());
        }

        @Override
        public void finished(String sentence, boolean failed) {
            this.failed = failed;
            sentences.add(sentence);
        }

        String await() throws InterruptedException {
            String s = sentences.poll(5, TimeUnit.SECONDS);
            assertThat(s).as("finish sentence within 5 s").isNotNull();
            return s;
        }
    }

    @BeforeEach
    void connect() throws Exception {
        server = new CompanionServer(ServerConfig.builder().port(0).build()).start();
        out = new ClientOutbox(server.port(), ConnectOptions.defaults());
    }

    @AfterEach
    void close() throws Exception {
        out.close();
        server.close();
        Threads.assertNoneLeft("tincan-repeat");
    }

    private List<Long> sentTimes(int n) throws InterruptedException {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Long t = out.sentNanos.poll(5, TimeUnit.SECONDS);
            assertThat(t).as("send " + (i + 1)).isNotNull();
            times.add(t);
        }
        return times;
    }

    @Test
    void sendsCountTimesBackToBackAndSaysDone() throws Exception {
        AtomicInteger n = new AtomicInteger();
        Repeater r = new Repeater(() -> Bytes.utf8("m" + n.incrementAndGet()), 5, Duration.ZERO, out, finish);
        r.start();

        assertThat(finish.await()).isEqualTo("done: sent 5 times.");
        assertThat(finish.failed).isFalse();
        assertThat(r.sent()).isEqualTo(5);
        List<String> echoed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            echoed.add(out.frames.poll(5, TimeUnit.SECONDS).utf8());
        }
        assertThat(echoed).containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void countTimesEveryIntervalKeepsToTheInterval() throws Exception {
        Repeater r = new Repeater(() -> Bytes.utf8("tick"), 6, Duration.ofMillis(30), out, finish);
        long before = System.nanoTime();
        r.start();

        // A loaded machine may make it fall behind (said after the count); the count still holds.
        assertThat(finish.await()).startsWith("done: sent 6 times");
        sentTimes(6);
        // Timed where the repeater hands frames over, not on the wire, where the client thread adds its own jitter.
        List<Long> h = finish.handedOver;
        assertThat(h).hasSize(6);
        for (int k = 0; k < h.size(); k++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(h.get(k) - before)).as("send " + k + " not before it is due")
                    .isGreaterThanOrEqualTo(30L * k);
        }
        // Nor slower: unless it fell behind (which skips due times), the sixth send is due at 150 ms, not later.
        if (r.lateSends() == 0) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(h.get(5) - h.get(0))).as("five intervals, handed over")
                    .isLessThan(250);
        }
    }

    @Test
    void stopEndsAnEndlessRunWithinMillisecondsAndSaysByWhom() throws Exception {
        Repeater r = new Repeater(() -> Bytes.utf8("x"), 0, Duration.ofSeconds(10), out, finish);
        r.start();
        sentTimes(1);

        long before = System.nanoTime();
        r.stop();
        String sentence = finish.await();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(200);
        assertThat(sentence).isEqualTo("stopped by the user after 1 send.");
        assertThat(finish.failed).isFalse();
        assertThat(r.await(1000)).isTrue();
    }

    @Test
    void fallingBehindSkipsTheMissedSendsInsteadOfBursting() throws Exception {
        long interval = TimeUnit.MILLISECONDS.toNanos(20);
        AtomicInteger calls = new AtomicInteger();
        Repeater r = new Repeater(() -> {
            if (calls.incrementAndGet() == 2) {
                // A payload that takes five intervals to make: the repeater falls behind once.
                long end = System.nanoTime() + 5 * interval;
                while (System.nanoTime() - end < 0) {
                    LockSupport.parkNanos(end - System.nanoTime());
                }
            }
            return Bytes.utf8("p");
        }, 6, Duration.ofNanos(interval), out, finish);
        long before = System.nanoTime();
        r.start();

        String sentence = finish.await();
        sentTimes(6);
        List<Long> t = finish.handedOver;
        // A loaded machine may fall behind again; the slow payload makes it at least once.
        assertThat(r.lateSends()).isGreaterThanOrEqualTo(1);
        assertThat(sentence).isEqualTo("done: sent 6 times; fell behind " + (r.lateSends() == 1 ? "once"
                : r.lateSends() + " times") + ", skipping the sends it missed rather than bursting.");
        // The slow payload is handed over 6 intervals after the start at the earliest, so the next
        // due time ahead is the 7th and the last send goes at the 10th or later. Catching up with
        // a burst instead sends the last four at once, right after the slow one, near the 6th.
        // (A gap measured after the slow send depends on where in an interval the machine let it
        // end, which under load can be anywhere.)
        assertThat(t.get(5) - before).as("nanoseconds from the start to the last send")
                .isGreaterThanOrEqualTo(10 * interval);
    }

    @Test
    void aClosedConnectionStopsTheRunWithTheOutboxSentence() throws Exception {
        out.closeConnection();
        out.others.poll(5, TimeUnit.SECONDS);
        Repeater r = new Repeater(() -> Bytes.utf8("x"), 3, Duration.ZERO, out, finish);
        r.start();

        assertThat(finish.await()).isEqualTo("stopped after 0 sends because: not connected: connect first, then send.");
        assertThat(finish.failed).isTrue();
    }

    @Test
    void aPayloadThatCannotBeMadeStopsTheRunWithItsSentence() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Repeater r = new Repeater(() -> {
            if (calls.incrementAndGet() == 3) {
                throw new IllegalArgumentException("placeholder {{nope}} is unknown.");
            }
            return Bytes.utf8("ok");
        }, 5, Duration.ZERO, out, finish);
        r.start();

        assertThat(finish.await()).isEqualTo("stopped after 2 sends because the payload cannot be made: "
                + "placeholder {{nope}} is unknown.");
        assertThat(finish.failed).isTrue();
    }

    @Test
    void floodingUntilStoppedIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Repeater(() -> Bytes.EMPTY, 0, Duration.ZERO,
                out, finish)).hasMessage("repeating until stopped needs an interval: give one, e.g. 100ms, or a count.");
    }
}
