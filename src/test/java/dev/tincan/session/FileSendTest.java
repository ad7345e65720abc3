package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.testing.Threads;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileSend} against the companion echo server on 127.0.0.1. */
class FileSendTest {
    /** More frames than the window holds. */
    private static final int FRAMES = FileSend.WINDOW_FRAMES * 2 + 8;

    @TempDir
    Path dir;

    private CompanionServer server;
    private ClientOutbox out;
    private final AtomicInteger puts = new AtomicInteger();
    private final Finish finish = new Finish();

    /** Keeps progress and the one finish sentence. */
    static final class Finish implements FileSend.Listener {
        final BlockingQueue<String> sentences = new ArrayBlockingQueue<>(2);
        final List<FileSend.Progress> progress = new CopyOnWriteArrayList<>();
        volatile boolean failed;

        @Override
        public void progress(FileSend.Progress p) {
            progress.add(p);
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

    @AfterEach
    void close() {
        if (out != null) {
            out.close();
        }
        if (server != null) {
            server.close();
        }
        Threads.assertNoneLeft("tincan-file-send");
    }

    private Framing connect(String framing) throws Exception {
        Framing f = Framing.parse(framing);
        server = new CompanionServer(ServerConfig.builder().port(0).framing(f).build()).start();
        out = new ClientOutbox(server.port(), ConnectOptions.builder().framing(f).build());
        return f;
    }

    /** The outbox, counting puts. */
    private Outbox counted() {
        return new Outbox() {
            @Override
            public String offer(Bytes payload) {
                throw new AssertionError("a file send puts");
            }

            @Override
            public String put(Bytes payload, long timeoutMillis) throws InterruptedException {
                puts.incrementAndGet();
                return out.put(payload, timeoutMillis);
            }
        };
    }

    private FileSend wired(Path file, FileSend.Mode mode, int chunk, int maxFrame, Framing framing) {
        FileSend send = FileSend.of(file, mode, chunk, maxFrame, framing, counted(), finish);
        out.onSent(send::sent);
        return send;
    }

    private List<String> echoed(int n) throws InterruptedException {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Bytes f = out.frames.poll(5, TimeUnit.SECONDS);
            assertThat(f).as("echo " + (i + 1)).isNotNull();
            frames.add(f.utf8());
        }
        return frames;
    }

    private Path file(String name, String content) throws Exception {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wholeFileGoesAsOneFrame() throws Exception {
        Framing framing = connect("len32");
        FileSend send = wired(file("note.txt", "a\nb\r\n"), FileSend.Mode.WHOLE, 0, 1024, framing);
        send.start();

        assertThat(finish.await()).startsWith("sent note.txt: one frame, 5 B in ");
        assertThat(echoed(1)).containsExactly("a\nb\r\n");
        assertThat(send.progress().framesDone()).isEqualTo(1);
        assertThat(send.progress().bytesDone()).isEqualTo(5);
    }

    @Test
    void linesGoOneFrameEachWithoutTheirLineEnds() throws Exception {
        Framing framing = connect("len16");
        FileSend send = wired(file("lines.txt", "one\r\ntwo\n\nthree"), FileSend.Mode.LINES, 0, 1024, framing);
        send.start();

        assertThat(finish.await()).startsWith("sent lines.txt: 4 lines, 15 B in ");
        assertThat(echoed(4)).containsExactly("one", "two", "", "three");
        assertThat(send.progress().bytesDone()).isEqualTo(15);
    }

    @Test
    void chunksAreKBytesAndTheLastMayBeShorter() throws Exception {
        Framing framing = connect("len16");
        FileSend send = wired(file("ten.bin", "0123456789"), FileSend.Mode.CHUNKS, 4, 1024, framing);
        send.start();

        assertThat(finish.await()).startsWith("sent ten.bin: 3 chunks of up to 4 B, 10 B in ");
        assertThat(echoed(3)).containsExactly("0123", "4567", "89");
        FileSend.Progress last = finish.progress.get(finish.progress.size() - 1);
        assertThat(last.framesDone()).isEqualTo(3);
        assertThat(last.framesTotal()).isEqualTo(3);
        assertThat(last.fraction()).isEqualTo(1.0);
    }

    @Test
    void aWholeFileLongerThanTheMaxFrameIsRefusedBeforeAnythingIsSent() throws Exception {
        Path big = file("big.bin", "012345678");
        assertThatThrownBy(() -> FileSend.of(big, FileSend.Mode.WHOLE, 0, 8, null, counted(), finish))
                .hasMessage(big + " is 9 B, more than the max frame length of 8 B: send it in chunks or as lines, "
                        + "or raise the max frame length.");
        assertThat(puts.get()).isZero();
        Path fits = file("fits.bin", "01234567");
        assertThat(FileSend.check(fits, FileSend.Mode.WHOLE, 0, 8)).as("exactly the max fits").isEqualTo(8);
    }

    @Test
    void chunkSizesOutOfRangeAndMissingOrEmptyFilesAreRefused() throws Exception {
        Path ten = file("ten.bin", "0123456789");
        assertThatThrownBy(() -> FileSend.of(ten, FileSend.Mode.CHUNKS, 0, 8, null, counted(), finish))
                .hasMessage("chunk size 0 is too small: give 1 byte or more.");
        assertThatThrownBy(() -> FileSend.of(ten, FileSend.Mode.CHUNKS, 9, 8, null, counted(), finish))
                .hasMessage("chunk size 9 B is more than the max frame length of 8 B: give a smaller chunk size.");
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> FileSend.of(missing, FileSend.Mode.LINES, 0, 8, null, counted(), finish))
                .hasMessage("no file " + missing + ": check the name and folder.");
        Path empty = file("empty.txt", "");
        assertThatThrownBy(() -> FileSend.of(empty, FileSend.Mode.LINES, 0, 8, null, counted(), finish))
                .hasMessage(empty + " is empty: there is nothing to send.");
    }

    @Test
    void aLineLongerThanTheMaxFrameStopsTheSendBeforeAnythingIsSent() throws Exception {
        Framing framing = connect("line");
        FileSend send = wired(file("long.txt", "short\nthis line is too long\nok\n"), FileSend.Mode.LINES, 0, 8,
                framing);
        send.start();

        assertThat(finish.await()).isEqualTo("long.txt: line 2 is longer than the max frame length of 8 B; nothing "
                + "was sent.");
        assertThat(finish.failed).isTrue();
        assertThat(puts.get()).isZero();
    }

    @Test
    void aLineOneByteOverTheMaxIsTooLongButTheCrBeforeItsLfDoesNotCount() throws Exception {
        Framing framing = connect("line");
        FileSend send = wired(file("edge.txt", "12345678\r\n123456789\n"), FileSend.Mode.LINES, 0, 8, framing);
        send.start();

        assertThat(finish.await()).isEqualTo("edge.txt: line 2 is longer than the max frame length of 8 B; nothing "
                + "was sent.");
        assertThat(puts.get()).isZero();
    }

    @Test
    void aFrameWithTheSameBytesSentFromElsewhereIsNotCounted() throws Exception {
        Framing framing = connect("len16");
        Path file = file("many.bin", "x".repeat(FRAMES * 10));
        Gate gate = new Gate();
        gate.send = FileSend.of(file, FileSend.Mode.CHUNKS, 10, 1024, framing, counted(), finish);
        out.onSent(gate::sent);
        gate.send.start();
        assertThat(out.sentNanos.poll(5, TimeUnit.SECONDS)).as("a first frame on the wire").isNotNull();

        try {
            // The same ten bytes, typed into the window while the file goes: not this send's frame.
            gate.send.sent(Bytes.utf8("x".repeat(10)));

            assertThat(gate.send.progress().framesDone()).isZero();
        } finally {
            gate.send.cancel();
        }
        assertThat(finish.await()).startsWith("cancelled the send of many.bin after 0 of ");
    }

    @Test
    void aChunkTheFramingCannotCarryStopsTheSendBeforeAnythingIsSent() throws Exception {
        Framing framing = connect("line");
        FileSend send = wired(file("two.txt", "abcd\nefgh\n"), FileSend.Mode.CHUNKS, 4, 1024, framing);
        send.start();

        assertThat(finish.await()).startsWith("two.txt: chunk 2 cannot be framed: ").endsWith(" Nothing was sent.");
        assertThat(puts.get()).isZero();
    }

    /** Holds Sent confirmations back until released, then hands them and every later one on. */
    private static final class Gate {
        private final BlockingQueue<Bytes> held = new ArrayBlockingQueue<>(1000);
        private volatile FileSend send;
        private boolean open;

        synchronized void sent(Bytes payload) {
            if (open) {
                send.sent(payload);
            } else {
                held.add(payload);
            }
        }

        synchronized void open() {
            open = true;
            for (Bytes b = held.poll(); b != null; b = held.poll()) {
                send.sent(b);
            }
        }
    }

    @Test
    void atMostTheWindowIsPutBeforeFramesAreConfirmedAndProgressCountsOnlyConfirmedFrames() throws Exception {
        Framing framing = connect("len16");
        Path file = file("many.bin", "x".repeat(FRAMES * 10));
        Gate gate = new Gate();
        gate.send = FileSend.of(file, FileSend.Mode.CHUNKS, 10, 1024, framing, counted(), finish);
        out.onSent(gate::sent);
        gate.send.start();

        for (int i = 0; i < FileSend.WINDOW_FRAMES; i++) {
            assertThat(out.sentNanos.poll(5, TimeUnit.SECONDS)).as("frame " + (i + 1) + " on the wire").isNotNull();
        }
        assertThat(out.sentNanos.poll(300, TimeUnit.MILLISECONDS)).as("a frame beyond the window").isNull();
        assertThat(puts.get()).isEqualTo(FileSend.WINDOW_FRAMES);
        assertThat(gate.send.progress().framesDone()).isZero();

        gate.open();
        assertThat(finish.await()).startsWith("sent many.bin: " + FRAMES + " chunks of up to 10 B, "
                + Words.size(FRAMES * 10) + " in ");
        assertThat(gate.send.progress().framesDone()).isEqualTo(FRAMES);
    }

    @Test
    void atMostTheByteWindowIsPutWhenFramesAreLarge() throws Exception {
        Framing framing = connect("len32");
        int chunk = 64 * 1024;
        int fit = (int) (FileSend.WINDOW_BYTES / chunk);
        Path file = file("large.bin", "y".repeat(chunk * (fit + 4)));
        Gate gate = new Gate();
        gate.send = FileSend.of(file, FileSend.Mode.CHUNKS, chunk, chunk, framing, counted(), finish);
        out.onSent(gate::sent);
        gate.send.start();

        try {
            for (int i = 0; i < fit; i++) {
                assertThat(out.sentNanos.poll(5, TimeUnit.SECONDS)).as("frame " + (i + 1) + " on the wire")
                        .isNotNull();
            }
            assertThat(out.sentNanos.poll(300, TimeUnit.MILLISECONDS)).as("a frame beyond " + fit + " × 64 KiB")
                    .isNull();
            assertThat(puts.get()).isEqualTo(fit);
        } finally {
            gate.open();
        }
        assertThat(finish.await()).startsWith("sent large.bin: " + (fit + 4) + " chunks of up to 64.0 KiB, ");
    }

    @Test
    void cancelEndsAWaitingSendWithinMilliseconds() throws Exception {
        Framing framing = connect("len16");
        Path file = file("many.bin", "x".repeat(FRAMES * 10));
        Gate gate = new Gate();
        gate.send = FileSend.of(file, FileSend.Mode.CHUNKS, 10, 1024, framing, counted(), finish);
        out.onSent(gate::sent);
        gate.send.start();
        for (int i = 0; i < FileSend.WINDOW_FRAMES; i++) {
            assertThat(out.sentNanos.poll(5, TimeUnit.SECONDS)).as("frame " + (i + 1) + " on the wire").isNotNull();
        }

        long before = System.nanoTime();
        gate.send.cancel();

        assertThat(finish.await()).isEqualTo("cancelled the send of many.bin after 0 of " + FRAMES + " frames (0 B of "
                + Words.size(FRAMES * 10) + ").");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before)).isLessThan(200);
        assertThat(finish.failed).isFalse();
    }

    @Test
    void progressReadsAsOneLine() {
        FileSend.Progress p = new FileSend.Progress(3 << 20, 4 << 20, 12, 16, 2 << 20, 500);
        assertThat(p.describe()).isEqualTo("3.0 MiB of 4.0 MiB, 2.0 MiB/s, 1s left");
        assertThat(p.frames()).isEqualTo("12 of 16 frames");
        assertThat(new FileSend.Progress(0, 1, 0, 1, 1, 147_100).describe()).endsWith(", 2m 27s left");
    }
}
