package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.testing.LoopbackServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-second series: counts by the engine's stamps, round-trip percentiles, a ring that never grows. */
class TrafficSeriesTest {
    private static final long S = 1_000_000_000L;
    /** An arbitrary {@code nanoTime} origin, far from zero and not on a second. */
    private static final long T0 = 7_123 * S;

    private static final Bytes FIVE = Bytes.utf8("hello");
    private static final Bytes THREE = Bytes.utf8("abc");

    @Test
    void countsFramesAndBytesInTheSecondOfTheirStamp() {
        TrafficSeries series = new TrafficSeries(60);
        series.sent(FIVE, T0 + 100);
        series.sent(FIVE, T0 + S - 1);
        series.received(THREE, T0 + S - 1);
        series.received(THREE, T0 + S);
        series.sent(THREE, T0 + 2 * S + S / 2);

        TrafficSeries.Snapshot snap = series.snapshot(3, T0 + 3 * S + 1);

        assertThat(snap.startNanos()).isEqualTo(T0);
        assertThat(snap.length()).isEqualTo(3);
        assertThat(new long[] {snap.framesOut(0), snap.framesOut(1), snap.framesOut(2)}).containsExactly(2, 0, 1);
        assertThat(new long[] {snap.bytesOut(0), snap.bytesOut(1), snap.bytesOut(2)}).containsExactly(10, 0, 3);
        assertThat(new long[] {snap.framesIn(0), snap.framesIn(1), snap.framesIn(2)}).containsExactly(1, 1, 0);
        assertThat(new long[] {snap.bytesIn(0), snap.bytesIn(1), snap.bytesIn(2)}).containsExactly(3, 3, 0);
    }

    @Test
    void theSecondUnderWayIsLeftOut() {
        TrafficSeries series = new TrafficSeries(60);
        series.received(THREE, T0 + 10);

        assertThat(series.snapshot(5, T0 + S / 2).totalFramesIn()).isZero();
        assertThat(series.snapshot(5, T0 + S).totalFramesIn()).isEqualTo(1);
    }

    /** Ten seconds of traffic fill a ring of ten; after three idle seconds their old slots read as zero. */
    @Test
    void anIdleGapReadsAsZeroSeconds() {
        TrafficSeries series = new TrafficSeries(10);
        for (int sec = 0; sec < 10; sec++) {
            series.received(THREE, T0 + sec * S);
            series.roundTrip(2_000_000, T0 + sec * S);
        }
        series.received(THREE, T0 + 13 * S);
        series.roundTrip(3_000_000, T0 + 13 * S);

        TrafficSeries.Snapshot snap = series.snapshot(10, T0 + 14 * S);

        assertThat(snap.startNanos()).isEqualTo(T0 + 4 * S);
        for (int i = 6; i <= 8; i++) {
            assertThat(snap.framesIn(i)).as("second %d", i).isZero();
            assertThat(snap.framesOut(i)).isZero();
            assertThat(snap.bytesIn(i)).isZero();
            assertThat(snap.roundTrips(i)).isZero();
            assertThat(snap.rttP50(i)).isEqualTo(-1);
            assertThat(snap.rttP99(i)).isEqualTo(-1);
        }
        assertThat(snap.framesIn(5)).isEqualTo(1);
        assertThat(snap.rttP50(5)).isEqualTo(2_000_000);
        assertThat(snap.framesIn(9)).isEqualTo(1);
        assertThat(snap.rttP99(9)).as("the open second is read from its histogram").isEqualTo(3_000_000);
        assertThat(snap.totalFramesIn()).isEqualTo(7);
    }

    @Test
    void roundTripPercentilesPerSecondAreWithinTheHistogramsError() {
        TrafficSeries series = new TrafficSeries(60);
        SplittableRandom random = new SplittableRandom(11);
        long[][] rtts = new long[3][1000];
        for (int sec = 0; sec < 3; sec++) {
            for (int i = 0; i < 1000; i++) {
                long at = T0 + sec * S + i * 1_000_000L;
                rtts[sec][i] = 100_000 + random.nextLong(50_000_000L) * (sec + 1);
                series.roundTrip(rtts[sec][i], at);
                series.received(THREE, at);
            }
        }

        TrafficSeries.Snapshot snap = series.snapshot(3, T0 + 3 * S);

        for (int sec = 0; sec < 3; sec++) {
            long[] sorted = rtts[sec].clone();
            Arrays.sort(sorted);
            assertThat(snap.roundTrips(sec)).isEqualTo(1000);
            assertThat((double) snap.rttP50(sec)).as("p50 of second %d", sec)
                    .isCloseTo(sorted[499], within(sorted[499] / 64.0));
            assertThat((double) snap.rttP99(sec)).as("p99 of second %d", sec)
                    .isCloseTo(sorted[989], within(sorted[989] / 64.0));
            assertThat(snap.rttMax(sec)).isEqualTo(sorted[999]);
        }
    }

    @Test
    void aRoundTripStampedInAClosedSecondIsCountedAsUnplaced() {
        TrafficSeries series = new TrafficSeries(60);
        series.roundTrip(5, T0 + S);
        series.roundTrip(5, T0);

        assertThat(series.unplaced()).isEqualTo(1);
    }

    @Test
    void aFrameOlderThanTheRingIsCountedAsUnplaced() {
        TrafficSeries series = new TrafficSeries(10);
        series.received(THREE, T0 + 10 * S);
        series.received(THREE, T0);

        assertThat(series.unplaced()).isEqualTo(1);
        assertThat(series.snapshot(10, T0 + 11 * S).totalFramesIn()).isEqualTo(1);
    }

    /** An hour at 1,000 frames a second: the ring holds the last 900 seconds exactly and allocates nothing a frame. */
    @Test
    @Timeout(30)
    void aLongRunKeepsTheLastSecondsInFixedMemory() {
        TrafficSeries series = new TrafficSeries();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        int seconds = 3600;
        for (long sec = 0; sec < seconds; sec++) {
            for (int i = 0; i < 1000; i++) {
                long at = T0 + sec * S + i * 1_000_000L;
                series.sent(FIVE, at);
                series.roundTrip(1_000 + i * 1_000L, at);
                series.received(THREE, at);
            }
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;

        assertThat(allocated).as("bytes allocated for 3.6 million frames out, in and round trips")
                .isLessThan(64 * 1024);
        TrafficSeries.Snapshot snap = series.snapshot(10_000, T0 + seconds * S);
        assertThat(snap.length()).isEqualTo(TrafficSeries.DEFAULT_SECONDS);
        assertThat(snap.startNanos()).isEqualTo(T0 + (seconds - TrafficSeries.DEFAULT_SECONDS) * S);
        for (int i = 0; i < snap.length(); i++) {
            assertThat(snap.framesIn(i)).isEqualTo(1000);
            assertThat(snap.bytesOut(i)).isEqualTo(5000);
            assertThat(snap.roundTrips(i)).isEqualTo(1000);
        }
        assertThat(series.unplaced()).isZero();
    }

    @Test
    @Timeout(10)
    void aRealSessionFeedsItEveryFrameAndRoundTrip() throws Exception {
        Session session = new Session(16, 64, System::nanoTime);
        TrafficSeries series = new TrafficSeries();
        session.addFrameListener(series);
        session.start();
        try (LoopbackServer echo = LoopbackServer.start(s -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            for (String line; (line = in.readLine()) != null;) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        })) {
            assertThat(session.connect("127.0.0.1", echo.port(), Framing.parse("line"))).isNull();
            drainUntil(session, () -> session.status().isConnected());
            long start = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertThat(session.send(Bytes.utf8("ping " + i))).isNull();
            }
            drainUntil(session, () -> session.stats().framesIn() == 5);
            long end = System.nanoTime();

            TrafficSeries.Snapshot snap = series.snapshot(60, end + S);

            assertThat(snap.totalFramesOut()).isEqualTo(5);
            assertThat(snap.totalFramesIn()).isEqualTo(5);
            assertThat(snap.totalRoundTrips()).as("every echo paired with its send").isEqualTo(5);
            long bytesIn = 0;
            for (int i = 0; i < snap.length(); i++) {
                bytesIn += snap.bytesIn(i);
                if (snap.roundTrips(i) > 0) {
                    assertThat(snap.rttP99(i)).isPositive().isLessThanOrEqualTo(end - start);
                }
            }
            assertThat(bytesIn).isEqualTo(5 * "ping 0".length());
        } finally {
            session.shutdown();
            assertThat(session.awaitStopped(2000)).isTrue();
        }
    }

    private static void drainUntil(Session session, BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not there within 5 s: " + session.status());
            }
            session.take(1000, 50);
            session.changes();
        }
    }
}
