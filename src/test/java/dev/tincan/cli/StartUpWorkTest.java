package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A one-shot {@code tincan send} of a plain message does none of the work it has no use
 * for. Each kind of class named here cost a send several milliseconds of its start-up when
 * it was loaded: the JDK's first stream, its date and time formatting and time-zone rules,
 * and {@code java.sql} (for converters of picocli's no option takes); and picocli itself,
 * some 60 ms, for a send {@link QuickSend} reads (the interfaces our converters and handlers
 * implement are small, and may be loaded to check the classes that name them). Each send runs as a process of its own
 * against a companion server on 127.0.0.1, with the JVM listing every class it loads: one
 * read by {@link QuickSend}, one by picocli (an empty {@code --config} file sends it there).
 */
class StartUpWorkTest {
    /** The classes each send loaded, by how it was read. */
    private static final Map<String, List<String>> LOADED = new HashMap<>();

    @BeforeAll
    static void sendOnceEachWay(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty-config"));
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0)
                .framing(Framing.parse("line")).build()).start()) {
            String port = Integer.toString(server.port());
            LOADED.put("quick", sendLoading(dir.resolve("quick.log"), "send", "127.0.0.1", port, "hello"));
            LOADED.put("picocli", sendLoading(dir.resolve("picocli.log"), "send", "--config", empty.toString(),
                    "127.0.0.1", port, "hello"));
        }
    }

    private static List<String> sendLoading(Path log, String... args) throws Exception {
        TincanProcess.Result r = TincanProcess.create().jvmOption("-Xlog:class+load=info:file=" + log).run(args);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hello\n");
        return Files.readAllLines(log);
    }

    @ParameterizedTest(name = "the {0} send loads the class that runs it, {1}")
    @CsvSource({"quick, dev.tincan.cli.QuickSend", "picocli, dev.tincan.cli.SendCommand"})
    void theLogListsTheClassesOfTheSend(String way, String runner) {
        // Every case below looks for what is not in this log: it must be the send's.
        assertThat(LOADED.get(way)).anyMatch(line -> line.contains(" " + runner + " "));
    }

    @ParameterizedTest(name = "the {0} send loads no class of {1}")
    @CsvSource({"quick, java.util.stream.", "quick, java.time.format.", "quick, java.time.zone.", "quick, java.sql.",
        "quick, picocli.CommandLine source", "quick, picocli.CommandLine$Model", "picocli, java.util.stream.", "picocli, java.time.format.", "picocli, java.time.zone.",
        "picocli, java.sql."})
    void noClassOfThisKindIsLoaded(String way, String prefix) {
        List<String> found = new ArrayList<>();
        for (String line : LOADED.get(way)) {
            if (line.contains("] " + prefix)) {
                found.add(line);
            }
        }

        // Only the lines found: the whole log is some 2 000 lines.
        assertThat(found).isEmpty();
    }
}
