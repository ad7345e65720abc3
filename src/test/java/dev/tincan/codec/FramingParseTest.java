package dev.tincan.codec;

import static dev.tincan.codec.Decoding.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FramingParseTest {
    private static final String VALID = "raw, line, crlf, nul, delim:HEX, len8, len16, len24, len32, len64, "
            + "len16le, len32le, len64le or fixed:N";

    @ParameterizedTest
    @ValueSource(strings = {"raw", "line", "crlf", "nul", "delim:0d0a", "delim:00", "len8", "len16", "len24", "len32",
        "len64", "len16le", "len32le", "len64le", "fixed:1", "fixed:16", "fixed:2147483639"})
    void everySpecInTheDesignParsesAndPrintsBackTheSame(String spec) {
        Framing framing = Framing.parse(spec);

        assertThat(framing.spec()).isEqualTo(spec);
        assertThat(Framing.parse(framing.spec())).isEqualTo(framing);
        assertThat(framing).hasToString(spec);
    }

    @Test
    void everyExampleIsAValidCanonicalSpec() {
        for (String example : Framing.EXAMPLES) {
            assertThat(Framing.parse(example).spec()).isEqualTo(example);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "LINE               | line",
        "Len32LE            | len32le",
        "'  crlf  '         | crlf",
        "NUL                | nul",
        "RAW                | raw",
        "DELIM:0D0A         | delim:0d0a",
        "delim:0D0a         | delim:0d0a",
        "delim:0x0d 0x0a    | delim:0d0a",
        "delim:0d:0a        | delim:0d0a",
        "FIXED:016          | fixed:16",
    })
    void specsAreCaseInsensitiveAndComeBackCanonical(String typed, String canonical) {
        assertThat(Framing.parse(typed).spec()).isEqualTo(canonical);
    }

    @Test
    void theSameSpecTypedDifferentlyGivesEqualFramings() {
        assertThat(Framing.parse("LEN32LE")).isEqualTo(Framing.parse("len32le"))
                .hasSameHashCodeAs(Framing.parse("len32le"));
        assertThat(Framing.parse("delim:0D0A")).isEqualTo(Framing.parse("delim:0d0a"))
                .hasSameHashCodeAs(Framing.parse("delim:0d0a"));
        assertThat(Framing.parse("fixed:8")).isEqualTo(Framing.parse("fixed:08"));
        assertThat(Framing.parse("len32")).isNotEqualTo(Framing.parse("len32le"));
        assertThat(Framing.parse("delim:0a")).isNotEqualTo(Framing.parse("line"));
    }

    @Test
    void eachSpecParsesToTheFramingItNames() {
        assertThat(Framing.parse("len24")).isInstanceOfSatisfying(LengthPrefixFraming.class, f -> {
            assertThat(f.width()).isEqualTo(3);
            assertThat(f.littleEndian()).isFalse();
        });
        assertThat(Framing.parse("len64le")).isInstanceOfSatisfying(LengthPrefixFraming.class, f -> {
            assertThat(f.width()).isEqualTo(8);
            assertThat(f.littleEndian()).isTrue();
        });
        assertThat(Framing.parse("fixed:5")).isInstanceOfSatisfying(FixedLengthFraming.class,
                f -> assertThat(f.frameLength()).isEqualTo(5));
        assertThat(delimiterOf("line")).isEqualTo(Bytes.of(hex("0a")));
        assertThat(delimiterOf("crlf")).isEqualTo(Bytes.of(hex("0d0a")));
        assertThat(delimiterOf("nul")).isEqualTo(Bytes.of(hex("00")));
        assertThat(delimiterOf("delim:616162")).isEqualTo(Bytes.of(hex("616162")));
        assertThat(Framing.parse("raw")).isSameAs(Framing.parse("RAW"));
    }

    private static Bytes delimiterOf(String spec) {
        return ((DelimiterFraming) Framing.parse(spec)).delimiter();
    }

    @Test
    void descriptionsSayWhatTheFramingDoes() {
        assertThat(Framing.parse("len32le").description()).isEqualTo("length prefix, 32-bit little-endian");
        assertThat(Framing.parse("len16").description()).isEqualTo("length prefix, 16-bit big-endian");
        assertThat(Framing.parse("fixed:1").description()).isEqualTo("every frame is 1 byte");
        assertThat(Framing.parse("fixed:16").description()).isEqualTo("every frame is 16 bytes");
        assertThat(Framing.parse("line").description()).isEqualTo("lines ending in LF (\\n); a CR before it is dropped");
        assertThat(Framing.parse("delim:0d0a").description()).isEqualTo("messages ending in the bytes 0d0a");
        assertThat(Framing.parse("raw").description()).isEqualTo("no framing: bytes as they arrive");
    }

    @Test
    void eachFramingKnowsItsLongestPayload() {
        assertThat(Framing.parse("len8").maxPayloadLength()).isEqualTo(255);
        assertThat(Framing.parse("len16le").maxPayloadLength()).isEqualTo(65_535);
        assertThat(Framing.parse("len24").maxPayloadLength()).isEqualTo(16_777_215);
        assertThat(Framing.parse("len32").maxPayloadLength()).isEqualTo(Integer.MAX_VALUE - 12);
        assertThat(Framing.parse("len64le").maxPayloadLength()).isEqualTo(Integer.MAX_VALUE - 16);
        assertThat(Framing.parse("fixed:16").maxPayloadLength()).isEqualTo(16);
        assertThat(Framing.parse("crlf").maxPayloadLength()).isEqualTo(Integer.MAX_VALUE - 10);
    }

    @Test
    void anUnknownSpecIsOneLineThatListsTheValidForms() {
        assertThatThrownBy(() -> Framing.parse("len12"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown framing \"len12\": use " + VALID + ".");
    }

    @Test
    void anUnknownSpecIsEchoedWithItsControlCharactersEscaped() {
        assertThatThrownBy(() -> Framing.parse("li\nne\u001b[2J"))
                .hasMessage("unknown framing \"li\\nne\\x1b[2J\": use " + VALID + ".");
    }

    @Test
    void aVeryLongUnknownSpecIsCutInTheMessage() {
        assertThatThrownBy(() -> Framing.parse("x".repeat(1000)))
                .hasMessage("unknown framing \"" + "x".repeat(40) + "…\": use " + VALID + ".");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void noSpecAtAllSaysSoAndListsTheValidForms(String spec) {
        assertThatThrownBy(() -> Framing.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no framing given: use " + VALID + ".");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "delim:0      | bad framing \"delim:0\": the delimiter must be hex bytes, e.g. delim:0d0a.",
        "delim:zz     | bad framing \"delim:zz\": the delimiter must be hex bytes, e.g. delim:0d0a.",
        "delim:0d0a0  | bad framing \"delim:0d0a0\": the delimiter must be hex bytes, e.g. delim:0d0a.",
        "delim:       | bad framing \"delim:\": the delimiter must be 1 to 16 bytes, e.g. delim:0d0a.",
        "DELIM:0x     | bad framing \"DELIM:0x\": the delimiter must be 1 to 16 bytes, e.g. delim:0d0a.",
        "delim:000102030405060708090a0b0c0d0e0f10"
            + " | bad framing \"delim:000102030405060708090a0b0c0d0e0f10\": the delimiter must be 1 to 16 bytes,"
            + " e.g. delim:0d0a.",
    })
    void aBadDelimiterSpecSaysWhatADelimiterMustBe(String spec, String message) {
        assertThatThrownBy(() -> Framing.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aDelimiterOfSixteenBytesIsAccepted() {
        assertThat(Framing.parse("delim:000102030405060708090a0b0c0d0e0f").spec())
                .isEqualTo("delim:000102030405060708090a0b0c0d0e0f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fixed:0", "fixed:-1", "fixed:", "fixed:abc", "fixed:1.5", "fixed:+5", "fixed: 5",
        "fixed:2147483640", "fixed:99999999999", "fixed:0x10", "FIXED:0"})
    void aBadFixedSpecSaysWhichSizesAreAllowed(String spec) {
        assertThatThrownBy(() -> Framing.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad framing \"" + spec + "\": fixed:N needs a frame size N from 1 to 2147483639 bytes,"
                        + " e.g. fixed:16.");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Integer.MAX_VALUE - 7L, Integer.MAX_VALUE, 1L << 40})
    void aMaxFrameLengthOutOfRangeIsRefusedWithItsValue(long max) {
        assertThatThrownBy(() -> Framing.checkMaxFrameLength(max))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max frame length " + max + " is out of range: use 1 to 2147483639 bytes (just under 2GiB), e.g. 16MiB.");
    }

    @Test
    void everyFramingRefusesADecoderWithAMaxFrameLengthOfZero() {
        for (String spec : List.of("raw", "line", "crlf", "nul", "delim:0d0a", "len8", "len32le", "fixed:1")) {
            assertThatThrownBy(() -> Framing.parse(spec).newDecoder(0))
                    .as(spec)
                    .hasMessage("max frame length 0 is out of range: use 1 to 2147483639 bytes (just under 2GiB), e.g. 16MiB.");
        }
    }

    @Test
    void aFixedFramingRefusesADecoderWhoseMaxIsBelowItsFrameSize() {
        assertThat(Framing.parse("fixed:16").newDecoder(16)).isNotNull();
        assertThatThrownBy(() -> Framing.parse("fixed:16").newDecoder(15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fixed:16 frames are longer than the max frame length of 15 bytes:"
                        + " raise the max frame length.");
    }

    @Test
    void theLimitsAreTheDocumentedOnes() {
        assertThat(Framing.DEFAULT_MAX_FRAME_LENGTH).isEqualTo(16 * 1024 * 1024);
        assertThat(Framing.checkMaxFrameLength(Framing.MAX_FRAME_LENGTH_LIMIT)).isEqualTo(Integer.MAX_VALUE - 8);
        assertThat(Framing.checkMaxFrameLength(1)).isEqualTo(1);
    }
}
