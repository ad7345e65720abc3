package dev.tincan.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HexTest {
    private static final byte[] HEL = {0x48, 0x65, 0x6c};

    @ParameterizedTest
    @ValueSource(strings = {"48656c", "48 65 6c", "48656C", "0x48 0x65 0x6c", "0x48:0x65:0x6c", "0X48,0x65,0x6C",
        "48-65-6c", "48:65:6c", " 48\t65\n6c\r\n", "0x48656c", "4865 6c", "0x4865,6C"})
    void parseAcceptsSpacesColonsDashesCommasAndOx(String text) {
        assertThat(Hex.parse(text)).isEqualTo(HEL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0x", ": - ,"})
    void parseOfNoDigitsIsNoBytes(String text) {
        assertThat(Hex.parse(text)).isEmpty();
    }

    @Test
    void parseReadsEveryByteValue() {
        assertThat(Hex.parse("00 7f 80 ff")).containsExactly(0x00, 0x7f, 0x80, 0xff);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "486       | 486   | 1",
        "4         | 4     | 1",
        "0x486     | 0x486 | 1",
        "48 65 6   | 6     | 7",
        "1 2       | 1     | 1",
        "48:0x1    | 0x1   | 4",
    })
    void aGroupWithAnOddNumberOfDigitsIsRefusedRatherThanPairedAcrossASeparator(String text, String group,
            int at) {
        assertThatThrownBy(() -> Hex.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid hex: \"" + group + "\" at character " + at
                        + " has an odd number of digits; each byte needs two digits (e.g. 0a, not a).");
    }

    @Test
    void aLongOddGroupIsCutInTheMessage() {
        assertThatThrownBy(() -> Hex.parse("0".repeat(101)))
                .hasMessage("invalid hex: \"" + "0".repeat(24) + "…\" at character 1 has an odd number of digits;"
                        + " each byte needs two digits (e.g. 0a, not a).");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "48 6g   | g  | 5",
        "zz      | z  | 1",
        "48 G0   | G  | 4",
        "0x4x    | x  | 4",
        "４８    | ４ | 1",
        "48😀    | 😀 | 3",
        "48 ٣٣   | ٣  | 4",
        "48;65   | ;  | 3",
    })
    void aCharacterThatIsNotAHexDigitIsNamedWithItsPosition(String text, String bad, int at) {
        assertThatThrownBy(() -> Hex.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid hex: \"" + bad + "\" at character " + at
                        + " is not a hex digit (use 0-9 and a-f, e.g. 48 65 6c).");
    }

    @Test
    void aControlCharacterInTheInputIsShownEscaped() {
        assertThatThrownBy(() -> Hex.parse("48\u001b[2J"))
                .hasMessage("invalid hex: \"\\x1b\" at character 3 is not a hex digit (use 0-9 and a-f, e.g. 48 65 6c).");
    }

    @Test
    void encodeWritesTwoLowerCaseDigitsPerByte() {
        assertThat(Hex.encode(new byte[] {0x00, 0x0a, (byte) 0xab, (byte) 0xff})).isEqualTo("000aabff");
        assertThat(Hex.encode(new byte[0])).isEmpty();
        assertThat(Hex.encode(new byte[] {1, 2, 3, 4}, 1, 2)).isEqualTo("0203");
    }

    @Test
    void spacedPutsASpaceBetweenBytes() {
        assertThat(Hex.spaced(Bytes.of(HEL))).isEqualTo("48 65 6c");
        assertThat(Hex.spaced(Bytes.EMPTY)).isEmpty();
    }

    @Test
    void parseReadsWhatEncodeAndSpacedWrite() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertThat(Hex.parse(Hex.encode(all))).isEqualTo(all);
        assertThat(Hex.parse(Hex.spaced(Bytes.of(all)))).isEqualTo(all);
    }

    @Test
    void dumpLaysOutBytesLikeHexdumpC() {
        assertThat(Hex.dump(Bytes.utf8("Hello\n")))
                .isEqualTo("00000000  48 65 6c 6c 6f 0a                                 |Hello.|\n");
        assertThat(Hex.dump(Bytes.utf8("0123456789abcdef")))
                .isEqualTo("00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|\n");
        assertThat(Hex.dump(Bytes.of(Hex.parse("30313233343536373839616263646566 67 00 7f ff"))))
                .isEqualTo("00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|\n"
                        + "00000010  67 00 7f ff                                       |g...|\n");
    }

    @Test
    void dumpOfNothingIsEmptyAndEveryLineIsTheSameWidth() {
        assertThat(Hex.dump(Bytes.EMPTY)).isEmpty();
        String dump = Hex.dump(Bytes.of(new byte[40]));
        assertThat(dump.split("\n")).hasSize(3)
                .allSatisfy(line -> assertThat(line.indexOf('|')).isEqualTo(60));
        assertThat(dump.split("\n")[2]).startsWith("00000020  00 00 00 00 00 00 00 00");
    }

    @Test
    void dumpShowsOnlyPrintableAsciiAndADotForEverythingElse() {
        String dump = Hex.dump(Bytes.of(Hex.parse("1b 5b 32 4a 07 c3 a9 7e")));

        assertThat(dump).endsWith("|.[2J...~|\n");
        assertThat(dump.chars()).noneMatch(c -> (c < 0x20 && c != '\n') || c >= 0x7f);
    }
}
