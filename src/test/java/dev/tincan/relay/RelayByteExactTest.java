package dev.tincan.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.FrameDecoder;
import dev.tincan.codec.FrameException;
import dev.tincan.codec.Framing;
import dev.tincan.session.rules.Match;
import dev.tincan.testing.Threads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every byte each side sends reaches the other in order, whatever the framing makes of it:
 * random frames, frames too long for the max, bytes that are no frame at all, written in
 * random slices both ways at once, through a relay that passes, applies rules, or holds
 * (with every held frame forwarded as it shows). The frames the relay reports are those a
 * decoder finds in the whole stream at once. A quiet relay reports no frame, only counts them
 * by their length prefixes, and is given well-framed streams (with one frame too long) so
 * that most chunks are counted: its counts are those frames.
 */
class RelayByteExactTest {
    private static final int MAX_FRAME = 64;

    @AfterEach
    void noThreadsLeft() {
        Threads.assertNoneLeft("tincan-relay-");
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @CsvSource({
        "line, pass, 1", "line, rules, 2", "line, hold, 3",
        "crlf, pass, 4", "crlf, hold, 5",
        "nul, rules, 6",
        "delim:7e7e, pass, 7", "delim:7e7e, rules, 8",
        "len8, pass, 9", "len16, hold, 10", "len16le, rules, 11", "len32, pass, 12",
        "len64, pass, 13", "len64, rules, 14",
        "fixed:5, pass, 15", "fixed:5, hold, 16",
        "raw, pass, 17", "raw, rules, 18",
        "len8, quiet, 19", "len16le, quiet, 20", "len32, quiet, 21", "len64, quiet, 22",
    })
    void everyByteArrivesInOrder(String spec, String mode, long seed) throws Exception {
        Framing framing = Framing.parse(spec);
        Random random = new Random(seed);
        boolean quiet = mode.equals("quiet");
        byte[] up = quiet ? CutterTest.wellFramed(framing, random, 150_000, true) : stream(framing, random, 150_000);
        byte[] down = quiet ? CutterTest.wellFramed(framing, random, 150_000, true) : stream(framing, random, 150_000);
        try (RelayFixture f = new RelayFixture(b -> b.framing(framing).maxFrameLength(MAX_FRAME))) {
            if (mode.equals("rules")) {
                f.relay.rules(List.of(new RelayRule(null, Match.text(Match.Kind.EXACT, "never sent"),
                        RelayRule.Action.DROP, "", true)));
            }
            f.relay.quiet(quiet);
            boolean hold = mode.equals("hold");
            if (hold) {
                f.relay.hold(Direction.UP, true);
                f.relay.hold(Direction.DOWN, true);
            }
            // Not copy-on-write: thirty thousand adds of a growing copy made this test slow enough to time out under load.
            List<RelayEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread drainer = new Thread(() -> drain(f.relay, events, hold), "test-drain");
            drainer.start();
            Socket[] s = f.open();
            long writeSeed = random.nextLong();
            // A quiet link is kept open until its counts are read: the relay forgets a closed link.
            CompletableFuture<Void> writeUp =
                    CompletableFuture.runAsync(() -> write(s[0], up, new Random(writeSeed), !quiet));
            CompletableFuture<Void> writeDown =
                    CompletableFuture.runAsync(() -> write(s[1], down, new Random(writeSeed + 1), !quiet));
            CompletableFuture<byte[]> atServer =
                    CompletableFuture.supplyAsync(() -> read(s[1], quiet ? up.length : -1));
            CompletableFuture<byte[]> atClient =
                    CompletableFuture.supplyAsync(() -> read(s[0], quiet ? down.length : -1));
            writeUp.get(20, TimeUnit.SECONDS);
            writeDown.get(20, TimeUnit.SECONDS);
            assertThat(atServer.get(20, TimeUnit.SECONDS)).as("client → server").isEqualTo(up);
            assertThat(atClient.get(20, TimeUnit.SECONDS)).as("server → client").isEqualTo(down);
            Relay.LinkInfo counted = quiet ? f.relay.links().get(0) : null;
            f.relay.close();
            drainer.interrupt();
            drainer.join(RelayFixture.TIMEOUT_MILLIS);
            f.relay.drainTo(events, Integer.MAX_VALUE);
            if (quiet) {
                assertThat(reported(events, Direction.UP)).as("frames reported up").isEmpty();
                assertThat(counted.framesUp()).as("frames counted up").isEqualTo(decodeAll(framing, up).size());
                assertThat(counted.framesDown()).as("frames counted down")
                        .isEqualTo(decodeAll(framing, down).size());
            } else if (framing.spec().equals("raw")) {
                // Raw frames are the chunks as read: only their bytes are fixed.
                assertThat(concat(reported(events, Direction.UP))).isEqualTo(up);
                assertThat(concat(reported(events, Direction.DOWN))).isEqualTo(down);
            } else {
                assertSameFrames("frames up", reported(events, Direction.UP), decodeAll(framing, up));
                assertSameFrames("frames down", reported(events, Direction.DOWN), decodeAll(framing, down));
            }
        }
    }

    /** Frames, too-long frames and bytes that frame nothing, in a random mix. */
    static byte[] stream(Framing framing, Random random, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < size) {
            int pick = random.nextInt(10);
            byte[] payload = new byte[random.nextInt(pick == 0 ? 200 : MAX_FRAME)];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 'a' + random.nextInt(26));
            }
            if (pick == 1 && !framing.spec().equals("len64")) {
                out.writeBytes(payload);
                continue;
            }
            if (pick == 2) {
                out.writeBytes(new byte[] {'\r', '\n', 0, 0x7e});
            }
            try {
                out.writeBytes(framing.encode(Bytes.of(payload)));
            } catch (IllegalArgumentException e) {
                out.writeBytes(payload);
            }
        }
        if (framing.spec().equals("len64")) {
            // A negative length breaks the stream for good: the rest is shown broken, and passed on.
            out.writeBytes(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 'x', 'y', 'z'});
        }
        return out.toByteArray();
    }

    /** Writes {@code bytes} in random slices, then half-closes when {@code end}. */
    private static void write(Socket s, byte[] bytes, Random random, boolean end) {
        try {
            OutputStream out = s.getOutputStream();
            int pos = 0;
            while (pos < bytes.length) {
                int n = Math.min(bytes.length - pos, 1 + random.nextInt(random.nextBoolean() ? 16 : 4000));
                out.write(bytes, pos, n);
                pos += n;
            }
            if (end) {
                s.shutdownOutput();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The bytes up to the end of the stream, or the first {@code n} when {@code n} is not negative. */
    private static byte[] read(Socket s, int n) {
        try {
            InputStream in = s.getInputStream();
            return n < 0 ? RelayFixture.readAll(in) : in.readNBytes(n);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void drain(Relay relay, List<RelayEvent> events, boolean forward) {
        try {
            while (true) {
                RelayEvent e = relay.poll(1, TimeUnit.SECONDS);
                if (e == null) {
                    continue;
                }
                events.add(e);
                if (forward && e instanceof RelayEvent.Frame fr && fr.fate() == RelayEvent.Fate.HELD) {
                    String why = relay.forward(fr.id());
                    if (why != null) {
                        throw new AssertionError(why);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Bytes> reported(List<RelayEvent> events, Direction direction) {
        List<Bytes> out = new ArrayList<>();
        for (RelayEvent e : events) {
            if (e instanceof RelayEvent.Frame f && f.direction() == direction) {
                out.add(f.payload());
            }
        }
        return out;
    }

    private static void assertSameFrames(String what, List<Bytes> got, List<Bytes> want) {
        for (int i = 0; i < Math.min(got.size(), want.size()); i++) {
            assertThat(got.get(i)).as(what + ": frame " + i + " of " + want.size()).isEqualTo(want.get(i));
        }
        assertThat(got.size()).as(what + ": how many").isEqualTo(want.size());
    }

    private static byte[] concat(List<Bytes> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Bytes b : frames) {
            out.writeBytes(b.toByteArray());
        }
        return out.toByteArray();
    }

    /** What one decoder finds in the whole stream at once. */
    static List<Bytes> decodeAll(Framing framing, byte[] stream) {
        FrameDecoder d = framing.newDecoder(MAX_FRAME);
        List<byte[]> frames = new ArrayList<>();
        try {
            d.decode(stream, 0, stream.length, frames);
        } catch (FrameException e) {
            // Frames before and after a too-long one are in the list; a broken stream ends it.
        }
        List<Bytes> out = new ArrayList<>();
        for (byte[] f : frames) {
            out.add(Bytes.of(f));
        }
        return out;
    }
}
