package dev.tincan.session.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays of recordings written here, to real servers on 127.0.0.1. */
class ReplayTest {
    private static final Instant START = Instant.parse("2026-11-30T08:31:02.123Z");

    @TempDir
    Path dir;

    @AfterEach
    void noThreadIsLeft() {
        Threads.assertNoneLeft("tincan-client");
    }

    /** A recording of {@code pairs}: each sent at its millisecond, answered by the text after '='. */
    private RecordingFile recording(String... pairs) throws Exception {
        StringBuilder sb = new StringBuilder(RecordFormat.header(
                new RecordFormat.Header(START, "127.0.0.1", 50009, "line", 1024))).append('\n');
        long seq = 1;
        for (String pair : pairs) {
            String[] p = pair.split("[@=]");
            long nanos = Long.parseLong(p[1]) * 1_000_000L;
            RecordFormat.line(sb, RecordFormat.Line.frame(seq++, nanos, RecordFormat.Dir.OUT, Bytes.utf8(p[0])), START)
                    .append('\n');
            if (p.length > 2) {
                RecordFormat.line(sb, RecordFormat.Line.frame(seq++, nanos + 1000, RecordFormat.Dir.IN,
                        Bytes.utf8(p[2])), START).append('\n');
            }
        }
        return RecordingFile.open(Files.writeString(dir.resolve("r" + System.nanoTime() + ".jsonl"), sb));
    }

    private static Replay.Options compare() {
        return new Replay.Options(0, true, Duration.ofMillis(500));
    }

    @Test
    void anEchoServerGivesBackEveryRecordedReply() throws Exception {
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start();
                RecordingFile rec = recording("one@0=one", "two@1=two", "three\\x00@2=three\\x00")) {
            Duration linger = Duration.ofSeconds(5);
            Replay.Result r = Replay.run(rec, "127.0.0.1", echo.port(), new Replay.Options(0, true, linger));

            assertThat(r.failure()).isNull();
            assertThat(r.difference()).isNull();
            assertThat(r.sent()).isEqualTo(3);
            assertThat(r.received()).isEqualTo(3);
            assertThat(r.ok()).isTrue();
            assertThat(r.nanos()).as("the replay ends with the last recorded reply, not the linger after it")
                    .isLessThan(linger.toNanos() / 2);
        }
    }

    @Test
    void aReplyThatStopsShortOrRunsOnPartsWhereTheShorterEnds() {
        assertThat(Replay.firstDifference(Bytes.utf8("abc"), Bytes.utf8("abcd"))).isEqualTo(3);
        assertThat(Replay.firstDifference(Bytes.utf8("abcd"), Bytes.utf8("abc"))).isEqualTo(3);
        assertThat(Replay.firstDifference(Bytes.utf8(""), Bytes.utf8("a"))).isZero();
        assertThat(Replay.firstDifference(Bytes.utf8("abc"), Bytes.utf8("abx"))).isEqualTo(2);
        assertThat(new Replay.Difference(1, Bytes.utf8("abc"), Bytes.utf8("abcd"), 3).sentence()).isEqualTo(
                "reply 1 differs from the recording at byte 3: expected \"abc\" (3 bytes), got \"abcd\" (4 bytes).");
    }

    @Test
    void theFirstDifferentReplyIsNamedWithTheByteWhereItParts() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(ReplayTest::almostEcho);
                RecordingFile rec = recording("one@0=one", "two@1=two", "three@2=three")) {
            Replay.Result r = Replay.run(rec, "127.0.0.1", server.port(), compare());

            assertThat(r.ok()).isFalse();
            assertThat(r.difference()).isEqualTo(new Replay.Difference(2, Bytes.utf8("two"), Bytes.utf8("twx"), 2));
            assertThat(r.difference().sentence()).isEqualTo("reply 2 differs from the recording at byte 2: expected "
                    + "\"two\" (3 bytes), got \"twx\" (3 bytes).");
        }
    }

    @Test
    void aReplyThatNeverComesIsNamedAfterTheLinger() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(ReplayTest::almostEcho);
                RecordingFile rec = recording("one@0=one", "silent@1=silent")) {
            Replay.Result r = Replay.run(rec, "127.0.0.1", server.port(), compare());

            assertThat(r.difference().sentence()).isEqualTo("reply 2 did not come: expected \"silent\" (6 bytes).");
        }
    }

    @Test
    void progressCountsOnlyGrowAndTheLastReportHasTheFinalCounts() throws Exception {
        String[] pairs = new String[300];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = "frame" + i + "@" + i + "=frame" + i;
        }
        List<Replay.Progress> reports = new CopyOnWriteArrayList<>();
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start();
                RecordingFile rec = recording(pairs)) {
            Replay.Result r = Replay.run(rec, "127.0.0.1", echo.port(), compare(), reports::add);

            assertThat(r.ok()).isTrue();
            assertThat(reports).isNotEmpty();
            for (int i = 1; i < reports.size(); i++) {
                Replay.Progress before = reports.get(i - 1);
                Replay.Progress now = reports.get(i);
                assertThat(now.sent()).as("sent, report %d of %s", i, reports).isGreaterThanOrEqualTo(before.sent());
                assertThat(now.received()).as("received, report %d of %s", i, reports)
                        .isGreaterThanOrEqualTo(before.received());
                assertThat(now.elapsedNanos()).as("elapsed, report %d", i).isGreaterThanOrEqualTo(before.elapsedNanos());
            }
            assertThat(reports).allSatisfy(p -> assertThat(p.toSend()).isEqualTo(300));
            assertThat(reports.get(reports.size() - 1))
                    .isEqualTo(new Replay.Progress(300, 300, 300, r.nanos(), 0));
        }
    }

    @Test
    void progressComesAFewTimesASecondWithTheTimeTheSendsStillTakeAtTheSpeed() throws Exception {
        List<Replay.Progress> reports = new CopyOnWriteArrayList<>();
        List<Long> at = new CopyOnWriteArrayList<>();
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start();
                RecordingFile rec = recording("a@0", "b@600", "c@1200", "d@1800")) {
            long start = System.nanoTime();
            Replay.Result r = Replay.run(rec, "127.0.0.1", echo.port(), new Replay.Options(2, false, Duration.ZERO),
                    p -> {
                        reports.add(p);
                        at.add(System.nanoTime() - start);
                    });

            assertThat(r.sent()).isEqualTo(4);
        }
        // 1.8 s recorded at speed 2 is 0.9 s of sends: a report every 200 ms, then the last.
        List<Replay.Progress> running = reports.subList(0, reports.size() - 1);
        assertThat(running).as("reports before the last: %s", reports).hasSizeBetween(3, 6);
        for (int i = 1; i < running.size(); i++) {
            assertThat(at.get(i) - at.get(i - 1)).as("time between reports %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo(Replay.PROGRESS_EVERY_NANOS);
        }
        for (Replay.Progress p : running.stream().filter(p -> p.sent() < p.toSend()).toList()) {
            long expected = TimeUnit.MILLISECONDS.toNanos(900) - p.elapsedNanos();
            assertThat(p.leftNanos()).as("time left in %s", p)
                    .isBetween(expected - TimeUnit.MILLISECONDS.toNanos(20), expected);
        }
        assertThat(reports.get(reports.size() - 1).leftNanos()).isZero();
    }

    @Test
    void framesGoOutWithTheRecordedGapsScaledBySpeed() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        LoopbackServer.Script stamp = s -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                arrivals.add(System.nanoTime());
            }
        };
        assertThat(spanMillis(2, stamp, arrivals)).as("600 ms recorded, at speed 2").isBetween(290L, 500L);
        assertThat(spanMillis(0, stamp, arrivals)).as("as fast as possible").isLessThan(200L);
    }

    /** Replays three frames recorded 300 ms apart at {@code speed}; returns the ms from the first's arrival to the last's. */
    private long spanMillis(double speed, LoopbackServer.Script stamp, List<Long> arrivals) throws Exception {
        arrivals.clear();
        CountDownLatch readToTheEnd = new CountDownLatch(1);
        LoopbackServer server = LoopbackServer.start(s -> {
            stamp.run(s);
            readToTheEnd.countDown();
        });
        try (RecordingFile rec = recording("a@0", "b@300", "c@600")) {
            Replay.Result r = Replay.run(rec, "127.0.0.1", server.port(), new Replay.Options(speed, false,
                    Duration.ZERO));
            assertThat(r.sent()).isEqualTo(3);
            // The replay has closed its end; the server reads every line before it sees that.
            assertThat(readToTheEnd.await(5, TimeUnit.SECONDS)).as("the server read to the end").isTrue();
        } finally {
            server.close();
        }
        assertThat(arrivals).hasSize(3);
        return (arrivals.get(2) - arrivals.get(0)) / 1_000_000;
    }

    /** Echoes each line, except that "two" comes back as "twx" and "silent" gets no answer. */
    private static void almostEcho(Socket s) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.equals("silent")) {
                out.write(((line.equals("two") ? "twx" : line) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
