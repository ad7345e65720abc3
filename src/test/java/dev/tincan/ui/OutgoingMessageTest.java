package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OutgoingMessageTest {
    private static final Framing LINE = Framing.parse("line");

    @Test
    void escapedTextBecomesBytes() {
        OutgoingMessage m = OutgoingMessage.of("hi\\t\\x00\\\\", false, Framing.parse("len16"));

        assertThat(m.ok()).isTrue();
        assertThat(m.payload()).isEqualTo(Bytes.of(new byte[] {'h', 'i', '\t', 0, '\\'}));
    }

    @Test
    void hexBecomesBytes() {
        OutgoingMessage m = OutgoingMessage.of("48 65 6c 6C 6f", true, LINE);

        assertThat(m.payload()).isEqualTo(Bytes.utf8("Hello"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bad \\q escape | false | line | bad escape \"\\q\" at character 5: use \\n \\r \\t \\0 \\\\ or \\xHH, and \\\\ for a backslash.",
        "48 6 | true | line | invalid hex: \"6\" at character 4 has an odd number of digits; each byte needs two digits (e.g. 0a, not a).",
        "zz | true | line | invalid hex: \"z\" at character 1 is not a hex digit (use 0-9 and a-f, e.g. 48 65 6c).",
        "one\\ntwo | false | line | the message contains the line (\\n) delimiter at byte 3, which would end the frame early: remove it or pick a length-prefixed framing.",
    })
    void badInputGetsOneSentence(String text, boolean hex, String framing, String problem) {
        OutgoingMessage m = OutgoingMessage.of(text, hex, Framing.parse(framing));

        assertThat(m.ok()).isFalse();
        assertThat(m.problem()).isEqualTo(problem);
    }

    @Test
    void tooLongForTheLengthPrefixIsRefused() {
        OutgoingMessage m = OutgoingMessage.of("x".repeat(256), false, Framing.parse("len8"));

        assertThat(m.problem()).isEqualTo("the message is 256 bytes, but len8 can carry at most 255 bytes per frame:"
                + " pick a wider length prefix.");
    }

    @Test
    void withoutAConnectionTheTextIsStillCheckedButTheConnectionIsLeftToTheSession() {
        assertThat(OutgoingMessage.of("fine", false, null).ok()).isTrue();
        assertThat(OutgoingMessage.of("\\q", false, null).problem()).startsWith("bad escape");
    }
}
