package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.session.TranscriptRow;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptExportTest {
    private final WallClock clock = new WallClock(0, 0);

    @Test
    void jsonLinesCarryTextHexAndRoundTripOneObjectPerLine() throws Exception {
        List<TranscriptRow> rows = List.of(
                TranscriptRow.event("connected to 127.0.0.1:50007", 0),
                TranscriptRow.sent(Bytes.utf8("hi"), 3, 1_000_000),
                TranscriptRow.reply(Bytes.of(new byte[] {'h', 'i', 0x1b, '"'}), 1_420_000, 420_000, 2));
        StringWriter out = new StringWriter();
        TranscriptExport.write(rows, 1, clock, out, TranscriptExport.Format.JSON_LINES);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("{\"seq\":1,").contains("\"message\":\"connected to 127.0.0.1:50007\"");
        assertThat(lines.get(1)).contains("\"seq\":2", "\"size\":2", "\"wire_bytes\":3", "\"text\":\"hi\"",
                "\"hex\":\"6869\"");
        assertThat(lines.get(2)).contains("\"rtt_us\":420.0", "\"pair\":2", "\"text\":\"hi\\\\x1b\\\"\"", "\"hex\":\"68691b22\"");
    }

    @Test
    void textLinesEscapeWhatThePeerSentAndKeepOneRowPerLine() throws Exception {
        StringWriter out = new StringWriter();
        TranscriptExport.write(List.of(TranscriptRow.received(Bytes.utf8("a\nb\u0007"), 0)), 7, clock, out,
                TranscriptExport.Format.TEXT);

        assertThat(out.toString().lines().toList()).singleElement().asString()
                .startsWith("     7  ").endsWith("a\\nb\\x07");
    }
}
