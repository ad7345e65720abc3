package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tincan.codec.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * Fuzz targets for the library's formats: library files, Packet Sender exports and
 * placeholders. Properties: a bad file gives nothing but {@link LibraryFileException} with
 * one line that ends in a full stop; a file that is read writes back and reads again the
 * same; a Packet Sender import skips with a reason rather than failing per item; a payload
 * with placeholders raises nothing but {@link IllegalArgumentException}, one line.
 *
 * <p>Plain test runs replay the inputs under
 * {@code src/test/resources/dev/tincan/session/LibraryFuzzTestInputs/<method>/}; set
 * {@code JAZZER_FUZZ=1} to fuzz.
 */
class LibraryFuzzTest {
    private static Path scratch(byte[] input) {
        try {
            Path dir = Files.createTempDirectory("tincan-fuzz");
            dir.toFile().deleteOnExit();
            Path file = Files.write(dir.resolve("in.json"), input);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void libraryFile(byte[] input) throws Exception {
        Path file = scratch(input);
        try {
            Library lib;
            try {
                lib = LibraryFile.read(file);
            } catch (LibraryFileException e) {
                assertOneLine(e.getMessage());
                return;
            }
            LibraryFile.write(file, lib);
            Library back = LibraryFile.read(file);
            assertThat(back.messages()).isEqualTo(lib.messages());
            assertThat(back.sequences()).isEqualTo(lib.sequences());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void packetSender(byte[] input) throws Exception {
        Path file = scratch(input);
        try {
            LibraryFile.Import found;
            try {
                found = LibraryFile.readPacketSender(file);
            } catch (LibraryFileException e) {
                assertOneLine(e.getMessage());
                return;
            }
            for (SavedMessage m : found.messages()) {
                assertThat(m.hex()).isTrue();
                Library.check(m);
            }
            found.skipped().forEach(reason -> assertThat(reason).isNotBlank());
            assertOneLine(LibraryFile.merge(new Library(), found, file));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void placeholders(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Placeholders.Context context = new Placeholders.Context(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                new Random(1));
        context.received(Bytes.utf8("id=42 token=cafe"));
        for (boolean hex : new boolean[] {false, true}) {
            try {
                Placeholders.Template t = Placeholders.parse(text, hex);
                Bytes once = t.expand(context);
                if (!t.hasPlaceholders()) {
                    assertThat(t.expand(context)).isEqualTo(once);
                }
            } catch (IllegalArgumentException e) {
                assertOneLine(e.getMessage());
            }
        }
    }

    private static void assertOneLine(String sentence) {
        assertThat(sentence).isNotBlank().endsWith(".");
        assertThat(sentence.chars()).as(sentence).noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
