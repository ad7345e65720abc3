package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A one-shot {@code tincan send} of a plain message does none of the work it has no use
 * for. Each kind of class named here cost a send several milliseconds of its start-up when
 * it was loaded: the JDK's first stream, its date and time formatting and time-zone rules,
 * and {@code java.sql} (for converters of picocli's no option takes). The send runs as a
 * process of its own against a companion server on 127.0.0.1, with the JVM listing every
 * class it loads.
 */
class StartUpWorkTest {
    private static List<String> loaded;

    @BeforeAll
    static void sendOnce(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0)
                .framing(Framing.parse("line")).build()).start()) {
            TincanProcess.Result r = TincanProcess.create()
                    .jvmOption("-Xlog:class+load=info:file=" + log)
                    .run("send", "127.0.0.1", Integer.toString(server.port()), "hello");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("hello\n");
        }
        loaded = Files.readAllLines(log);
        // Every case below looks for what is not in this log: it must be the send's.
        assertThat(loaded).as("the classes the send loaded")
                .anyMatch(line -> line.contains(" dev.tincan.cli.SendCommand "));
    }

    @Test
    void theLogListsTheClassesOfTheSend() {
        assertThat(loaded).anyMatch(line -> line.contains(" dev.tincan.cli.SendCommand "));
    }

    @ParameterizedTest(name = "no class of {0} is loaded")
    @ValueSource(strings = {"java.util.stream.", "java.time.format.", "java.time.zone.", "java.sql."})
    void noClassOfThisKindIsLoaded(String prefix) {
        List<String> found = new ArrayList<>();
        for (String line : loaded) {
            if (line.contains("] " + prefix)) {
                found.add(line);
            }
        }

        // Only the lines found: the whole log is some 2 000 lines.
        assertThat(found).isEmpty();
    }
}
