package dev.tincan.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonTest {

    static Stream<Arguments> strings() {
        return Stream.of(
                Arguments.of("plain text", "hello", "\"hello\""),
                Arguments.of("quote and backslash", "a\"b\\c", "\"a\\\"b\\\\c\""),
                Arguments.of("short escapes", "\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\""),
                Arguments.of("ESC, BEL and NUL", "\u001b[2J\u0007\u0000", "\"\\u001b[2J\\u0007\\u0000\""),
                Arguments.of("DEL and C1 controls", "\u007f\u0085\u009b", "\"\\u007f\\u0085\\u009b\""),
                Arguments.of("bidi override and zero-width space", "a\u202eb\u200bc", "\"a\\u202eb\\u200bc\""),
                Arguments.of("line separator", "a\u2028b", "\"a\\u2028b\""),
                Arguments.of("printable non-ASCII stays", "héllo ✓ \ud83d\ude00", "\"héllo ✓ \ud83d\ude00\""),
                Arguments.of("lone surrogate", "a\ud800b", "\"a\\ud800b\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strings")
    void quotesOneLineThatCannotDriveATerminal(String name, String input, String expected) {
        assertThat(Json.quote(input)).isEqualTo(expected);
    }
}
