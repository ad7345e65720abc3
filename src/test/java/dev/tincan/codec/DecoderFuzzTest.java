package dev.tincan.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fuzz targets for every kind of decoder. Each input is a few parameter bytes followed by
 * the stream, so kept inputs stay readable:
 *
 * <pre>
 * byte 0      max frame length, 1 + (b &amp; 0x3f)
 * byte 1      seed of the random split
 * byte 2..    the framing's own parameters (see each target), then the stream
 * </pre>
 *
 * <p>Properties: a decoder raises nothing but {@link FrameException}s; the stream gives the
 * same frames and the same error kinds whole, byte by byte and in random chunks; and the
 * stream cut into payloads and encoded decodes back to those payloads.
 *
 * <p>Plain test runs replay the inputs under
 * {@code src/test/resources/dev/tincan/codec/DecoderFuzzTestInputs/<method>/}; set
 * {@code JAZZER_FUZZ=1} to fuzz (see docs/fuzzing.md).
 */
class DecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void rawDecoder(byte[] input) {
        Input in = Input.of(input, 0);
        Framing raw = Framing.parse("raw");
        int[] sizes = in.sizes();
        Decoding.Result result = Decoding.inChunks(raw, in.max, in.stream, sizes);

        List<byte[]> frames = new ArrayList<>();
        result.frames().forEach(f -> frames.add(f.toByteArray()));
        assertThat(result.errorKinds()).isEmpty();
        assertThat(Decoding.concat(frames)).isEqualTo(in.stream);
        assertThat(frames).allSatisfy(f -> assertThat(f.length).isBetween(1, in.max));
        for (byte[] payload : in.payloads(sizes)) {
            if (payload.length == 0) {
                assertRefused(raw, payload);
            } else {
                assertThat(Decoding.allAtOnce(raw, Framing.MAX_FRAME_LENGTH_LIMIT, raw.encode(Bytes.of(payload)))
                        .frames()).containsExactly(Bytes.of(payload));
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void lineDecoder(byte[] input) {
        checkFraming(Framing.parse("line"), Input.of(input, 0));
    }

    @FuzzTest(maxDuration = "30s")
    void crlfDecoder(byte[] input) {
        checkFraming(Framing.parse("crlf"), Input.of(input, 0));
    }

    @FuzzTest(maxDuration = "30s")
    void nulDecoder(byte[] input) {
        checkFraming(Framing.parse("nul"), Input.of(input, 0));
    }

    /** Byte 2: delimiter length, 1 + (b &amp; 3); then the delimiter; then the stream. */
    @FuzzTest(maxDuration = "30s")
    void delimDecoder(byte[] input) {
        int length = input.length > 2 ? 1 + (input[2] & 3) : 1;
        byte[] delimiter = Arrays.copyOfRange(input, Math.min(3, input.length), Math.min(3 + length, input.length));
        if (delimiter.length == 0) {
            delimiter = new byte[] {'\n'};
        }
        checkFraming(Framing.parse("delim:" + Hex.encode(delimiter)), Input.of(input, 1 + length));
    }

    /** Byte 2: which prefix, from len8 to len64le. */
    @FuzzTest(maxDuration = "30s")
    void lengthPrefixDecoder(byte[] input) {
        String[] specs = {"len8", "len16", "len24", "len32", "len64", "len16le", "len32le", "len64le"};
        String spec = specs[input.length > 2 ? (input[2] & 0xff) % specs.length : 0];
        checkFraming(Framing.parse(spec), Input.of(input, 1));
    }

    /** Byte 2: the frame size, 1 + (b &amp; 0x1f). */
    @FuzzTest(maxDuration = "30s")
    void fixedDecoder(byte[] input) {
        int size = input.length > 2 ? 1 + (input[2] & 0x1f) : 1;
        checkFraming(Framing.parse("fixed:" + size), Input.of(input, 1));
    }

    private static void checkFraming(Framing framing, Input in) {
        int max = framing instanceof FixedLengthFraming f ? Math.max(in.max, f.frameLength()) : in.max;
        Decoding.Result whole = Decoding.allAtOnce(framing, max, in.stream);
        assertThat(Decoding.byteByByte(framing, max, in.stream)).isEqualTo(whole);
        int[] sizes = in.sizes();
        assertThat(Decoding.inChunks(framing, max, in.stream, sizes)).isEqualTo(whole);

        List<byte[]> encoded = new ArrayList<>();
        List<Bytes> expected = new ArrayList<>();
        List<byte[]> payloads = framing instanceof FixedLengthFraming f
                ? in.payloadsOf(f.frameLength()) : in.payloads(sizes);
        for (byte[] payload : payloads) {
            if (refusalIsJustified(framing, payload)) {
                assertRefused(framing, payload);
                continue;
            }
            encoded.add(framing.encode(Bytes.of(payload)));
            boolean dropCr = framing.spec().equals("line") && payload.length > 0 && payload[payload.length - 1] == '\r';
            expected.add(Bytes.of(payload, 0, payload.length - (dropCr ? 1 : 0)));
        }
        byte[] wire = Decoding.concat(encoded);
        Decoding.Result decoded = Decoding.inChunks(framing, Framing.DEFAULT_MAX_FRAME_LENGTH, wire,
                Decoding.randomSizes(new Random(in.seed), wire.length, 1 + (in.seed & 0x1f)));
        assertThat(decoded.errorKinds()).isEmpty();
        assertThat(decoded.frames()).containsExactlyElementsOf(expected);
    }

    /** Whether a framing may refuse the payload, worked out apart from the encoder. */
    private static boolean refusalIsJustified(Framing framing, byte[] payload) {
        if (framing instanceof LengthPrefixFraming || framing instanceof FixedLengthFraming) {
            return payload.length > framing.maxPayloadLength()
                    || (framing instanceof FixedLengthFraming && payload.length != framing.maxPayloadLength());
        }
        if (framing instanceof DelimiterFraming d) {
            byte[] delimiter = d.delimiter().toByteArray();
            byte[] wire = Arrays.copyOf(payload, payload.length + delimiter.length);
            System.arraycopy(delimiter, 0, wire, payload.length, delimiter.length);
            for (int i = 0; i < payload.length; i++) {
                if (Arrays.equals(wire, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                    return true;
                }
            }
            return false;
        }
        return payload.length == 0;
    }

    private static void assertRefused(Framing framing, byte[] payload) {
        try {
            framing.encode(Bytes.of(payload));
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage()).doesNotContain("\n").endsWith(".");
            return;
        }
        throw new AssertionError(framing.spec() + " encoded what it cannot frame: " + Hex.encode(payload));
    }

    /** A fuzz input taken apart: the max, the split seed and the stream. */
    private static final class Input {
        final int max;
        final int seed;
        final byte[] stream;

        private Input(int max, int seed, byte[] stream) {
            this.max = max;
            this.seed = seed;
            this.stream = stream;
        }

        /** {@code skip} parameter bytes of the framing's own follow the first two. */
        static Input of(byte[] input, int skip) {
            int max = input.length > 0 ? 1 + (input[0] & 0x3f) : 1;
            int seed = input.length > 1 ? input[1] & 0xff : 0;
            int from = Math.min(input.length, 2 + skip);
            return new Input(max, seed, Arrays.copyOfRange(input, from, input.length));
        }

        /** Chunk sizes for the stream, from 1 to 1 + (seed &amp; 0x1f) bytes. */
        int[] sizes() {
            return Decoding.randomSizes(new Random(seed), stream.length, 1 + (seed & 0x1f));
        }

        /** The stream cut into payloads where the chunks end, with an empty one first. */
        List<byte[]> payloads(int[] sizes) {
            List<byte[]> payloads = new ArrayList<>();
            payloads.add(new byte[0]);
            int at = 0;
            for (int size : sizes) {
                payloads.add(Arrays.copyOfRange(stream, at, at + size));
                at += size;
            }
            return payloads;
        }

        /** The stream cut into payloads of {@code size} bytes, and the short rest. */
        List<byte[]> payloadsOf(int size) {
            List<byte[]> payloads = new ArrayList<>();
            for (int at = 0; at < stream.length; at += size) {
                payloads.add(Arrays.copyOfRange(stream, at, Math.min(stream.length, at + size)));
            }
            return payloads;
        }
    }
}
