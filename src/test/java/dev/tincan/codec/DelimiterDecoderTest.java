package dev.tincan.codec;

import static dev.tincan.codec.Decoding.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding of line, crlf, nul and delim:HEX streams, fed chunk by chunk as written. */
class DelimiterDecoderTest {

    @Test
    void lineStripsOneCrBeforeTheLf() {
        assertThat(decode("line", "68 69 0d 0a  79 6f 0a  0d 0d 0a  0d 0a"))
                .containsExactly(frame("68 69"), frame("79 6f"), frame("0d"), frame(""));
    }

    @Test
    void lineStripsTheCrAlsoWhenTheLfArrivesInTheNextChunk() {
        assertThat(decode("line", "68 69 0d", "0a")).containsExactly(frame("68 69"));
        assertThat(decode("line", "68", "69", "0d", "0a")).containsExactly(frame("68 69"));
        assertThat(decode("line", "0d", "0a")).containsExactly(frame(""));
        assertThat(decode("line", "68 0d", "69 0a")).containsExactly(frame("68 0d 69"));
    }

    @Test
    void lineKeepsACrThatIsNotRightBeforeTheLf() {
        assertThat(decode("line", "0d 68 69 0a  68 0d 69 0a")).containsExactly(frame("0d 68 69"), frame("68 0d 69"));
    }

    @Test
    void crlfKeepsALoneCrOrLfInsideTheFrame() {
        assertThat(decode("crlf", "61 0d 62 0d 0a  61 0a 62 0d 0a  0d 0d 0a"))
                .containsExactly(frame("61 0d 62"), frame("61 0a 62"), frame("0d"));
    }

    @Test
    void crlfFindsTheDelimiterWhenItsTwoBytesArriveInDifferentChunks() {
        assertThat(decode("crlf", "61 62 0d", "0a 63 0d", "0a")).containsExactly(frame("61 62"), frame("63"));
        assertThat(decode("crlf", "61 0d", "0d", "0a")).containsExactly(frame("61 0d"));
    }

    @Test
    void emptyFramesComeOutAsEmptyFrames() {
        assertThat(decode("line", "0a 0a")).containsExactly(frame(""), frame(""));
        assertThat(decode("crlf", "0d 0a 0d 0a")).containsExactly(frame(""), frame(""));
        assertThat(decode("nul", "00 00 00")).containsExactly(frame(""), frame(""), frame(""));
        assertThat(decode("delim:0d0a", "0d", "0a")).containsExactly(frame(""));
    }

    @Test
    void nulSplitsOnZeroBytesOnly() {
        assertThat(decode("nul", "68 69 0a 00 79 6f 0d 00")).containsExactly(frame("68 69 0a"), frame("79 6f 0d"));
    }

    /**
     * Self-overlapping delimiters: after a partial match breaks, part of it may still be
     * the start of the real delimiter, even across chunk borders. An empty frame is "-".
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "delim:0a0a0b | 78 0a 0a 0a 0b 79 0a 0a 0b   | 78 0a, 79",
        "delim:0a0a0b | 0a 0a 0a 0a 0b 0a 0b 0a 0a 0b | 0a 0a, 0a 0b",
        "delim:616162 | 61 61 61 62 61 61 61 61 62   | 61, 61 61",
        "delim:616162 | 61 61 62 61 61 62            | -, -",
        "delim:616261 | 61 62 61 62 61 62 61         | -, 62",
        "delim:0d0a0d0a | 0d 0a 0d 0d 0a 0d 0a 78 0d 0a 0d 0a | 0d 0a 0d, 78",
    })
    void aSelfOverlappingDelimiterIsFoundInEverySplit(String spec, String wireHex, String framesHex) {
        byte[] wire = hex(wireHex);
        List<Bytes> expected = new ArrayList<>();
        for (String f : framesHex.split(",")) {
            expected.add(frame(f.strip().equals("-") ? "" : f));
        }
        Framing framing = Framing.parse(spec);

        assertThat(Decoding.allAtOnce(framing, 64, wire).frames()).containsExactlyElementsOf(expected);
        for (int a = 0; a <= wire.length; a++) {
            for (int b = a; b <= wire.length; b++) {
                assertThat(Decoding.cutAt(framing, 64, wire, a, b).frames())
                        .as("cut at %d and %d", a, b)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void aRunLongerThanTheMaxIsRefusedNamingBothNumbers() {
        FrameDecoder decoder = Framing.parse("line").newDecoder(4);
        List<byte[]> out = new ArrayList<>();

        assertThatThrownBy(() -> decoder.decode(hex("68 65 6c 6c 6f"), 0, 5, out))
                .isInstanceOfSatisfying(TooLongFrameException.class, e -> {
                    assertThat(e.length()).isEqualTo(5);
                    assertThat(e.maxFrameLength()).isEqualTo(4);
                })
                .hasMessage("frame too long: 5 bytes without a line delimiter, over the max frame length of 4 bytes.");
        assertThat(out).isEmpty();
    }

    @Test
    void framesBeforeAndAfterATooLongRunInTheSameChunkAreDelivered() {
        FrameDecoder decoder = Framing.parse("crlf").newDecoder(4);
        List<byte[]> out = new ArrayList<>();
        byte[] chunk = hex("68 69 0d 0a  68 65 6c 6c 6f 20 77 6f 72 6c 64 0d 0a  6f 6b 0d 0a  79 6f");

        assertThatThrownBy(() -> decoder.decode(chunk, 0, chunk.length, out))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessage("frame too long: 5 bytes without a crlf delimiter, over the max frame length of 4 bytes.");
        assertThat(frames(out)).containsExactly(frame("68 69"), frame("6f 6b"));
        assertThat(decoder.pending()).isEqualTo(2);
    }

    @Test
    void decodingGoesOnAfterATooLongRunSpreadOverManyChunks() throws FrameException {
        FrameDecoder decoder = Framing.parse("delim:0d0a").newDecoder(4);
        List<byte[]> out = new ArrayList<>();

        assertThatThrownBy(() -> decoder.decode(hex("68 65 6c 6c 6f"), 0, 5, out))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(decoder.pending()).isEqualTo(5);
        decoder.decode(hex("20 77 6f 72 6c 64 0d"), 0, 7, out);
        assertThat(decoder.pending()).isEqualTo(12);
        decoder.decode(hex("0a 6f 6b 0d 0a"), 0, 5, out);

        assertThat(frames(out)).containsExactly(frame("6f 6b"));
        assertThat(decoder.pending()).isZero();
    }

    @Test
    void aFrameOfExactlyTheMaxIsDeliveredEvenWhenTheDelimiterPushesPastIt() {
        assertThat(Decoding.byteByByte(Framing.parse("crlf"), 2, hex("61 62 0d 0a")).frames())
                .containsExactly(frame("61 62"));
        assertThat(Decoding.byteByByte(Framing.parse("line"), 2, hex("61 62 0d 0a")).frames())
                .containsExactly(frame("61 62"));
        assertThat(Decoding.byteByByte(Framing.parse("delim:616162"), 2, hex("61 61 61 61 62")).frames())
                .containsExactly(frame("61 61"));
    }

    @Test
    void aCrThatLineCannotStripCountsTowardsTheMax() {
        assertThat(Decoding.byteByByte(Framing.parse("line"), 2, hex("61 62 0d 0d 0a")).errorKinds())
                .containsExactly(TooLongFrameException.class);
        assertThat(Decoding.byteByByte(Framing.parse("line"), 2, hex("61 62 0d 63 0a")).errorKinds())
                .containsExactly(TooLongFrameException.class);
    }

    @Test
    void pendingCountsTheBytesOfTheUnfinishedFrameIncludingAPartialDelimiter() throws FrameException {
        FrameDecoder decoder = Framing.parse("crlf").newDecoder(64);
        List<byte[]> out = new ArrayList<>();
        assertThat(decoder.pending()).isZero();

        decoder.decode(hex("61 62 63"), 0, 3, out);
        assertThat(decoder.pending()).isEqualTo(3);
        decoder.decode(hex("0d"), 0, 1, out);
        assertThat(decoder.pending()).isEqualTo(4);
        decoder.decode(hex("0a"), 0, 1, out);
        assertThat(decoder.pending()).isZero();
        assertThat(frames(out)).containsExactly(frame("61 62 63"));
    }

    private static List<Bytes> decode(String spec, String... chunks) {
        FrameDecoder decoder = Framing.parse(spec).newDecoder(1024);
        List<byte[]> out = new ArrayList<>();
        for (String chunk : chunks) {
            byte[] bytes = hex(chunk);
            try {
                decoder.decode(bytes, 0, bytes.length, out);
            } catch (FrameException e) {
                throw new AssertionError("unexpected: " + e.getMessage(), e);
            }
        }
        assertThat(decoder.pending()).as("bytes left over").isZero();
        return frames(out);
    }

    private static List<Bytes> frames(List<byte[]> out) {
        List<Bytes> frames = new ArrayList<>();
        out.forEach(f -> frames.add(Bytes.of(f)));
        return frames;
    }

    private static Bytes frame(String hex) {
        return Bytes.of(hex(hex));
    }
}
