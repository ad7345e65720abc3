package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({"500ms, 500", "5s, 5000", "2m, 120000", "1h, 3600000", "0, 0", "0ms, 0", "5S, 5000",
        "' 250ms ', 250", "999999999ms, 999999999", "8760h, 31536000000"})
    void readsWholeNumbersWithAUnit(String text, long millis) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "5|duration \"5\" has no unit: write a unit, e.g. 5ms or 5s.",
        "500|duration \"500\" has no unit: write a unit, e.g. 500ms or 500s.",
        "1.5s|bad duration \"1.5s\": write a whole number and a unit (ms, s, m or h), e.g. 500ms or 5s.",
        "-5s|bad duration \"-5s\": write a whole number and a unit (ms, s, m or h), e.g. 500ms or 5s.",
        "5 s|bad duration \"5 s\": write a whole number and a unit (ms, s, m or h), e.g. 500ms or 5s.",
        "5d|bad duration \"5d\": write a whole number and a unit (ms, s, m or h), e.g. 500ms or 5s.",
        "abc|bad duration \"abc\": write a whole number and a unit (ms, s, m or h), e.g. 500ms or 5s.",
        "''|no duration given: write a number and a unit, e.g. 500ms or 5s.",
        "99999999999h|duration \"99999999999h\" is too large: use at most 8760h (a year).",
        "8761h|duration \"8761h\" is too large: use at most 8760h (a year).",
        "99999999999999999999999ms|duration \"99999999999999999999999ms\" is too large: use at most 8760h (a year)."})
    void refusesAnythingElseWithASentence(String text, String message) {
        assertThatThrownBy(() -> DurationConverter.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0} ms is written {1}")
    @CsvSource({"500, 500ms", "5000, 5s", "1500, 1500ms", "120000, 2m", "3600000, 1h", "0, 0ms"})
    void formatsTheWayAPersonWritesIt(long millis, String text) {
        assertThat(DurationConverter.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
