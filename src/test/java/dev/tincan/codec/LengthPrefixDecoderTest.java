package dev.tincan.codec;

import static dev.tincan.codec.Decoding.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding of length-prefixed streams: byte order, empty frames, too-long and corrupt prefixes. */
class LengthPrefixDecoderTest {
    private static final int DEFAULT_MAX = Framing.DEFAULT_MAX_FRAME_LENGTH;

    private final List<byte[]> out = new ArrayList<>();

    @Test
    void aLittleEndianPrefixIsReadLowByteFirst() throws FrameException {
        byte[] wire = new byte[2 + 258];
        wire[0] = 0x02;
        wire[1] = 0x01;
        decoder("len16le", 1024).decode(wire, 0, wire.length, out);

        assertThat(out).hasSize(1);
        assertThat(out.get(0)).hasSize(258);
    }

    @Test
    void aZeroLengthPrefixGivesAnEmptyFrame() throws FrameException {
        decoder("len8", 16).decode(hex("00 00 02 6869 00"), 0, 6, out);

        assertThat(frames()).containsExactly(frame(""), frame(""), frame("6869"), frame(""));
    }

    @Test
    void aFrameOfExactlyTheMaxIsDelivered() throws FrameException {
        decoder("len16", 3).decode(hex("0003 616263"), 0, 5, out);

        assertThat(frames()).containsExactly(frame("616263"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "len16   | 10       | 000b                 | 11",
        "len8    | 254      | ff                   | 255",
        "len24   | 65536    | 010001               | 65537",
        "len32   | 16777216 | ffffffff             | 4294967295",
        "len32le | 16777216 | ffffffff             | 4294967295",
        "len32   | 16777216 | 7fffffff             | 2147483647",
        "len64   | 16777216 | 7fffffffffffffff     | 9223372036854775807",
        "len64le | 16777216 | ffffffffffffff7f     | 9223372036854775807",
        "len64   | 16777216 | 0000000100000000     | 4294967296",
    })
    void aPrefixOverTheMaxIsRefusedFromTheHeaderNamingBothNumbers(String spec, int max, String header, long length) {
        FrameDecoder decoder = decoder(spec, max);
        byte[] bytes = hex(header);

        assertThatThrownBy(() -> decoder.decode(bytes, 0, bytes.length, out))
                .isInstanceOfSatisfying(TooLongFrameException.class, e -> {
                    assertThat(e.length()).isEqualTo(length);
                    assertThat(e.maxFrameLength()).isEqualTo(max);
                })
                .hasMessage("frame too long: the " + spec + " prefix says " + length
                        + " bytes, over the max frame length of " + max + " bytes.");
        assertThat(out).isEmpty();
    }

    @Test
    void aNegative64BitLengthCorruptsTheStreamAndTheDecoderStaysFailed() {
        FrameDecoder decoder = decoder("len64", DEFAULT_MAX);
        byte[] negative = hex("ffffffffffffffff");
        String message = "length prefix ffffffffffffffff is a negative 64-bit length (-1): the stream is not len64 framed.";

        assertThatThrownBy(() -> decoder.decode(negative, 0, negative.length, out))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessage(message);
        byte[] valid = hex("0000000000000002 6869");
        assertThatThrownBy(() -> decoder.decode(valid, 0, valid.length, out))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> decoder.decode(valid, 0, 0, out))
                .isInstanceOf(CorruptedFrameException.class);
        assertThat(out).isEmpty();
    }

    @Test
    void aLittleEndianLengthWithTheTopBitSetIsNegativeToo() {
        FrameDecoder decoder = decoder("len64le", DEFAULT_MAX);
        byte[] wire = hex("0000000000000080");

        assertThatThrownBy(() -> decoder.decode(wire, 0, wire.length, out))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessage("length prefix 0000000000000080 is a negative 64-bit length (-9223372036854775808):"
                        + " the stream is not len64le framed.");
    }

    @Test
    void framesBeforeACorruptPrefixInTheSameChunkAreDelivered() {
        FrameDecoder decoder = decoder("len64", DEFAULT_MAX);
        byte[] wire = hex("0000000000000002 6869  8000000000000000  0000000000000002 6f6b");

        assertThatThrownBy(() -> decoder.decode(wire, 0, wire.length, out))
                .isInstanceOf(CorruptedFrameException.class);
        assertThat(frames()).containsExactly(frame("6869"));
    }

    /** As Netty's testFailFastTooLongFrameRecovery: refused at the header, skipped, then decoding goes on. */
    @Test
    void aTooLongFrameIsRefusedAtItsHeaderSkippedAndTheNextFrameDecodes() throws FrameException {
        FrameDecoder decoder = decoder("len16", 4);
        for (int round = 0; round < 3; round++) {
            byte[] header = hex("0005");
            assertThatThrownBy(() -> decoder.decode(header, 0, 2, out))
                    .isInstanceOf(TooLongFrameException.class)
                    .hasMessage("frame too long: the len16 prefix says 5 bytes, over the max frame length of 4 bytes.");
            decoder.decode(hex("68 65 6c 6c 6f"), 0, 5, out);
            assertThat(out).isEmpty();

            decoder.decode(hex("0002 6f6b"), 0, 4, out);

            assertThat(frames()).containsExactly(frame("6f6b"));
            out.clear();
        }
    }

    @Test
    void framesBeforeAndAfterATooLongFrameInTheSameChunkAreDelivered() throws FrameException {
        FrameDecoder decoder = decoder("len16", 4);
        byte[] wire = hex("0002 6869  0005 68656c6c6f  0002 6f6b  0001");

        assertThatThrownBy(() -> decoder.decode(wire, 0, wire.length, out))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(frames()).containsExactly(frame("6869"), frame("6f6b"));

        decoder.decode(hex("21"), 0, 1, out);
        assertThat(frames()).containsExactly(frame("6869"), frame("6f6b"), frame("21"));
    }

    @Test
    void pendingCountsHeaderAndPayloadBytesOfTheUnfinishedFrame() throws FrameException {
        FrameDecoder decoder = decoder("len32", 16);
        assertThat(decoder.pending()).isZero();

        decoder.decode(hex("0000"), 0, 2, out);
        assertThat(decoder.pending()).isEqualTo(2);
        decoder.decode(hex("0003 61"), 0, 3, out);
        assertThat(decoder.pending()).isEqualTo(5);
        decoder.decode(hex("6263"), 0, 2, out);
        assertThat(decoder.pending()).isZero();
        assertThat(frames()).containsExactly(frame("616263"));
    }

    @Test
    void pendingCountsTheSkippedBytesOfATooLongFrameUntilItEnds() throws FrameException {
        FrameDecoder decoder = decoder("len16", 4);

        assertThatThrownBy(() -> decoder.decode(hex("0010 616263"), 0, 5, out))
                .isInstanceOf(TooLongFrameException.class);
        assertThat(decoder.pending()).isEqualTo(5);
        decoder.decode(new byte[13], 0, 13, out);
        assertThat(decoder.pending()).isZero();
        assertThat(out).isEmpty();
    }

    private static FrameDecoder decoder(String spec, int max) {
        return Framing.parse(spec).newDecoder(max);
    }

    private List<Bytes> frames() {
        List<Bytes> frames = new ArrayList<>();
        out.forEach(f -> frames.add(Bytes.of(f)));
        return frames;
    }

    private static Bytes frame(String hex) {
        return Bytes.of(hex(hex));
    }
}
