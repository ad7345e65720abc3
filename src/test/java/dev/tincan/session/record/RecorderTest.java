package dev.tincan.session.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tincan.client.ClientReply;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.ConnectionStatus;
import dev.tincan.session.Session;
import dev.tincan.session.TranscriptRow;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorder tapping a real session over 127.0.0.1, read back with {@link RecordingFile}. */
class RecorderTest {
    private static final long WAIT_MILLIS = 5000;

    @TempDir
    Path dir;

    private final Session session = new Session(64, 256, System::nanoTime);
    private final List<TranscriptRow> rows = new ArrayList<>();
    private final BlockingQueue<String> failures = new LinkedBlockingQueue<>();
    private final List<Recorder> recorders = new ArrayList<>();

    RecorderTest() {
        session.start();
    }

    @AfterEach
    void shutDown() throws Exception {
        recorders.forEach(Recorder::stop);
        session.shutdown();
        assertThat(session.awaitStopped(2000)).as("the client thread ends").isTrue();
        Threads.assertNoneLeft("tincan-recorder");
    }

    private void drainUntil(Predicate<List<TranscriptRow>> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!done.test(rows)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("the rows never got there; the last are: " + rows.subList(Math.max(0, rows.size() - 5),
                        rows.size()));
            }
            session.take(10_000, TimeUnit.NANOSECONDS.toMillis(left) + 1);
            rows.addAll(session.changes().rows());
        }
    }

    private static Predicate<List<TranscriptRow>> hasFrame(String text) {
        return rs -> rs.stream().anyMatch(r -> r.isFrame() && r.payload().equals(Bytes.utf8(text)));
    }

    private Recorder record(Path file, int port) throws RecorderException {
        Recorder r = Recorder.start(session, file, "127.0.0.1", port, "line", 1024, failures::add);
        recorders.add(r);
        return r;
    }

    private void connect(int port) throws InterruptedException {
        assertThat(session.connect("127.0.0.1", port, Framing.parse("line"))).isNull();
        drainUntil(rs -> session.status().isConnected());
    }

    private static void echo(Socket s) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            out.write(("got " + line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aConversationIsRecordedLineByLineInTheEnginesOrderWithItsSettings() throws Exception {
        Path file = dir.resolve("talk.jsonl");
        long recording;
        try (LoopbackServer server = LoopbackServer.start(RecorderTest::echo)) {
            long began = System.nanoTime();
            Recorder recorder = record(file, server.port());
            connect(server.port());
            assertThat(session.send(Bytes.utf8("one"))).isNull();
            assertThat(session.send(Bytes.utf8("tw\u00f6 \\x00\t"))).isNull();
            drainUntil(hasFrame("got tw\u00f6 \\x00\t"));
            assertThat(session.disconnect()).isNull();
            drainUntil(rs -> session.status().phase() == ConnectionStatus.Phase.IDLE);
            assertThat(recorder.stop()).isNull();
            assertThat(recorder.frames()).isEqualTo(4);
            recording = System.nanoTime() - began;
        }

        try (RecordingFile rec = RecordingFile.open(file)) {
            assertThat(rec.header().host()).isEqualTo("127.0.0.1");
            assertThat(rec.header().framing()).isEqualTo("line");
            assertThat(rec.header().maxFrame()).isEqualTo(1024);
            assertThat(rec.cutShort()).isFalse();
            List<String> seen = new ArrayList<>();
            long lastSeq = 0;
            long lastNanos = 0;
            for (int i = 0; i < rec.size(); i++) {
                RecordFormat.Line line = rec.line(i);
                assertThat(rec.dir(i)).as("the index knows line %d's kind", i).isEqualTo(line.dir());
                assertThat(line.seq()).as("seq order").isGreaterThan(lastSeq);
                assertThat(line.nanos()).as("time order").isGreaterThanOrEqualTo(lastNanos);
                lastSeq = line.seq();
                lastNanos = line.nanos();
                seen.add(line.dir().word() + " " + (line.dir().isFrame() ? line.bytes().utf8() : line.text()));
            }
            assertThat(lastNanos).as("the last line's time counts from the recording's start").isBetween(1L, recording);
            assertThat(seen).containsExactly(
                    "event connected to 127.0.0.1:" + rec.header().port() + seen.get(0).substring(
                            seen.get(0).indexOf(" (from")),
                    "out one", "out tw\u00f6 \\x00\t", "in got one", "in got tw\u00f6 \\x00\t",
                    "event disconnected from 127.0.0.1:" + rec.header().port());
            assertThat(rec.framesOut()).isEqualTo(2);
            assertThat(rec.framesIn()).isEqualTo(2);
        }
    }

    @Test
    void everyFrameOfAFloodIsRecordedWholeInOrderWithoutGaps() throws Exception {
        Path file = dir.resolve("flood.jsonl");
        int count = 20_000;
        ServerConfig config = ServerConfig.builder().port(0).mode(Mode.FLOOD).floodCount(count).floodSize(64)
                .build();
        try (CompanionServer flood = new CompanionServer(config).start()) {
            Recorder recorder = record(file, flood.port());
            connect(flood.port());
            drainUntil(rs -> rs.stream().filter(TranscriptRow::isFrame).count() == count);
            assertThat(recorder.stop()).isNull();
        }
        try (RecordingFile rec = RecordingFile.open(file)) {
            assertThat(rec.framesIn()).isEqualTo(count);
            long seq = rec.line(0).seq();
            for (int i = 1; i < rec.size(); i++) {
                RecordFormat.Line line = rec.line(i);
                assertThat(line.seq()).as("line %d follows without a gap", i).isEqualTo(seq + 1);
                seq = line.seq();
                assertThat(line.bytes().length()).isEqualTo(64);
            }
        }
    }

    @Test
    void whatWaitsForTheDiskStaysUnderTheFlushSizeWhateverTheTimer() throws Exception {
        Recorder recorder = Recorder.open(dir.resolve("burst.jsonl"), "127.0.0.1", 7, "line", 1 << 20, null);
        try {
            Bytes frame = Bytes.utf8("x".repeat(1000));
            // Each line holds the payload twice: 1336 characters of Base64 and 1000 of text.
            long atLeastAppended = 0;
            for (int i = 1; i <= 200; i++) {
                recorder.tapped(new ClientReply.Received(null, frame, i, System.nanoTime()));
                atLeastAppended += 1336 + 1000;
                assertThat(recorder.bytesWritten()).as("bytes written after %d lines of a burst", i)
                        .isGreaterThan(atLeastAppended - Recorder.FLUSH_BYTES);
            }
        } finally {
            recorder.stop();
        }
    }

    @Test
    void aFrameReachesTheFileWithinAFewTimerTicksWithoutStopping() throws Exception {
        Path file = dir.resolve("live.jsonl");
        try (LoopbackServer server = LoopbackServer.start(RecorderTest::echo)) {
            Recorder recorder = record(file, server.port());
            connect(server.port());
            assertThat(session.send(Bytes.utf8("soon"))).isNull();
            drainUntil(hasFrame("got soon"));
            long tapped = System.nanoTime();
            long deadline = tapped + TimeUnit.SECONDS.toNanos(2);
            while (!Files.readString(file).contains("\"text\":\"got soon\"")) {
                if (System.nanoTime() > deadline) {
                    fail("the frame's line was not in the file 2 s after it arrived");
                }
                Thread.onSpinWait();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tapped);
            assertThat(millis).as("ms until the line was in the file").isLessThan(Recorder.FLUSH_MILLIS * 4);
            recorder.stop();
        }
    }

    @Test
    void aFullDiskStopsRecordingWithOneSentenceAndANoteAndTheConnectionGoesOn() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "no /dev/full here: a full disk cannot be made without it (Linux has it)");
        try (LoopbackServer server = LoopbackServer.start(RecorderTest::echo)) {
            Recorder recorder = record(full, server.port());
            connect(server.port());
            String sentence = failures.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(sentence).as("the failure was told").isEqualTo(
                    "recording to /dev/full stopped: the disk is full; the frames before it are in the file.");
            assertThat(recorder.isRecording()).isFalse();
            assertThat(session.send(Bytes.utf8("still"))).isNull();
            drainUntil(hasFrame("got still"));
            assertThat(rows).as("the transcript says it once, as a note")
                    .filteredOn(r -> r.kind() == TranscriptRow.Kind.NOTE)
                    .extracting(TranscriptRow::message).containsExactly(sentence);
            assertThat(session.status().isConnected()).isTrue();
            assertThat(recorder.stop()).isEqualTo(sentence);
            assertThat(failures).as("told once").isEmpty();
        }
    }
}
