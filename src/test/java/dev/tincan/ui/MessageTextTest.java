package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageTextTest {
    @Test
    void textBecomesSpacedHex() {
        assertThat(MessageText.toHex("hi\\r\\n")).isEqualTo("68 69 0d 0a");
        assertThat(MessageText.toHex("")).isEmpty();
    }

    @Test
    void hexBecomesTextWithLineBreaksAndAVisibleFinalLineFeed() {
        assertThat(MessageText.toText("61 0a 62 0a")).isEqualTo("a\nb\\n");
        assertThat(MessageText.toText("5c 1b ff")).isEqualTo("\\\\\\x1b\\xff");
    }

    @Test
    void anyBytesComeBackUnchanged() {
        Random random = new Random(9);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // Mostly text-like bytes, with line feeds, escapes and broken UTF-8 among them.
                b[i] = (byte) (random.nextInt(4) == 0 ? "\n\\\r\u0000".charAt(random.nextInt(4)) : random.nextInt(256));
            }
            String text = MessageText.textOf(Bytes.of(b));
            assertThat(Escapes.parse(text)).as("round %d: %s", round, text).isEqualTo(b);
            assertThat(Escapes.parse(MessageText.toText(MessageText.toHex(text)))).isEqualTo(b);
        }
    }

    @Test
    void refusalsSayWhichWayAndWhy() {
        assertThatThrownBy(() -> MessageText.toHex("\\x4"))
                .hasMessageStartingWith("cannot convert to hex: bad escape \"\\x4\" at character 1");
        assertThatThrownBy(() -> MessageText.toText("zz"))
                .hasMessageStartingWith("cannot convert to text: invalid hex: \"z\" at character 1");
    }
}
