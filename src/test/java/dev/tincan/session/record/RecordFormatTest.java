package dev.tincan.session.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Bytes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The recording format, line by line: what is written reads back the same. */
class RecordFormatTest {
    private static final Instant START = Instant.parse("2026-11-30T08:31:02.123Z");

    @Test
    void aHeaderReadsBackWithItsSettings() {
        RecordFormat.Header h = new RecordFormat.Header(START, "127.0.0.1", 7, "len32le", 1024);
        String json = RecordFormat.header(h);

        assertThat(json).startsWith("{\"tincan\":\"recording\",\"version\":1,");
        assertThat(RecordFormat.parseHeader(json)).isEqualTo(h);
    }

    @Test
    void aFrameOfAnyBytesReadsBackExactlyAndShowsEscapedText() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        RecordFormat.Line line = RecordFormat.Line.frame(42, 1_500, RecordFormat.Dir.IN, Bytes.of(all));
        String json = RecordFormat.line(new StringBuilder(), line, START).toString();

        assertThat(json).doesNotContain("\n").contains("\"at\":\"2026-11-30T08:31:02.123001500Z\"")
                .contains("\"text\":\"\\\\0\\\\x01");
        RecordFormat.Line back = RecordFormat.parseLine(json);
        assertThat(back.bytes()).isEqualTo(Bytes.of(all));
        assertThat(back.seq()).isEqualTo(42);
        assertThat(back.nanos()).isEqualTo(1_500);
        assertThat(back.dir()).isEqualTo(RecordFormat.Dir.IN);
    }

    @Test
    void anEventKeepsItsWordsEvenWithQuotesAndControlCharacters() {
        RecordFormat.Line line = RecordFormat.Line.words(3, 9, RecordFormat.Dir.EVENT, "closed \"now\"\t\\ done");
        String json = RecordFormat.line(new StringBuilder(), line, START).toString();

        assertThat(RecordFormat.parseLine(json).text()).isEqualTo("closed \"now\"\t\\ done");
    }

    @Test
    void everyControlCharacterAndLineSeparatorIsWrittenEscapedSoALineStaysOneStrictJsonLine() {
        StringBuilder words = new StringBuilder("all:");
        for (char c = 0; c < 0x20; c++) {
            words.append(c);
        }
        words.append('\u2028').append('\u2029').append('\u007f').append("end");
        RecordFormat.Line line = RecordFormat.Line.words(3, 9, RecordFormat.Dir.NOTE, words.toString());
        String json = RecordFormat.line(new StringBuilder(), line, START).toString();

        assertThat(json.chars().filter(c -> c < 0x20 || c == 0x2028 || c == 0x2029))
                .as("raw control characters or line separators in %s", json).isEmpty();
        assertThat(json).contains("\\u001f", "\\u2028", "\\u2029");
        assertThat(RecordFormat.parseLine(json).text()).isEqualTo(words.toString());
    }

    @Test
    void aNewerVersionAndAForeignFileAreRefusedInWords() {
        assertThatThrownBy(() -> RecordFormat.parseHeader(
                "{\"tincan\":\"recording\",\"version\":2,\"started\":\"2026-11-30T08:31:02Z\",\"framing\":\"line\","
                        + "\"maxFrame\":1}"))
                .hasMessage("it was written by a newer Tincan (format version 2; this one reads up to 1)");
        assertThatThrownBy(() -> RecordFormat.parseHeader("{\"messages\":[]}"))
                .hasMessage("the first line is not a Tincan recording's header");
        assertThatThrownBy(() -> RecordFormat.parseLine("{\"seq\":1,\"dir\":\"in\",\"b64\":\"@@\"}"))
                .hasMessageStartingWith("its b64 is not Base64");
    }
}
