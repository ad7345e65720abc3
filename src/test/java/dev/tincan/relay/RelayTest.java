package dev.tincan.relay;

import static dev.tincan.relay.RelayFixture.assertEndOfStream;
import static dev.tincan.relay.RelayFixture.read;
import static dev.tincan.relay.RelayFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.rules.Match;
import dev.tincan.testing.Threads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RelayTest {

    @AfterEach
    void noThreadsLeft() {
        Threads.assertNoneLeft("tincan-relay-");
    }

    @Test
    void passesFramesBothWaysAndReportsThem() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b)) {
            Socket[] s = f.open();
            RelayEvent.Opened opened = f.await(RelayEvent.Opened.class);
            assertThat(opened.link()).isEqualTo(1);
            write(s[0], "hello\r\n");
            assertThat(read(s[1], 7)).isEqualTo("hello\r\n");
            write(s[1], "world\n");
            assertThat(read(s[0], 6)).isEqualTo("world\n");
            RelayEvent.Frame up = f.frame("hello");
            RelayEvent.Frame down = f.frame("world");
            assertThat(up.direction()).isEqualTo(Direction.UP);
            assertThat(up.fate()).isEqualTo(RelayEvent.Fate.PASSED);
            assertThat(down.direction()).isEqualTo(Direction.DOWN);
            assertThat(down.gapNanos()).isEqualTo(down.nanos() - up.nanos());
            assertThat(f.relay.links()).singleElement().satisfies(l -> {
                assertThat(l.bytesUp()).isEqualTo(7);
                assertThat(l.bytesDown()).isEqualTo(6);
            });
            for (int i = 1; i < f.seen.size(); i++) {
                assertThat(f.seen.get(i).seq()).isEqualTo(f.seen.get(i - 1).seq() + 1);
                assertThat(f.seen.get(i).nanos()).isGreaterThanOrEqualTo(f.seen.get(i - 1).nanos());
            }
        }
    }

    @Test
    void halfClosePassesThroughAndTheLinkClosesWhenBothEnded() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b)) {
            Socket[] s = f.open();
            write(s[0], "last\n");
            s[0].shutdownOutput();
            assertThat(read(s[1], 5)).isEqualTo("last\n");
            assertEndOfStream(s[1]);
            write(s[1], "bye\n");
            assertThat(read(s[0], 4)).isEqualTo("bye\n");
            s[1].close();
            assertEndOfStream(s[0]);
            RelayEvent.Closed closed = f.await(RelayEvent.Closed.class);
            assertThat(closed.sentence()).isEqualTo("client closed the link.");
            assertThat(closed.failed()).isFalse();
        }
    }

    @Test
    void aPartialFrameLeftAtTheEndIsPassedOnAndShownBroken() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b)) {
            Socket[] s = f.open();
            write(s[0], "whole\npart");
            s[0].shutdownOutput();
            assertThat(read(s[1], 10)).isEqualTo("whole\npart");
            assertEndOfStream(s[1]);
            RelayEvent.Broken broken = f.await(RelayEvent.Broken.class);
            assertThat(broken.bytes()).isEqualTo(Bytes.utf8("part"));
            assertThat(broken.why()).isEqualTo("the client closed its side in the middle of a frame: 4 bytes were "
                    + "passed on unframed.");
        }
    }

    @Test
    void aTooLongFrameIsPassedOnAndShownBroken() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b.maxFrameLength(8))) {
            Socket[] s = f.open();
            write(s[0], "ok\n0123456789abcdef\nfine\n");
            assertThat(read(s[1], 25)).isEqualTo("ok\n0123456789abcdef\nfine\n");
            f.frame("ok");
            RelayEvent.Broken broken = f.await(RelayEvent.Broken.class);
            assertThat(broken.bytes()).isEqualTo(Bytes.utf8("0123456789abcdef\n"));
            assertThat(broken.why()).contains("frame too long");
            f.frame("fine");
        }
    }

    @Test
    void heldFramesWaitUntilForwardedEditedOrDroppedAndKeepTheirWireBytes() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b)) {
            Socket[] s = f.open();
            f.relay.hold(Direction.UP, true);
            write(s[0], "a\r\nb\nc\nd\n");
            long a = f.await(RelayEvent.Frame.class, e -> e.fate() == RelayEvent.Fate.HELD).id();
            long b = f.await(RelayEvent.Frame.class, e -> e.fate() == RelayEvent.Fate.HELD).id();
            long c = f.await(RelayEvent.Frame.class, e -> e.fate() == RelayEvent.Fate.HELD).id();
            f.await(RelayEvent.Frame.class, e -> e.fate() == RelayEvent.Fate.HELD);
            assertThat(f.relay.heldCount(Direction.UP)).isEqualTo(4);
            assertThat(s[1].getInputStream().available()).isZero();

            assertThat(f.relay.forward(b)).isNull();
            assertThat(read(s[1], 2)).isEqualTo("b\n");
            assertThat(f.relay.forward(a)).isNull();
            assertThat(read(s[1], 3)).isEqualTo("a\r\n");
            assertThat(f.relay.forward(c, Bytes.utf8("x\ny"))).startsWith("frame #" + c + " stays held: ");
            assertThat(f.relay.drop(c)).isNull();
            assertThat(f.relay.drop(c)).isEqualTo("frame #" + c + " is not held: it was forwarded or dropped "
                    + "already, or never held.");
            assertThat(f.relay.releaseAll(Direction.UP)).isNull();
            assertThat(read(s[1], 2)).isEqualTo("d\n");
            assertThat(f.relay.heldCount(Direction.UP)).isZero();

            RelayEvent.Released dropped = f.await(RelayEvent.Released.class, r -> r.id() == c);
            assertThat(dropped.outcome()).isEqualTo(RelayEvent.Outcome.DROPPED);
            assertThat(dropped.payload()).isNull();

            f.relay.hold(Direction.UP, true);
            write(s[0], "e\n");
            long e = f.await(RelayEvent.Frame.class, x -> x.fate() == RelayEvent.Fate.HELD).id();
            assertThat(f.relay.forward(e, Bytes.utf8("edited"))).isNull();
            assertThat(read(s[1], 7)).isEqualTo("edited\n");
            RelayEvent.Released edited = f.await(RelayEvent.Released.class, r -> r.id() == e);
            assertThat(edited.outcome()).isEqualTo(RelayEvent.Outcome.EDITED);
            assertThat(edited.payload()).isEqualTo(Bytes.utf8("edited"));
        }
    }

    @Test
    void aFramePartlyPassedWhenTheHoldBeganPassesWhole() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b)) {
            Socket[] s = f.open();
            write(s[0], "beg");
            assertThat(read(s[1], 3)).isEqualTo("beg");
            f.relay.hold(Direction.UP, true);
            write(s[0], "un\nnext\n");
            assertThat(read(s[1], 3)).isEqualTo("un\n");
            assertThat(f.frame("begun").fate()).isEqualTo(RelayEvent.Fate.PASSED);
            assertThat(f.frame("next").fate()).isEqualTo(RelayEvent.Fate.HELD);
        }
    }

    @Test
    void injectedFramesGoAtAFrameBoundary() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b)) {
            Socket[] s = f.open();
            f.await(RelayEvent.Opened.class);
            assertThat(f.relay.inject(1, Direction.DOWN, Bytes.utf8("hi"))).isNull();
            assertThat(read(s[0], 3)).isEqualTo("hi\n");
            RelayEvent.Frame injected = f.frame("hi");
            assertThat(injected.fate()).isEqualTo(RelayEvent.Fate.INJECTED);
            assertThat(injected.direction()).isEqualTo(Direction.DOWN);

            write(s[0], "par");
            assertThat(read(s[1], 3)).isEqualTo("par");
            assertThat(f.relay.inject(1, Direction.UP, Bytes.utf8("inj"))).isNull();
            write(s[0], "tial\nmore\n");
            // "inj" waits for the end of "partial"; it goes at the next boundary the relay sees.
            assertThat(read(s[1], 14)).isIn("tial\ninj\nmore\n", "tial\nmore\ninj\n");

            assertThat(f.relay.inject(9, Direction.UP, Bytes.utf8("x"))).isEqualTo(
                    "there is no link #9 open: it closed or never opened.");
            assertThat(f.relay.inject(1, Direction.UP, Bytes.utf8("a\nb"))).contains("delimiter");
        }
    }

    /**
     * A client that sends half a frame and stops: the frame injected towards the server waits
     * for the frame's end, and after the inject wait the relay says so, once, in one sentence;
     * when the client finishes its frame the injected one goes right after it.
     */
    @Test
    void anInjectHeldBackByAHalfFrameIsReportedAndGoesWhenTheFrameEnds() throws Exception {
        assertThat(RelayConfig.builder("127.0.0.1", 1).build().injectWait()).isEqualTo(Duration.ofSeconds(2));
        try (RelayFixture f = new RelayFixture(b -> b.injectWait(Duration.ofMillis(200)))) {
            Socket[] s = f.open();
            f.await(RelayEvent.Opened.class);
            write(s[0], "par");
            assertThat(read(s[1], 3)).isEqualTo("par");
            long injected = System.nanoTime();
            assertThat(f.relay.inject(1, Direction.UP, Bytes.utf8("inj"))).isNull();
            RelayEvent.InjectWait waiting = f.await(RelayEvent.InjectWait.class);
            assertThat(waiting.kind()).isEqualTo(RelayEvent.InjectWait.Kind.WAITING);
            assertThat(waiting.link()).isEqualTo(1);
            assertThat(waiting.direction()).isEqualTo(Direction.UP);
            assertThat(waiting.frames()).isEqualTo(1);
            assertThat(waiting.sentence()).isEqualTo("link #1: 1 injected frame waits to go to the server: the client "
                    + "has sent part of a frame and not finished it for 200 ms; it goes when that frame ends, or cancel "
                    + "it, or send it anyway.");
            assertThat(waiting.nanos() - injected).as("said after the wait, not before")
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));

            write(s[0], "tial\n");
            assertThat(read(s[1], 9)).isEqualTo("tial\ninj\n");
            assertThat(f.frame("inj").fate()).isEqualTo(RelayEvent.Fate.INJECTED);
            assertThat(f.seen).filteredOn(e -> e instanceof RelayEvent.InjectWait).as("said once").hasSize(1);
        }
    }

    /** Cancel takes the waiting injected frame off the queue, says so, and the server never sees it. */
    @Test
    void aCancelledInjectIsReportedAndNeverSent() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b.injectWait(Duration.ofMillis(100)))) {
            Socket[] s = f.open();
            f.await(RelayEvent.Opened.class);
            write(s[1], "hal");
            assertThat(read(s[0], 3)).isEqualTo("hal");
            assertThat(f.relay.inject(1, Direction.DOWN, Bytes.utf8("one"))).isNull();
            assertThat(f.relay.inject(1, Direction.DOWN, Bytes.utf8("two"))).isNull();
            RelayEvent.InjectWait waiting = f.await(RelayEvent.InjectWait.class);
            assertThat(waiting.sentence()).isEqualTo("link #1: 2 injected frames wait to go to the client: the server "
                    + "has sent part of a frame and not finished it for 100 ms; they go when that frame ends, or cancel "
                    + "them, or send them anyway.");

            assertThat(f.relay.cancelInjected(1, Direction.DOWN)).isNull();
            RelayEvent.InjectWait cancelled = f.await(RelayEvent.InjectWait.class);
            assertThat(cancelled.kind()).isEqualTo(RelayEvent.InjectWait.Kind.CANCELLED);
            assertThat(cancelled.frames()).isEqualTo(2);
            assertThat(cancelled.sentence()).isEqualTo("link #1: cancelled 2 injected frames to the client; they were "
                    + "never sent.");
            assertThat(f.relay.cancelInjected(1, Direction.DOWN)).isEqualTo("no injected frame is waiting to go to the "
                    + "client on link #1.");

            write(s[1], "f\nnext\n");
            assertThat(read(s[0], 7)).isEqualTo("f\nnext\n");
            f.frame("next");
            assertThat(f.seen).noneMatch(e -> e instanceof RelayEvent.Frame fr
                    && fr.fate() == RelayEvent.Fate.INJECTED);
            // The injects counted against the link's limit no more: a new one goes at once.
            assertThat(f.relay.inject(1, Direction.DOWN, Bytes.utf8("three"))).isNull();
            assertThat(read(s[0], 6)).isEqualTo("three\n");
        }
    }

    /** Send anyway puts the waiting frame inside the unfinished one, as asked, and says so first. */
    @Test
    void sendAnywayPutsTheInjectInsideTheUnfinishedFrame() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b.injectWait(Duration.ofMillis(100)))) {
            Socket[] s = f.open();
            f.await(RelayEvent.Opened.class);
            write(s[0], "par");
            assertThat(read(s[1], 3)).isEqualTo("par");
            assertThat(f.relay.inject(1, Direction.UP, Bytes.utf8("inj"))).isNull();
            f.await(RelayEvent.InjectWait.class);
            assertThat(f.relay.sendInjectedAnyway(1, Direction.UP)).isNull();
            assertThat(read(s[1], 4)).isEqualTo("inj\n");
            RelayEvent.InjectWait anyway = f.await(RelayEvent.InjectWait.class);
            assertThat(anyway.kind()).isEqualTo(RelayEvent.InjectWait.Kind.SENT_ANYWAY);
            assertThat(anyway.sentence()).isEqualTo("link #1: 1 injected frame goes to the server now, inside the "
                    + "frame the client has not finished.");
            assertThat(f.frame("inj").seq()).as("said before it went").isGreaterThan(anyway.seq());
            write(s[0], "tial\n");
            assertThat(read(s[1], 5)).isEqualTo("tial\n");
            assertThat(f.relay.sendInjectedAnyway(1, Direction.UP)).isEqualTo("no injected frame is waiting to go to "
                    + "the server on link #1.");
        }
    }

    /** A link that ends while an injected frame still waits says, in its closing sentence, that it was not sent. */
    @Test
    void aLinkThatEndsSaysWhichInjectsWereNeverSent() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b)) {
            Socket[] s = f.open();
            f.await(RelayEvent.Opened.class);
            write(s[0], "par");
            assertThat(read(s[1], 3)).isEqualTo("par");
            assertThat(f.relay.inject(1, Direction.UP, Bytes.utf8("inj"))).isNull();
            s[1].setSoLinger(true, 0);
            s[1].close();
            RelayEvent.Closed closed = f.await(RelayEvent.Closed.class);
            assertThat(closed.sentence()).endsWith(" 1 injected frame waiting to go to the server was not sent.");
        }
    }

    @Test
    void rulesDropRewriteAndNoteBeforeTheHold() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b)) {
            f.relay.rules(List.of(
                    new RelayRule(Direction.UP, Match.text(Match.Kind.PREFIX, "secret"), RelayRule.Action.DROP, "", true),
                    new RelayRule(null, Match.text(Match.Kind.REGEX, "^cat (\\w+)$"), RelayRule.Action.REWRITE,
                            "dog {{1}}", true),
                    new RelayRule(null, Match.text(Match.Kind.PREFIX, "look"), RelayRule.Action.NOTE, "saw {{frame}}",
                            true),
                    new RelayRule(null, Match.text(Match.Kind.PREFIX, "keep"), RelayRule.Action.DROP, "", false)));
            Socket[] s = f.open();
            write(s[0], "secret 1\ncat tom\nlook here\nkeep\n");
            assertThat(read(s[1], 23)).isEqualTo("dog tom\nlook here\nkeep\n");
            assertThat(f.frame("secret 1").fate()).isEqualTo(RelayEvent.Fate.DROPPED_BY_RULE);
            assertThat(f.frame("dog tom").fate()).isEqualTo(RelayEvent.Fate.REWRITTEN_BY_RULE);
            assertThat(f.await(RelayEvent.Notice.class).sentence()).isEqualTo("saw look here");
            assertThat(f.frame("keep").fate()).isEqualTo(RelayEvent.Fate.PASSED);
            write(s[1], "secret 2\n");
            assertThat(read(s[0], 9)).isEqualTo("secret 2\n");

            f.relay.hold(Direction.UP, true);
            write(s[0], "secret 3\ncat kit\n");
            RelayEvent.Frame held = f.await(RelayEvent.Frame.class, e -> e.fate() == RelayEvent.Fate.HELD);
            assertThat(held.payload()).isEqualTo(Bytes.utf8("dog kit"));
            assertThat(f.relay.heldCount(Direction.UP)).isEqualTo(1);
            assertThat(f.relay.forward(held.id())).isNull();
            assertThat(read(s[1], 8)).isEqualTo("dog kit\n");
        }
    }

    @Test
    @Timeout(30)
    void aFullHoldStopsReadingWithBoundedMemoryAndEverythingArrivesOnceReleased() throws Exception {
        int frames = 32 * 1024;
        int size = 1024;
        try (RelayFixture f = new RelayFixture(b -> b.hold(8, 1L << 20))) {
            Socket[] s = f.open();
            f.relay.hold(Direction.UP, true);
            byte[] all = new byte[frames * size];
            for (int i = 0; i < frames; i++) {
                byte[] line = String.format("%0" + (size - 1) + "d\n", i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                System.arraycopy(line, 0, all, i * size, size);
            }
            Thread writer = new Thread(() -> {
                try {
                    s[0].getOutputStream().write(all);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "test-flood");
            writer.start();
            RelayEvent.Notice full = f.await(RelayEvent.Notice.class, n -> n.sentence().startsWith("the hold"));
            assertThat(full.sentence()).contains("link #1 stops reading the client");
            assertThat(f.relay.heldCount(Direction.UP)).isLessThanOrEqualTo(8);
            assertThat(writer.isAlive()).as("the client's write stalls").isTrue();

            byte[] got = new byte[all.length];
            int[] filled = {0};
            Thread collect = new Thread(() -> {
                try {
                    filled[0] = s[1].getInputStream().readNBytes(got, 0, got.length);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "test-collect");
            collect.start();
            int forwarded = 0;
            java.util.ArrayDeque<RelayEvent> before = new java.util.ArrayDeque<>(f.seen);
            while (forwarded < frames) {
                RelayEvent e = !before.isEmpty() ? before.poll()
                        : f.relay.poll(RelayFixture.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                assertThat(e).as("an event after " + forwarded + " frames").isNotNull();
                if (e instanceof RelayEvent.Frame fr && fr.fate() == RelayEvent.Fate.HELD) {
                    assertThat(f.relay.heldCount(Direction.UP)).isLessThanOrEqualTo(8);
                    assertThat(f.relay.forward(fr.id())).isNull();
                    forwarded++;
                }
            }
            collect.join(RelayFixture.TIMEOUT_MILLIS * 2);
            writer.join(RelayFixture.TIMEOUT_MILLIS);
            assertThat(filled[0]).isEqualTo(all.length);
            assertThat(got).isEqualTo(all);
        }
    }

    /**
     * Links in pass-through are read by the relay's two read threads (one per direction), not
     * by threads of their own; a held direction gets its own reader thread from its next chunk on.
     */
    @Test
    void passThroughLinksShareTheReadThreadsAndAHeldDirectionGetsItsOwn() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b)) {
            List<Socket[]> links = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Socket[] s = f.open();
                links.add(s);
                write(s[0], "up " + i + "\n");
                assertThat(read(s[1], 5)).isEqualTo("up " + i + "\n");
                write(s[1], "down " + i + "\n");
                assertThat(read(s[0], 7)).isEqualTo("down " + i + "\n");
            }
            assertThat(readerThreads()).as("reader threads of links in pass-through").isEmpty();

            f.relay.hold(Direction.UP, true);
            write(links.get(0)[0], "held\n");
            RelayEvent.Frame held = f.frame("held");
            assertThat(held.fate()).isEqualTo(RelayEvent.Fate.HELD);
            assertThat(readerThreads()).extracting(Thread::getName).singleElement().asString().endsWith("-1-up");
            assertThat(f.relay.forward(held.id())).isNull();
            assertThat(read(links.get(0)[1], 5)).isEqualTo("held\n");
        }
    }

    /** Threads that read one direction of one link: named {@code tincan-relay-PORT-LINK-up} or {@code -down}. */
    private static List<Thread> readerThreads() {
        return Threads.named("tincan-relay-").stream().filter(t -> t.getName().matches(".*-\\d+-(up|down)"))
                .toList();
    }

    /**
     * A client that stops reading stops only its own link: the relay stops reading its server
     * once that direction's queue is full, while other links on the same read thread go on;
     * once the client reads again every byte arrives, in order. 128 MiB is more than every
     * buffer between the server and the stalled client can take, so its server is still
     * writing when the other link is tried.
     */
    @Test
    @Timeout(60)
    void aClientThatStopsReadingStallsOnlyItsOwnLink() throws Exception {
        int chunk = 1 << 20;
        int chunks = 128;
        try (RelayFixture f = new RelayFixture(b -> b)) {
            f.relay.quiet(true);
            Socket[] stalled = f.open();
            Thread flood = new Thread(() -> {
                try {
                    java.io.OutputStream out = stalled[1].getOutputStream();
                    for (int i = 0; i < chunks; i++) {
                        out.write(numbered(i, chunk));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "test-flood");
            flood.start();

            Socket[] other = f.open();
            for (int i = 0; i < 100; i++) {
                write(other[1], "ping " + (100 + i) + "\n");
                assertThat(read(other[0], 9)).isEqualTo("ping " + (100 + i) + "\n");
                write(other[0], "pong " + (100 + i) + "\n");
                assertThat(read(other[1], 9)).isEqualTo("pong " + (100 + i) + "\n");
            }
            assertThat(flood.isAlive()).as("the stalled link's server is still writing").isTrue();

            java.io.InputStream in = stalled[0].getInputStream();
            for (int i = 0; i < chunks; i++) {
                byte[] got = in.readNBytes(chunk);
                assertThat(got).as("chunk " + i).isEqualTo(numbered(i, chunk));
            }
            Threads.awaitEnded(flood);
        }
    }

    /** {@code size} bytes of lines that say which chunk they belong to. */
    private static byte[] numbered(int chunk, int size) {
        byte[] line = String.format("%015d\n", chunk).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i += line.length) {
            System.arraycopy(line, 0, out, i, Math.min(line.length, size - i));
        }
        return out;
    }

    /**
     * A forwarded frame goes after the stream bytes queued before it. The latency toxic keeps
     * the writer busy with the first forwarded frame while unframed bytes pass (queued behind
     * it) and the next frame is held and forwarded; a writer that took forwarded frames ahead
     * of the stream sent that frame before the unframed bytes.
     */
    @Test
    void aForwardedFrameDoesNotOvertakeBytesPassedBeforeIt() throws Exception {
        long latency = 1000;
        try (RelayFixture f = new RelayFixture(b -> b.framing(Framing.parse("line")).maxFrameLength(8))) {
            f.relay.hold(Direction.DOWN, true);
            f.relay.toxics(Direction.DOWN, Toxics.parse("latency=" + latency + "ms"));
            Socket[] s = f.open();
            write(s[1], "a\n");
            RelayEvent.Frame a = f.frame("a");
            long start = System.nanoTime();
            assertThat(f.relay.forward(a.id())).isNull();
            String broken = "x".repeat(20) + "\n";
            write(s[1], broken);
            f.await(RelayEvent.Broken.class);
            write(s[1], "c\n");
            RelayEvent.Frame c = f.frame("c");
            assertThat(c.fate()).isEqualTo(RelayEvent.Fate.HELD);
            assertThat(f.relay.forward(c.id())).isNull();
            // The writer waits the latency from when "a" was queued: past that it may have gone on already.
            Assumptions.assumeTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(latency),
                    "too slow to forward \"c\" while \"a\" was still being written");
            String all = "a\n" + broken + "c\n";
            assertThat(read(s[0], all.length())).isEqualTo(all);
        }
    }

    @Test
    void latencyDelaysEveryChunk() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b)) {
            Socket[] s = f.open();
            // A first frame without the fault, so the measured one pays for nothing else.
            write(s[1], "warm\n");
            assertThat(read(s[0], 5)).isEqualTo("warm\n");
            f.relay.toxics(Direction.DOWN, Toxics.parse("latency=300ms"));
            long start = System.nanoTime();
            write(s[1], "slow\n");
            assertThat(read(s[0], 5)).isEqualTo("slow\n");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        }
    }

    @Test
    void slicesAndABandwidthCapShowAsManySmallReads() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b.framing(Framing.parse("raw")))) {
            f.relay.toxics(Direction.DOWN, Toxics.parse("slice=16,bandwidth=16k"));
            Socket[] s = f.open();
            long start = System.nanoTime();
            s[1].getOutputStream().write(new byte[4096]);
            int reads = 0;
            int largest = 0;
            int total = 0;
            byte[] buf = new byte[8192];
            while (total < 4096) {
                int n = s[0].getInputStream().read(buf);
                assertThat(n).isPositive();
                reads++;
                largest = Math.max(largest, n);
                total += n;
            }
            assertThat(total).isEqualTo(4096);
            assertThat(reads).isGreaterThanOrEqualTo(32);
            assertThat(largest).isLessThanOrEqualTo(1024);
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    @Test
    void theResetToxicResetsBothSidesAfterNBytes() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b.framing(Framing.parse("raw")))) {
            f.relay.toxics(Direction.UP, Toxics.parse("reset=100"));
            Socket[] s = f.open();
            s[0].getOutputStream().write(new byte[300]);
            byte[] got = new byte[300];
            int total = 0;
            try {
                int n;
                while ((n = s[1].getInputStream().read(got, total, got.length - total)) > 0) {
                    total += n;
                }
            } catch (java.net.SocketException e) {
                assertThat(e.getMessage()).containsIgnoringCase("reset");
            }
            assertThat(total).isEqualTo(100);
            assertThatThrownBy(() -> s[0].getInputStream().read()).isInstanceOf(java.net.SocketException.class)
                    .hasMessageContaining("reset");
            RelayEvent.Closed closed = f.await(RelayEvent.Closed.class);
            assertThat(closed.sentence()).isEqualTo("link reset by the relay's reset toxic after 100 bytes "
                    + "client → server.");
            assertThat(f.seen).anySatisfy(e -> assertThat(e).isInstanceOf(RelayEvent.Notice.class));
        }
    }

    @Test
    void oneClientPastTheCapIsTurnedAway() throws Exception {
        try (RelayFixture f = new RelayFixture(b -> b.maxClients(1))) {
            Socket[] s = f.open();
            f.await(RelayEvent.Opened.class);
            Socket second = f.connect();
            RelayEvent.Refused refused = f.await(RelayEvent.Refused.class);
            assertThat(refused.sentence()).isEqualTo("client 127.0.0.1:" + second.getLocalPort()
                    + " turned away: 1 client is connected (the cap); close one or raise --max-clients.");
            assertThat(second.getInputStream().read()).isEqualTo(-1);
            write(s[0], "still\n");
            assertThat(read(s[1], 6)).isEqualTo("still\n");
        }
    }

    @Test
    void aClientIsTurnedAwayWhenTheServerRefuses() throws Exception {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        try (Relay relay = Relay.start(RelayConfig.builder("127.0.0.1", closedPort).build());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), relay.address().getPort())) {
            client.setSoTimeout((int) RelayFixture.TIMEOUT_MILLIS);
            RelayEvent e = relay.poll(RelayFixture.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(e).isInstanceOf(RelayEvent.Refused.class);
            assertThat(((RelayEvent.Refused) e).sentence()).isEqualTo("client 127.0.0.1:" + client.getLocalPort()
                    + " turned away: connect to 127.0.0.1:" + closedPort + " failed: connection refused (is a server "
                    + "listening on port " + closedPort + "?).");
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void closeFreesThePortAtOnceAndEndsEveryThread() throws Exception {
        int port;
        try (RelayFixture f = new RelayFixture(b -> b)) {
            Socket[] s = f.open();
            f.relay.toxics(Direction.UP, Toxics.parse("latency=10s"));
            write(s[0], "stuck\n");
            port = f.relay.address().getPort();
            f.relay.close();
            try (ServerSocket again = new ServerSocket()) {
                again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
            assertThat(Threads.named("tincan-relay-")).isEmpty();
        }
    }

    @Test
    void aBadFramingForTheMaxFrameLengthFailsAtStart() {
        assertThatThrownBy(() -> Relay.start(RelayConfig.builder("127.0.0.1", 9).framing(Framing.parse("fixed:64"))
                .maxFrameLength(8).build())).isInstanceOf(IOException.class).hasMessageContaining("fixed:64");
    }

    @Test
    void connectTimeoutIsKept() {
        RelayConfig c = RelayConfig.builder("127.0.0.1", 9).connectTimeout(Duration.ofMillis(300)).build();
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(300));
    }
}
