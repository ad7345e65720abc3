package dev.tincan.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cutter's segments cover the stream exactly, each frame's wire bytes being the bytes
 * the framing put on the wire for it, and it finds the frames a decoder finds in the whole
 * stream, however the stream is split, exact or fast.
 */
class CutterTest {

    @ParameterizedTest
    @ValueSource(strings = {"line", "crlf", "nul", "delim:7e7e", "len8", "len16", "len16le", "len32", "len64",
        "fixed:5"})
    void segmentsCoverTheStreamAndFindTheFramesOfAWholeDecode(String spec) {
        Framing framing = Framing.parse(spec);
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            byte[] stream = RelayByteExactTest.stream(framing, random, 20_000);
            Cutter cutter = new Cutter(framing, 64);
            ByteArrayOutputStream covered = new ByteArrayOutputStream();
            List<Bytes> frames = new ArrayList<>();
            int pos = 0;
            while (pos < stream.length) {
                int n = Math.min(stream.length - pos, 1 + random.nextInt(random.nextBoolean() ? 8 : 3000));
                boolean exact = random.nextInt(3) > 0 || !cutter.clean();
                if (exact) {
                    cutter.feedExact(stream, pos, n);
                    collect(cutter, covered, frames);
                } else {
                    feedFast(cutter, stream, pos, n, covered, frames);
                }
                pos += n;
            }
            covered.writeBytes(cutter.carriedBytes());
            assertThat(covered.toByteArray()).as(spec + " seed " + seed).isEqualTo(stream);
            assertThat(frames).as(spec + " seed " + seed).isEqualTo(RelayByteExactTest.decodeAll(framing, stream));
        }
    }

    /**
     * Counting feeds (a quiet relay's) mixed with decoding ones: the counts add up to the
     * frames a whole decode finds, the carried bytes stay the bytes since the last boundary,
     * and a decoding feed after a count decodes the frame the count left unfinished.
     */
    @ParameterizedTest
    @ValueSource(strings = {"len8", "len16", "len16le", "len32", "len32le", "len64", "line", "fixed:5"})
    void countingFeedsFindAsManyFramesAsAWholeDecodeAndLeaveTheDecoderReady(String spec) {
        Framing framing = Framing.parse(spec);
        boolean lengthPrefix = spec.startsWith("len");
        int counts = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            byte[] stream = lengthPrefix ? wellFramed(framing, random, 20_000, seed % 2 == 1)
                    : RelayByteExactTest.stream(framing, random, 20_000);
            List<Bytes> expected = RelayByteExactTest.decodeAll(framing, stream);
            Cutter cutter = new Cutter(framing, 64);
            ByteArrayOutputStream covered = new ByteArrayOutputStream();
            List<Bytes> frames = new ArrayList<>();
            int pos = 0;
            while (pos < stream.length) {
                int n = Math.min(stream.length - pos, 1 + random.nextInt(random.nextBoolean() ? 8 : 3000));
                int carriedBefore = cutter.carried();
                byte[] before = cutter.carriedBytes();
                int counted = random.nextBoolean() ? cutter.feedCount(stream, pos, n) : -2;
                if (counted >= 0) {
                    assertThat(lengthPrefix).as("counted " + spec).isTrue();
                    counts++;
                    for (int i = 0; i < counted; i++) {
                        frames.add(null);
                    }
                    int b = cutter.boundary();
                    if (b >= 0) {
                        covered.write(before, 0, carriedBefore);
                        covered.write(stream, pos, b - pos);
                        assertThat(cutter.carried()).isEqualTo(pos + n - b);
                    } else {
                        assertThat(counted).isZero();
                        assertThat(cutter.carried()).isEqualTo(carriedBefore + n);
                    }
                } else if (!cutter.clean()) {
                    cutter.feedExact(stream, pos, n);
                    collect(cutter, covered, frames);
                } else {
                    feedFast(cutter, stream, pos, n, covered, frames);
                }
                pos += n;
            }
            covered.writeBytes(cutter.carriedBytes());
            assertThat(covered.toByteArray()).as(spec + " seed " + seed).isEqualTo(stream);
            assertThat(frames).as(spec + " seed " + seed).hasSameSizeAs(expected);
            for (int i = 0; i < frames.size(); i++) {
                if (frames.get(i) != null) {
                    assertThat(frames.get(i)).as(spec + " seed " + seed + " frame " + i).isEqualTo(expected.get(i));
                }
            }
        }
        // Streams that break early are decoded from there on; the others are counted.
        assertThat(counts > 0).as(spec + " counted at all").isEqualTo(lengthPrefix);
    }

    /**
     * Frames of 0 to 64 bytes of values under 64, so that a decoder that lost its place reads
     * lengths it accepts rather than failing; with {@code tooLong}, one frame of 200 bytes
     * halfway, which the cutter refuses to count.
     */
    static byte[] wellFramed(Framing framing, Random random, int size, boolean tooLong) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean inserted = !tooLong;
        while (out.size() < size) {
            byte[] payload = new byte[!inserted && out.size() > size / 2 ? 200 : random.nextInt(65)];
            inserted |= payload.length == 200;
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) random.nextInt(64);
            }
            out.writeBytes(framing.encode(Bytes.of(payload)));
        }
        return out.toByteArray();
    }

    /**
     * Feeds {@code stream[pos..pos+n)} fast and records what it gave: the frames, and the
     * bytes it covered up to its last boundary; a feed that broke the framing was cut
     * exactly, and its segments are collected instead.
     */
    private static void feedFast(Cutter cutter, byte[] stream, int pos, int n, ByteArrayOutputStream covered,
            List<Bytes> frames) {
        int carriedBefore = cutter.carried();
        byte[] before = cutter.carriedBytes();
        if (!cutter.feedFast(stream, pos, n)) {
            collect(cutter, covered, frames);
            return;
        }
        for (byte[] f : cutter.frames()) {
            frames.add(Bytes.of(f));
        }
        int b = cutter.boundary();
        if (b >= 0) {
            covered.write(before, 0, carriedBefore);
            covered.write(stream, pos, b - pos);
        } else {
            assertThat(cutter.carried()).isEqualTo(carriedBefore + n);
        }
    }

    private static void collect(Cutter cutter, ByteArrayOutputStream covered, List<Bytes> frames) {
        int at = 0;
        for (Cutter.Segment s : cutter.segments()) {
            assertThat(s.start()).isEqualTo(at);
            covered.write(cutter.work(), s.start(), s.end() - s.start());
            at = s.end();
            if (s.kind() == Cutter.Kind.FRAME) {
                frames.add(Bytes.of(s.payload()));
            }
        }
        assertThat(cutter.workLength() - at).isEqualTo(cutter.carried());
    }
}
