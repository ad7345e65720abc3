package dev.tincan.codec;

import static dev.tincan.codec.Decoding.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BytesTest {

    @Test
    void bytesWithTheSameContentAreEqualAndHashAlike() {
        Bytes a = Bytes.of(hex("01 02 03"));
        Bytes b = Bytes.adopt(hex("01 02 03"));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Bytes.of(hex("01 02"))).isNotEqualTo(Bytes.of(hex("01 02 04")));
        assertThat(a).isNotEqualTo(hex("01 02 03")).isNotEqualTo(null);
        assertThat(Bytes.of(new byte[0])).isEqualTo(Bytes.EMPTY).hasSameHashCodeAs(Bytes.EMPTY);
    }

    @Test
    void ofCopiesSoLaterWritesToTheArrayDoNotShow() {
        byte[] array = hex("01 02 03");
        Bytes bytes = Bytes.of(array);
        array[0] = 9;

        assertThat(bytes.get(0)).isEqualTo((byte) 1);
    }

    @Test
    void toByteArrayHandsOutACopy() {
        Bytes bytes = Bytes.of(hex("01 02"));
        bytes.toByteArray()[0] = 9;

        assertThat(bytes.toByteArray()).isEqualTo(hex("01 02"));
    }

    @Test
    void ofWithOffsetAndLengthTakesThatSlice() {
        assertThat(Bytes.of(hex("01 02 03 04"), 1, 2)).isEqualTo(Bytes.of(hex("02 03")));
    }

    @Test
    void utf8EncodesAndDecodesText() {
        Bytes bytes = Bytes.utf8("héllo");

        assertThat(bytes.toByteArray()).isEqualTo(hex("68 c3 a9 6c 6c 6f"));
        assertThat(bytes.utf8()).isEqualTo("héllo");
        assertThat(bytes.length()).isEqualTo(6);
        assertThat(bytes.isEmpty()).isFalse();
        assertThat(Bytes.EMPTY.isEmpty()).isTrue();
    }

    @Test
    void indexOfFindsTheFirstOccurrence() {
        Bytes bytes = Bytes.of(hex("61 0a 62 0a"));

        assertThat(bytes.indexOf((byte) '\n')).isEqualTo(1);
        assertThat(bytes.indexOf((byte) 0)).isEqualTo(-1);
    }

    @Test
    void copyToAndWriteToWriteEveryByte() throws IOException {
        Bytes bytes = Bytes.of(hex("01 02 03"));
        byte[] dst = new byte[5];
        bytes.copyTo(dst, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bytes.writeTo(out);

        assertThat(dst).isEqualTo(hex("00 01 02 03 00"));
        assertThat(out.toByteArray()).isEqualTo(hex("01 02 03"));
    }

    @Test
    void toStringShowsTheLengthAndTheBytesEscaped() {
        assertThat(Bytes.of(hex("68 69 0a 1b 00"))).hasToString("Bytes[5]\"hi\\n\\x1b\\0\"");
        assertThat(Bytes.EMPTY).hasToString("Bytes[0]\"\"");
    }

    @Test
    void toStringCutsLongBytesAfterAbout64Characters() {
        assertThat(Bytes.utf8("x".repeat(100))).hasToString("Bytes[100]\"" + "x".repeat(64) + "…\"");
    }
}
