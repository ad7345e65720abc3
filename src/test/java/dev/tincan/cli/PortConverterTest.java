package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class PortConverterTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(ints = {1, 80, 50007, 65535})
    void readsPortsFromOneTo65535(int port) {
        assertThat(new PortConverter().convert(Integer.toString(port))).isEqualTo(port);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "abc|port \"abc\" is not a number: use 1 to 65535, e.g. 50007.",
        "0|port 0 is out of range: use 1 to 65535, e.g. 50007.",
        "70000|port 70000 is out of range: use 1 to 65535, e.g. 50007.",
        "-1|port -1 is out of range: use 1 to 65535, e.g. 50007.",
        "+1|port \"+1\" is not a number: use 1 to 65535, e.g. 50007.",
        "99999999999|port 99999999999 is out of range: use 1 to 65535, e.g. 50007.",
        "-99999999999999999999|port -99999999999999999999 is out of range: use 1 to 65535, e.g. 50007.",
        "''|port \"\" is not a number: use 1 to 65535, e.g. 50007."})
    void refusesAnythingElseSayingWhatIsWrongAndWhatToWrite(String text, String message) {
        assertThatThrownBy(() -> new PortConverter().convert(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage(message);
    }

    @Test
    void aPortToListenOnMayBeZeroForAnyFreePort() {
        assertThat(new PortConverter.Listen().convert("0")).isZero();
        assertThatThrownBy(() -> new PortConverter.Listen().convert("70000"))
                .hasMessage("port 70000 is out of range: use 0 (any free port) to 65535, e.g. 50007.");
    }
}
