package dev.tincan.codec;

import static dev.tincan.codec.Decoding.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EscapesTest {
    private static final String USE = "use \\n \\r \\t \\0 \\\\ or \\xHH, and \\\\ for a backslash.";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\\n      | 0a",
        "\\r      | 0d",
        "\\t      | 09",
        "\\0      | 00",
        "\\\\     | 5c",
        "\\x1b    | 1b",
        "\\xFF    | ff",
        "\\xfF    | ff",
        "\\x00    | 00",
        "\\\\n    | 5c 6e",
        "a\\nb\\x00c | 61 0a 62 00 63",
        "héllo    | 68 c3 a9 6c 6c 6f",
        "😀       | f0 9f 98 80",
        "\\01     | 00 31",
    })
    void parseTurnsEachEscapeIntoItsByteAndTextIntoUtf8(String text, String bytes) {
        assertThat(Escapes.parse(text)).isEqualTo(hex(bytes));
    }

    @Test
    void parseOfNothingIsNoBytes() {
        assertThat(Escapes.parse("")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\\q       | bad escape \"\\q\" at character 1",
        "abc\\q    | bad escape \"\\q\" at character 4",
        "\\N       | bad escape \"\\N\" at character 1",
        "\\😀      | bad escape \"\\😀\" at character 1",
    })
    void anUnknownEscapeIsNamedWithWhereItIs(String text, String start) {
        assertThatThrownBy(() -> Escapes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(start + ": " + USE);
    }

    @Test
    void anUnknownEscapeOfAControlCharacterIsShownEscaped() {
        assertThatThrownBy(() -> Escapes.parse("\\\u001b"))
                .hasMessage("bad escape \"\\\\x1b\" at character 1: " + USE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\\xg1     | bad escape \"\\xg1\" at character 1",
        "\\x1g     | bad escape \"\\x1g\" at character 1",
        "\\x1      | bad escape \"\\x1\" at character 1",
        "\\x       | bad escape \"\\x\" at character 1",
        "ab\\x     | bad escape \"\\x\" at character 3",
        "\\x٣٣     | bad escape \"\\x٣٣\" at character 1",
        "\\xａｂ   | bad escape \"\\xａｂ\" at character 1",
        "\\x 1     | bad escape \"\\x 1\" at character 1",
    })
    void aHexEscapeWithoutTwoHexDigitsIsRefused(String text, String start) {
        assertThatThrownBy(() -> Escapes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(start + ": \\x needs two hex digits, e.g. \\x1b.");
    }

    @Test
    void aHexEscapeFollowedByANewlineShowsTheNewlineEscapedSoTheMessageStaysOneLine() {
        assertThatThrownBy(() -> Escapes.parse("\\x\n"))
                .hasMessage("bad escape \"\\x\\n\" at character 1: \\x needs two hex digits, e.g. \\x1b.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\\", "abc\\", "\\\\\\"})
    void aLoneBackslashAtTheEndIsRefused(String text) {
        assertThatThrownBy(() -> Escapes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a lone \\ at the end of the text: write \\\\ for a backslash.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "00 09 0a 0d 5c  | \\0\\t\\n\\r\\\\",
        "01 07 08 0b 0c 1b 1f 7f | \\x01\\x07\\x08\\x0b\\x0c\\x1b\\x1f\\x7f",
        "1b 5b 32 4a 07  | \\x1b[2J\\x07",
        "ff              | \\xff",
        "80              | \\x80",
        "c3              | \\xc3",
        "c3 41           | \\xc3A",
        "c0 80           | \\xc0\\x80",
        "c1 bf           | \\xc1\\xbf",
        "e0 80 80        | \\xe0\\x80\\x80",
        "f0 80 80 80     | \\xf0\\x80\\x80\\x80",
        "f4 90 80 80     | \\xf4\\x90\\x80\\x80",
        "ed a0 80        | \\xed\\xa0\\x80",
        "ed b0 80        | \\xed\\xb0\\x80",
        "c2 85           | \\xc2\\x85",
        "c2 9b           | \\xc2\\x9b",
        "e2 80 ae        | \\xe2\\x80\\xae",
        "e2 80 8b        | \\xe2\\x80\\x8b",
        "e2 80 a8        | \\xe2\\x80\\xa8",
        "ef bb bf        | \\xef\\xbb\\xbf",
        "ee 80 80        | \\xee\\x80\\x80",
        "ef bf bf        | \\xef\\xbf\\xbf",
    })
    void escapeWritesEveryByteThatIsNotPrintableAsAnEscape(String bytes, String escaped) {
        assertThat(Escapes.escape(Bytes.of(hex(bytes)))).isEqualTo(escaped);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"héllo wörld", "😀 👍🏽", "日本語", "Ünïcödé", "<html><b>hi</b>", "a b~"})
    void escapeKeepsPrintableTextAsItIs(String text) {
        assertThat(Escapes.escape(Bytes.utf8(text))).isEqualTo(text);
    }

    @Test
    void parseGivesBackTheBytesEscapeWasGivenForRandomBytes() {
        Random random = new Random(20);
        for (int i = 0; i < 3_000; i++) {
            byte[] bytes = randomBytes(random);

            String escaped = Escapes.escape(Bytes.of(bytes));

            assertThat(Escapes.parse(escaped)).as(escaped).isEqualTo(bytes);
            assertThat(escaped.chars()).as(escaped)
                    .noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                            || Character.getType(c) == Character.FORMAT);
        }
    }

    @Test
    void escapeCutsAfterMaxCharsWithAnEllipsisAndOnlyBetweenEscapes() {
        assertThat(Escapes.escape(Bytes.utf8("abcdef"), 3)).isEqualTo("abc…");
        assertThat(Escapes.escape(Bytes.utf8("abc"), 3)).isEqualTo("abc");
        assertThat(Escapes.escape(Bytes.of(hex("00 00 00")), 3)).isEqualTo("\\0\\0…");
        assertThat(Escapes.escape(Bytes.of(hex("ff ff")), 1)).isEqualTo("\\xff…");
        assertThat(Escapes.escape(Bytes.of(hex("61 ff")), 2)).isEqualTo("a\\xff");
        assertThat(Escapes.escape(Bytes.utf8("😀😀"), 1)).isEqualTo("😀…");
        assertThat(Escapes.escape(Bytes.of(hex("e2 80 ae 61")), 5)).isEqualTo("\\xe2\\x80…");
    }

    @Test
    void aCutEscapeIsAlwaysAPrefixThatParsesBackToAPrefixOfTheBytes() {
        Random random = new Random(21);
        for (int i = 0; i < 3_000; i++) {
            byte[] bytes = randomBytes(random);
            int max = 1 + random.nextInt(40);
            String full = Escapes.escape(Bytes.of(bytes));

            String cut = Escapes.escape(Bytes.of(bytes), max);

            if (cut.equals(full)) {
                continue;
            }
            assertThat(cut).as(full).endsWith("…");
            String kept = cut.substring(0, cut.length() - 1);
            assertThat(full).startsWith(kept);
            assertThat(kept.length()).isBetween(max, max + 3);
            byte[] back = Escapes.parse(kept);
            assertThat(bytes).startsWith(back);
        }
    }

    @Test
    void aMaxCharsBelowOneIsRefused() {
        assertThatThrownBy(() -> Escapes.escape(Bytes.utf8("a"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxChars : 0 (expected: > 0)");
    }

    /** Random bytes, half the time made of random code points so that valid UTF-8 comes up too. */
    static byte[] randomBytes(Random random) {
        if (random.nextBoolean()) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            return bytes;
        }
        StringBuilder sb = new StringBuilder();
        for (int n = random.nextInt(16); n > 0; n--) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x110000);
            if (cp < 0xd800 || cp > 0xdfff) {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneLineWritesWhatIsNotPrintableAsEscapeDoesAndLeavesTheRest() {
        String unprintable = "\n\r\t\u0000\u001b\u007f\u0085\u202e\u200b\u2028\ue000\u0378";
        assertThat(Escapes.oneLine(unprintable)).isEqualTo(Escapes.escape(Bytes.utf8(unprintable)))
                .isEqualTo("\\n\\r\\t\\0\\x1b\\x7f\\xc2\\x85\\xe2\\x80\\xae\\xe2\\x80\\x8b"
                        + "\\xe2\\x80\\xa8\\xee\\x80\\x80\\xcd\\xb8");
        assertThat(Escapes.oneLine("caf\u00e9 \u4f60\u597d \ud83d\ude00 \"q\" \\q \\x41"))
                .isEqualTo("caf\u00e9 \u4f60\u597d \ud83d\ude00 \"q\" \\q \\x41");
        assertThat(Escapes.oneLine("lone \ud800 surrogate")).isEqualTo("lone \\xed\\xa0\\x80 surrogate");
    }
}
