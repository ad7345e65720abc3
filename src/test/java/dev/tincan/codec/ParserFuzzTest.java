package dev.tincan.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Fuzz targets for what a person types: framing specs, escaped text and hex. Each input
 * is read as UTF-8 text (or, for {@link #escapeRoundTrip}, used as bytes), so kept inputs
 * are plain files. Properties: the parsers raise nothing but
 * {@link IllegalArgumentException}, with a one-line sentence; what they accept comes back
 * unchanged through the way out and in again.
 *
 * <p>Plain test runs replay the inputs under
 * {@code src/test/resources/dev/tincan/codec/ParserFuzzTestInputs/<method>/}; set
 * {@code JAZZER_FUZZ=1} to fuzz (see docs/fuzzing.md).
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void framingParse(byte[] input) {
        String spec = text(input);
        Framing framing;
        try {
            framing = Framing.parse(spec);
        } catch (IllegalArgumentException e) {
            assertOneLine(e);
            return;
        }
        assertThat(Framing.parse(framing.spec())).isEqualTo(framing);
        assertThat(Framing.parse(framing.spec()).spec()).isEqualTo(framing.spec());
        assertThat(framing.spec()).isEqualTo(framing.spec().toLowerCase(Locale.ROOT)).doesNotContain(" ");
        assertThat(Framing.parse(spec.toUpperCase(Locale.ROOT)).spec()).isEqualTo(framing.spec());
    }

    @FuzzTest(maxDuration = "30s")
    void escapesParse(byte[] input) {
        String text = text(input);
        byte[] bytes;
        try {
            bytes = Escapes.parse(text);
        } catch (IllegalArgumentException e) {
            assertOneLine(e);
            return;
        }
        String escaped = Escapes.escape(Bytes.of(bytes));
        assertThat(Escapes.parse(escaped)).isEqualTo(bytes);
        if (!text.contains("\\")) {
            assertThat(bytes).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @FuzzTest(maxDuration = "30s")
    void escapeRoundTrip(byte[] input) {
        String escaped = Escapes.escape(Bytes.of(input));

        assertThat(Escapes.parse(escaped)).isEqualTo(input);
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            assertThat(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                    || Character.getType(c) == Character.FORMAT)
                    .as("character %04x at %d of %s", (int) c, i, escaped)
                    .isFalse();
        }
        int max = 1 + (input.length == 0 ? 0 : (input[0] & 0x1f));
        String cut = Escapes.escape(Bytes.of(input), max);
        if (!cut.equals(escaped)) {
            String kept = cut.substring(0, cut.length() - 1);
            assertThat(cut).endsWith("…");
            assertThat(escaped).startsWith(kept);
            assertThat(kept.length()).isBetween(max, max + 3);
            assertThat(input).startsWith(Escapes.parse(kept));
        }
    }

    @FuzzTest(maxDuration = "30s")
    void hexParse(byte[] input) {
        String text = text(input);
        byte[] bytes;
        try {
            bytes = Hex.parse(text);
        } catch (IllegalArgumentException e) {
            assertOneLine(e);
            return;
        }
        assertThat(bytes.length).isLessThanOrEqualTo(text.length() / 2);
        assertThat(Hex.parse(Hex.encode(bytes))).isEqualTo(bytes);
        assertThat(Hex.parse(Hex.spaced(Bytes.of(bytes)))).isEqualTo(bytes);
        assertThat(Hex.parse(text.toUpperCase(Locale.ROOT))).isEqualTo(bytes);
    }

    private static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    private static void assertOneLine(IllegalArgumentException e) {
        assertThat(e.getMessage()).isNotBlank().endsWith(".");
        assertThat(e.getMessage().chars()).as(e.getMessage()).noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
