package dev.tincan.codec;

import static dev.tincan.codec.Decoding.concat;
import static dev.tincan.codec.Decoding.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every framing: what is encoded decodes back, however the stream is split. */
class EncodeDecodeTest {
    private static final int MAX = 1024;
    /** Bytes that delimiters are made of come up often, so payloads brush against them. */
    private static final byte[] ALPHABET = hex("00 0a 0d 61 62 0b ff 80");

    static Stream<String> framedSpecs() {
        return Stream.of("line", "crlf", "nul", "delim:0d0a", "delim:616162", "delim:0a0a0b", "delim:616261",
                "len8", "len16", "len24", "len32", "len64", "len16le", "len32le", "len64le",
                "fixed:1", "fixed:3", "fixed:16");
    }

    @ParameterizedTest
    @MethodSource("framedSpecs")
    void encodeThenDecodeReturnsEveryPayload(String spec) {
        Framing framing = Framing.parse(spec);
        List<byte[]> payloads = payloads(framing, spec.hashCode(), 60);

        Decoding.Result result = Decoding.allAtOnce(framing, MAX, wire(framing, payloads));

        assertThat(result.errorKinds()).isEmpty();
        assertThat(result.frames()).containsExactlyElementsOf(expectedFrames(framing, payloads));
    }

    @ParameterizedTest
    @MethodSource("framedSpecs")
    void decodingOneByteAtATimeGivesTheSameFramesAsAllAtOnce(String spec) {
        Framing framing = Framing.parse(spec);
        byte[] wire = wire(framing, payloads(framing, 7, 60));

        assertThat(Decoding.byteByByte(framing, MAX, wire)).isEqualTo(Decoding.allAtOnce(framing, MAX, wire));
    }

    @ParameterizedTest
    @MethodSource("framedSpecs")
    void decodingInRandomChunksGivesTheSameFramesAsAllAtOnce(String spec) {
        Framing framing = Framing.parse(spec);
        byte[] wire = wire(framing, payloads(framing, 11, 60));
        Decoding.Result whole = Decoding.allAtOnce(framing, MAX, wire);

        for (long seed = 1; seed <= 25; seed++) {
            int maxChunk = 1 + (int) (seed * 7 % 40);
            assertThat(Decoding.randomChunks(framing, MAX, wire, seed, maxChunk))
                    .as("seed %d, chunks up to %d bytes", seed, maxChunk)
                    .isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @MethodSource("framedSpecs")
    void cuttingASmallStreamAtAnyOneOrTwoPointsGivesTheSameFrames(String spec) {
        Framing framing = Framing.parse(spec);
        List<byte[]> payloads = payloads(framing, 3, 3);
        byte[] wire = wire(framing, payloads);
        Decoding.Result whole = Decoding.allAtOnce(framing, MAX, wire);
        assertThat(whole.frames()).containsExactlyElementsOf(expectedFrames(framing, payloads));

        for (int a = 0; a <= wire.length; a++) {
            for (int b = a; b <= wire.length; b++) {
                assertThat(Decoding.cutAt(framing, MAX, wire, a, b)).as("cut at %d and %d", a, b).isEqualTo(whole);
            }
        }
    }

    @Test
    void rawSendsAPayloadAsItIsAndDecodesEachChunkAsOneFrame() {
        Framing raw = Framing.parse("raw");
        byte[] payload = hex("68 65 6c 6c 6f 0a 00 ff");
        assertThat(raw.encode(Bytes.of(payload))).isEqualTo(payload);

        for (int cut = 1; cut < payload.length; cut++) {
            Decoding.Result result = Decoding.cutAt(raw, MAX, payload, cut);
            assertThat(result.frames()).containsExactly(Bytes.of(payload, 0, cut),
                    Bytes.of(payload, cut, payload.length - cut));
        }
    }

    @Test
    void rawGivesBackTheWholeStreamInAnySplitAndNeverAnEmptyFrame() {
        Framing raw = Framing.parse("raw");
        byte[] wire = new byte[500];
        new Random(5).nextBytes(wire);

        for (long seed = 1; seed <= 10; seed++) {
            int[] sizes = Decoding.randomSizes(new Random(seed), wire.length, 64);
            Decoding.Result result = Decoding.inChunks(raw, MAX, wire, sizes);
            List<byte[]> frames = new ArrayList<>();
            result.frames().forEach(f -> frames.add(f.toByteArray()));
            assertThat(concat(frames)).isEqualTo(wire);
            assertThat(frames).hasSize(sizes.length).noneMatch(f -> f.length == 0);
        }
        assertThat(Decoding.inChunks(raw, MAX, new byte[0], new int[] {0}).frames()).isEmpty();
    }

    @Test
    void rawCutsAChunkLongerThanTheMaxIntoFramesOfTheMax() {
        Decoding.Result result = Decoding.allAtOnce(Framing.parse("raw"), 4, hex("01 02 03 04 05 06 07 08 09 0a"));

        assertThat(result.frames()).containsExactly(Bytes.of(hex("01020304")), Bytes.of(hex("05060708")),
                Bytes.of(hex("090a")));
        assertThat(result.errorKinds()).isEmpty();
    }

    @Test
    void lineDropsOneTrailingCrOfAPayloadOnDecodeAsTheDesignSays() {
        Framing line = Framing.parse("line");
        byte[] wire = line.encode(Bytes.of(hex("68 69 0d")));

        assertThat(wire).isEqualTo(hex("68 69 0d 0a"));
        assertThat(Decoding.allAtOnce(line, MAX, wire).frames()).containsExactly(Bytes.of(hex("68 69")));
    }

    /** Payloads the framing can carry, drawn from {@code seed}; an empty one first where that is allowed. */
    static List<byte[]> payloads(Framing framing, long seed, int count) {
        Random random = new Random(seed);
        List<byte[]> payloads = new ArrayList<>();
        if (!(framing instanceof FixedLengthFraming)) {
            payloads.add(new byte[0]);
        }
        for (int tries = 0; payloads.size() < count && tries < 100_000; tries++) {
            int n = framing instanceof FixedLengthFraming f ? f.frameLength() : random.nextInt(24);
            byte[] p = new byte[n];
            for (int i = 0; i < n; i++) {
                p[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
            }
            if (framing instanceof DelimiterFraming d && random.nextInt(4) == 0) {
                // End in the first bytes of the delimiter, where a self-overlapping one bites.
                byte[] delimiter = d.delimiter().toByteArray();
                int k = random.nextInt(delimiter.length);
                p = Arrays.copyOf(p, n + k);
                System.arraycopy(delimiter, 0, p, n, k);
            }
            try {
                framing.encode(Bytes.of(p));
                payloads.add(p);
            } catch (IllegalArgumentException refused) {
                // Not framable (it holds the delimiter); draw another.
            }
        }
        assertThat(payloads).hasSize(count);
        return payloads;
    }

    static byte[] wire(Framing framing, List<byte[]> payloads) {
        List<byte[]> encoded = new ArrayList<>();
        for (byte[] p : payloads) {
            encoded.add(framing.encode(Bytes.of(p)));
        }
        return concat(encoded);
    }

    /** The payloads as a decoder gives them back: {@code line} drops one CR at the end. */
    static List<Bytes> expectedFrames(Framing framing, List<byte[]> payloads) {
        List<Bytes> frames = new ArrayList<>();
        for (byte[] p : payloads) {
            boolean dropCr = framing.spec().equals("line") && p.length > 0 && p[p.length - 1] == '\r';
            frames.add(Bytes.of(dropCr ? Arrays.copyOf(p, p.length - 1) : p));
        }
        return frames;
    }
}
