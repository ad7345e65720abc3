package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

class SizeConverterTest {

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({"300, 300", "0, 0", "300b, 300", "64KiB, 65536", "64kib, 65536", "16MiB, 16777216",
        "1GiB, 1073741824", "3GiB, 3221225472"})
    void readsBytesAndBinaryUnits(String text, long bytes) {
        assertThat(SizeConverter.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "64KB|size \"64KB\" is ambiguous: write 64KiB (units of 1024), or the number of bytes.",
        "16M|size \"16M\" is ambiguous: write 16MiB (units of 1024), or the number of bytes.",
        "1gb|size \"1gb\" is ambiguous: write 1GiB (units of 1024), or the number of bytes.",
        "-1|bad size \"-1\": write a number of bytes or a whole number with KiB, MiB or GiB, e.g. 300 or 64KiB.",
        "1.5MiB|bad size \"1.5MiB\": write a number of bytes or a whole number with KiB, MiB or GiB, e.g. 300 or 64KiB.",
        "lots|bad size \"lots\": write a number of bytes or a whole number with KiB, MiB or GiB, e.g. 300 or 64KiB.",
        "99999999999999GiB|size \"99999999999999GiB\" is too large: write at most a few GiB.",
        "99999999999999999999|size \"99999999999999999999\" is too large: write at most a few GiB."})
    void refusesAnythingElseWithASentence(String text, String message) {
        assertThatThrownBy(() -> SizeConverter.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0} bytes is written {1}")
    @CsvSource({"300, 300", "65536, 64KiB", "16777216, 16MiB", "1073741824, 1GiB", "1500, 1500"})
    void formatsTheWayAPersonWritesIt(long bytes, String text) {
        assertThat(SizeConverter.format(bytes)).isEqualTo(text);
    }

    @ParameterizedTest(name = "max frame {0} is {1}")
    @CsvSource({"1, 1", "300, 300", "64KiB, 65536", "16MiB, 16777216"})
    void readsMaxFrameLengths(String text, int bytes) {
        assertThat(new MaxFrameConverter().convert(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "max frame {0}")
    @CsvSource(delimiter = '|', value = {
        "0|a max frame length of 0 would refuse every frame: give at least 1 byte, e.g. 16MiB.",
        "3GiB|max frame length 3221225472 is out of range: use 1 to 2147483639 bytes (just under 2GiB), e.g. 16MiB."})
    void refusesMaxFrameLengthsOutOfRange(String text, String message) {
        assertThatThrownBy(() -> new MaxFrameConverter().convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage(message);
    }
}
