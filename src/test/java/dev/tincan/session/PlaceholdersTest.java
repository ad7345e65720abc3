package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Hex;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlaceholdersTest {
    /** 2026-11-29T06:05:07.089Z. */
    private static final Instant NOW = Instant.ofEpochMilli(1_795_932_307_089L);

    private final Placeholders.Context context = new Placeholders.Context(Clock.fixed(NOW, ZoneOffset.UTC),
            new Random(7));

    private String text(String payload) {
        return Placeholders.expand(payload, false, context).utf8();
    }

    @Test
    void textWithoutPlaceholdersIsReadWithItsEscapes() {
        assertThat(Placeholders.expand("a\\tb\\x41", false, context)).isEqualTo(Bytes.utf8("a\tbA"));
        assertThat(Placeholders.parse("a\\tb", false).hasPlaceholders()).isFalse();
    }

    @Test
    void theCounterStartsAtOneAndAdvancesOncePerMessage() {
        assertThat(text("id={{counter}} again={{counter}}")).isEqualTo("id=1 again=1");
        assertThat(text("id={{counter}}")).isEqualTo("id=2");
        assertThat(text("no counter")).isEqualTo("no counter");
        assertThat(text("{{counter:5}}")).isEqualTo("00003");
    }

    @Test
    void aMessageThatCannotBeFilledInDoesNotUseUpACounterValue() {
        assertThatThrownBy(() -> text("{{counter}} {{field:x}}")).isInstanceOf(IllegalArgumentException.class);
        assertThat(text("{{counter}}")).isEqualTo("1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{{time}}|06:05:07.089",
        "{{time:yyyy-MM-dd'T'HH:mm}}|2026-11-29T06:05",
        "{{time:epoch}}|1795932307",
        "{{time:epochms}}|1795932307089"})
    void timeComesFromTheContextsClock(String payload, String expected) {
        assertThat(text(payload)).isEqualTo(expected);
    }

    @Test
    void randomGivesNBytesAndDigitsNDecimalDigits() {
        assertThat(Placeholders.expand("{{random:16}}", false, context).length()).isEqualTo(16);
        assertThat(text("pin {{digits:6}}")).matches("pin [0-9]{6}");
    }

    @Test
    void fieldTakesTheFirstGroupFromTheLastFrameReceived() {
        context.received(Bytes.utf8("welcome, session=ab12 ok"));
        assertThat(text("resume {{field:session=(\\w+)}}")).isEqualTo("resume ab12");
        assertThat(text("{{field:ok}}")).as("no group: the whole match").isEqualTo("ok");
    }

    @Test
    void aFieldLooksOnlyAtTheHeadOfAHugeFrame() {
        String head = "x".repeat(Placeholders.FIELD_WINDOW - 8);
        context.received(Bytes.utf8(head + "id=1234 " + "id=5678"));
        assertThat(text("{{field:id=(\\d+)}}")).as("inside the window").isEqualTo("1234");
        context.received(Bytes.utf8(head + "........id=5678"));
        assertThatThrownBy(() -> text("{{field:id=(\\d+)}}")).as("past the window")
                .hasMessageStartingWith("{{field:id=(\\d+)}} at character 1 found no match in the last frame "
                        + "received, ");
    }

    @Test
    void hexfieldInsertsTheBytesTheGroupSpells() {
        context.received(Bytes.utf8("token=cafe01"));
        assertThat(Placeholders.expand("00 {{hexfield:token=([0-9a-f]+)}} ff", true, context))
                .isEqualTo(Bytes.of(Hex.parse("00 ca fe 01 ff")));
    }

    @Test
    void inHexModeAPlaceholderContributesItsBytesBetweenHexDigits() {
        assertThat(Placeholders.expand("02 {{counter:3}} 03", true, context))
                .isEqualTo(Bytes.of(Hex.parse("02 30 30 31 03")));
    }

    @Test
    void aPatternWithBracesEndsAtTheLastClosingBrace() {
        context.received(Bytes.utf8("code 4711"));
        assertThat(text("{{field:\\d{4}}}")).isEqualTo("4711");
    }

    @Test
    void fourOpeningBracesAreALiteralPair() {
        assertThat(text("{{{{counter}}")).isEqualTo("{{counter}}");
        assertThat(text("a { b } c }}")).isEqualTo("a { b } c }}");
    }

    @Test
    void aFieldBeforeAnyFrameIsRefusedWithASentence() {
        assertThatThrownBy(() -> text("{{field:id=(\\d+)}}"))
                .hasMessage("{{field:id=(\\d+)}} at character 1 needs a received frame, and none has arrived yet.");
    }

    @Test
    void aFieldWithNoMatchIsRefusedQuotingTheFrame() {
        context.received(Bytes.utf8("nothing here\n"));
        assertThatThrownBy(() -> text("x {{field:id=(\\d+)}}"))
                .hasMessage("{{field:id=(\\d+)}} at character 3 found no match in the last frame received, "
                        + "\"nothing here\\n\".");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{{nope}}|{{nope}} at character 1 is not a placeholder: use counter, time, random, digits, field, hexfield, "
            + "or {{{{ for a literal {{.",
        "ab {{counter|placeholder at character 4 has no closing }}: write {{name}}, or {{{{ for a literal {{.",
        "{{random:0}}|{{random:0}} at character 1 needs a byte count from 1 to 65536, not \"0\".",
        "{{random:65537}}|{{random:65537}} at character 1 needs a byte count from 1 to 65536, not \"65537\".",
        "{{digits}}|{{digits}} at character 1 needs N digits, e.g. {{digits:6}}.",
        "{{field:(}}|{{field:(}} at character 1 has a bad pattern: Unclosed group at the end of the pattern.",
        "{{time:qqqqqq}}|{{time:qqqqqq}} at character 1 has a bad time pattern: Too many pattern letters: q "
            + "(use letters such as HH:mm:ss.SSS, or epoch, or epochms)."})
    void badPlaceholdersAreRefusedWhenParsed(String payload, String sentence) {
        assertThatThrownBy(() -> Placeholders.parse(payload, false)).hasMessage(sentence);
    }

    @Test
    void tooManyPlaceholdersAreRefused() {
        String many = "{{counter}}".repeat(Placeholders.MAX_PLACEHOLDERS + 1);
        assertThatThrownBy(() -> Placeholders.parse(many, false))
                .hasMessage("more than 1000 placeholders in one message.");
    }

    @Test
    void anExpansionLongerThanTheCapIsRefused() {
        String big = "{{random:65536}}".repeat(257);
        assertThatThrownBy(() -> Placeholders.expand(big, false, context))
                .hasMessage("the message would be longer than 16 MiB once its placeholders are filled in.");
    }
}
