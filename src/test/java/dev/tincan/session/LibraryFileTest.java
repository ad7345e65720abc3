package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LibraryFileTest {
    @TempDir
    Path dir;

    private Path file(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
    }

    private Path packetSenderFixture() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("packetsender-export.json")) {
            return Files.write(dir.resolve("packets.json"), in.readAllBytes());
        }
    }

    @Test
    void aLibraryWrittenIsReadBackTheSame() throws Exception {
        Library lib = new Library();
        lib.add(new SavedMessage("hello", "greetings", "hello {{counter}}\\n", false, "line", "says hi"));
        lib.add(new SavedMessage("blob", "", "00 01 ff", true, null, ""));
        lib.putSequence(new Sequence("login", List.of(new Sequence.Send("hello"),
                new Sequence.Pause(Duration.ofMillis(250)), new Sequence.AwaitReply("^ok", Duration.ofSeconds(5)))));
        Path path = dir.resolve("sub/library.json");

        LibraryFile.write(path, lib);
        Library back = LibraryFile.read(path);

        assertThat(back.messages()).isEqualTo(lib.messages());
        assertThat(back.sequences()).isEqualTo(lib.sequences());
        assertThat(Files.list(path.getParent())).as("no temporary file is left").containsExactly(path);
    }

    @Test
    void writingReplacesTheWholeFile() throws Exception {
        Path path = file("library.json", "x".repeat(10_000));
        LibraryFile.write(path, new Library());
        assertThat(Files.readString(path)).startsWith("{").hasSizeLessThan(100);
    }

    @Test
    void writingSwapsInANewFileSoTheOldOneIsNeverHalfOverwritten() throws Exception {
        Path path = file("library.json", "{\"version\": 1, \"messages\": []}");
        // A second name for the old file: written in place, it would change too.
        Path old = Files.createLink(dir.resolve("old.json"), path);

        Library lib = new Library();
        lib.add(new SavedMessage("hello", "", "hi", false, null, ""));
        LibraryFile.write(path, lib);

        assertThat(Files.readString(old)).isEqualTo("{\"version\": 1, \"messages\": []}");
        assertThat(LibraryFile.read(path).messages()).extracting(SavedMessage::name).containsExactly("hello");
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedUnread() throws Exception {
        Path path = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            // Sparse: nothing is written, so the test stays fast and small on disk.
            f.setLength(LibraryFile.MAX_FILE_BYTES + 1);
        }
        assertThatThrownBy(() -> LibraryFile.read(path)).isInstanceOf(LibraryFileException.class)
                .hasMessage(path + " cannot be used: it is 67,108,865 bytes; a library file may be at most 64 MiB "
                        + "(67,108,864 bytes).");
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        Path path = file("lib.json", "{\"version\": 1, \"theme\": \"dark\", \"messages\": [{\"name\": \"a\","
                + " \"payload\": \"x\", \"colour\": [1, 2]}], \"future\": {}}");
        assertThat(LibraryFile.read(path).messages())
                .containsExactly(new SavedMessage("a", "", "x", false, null, ""));
    }

    @Test
    void aNewerVersionIsRefusedWithASentence() throws Exception {
        Path path = file("lib.json", "{\"version\": 2, \"messages\": []}");
        assertThatThrownBy(() -> LibraryFile.read(path)).isInstanceOf(LibraryFileException.class)
                .hasMessage(path + " was written by a newer Tincan (library version 2; this one reads up to 1): "
                        + "update Tincan to open it.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"version\": 1, \"messages\": [}|it is not valid JSON: expected value at line 1 column 29",
        "[]|it holds an array where a library (a JSON object with \"version\" and \"messages\") should be",
        "{\"messages\": []}|it has no \"version\" number, so it is not a Tincan library",
        "{\"version\": 1}|it has no \"messages\" array",
        "{\"version\": 0, \"messages\": []}|its \"version\" 0 is not a library version (expected 1 to 1)",
        "{\"version\": 1, \"messages\": [{\"payload\": \"x\"}]}|message 1 has no \"name\"",
        "{\"version\": 1, \"messages\": [{\"name\": \"a\", \"payload\": \"x\", \"hex\": \"yes\"}]}"
            + "|message 1 has text for \"hex\" where true or false should be",
        "{\"version\": 1, \"messages\": [{\"name\": \"a\", \"payload\": \"x\", \"framing\": \"len7\"}]}"
            + "|message 1 has a bad framing: unknown framing \"len7\": use raw, line, crlf, nul, delim:HEX, len8, "
            + "len16, len24, len32, len64, len16le, len32le, len64le or fixed:N",
        "{\"version\": 1, \"messages\": [{\"name\": \"a\", \"payload\": \"x\"}, {\"name\": \"a\", \"payload\": \"y\"}]}"
            + "|message 2 cannot be read: a message called \"a\" is in the library already: choose another name",
        "{\"version\": 1, \"messages\": [], \"sequences\": [{\"name\": \"s\", \"steps\": [{\"wait\": 1}]}]}"
            + "|sequence 1 step 1 is none of send, pauseMillis or await",
        "{\"version\": 1, \"messages\": []} trailing|there is more after the end of the JSON, at line 1 column 33",
        "{\"version\": 1, 'messages': []}|it is not valid JSON: malformed JSON (comments, single quotes and names "
            + "without quotes are not allowed) at line 1 column 17"})
    void aBadFileGivesOneSentenceNamingTheFileAndTheProblem(String json, String problem) throws Exception {
        Path path = file("bad.json", json);
        assertThatThrownBy(() -> LibraryFile.read(path)).isInstanceOf(LibraryFileException.class)
                .hasMessage(path + " cannot be used: " + problem + ".");
    }

    @Test
    void brokenJsonIsNamedByLineAndColumn() throws Exception {
        Path path = file("bad.json", "{\"version\": 1,\n \"messages\": [\n  {\"name\": \"a\" \"payload\": \"x\"}]}");
        assertThatThrownBy(() -> LibraryFile.read(path))
                .hasMessage(path + " cannot be used: it is not valid JSON: unterminated object at line 3 column 17.");
    }

    @Test
    void aMissingFileSaysSo() {
        Path path = dir.resolve("none.json");
        assertThatThrownBy(() -> LibraryFile.read(path))
                .hasMessage("could not read " + path + ": there is no such file or folder.");
    }

    @Test
    void packetSenderExportBecomesHexMessagesWithTheRestInTheirNotes() throws Exception {
        LibraryFile.Import found = LibraryFile.readPacketSender(packetSenderFixture());

        assertThat(found.messages()).containsExactly(
                new SavedMessage("hello", "Packet Sender", "68 65 6C 6C 6F", true, null,
                        "Packet Sender: TCP to 127.0.0.1:5000."),
                new SavedMessage("ping every 2 s", "Packet Sender", "50 49 4E 47 0D 0A", true, null,
                        "Packet Sender: UDP to 192.168.1.20:7, repeat every 2.5 s."));
        assertThat(found.skipped()).containsExactly("item 3 has no name",
                "item 4 (\"broken\") has bad hex: invalid hex: \"G\" at character 1 is not a hex digit (use 0-9 and "
                        + "a-f, e.g. 48 65 6c)");
    }

    @Test
    void mergingAnImportSaysHowManyCameInAndWhyAnyWereSkipped() throws Exception {
        Library lib = new Library();
        lib.add(new SavedMessage("hello", "", "hi", false, null, ""));

        String sentence = LibraryFile.merge(lib, LibraryFile.readPacketSender(packetSenderFixture()),
                dir.resolve("packets.json"));

        assertThat(sentence).isEqualTo("imported 2 messages from packets.json (1 was renamed: the name was taken); "
                + "skipped 2: item 3 has no name; item 4 (\"broken\") has bad hex: invalid hex: \"G\" at character 1 "
                + "is not a hex digit (use 0-9 and a-f, e.g. 48 65 6c).");
        assertThat(lib.messages()).extracting(SavedMessage::name)
                .containsExactly("hello", "hello (2)", "ping every 2 s");
    }

    @Test
    void numbersWhereStringsAreExpectedAreRead() throws Exception {
        Path path = file("ps.json", "[{\"name\": 42, \"hexstring\": \"2a\", \"port\": 5000, \"toip\": \"h\","
                + " \"tcporudp\": \"TCP\", \"fromport\": 12}]");
        assertThat(LibraryFile.readPacketSender(path).messages())
                .containsExactly(new SavedMessage("42", "Packet Sender", "2a", true, null,
                        "Packet Sender: TCP to h:5000, fromport 12."));
    }

    @Test
    void aPacketSenderFileThatIsNotAnArrayIsRefused() throws Exception {
        Path path = file("ps.json", "{\"version\": 1, \"messages\": []}");
        assertThatThrownBy(() -> LibraryFile.readPacketSender(path)).hasMessage(path + " cannot be used: it holds an "
                + "object where Packet Sender's export (a JSON array of packets) should be.");
    }
}
