package dev.tincan.codec;

import static dev.tincan.codec.Decoding.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An encoder refuses, with a sentence that says why, a payload its framing cannot carry. */
class EncoderRefusalTest {

    @Test
    void threeHundredBytesAreTooLongForLen8() {
        assertThatThrownBy(() -> encode("len8", new byte[300]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the message is 300 bytes, but len8 can carry at most 255 bytes per frame:"
                        + " pick a wider length prefix.");
    }

    @Test
    void twoHundredFiftyFiveBytesStillFitLen8() {
        byte[] wire = encode("len8", new byte[255]);

        assertThat(wire).hasSize(256);
        assertThat(wire[0]).isEqualTo((byte) 0xff);
    }

    @Test
    void len16AndLen24RefuseOneByteOverTheirPrefix() {
        assertThat(encode("len16le", new byte[65_535])).startsWith(hex("ffff"));
        assertThatThrownBy(() -> encode("len16le", new byte[65_536]))
                .hasMessage("the message is 65536 bytes, but len16le can carry at most 65535 bytes per frame:"
                        + " pick a wider length prefix.");
        assertThatThrownBy(() -> encode("len24", new byte[16_777_216]))
                .hasMessage("the message is 16777216 bytes, but len24 can carry at most 16777215 bytes per frame:"
                        + " pick a wider length prefix.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "line       | 68 65 6c 6c 6f 0a 77 6f    | 5 | line (\\n)",
        "line       | 0a                         | 0 | line (\\n)",
        "crlf       | 68 65 6c 6c 6f 0d 0a 77    | 5 | crlf (\\r\\n)",
        "nul        | 61 62 00 63                | 2 | nul (\\0)",
        "delim:0d0a | 61 0d 0a                   | 1 | delim:0d0a",
        "delim:0a0a0b | 0a 0a 0a 0b 61           | 1 | delim:0a0a0b",
    })
    void aPayloadHoldingTheDelimiterIsRefusedWithWhereItIs(String spec, String payload, int at, String name) {
        assertThatThrownBy(() -> encode(spec, hex(payload)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the message contains the " + name + " delimiter at byte " + at
                        + ", which would end the frame early: remove it or pick a length-prefixed framing.");
    }

    @Test
    void aPayloadWhoseEndRunsIntoASelfOverlappingDelimiterIsRefused() {
        // "xab" then "aba" on the wire is "xababa": a decoder sees "aba" at byte 1.
        assertThatThrownBy(() -> encode("delim:616261", hex("78 61 62")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the message ends in the first 2 bytes of the delim:616261 delimiter, so the delimiter"
                        + " would be seen at byte 1 and end the frame early: change the end of the message or pick"
                        + " a length-prefixed framing.");
        assertThat(encode("delim:0d0a0d", hex("0d"))).isEqualTo(hex("0d 0d0a0d"));
        assertThatThrownBy(() -> encode("delim:0d0a0d", hex("0d 0a")))
                .hasMessage("the message ends in the first 2 bytes of the delim:0d0a0d delimiter, so the delimiter"
                        + " would be seen at byte 0 and end the frame early: change the end of the message or pick"
                        + " a length-prefixed framing.");
    }

    @Test
    void payloadsThatOnlyLookLikeTheDelimiterAreCarried() {
        assertThat(encode("crlf", hex("61 0d 62 0a 63 0d"))).isEqualTo(hex("61 0d 62 0a 63 0d 0d 0a"));
        assertThat(encode("line", hex("61 0d 62"))).isEqualTo(hex("61 0d 62 0a"));
        assertThat(encode("nul", hex("0a 0d"))).isEqualTo(hex("0a 0d 00"));
        assertThat(encode("delim:616162", hex("61 61 61"))).isEqualTo(hex("61 61 61 61 61 62"));
        assertThat(encode("delim:616261", hex("78 62 61"))).isEqualTo(hex("78 62 61 61 62 61"));
    }

    @Test
    void emptyPayloadsAreCarriedByEveryFramingThatHasAHeaderOrDelimiter() {
        assertThat(encode("line", new byte[0])).isEqualTo(hex("0a"));
        assertThat(encode("crlf", new byte[0])).isEqualTo(hex("0d0a"));
        assertThat(encode("nul", new byte[0])).isEqualTo(hex("00"));
        assertThat(encode("len8", new byte[0])).isEqualTo(hex("00"));
        assertThat(encode("len32le", new byte[0])).isEqualTo(hex("00000000"));
    }

    @Test
    void anEmptyRawPayloadIsRefusedBecauseNothingWouldBeSent() {
        assertThatThrownBy(() -> encode("raw", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the message is empty, and raw framing has nothing to send for it.");
    }

    @ParameterizedTest
    @CsvSource({"0", "3", "5"})
    void aPayloadOfTheWrongSizeIsRefusedByFixed(int size) {
        assertThatThrownBy(() -> encode("fixed:4", new byte[size]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the message is " + size + " bytes, but fixed:4 frames are exactly 4 bytes.");
    }

    @Test
    void aPayloadOfExactlyTheFixedSizeGoesOutAsItIs() {
        assertThat(encode("fixed:4", hex("41 42 43 44"))).isEqualTo(hex("41 42 43 44"));
    }

    @Test
    void everyLengthPrefixIsWrittenInItsWidthAndByteOrder() {
        byte[] hello = hex("68 65 6c 6c 6f");
        assertThat(encode("len8", hello)).isEqualTo(hex("05 68656c6c6f"));
        assertThat(encode("len16", hello)).isEqualTo(hex("0005 68656c6c6f"));
        assertThat(encode("len24", hello)).isEqualTo(hex("000005 68656c6c6f"));
        assertThat(encode("len32", hello)).isEqualTo(hex("00000005 68656c6c6f"));
        assertThat(encode("len64", hello)).isEqualTo(hex("0000000000000005 68656c6c6f"));
        assertThat(encode("len16le", hello)).isEqualTo(hex("0500 68656c6c6f"));
        assertThat(encode("len32le", hello)).isEqualTo(hex("05000000 68656c6c6f"));
        assertThat(encode("len64le", hello)).isEqualTo(hex("0500000000000000 68656c6c6f"));
        assertThat(Arrays.copyOf(encode("len24", new byte[0x010203]), 3)).isEqualTo(hex("010203"));
        assertThat(Arrays.copyOf(encode("len32le", new byte[0x010203]), 4)).isEqualTo(hex("03020100"));
    }

    @Test
    void encodingNeverKeepsOrChangesTheCallersBytes() {
        byte[] payload = hex("61 62");
        Bytes bytes = Bytes.of(payload);
        byte[] wire = Framing.parse("fixed:2").encode(bytes);
        wire[0] = 'z';

        assertThat(bytes).isEqualTo(Bytes.of(hex("61 62")));
    }

    private static byte[] encode(String spec, byte[] payload) {
        return Framing.parse(spec).encode(Bytes.of(payload));
    }
}
