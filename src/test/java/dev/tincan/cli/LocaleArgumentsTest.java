package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Messages typed as arguments under a locale whose character set is not UTF-8 ({@code C},
 * {@code POSIX}): the JVM decodes the arguments with that character set and gets U+FFFD
 * for every byte above 127. Tincan sends the bytes that were typed, or refuses with a
 * sentence, and never sends U+FFFD in their place.
 */
class LocaleArgumentsTest {
    private CompanionServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private String echo() throws Exception {
        server = new CompanionServer(ServerConfig.builder().port(0).build()).start();
        return Integer.toString(server.port());
    }

    @Test
    void underTheCLocaleTheBytesTypedAreSent() throws Exception {
        String port = echo();

        TincanProcess.Result r = TincanProcess.create().locale("C")
                .run("send", "--out", "hex", "127.0.0.1", port, "h\u00e9llo", "\u4f60\u597d");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("68c3a96c6c6f", "e4bda0e5a5bd");
    }

    @Test
    void underThePosixLocaleTheBytesTypedAreSentAndPrinted() throws Exception {
        String port = echo();

        TincanProcess.Result r = TincanProcess.create().locale("POSIX").run("send", "127.0.0.1", port, "h\u00e9llo");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().getBytes(StandardCharsets.UTF_8))
                .startsWith("h\u00e9llo".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithASentence() throws Exception {
        String port = echo();

        // A Latin-1 "é" (one byte, 0xe9), typed in a terminal that is not UTF-8.
        TincanProcess.Result r = TincanProcess.create().locale("C").viaShell("\"$(printf 'h\\351llo')\"")
                .run("send", "127.0.0.1", port);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).first().asString().isEqualTo("error: message 1 \"h\ufffdllo\" has a character that "
                + "could not be read in this locale's character set (US-ASCII): give the message as hex with "
                + "--hex, or on standard input, which is read as UTF-8.");
    }

    @Test
    void aReplacementCharacterInAnArgumentIsRefusedRatherThanSent() throws Exception {
        String port = echo();

        CliRun.Result r = CliRun.run("send", "127.0.0.1", port, "ok", "h\ufffdllo");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).startsWith("error: message 2 \"h\ufffdllo\" has a character that could not be "
                + "read in this locale's character set (");
    }

    @Test
    void argumentsAreReadAgainOnlyFromACommandLineThatEndsWithThem() {
        byte[] cmdline = "java\0-cp\0t.jar\0dev.tincan.Tincan\0send\0h\u00e9llo\0".getBytes(StandardCharsets.UTF_8);
        String[] decoded = {"send", "h\ufffd\ufffdllo"};

        assertThat(Arguments.asTyped(decoded, cmdline, StandardCharsets.US_ASCII)).containsExactly("send", "h\u00e9llo");
        assertThat(Arguments.asTyped(new String[] {"sned", "h\ufffd\ufffdllo"}, cmdline, StandardCharsets.US_ASCII))
                .containsExactly("sned", "h\ufffd\ufffdllo");
        assertThat(Arguments.asTyped(new String[] {"h\ufffdllo"}, cmdline, StandardCharsets.US_ASCII))
                .containsExactly("h\ufffdllo");
    }
}
