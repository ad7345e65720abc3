package dev.tincan.session.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Bytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings read from files written here, whole, cut short and foreign. */
class RecordingFileTest {
    private static final Instant START = Instant.parse("2026-11-30T08:31:02.123Z");

    @TempDir
    Path dir;

    private static String header() {
        return RecordFormat.header(new RecordFormat.Header(START, "127.0.0.1", 7, "line", 1024)) + "\n";
    }

    private static String line(RecordFormat.Line line) {
        return RecordFormat.line(new StringBuilder(), line, START).append('\n').toString();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void anyLineIsReadOnDemandAndItsKindIsKnownFromTheIndex() throws Exception {
        StringBuilder sb = new StringBuilder(header());
        sb.append(line(RecordFormat.Line.words(1, 0, RecordFormat.Dir.EVENT, "connected")));
        for (int i = 0; i < 100; i++) {
            RecordFormat.Dir d = i % 2 == 0 ? RecordFormat.Dir.OUT : RecordFormat.Dir.IN;
            sb.append(line(RecordFormat.Line.frame(i + 2, i * 1000L, d, Bytes.utf8("frame " + i))));
        }
        sb.append(line(RecordFormat.Line.words(102, 200_000, RecordFormat.Dir.ERROR, "reset \"dir\":\"in\"")));
        sb.append(line(RecordFormat.Line.words(103, 300_000, RecordFormat.Dir.NOTE, "a note")));
        try (RecordingFile rec = RecordingFile.open(write("r.jsonl", sb.toString()))) {
            assertThat(rec.size()).isEqualTo(103);
            assertThat(rec.line(57).bytes()).isEqualTo(Bytes.utf8("frame 56"));
            assertThat(rec.line(3).bytes()).isEqualTo(Bytes.utf8("frame 2"));
            assertThat(rec.dir(0)).isEqualTo(RecordFormat.Dir.EVENT);
            assertThat(rec.dir(1)).isEqualTo(RecordFormat.Dir.OUT);
            assertThat(rec.dir(2)).isEqualTo(RecordFormat.Dir.IN);
            assertThat(rec.dir(101)).isEqualTo(RecordFormat.Dir.ERROR);
            assertThat(rec.dir(102)).isEqualTo(RecordFormat.Dir.NOTE);
            assertThat(rec.framesOut()).isEqualTo(50);
            assertThat(rec.framesIn()).isEqualTo(50);
            assertThat(rec.durationNanos()).isEqualTo(300_000);
            assertThat(rec.cutShort()).isFalse();
            assertThat(rec.cutShortSentence()).isNull();
        }
    }

    @Test
    void aPartialLastLineIsLeftOutAndSaidSo() throws Exception {
        String whole = header() + line(RecordFormat.Line.frame(1, 5, RecordFormat.Dir.IN, Bytes.utf8("whole")));
        String cut = line(RecordFormat.Line.frame(2, 9, RecordFormat.Dir.IN, Bytes.utf8("cut short")));
        Path file = write("cut.jsonl", whole + cut.substring(0, cut.length() / 2));
        try (RecordingFile rec = RecordingFile.open(file)) {
            assertThat(rec.size()).isEqualTo(1);
            assertThat(rec.line(0).bytes()).isEqualTo(Bytes.utf8("whole"));
            assertThat(rec.cutShort()).isTrue();
            assertThat(rec.cutShortSentence()).isEqualTo("the last line of " + file + " was cut short (the "
                    + "recording did not end cleanly) and is left out.");
        }
    }

    @Test
    void aOneLineRecordingKnowsItsDurationAndOneStrayByteAfterItIsCutShort() throws Exception {
        Path file = write("one.jsonl", header()
                + line(RecordFormat.Line.frame(1, 5_000, RecordFormat.Dir.IN, Bytes.utf8("only"))) + "{");
        try (RecordingFile rec = RecordingFile.open(file)) {
            assertThat(rec.size()).isEqualTo(1);
            assertThat(rec.line(0).bytes()).isEqualTo(Bytes.utf8("only"));
            assertThat(rec.durationNanos()).isEqualTo(5_000);
            assertThat(rec.cutShort()).as("one byte after the last line end").isTrue();
            assertThatThrownBy(() -> rec.line(1)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessage("line 1 of 1");
            assertThatThrownBy(() -> rec.dir(1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> rec.dir(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void aRecordingOfAsManyLinesAsTheIndexFirstHoldsOpensWhole() throws Exception {
        for (int count : new int[] {1023, 1024, 1025, 2048}) {
            StringBuilder sb = new StringBuilder(header());
            for (int i = 0; i < count; i++) {
                sb.append(line(RecordFormat.Line.frame(i + 1, i, RecordFormat.Dir.OUT, Bytes.utf8("f" + i))));
            }
            try (RecordingFile rec = RecordingFile.open(write(count + ".jsonl", sb.toString()))) {
                assertThat(rec.size()).as("lines of %d", count).isEqualTo(count);
                assertThat(rec.line(count - 1).bytes()).isEqualTo(Bytes.utf8("f" + (count - 1)));
                assertThat(rec.cutShort()).isFalse();
            }
        }
    }

    @Test
    void aBrokenLineInTheMiddleIsNamedWhenRead() throws Exception {
        Path file = write("broken.jsonl", header() + "{\"seq\":1,\"dir\":\"in\",\"b64\":\"@@\"}\n");
        try (RecordingFile rec = RecordingFile.open(file)) {
            assertThatThrownBy(() -> rec.line(0)).isInstanceOf(RecorderException.class)
                    .hasMessageStartingWith("line 2 of " + file + " is not a recording's line: its b64 is not Base64");
        }
    }

    @Test
    void whatIsNotARecordingIsRefusedInOneSentence() throws Exception {
        Path missing = dir.resolve("missing.jsonl");
        assertThatThrownBy(() -> RecordingFile.open(missing))
                .hasMessage("could not open " + missing + ": there is no such file.");
        Path empty = write("empty.jsonl", "");
        assertThatThrownBy(() -> RecordingFile.open(empty))
                .hasMessage(empty + " is empty: it is not a Tincan recording.");
        Path library = write("library.json", "{\"messages\":[]}\n");
        assertThatThrownBy(() -> RecordingFile.open(library))
                .hasMessage(library + " is not a Tincan recording: the first line is not a Tincan recording's "
                        + "header.");
        Path newer = write("newer.jsonl", "{\"tincan\":\"recording\",\"version\":2,\"started\":\"2026-11-30T08:31:02Z\","
                + "\"framing\":\"line\",\"maxFrame\":1}\n");
        assertThatThrownBy(() -> RecordingFile.open(newer))
                .hasMessage(newer + " cannot be opened: it was written by a newer Tincan (format version 2; this one "
                        + "reads up to 1).");
        Path binary = write("binary.bin", "\u0000\u0001PK\n");
        assertThatThrownBy(() -> RecordingFile.open(binary)).hasMessageStartingWith(binary
                + " is not a Tincan recording: ");
    }
}
