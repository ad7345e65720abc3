package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.testing.Threads;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A smoke run of {@code tincan bench}: every pattern, through the engine and the raw
 * baseline, for a fraction of a second. It checks the output's shape, not the speed.
 */
class BenchCommandTest {

    @AfterEach
    void noThreadIsLeft() {
        Threads.assertNoneLeft("tincan-client");
        Threads.assertNoneLeft("tincan-reader");
        Threads.assertNoneLeft("tincan-bench");
        Threads.assertNoneLeft("tincan-server");
    }

    @Test
    void benchesEveryPatternAgainstAnInProcessEchoServerAndPrintsRatios() {
        CliRun.Result run = CliRun.run("bench", "--duration", "300ms", "--warmup", "50ms", "--rounds", "2",
                "--baseline", "--size", "4KiB");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).startsWith("tincan bench: echo server in this process on 127.0.0.1:");
        assertThat(lines).filteredOn(l -> l.startsWith("result ")).hasSize(6)
                .anySatisfy(l -> assertThat(l).matches("result pattern=pingpong impl=engine rt_per_s=\\d+ p50_us=[\\d.]+ "
                        + "p99_us=[\\d.]+ max_us=[\\d.]+ spread_pct=[\\d.]+ cpu_us=[\\d.]+ cpu_cores=[\\d.]+ frames=\\d+ "
                        + "close_ms=[\\d.]+"))
                .anySatisfy(l -> assertThat(l).matches("result pattern=pipeline impl=raw frames_per_s=\\d+ .*"))
                .anySatisfy(l -> assertThat(l).matches("result pattern=bulk impl=engine mb_per_s=\\d+ .*"));
        assertThat(lines.get(lines.size() - 2))
                .matches("ratio pingpong=[\\d.]+ pingpong_p99=[\\d.]+ pipeline=[\\d.]+ bulk=[\\d.]+");
        assertThat(lines.get(lines.size() - 1)).matches("cpu_ratio pingpong=[\\d.]+ pipeline=[\\d.]+ bulk=[\\d.]+");
    }

    @Test
    void runsTheEngineThroughBothQueueKindsInOneRunAndPrintsTheirRatio() {
        CliRun.Result run = CliRun.run("bench", "--duration", "200ms", "--warmup", "50ms", "--rounds", "2",
                "--pattern", "pingpong,pipeline", "--queue", "batch,array");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines).filteredOn(l -> l.startsWith("result ")).extracting(l -> l.split(" ")[1] + " " + l.split(" ")[2])
                .containsExactly("pattern=pingpong impl=engine", "pattern=pingpong impl=engine-array",
                        "pattern=pipeline impl=engine", "pattern=pipeline impl=engine-array");
        assertThat(lines.get(lines.size() - 1)).matches("queue_ratio pingpong=[\\d.]+ pipeline=[\\d.]+");
    }

    @Test
    void anUnknownQueueKindIsBadUsage() {
        CliRun.Result run = CliRun.run("bench", "--queue", "linked");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errFirstLine()).isEqualTo("error: --queue: unknown queue \"linked\": use batch or array.");
    }

    @Test
    void benchesAGivenServerInTheGivenFraming() throws Exception {
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            CliRun.Result run = CliRun.run("bench", "127.0.0.1", String.valueOf(server.port()), "--framing", "line",
                    "--pattern", "pipeline", "--count", "2000", "--warmup", "10ms", "--rounds", "2");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.outLines().get(0)).isEqualTo("tincan bench: server 127.0.0.1:" + server.port()
                    + ", line framing, 1 connection, 2 rounds after 10 ms warm-up per run");
            assertThat(run.outLines()).filteredOn(l -> l.startsWith("result "))
                    .singleElement().asString().startsWith("result pattern=pipeline impl=engine frames_per_s=")
                    .contains(" frames=2000 ");
        }
    }

    @Test
    void aRefusedServerIsOneErrorLine() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CliRun.Result run = CliRun.run("bench", "127.0.0.1", String.valueOf(port), "--duration", "100ms");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errFirstLine()).isEqualTo("error: the benchmark failed: connect to 127.0.0.1:" + port
                + " failed: connection refused (is a server listening on port " + port + "?).");
    }

    @Test
    void benchGuiFloodsTheRealWindowAndCountsEveryFrame() {
        Assumptions.assumeFalse(java.awt.GraphicsEnvironment.isHeadless(),
                "no display: bench gui opens the window (run under xvfb-run -a mvn verify)");
        CliRun.Result run = CliRun.run("bench", "gui", "--rate", "5000", "--seconds", "1", "--warmup", "200ms");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // 200 ms of warm-up adds 1,000 frames to the 5,000 measured.
        assertThat(run.outLines()).last().asString().matches("result pattern=gui fps=[\\d.]+ probe_p50_ms=[\\d.]+ "
                + "probe_p99_ms=[\\d.]+ probe_max_ms=\\d+ heap_mb=\\d+ sent=6000 received=6000 first_window_ms=-?\\d+ "
                + "warmup_probe_max_ms=\\d+");
        assertThat(run.out()).contains("warm-up: 1,000 frames", "measured ");
    }

    @Test
    void benchGuiRelaySaysHowTheFloodsWerePacedAndWhatTheTabShowedOfThem() {
        Assumptions.assumeFalse(java.awt.GraphicsEnvironment.isHeadless(),
                "no display: bench gui opens the window (run under xvfb-run -a mvn verify)");
        CliRun.Result run = CliRun.run("bench", "gui", "--relay", "5", "--rate", "5000", "--seconds", "1", "--warmup",
                "200ms");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // 5 clients at 1,000 frames/s each for 1.2 s and 2 s of reserve: 3,200 frames each.
        assertThat(run.outLines()).last().asString().matches("result pattern=gui-relay clients=5 fps=[\\d.]+ "
                + "probe_p50_ms=[\\d.]+ probe_p99_ms=[\\d.]+ probe_max_ms=\\d+ sent=16000 received=16000 "
                + "events_per_s=\\d+ frames_per_s=\\d+ rows_per_s=\\d+ table_paints_per_s=[\\d.]+ "
                + "links_open_s=[\\d.]+");
        assertThat(run.out()).contains("flood: one server thread paces every client in rounds of 2 ms; the 5 floods "
                + "began together once all 5 links were open", "5 links open; clients received 16,000 of 16,000",
                "for 5,000 asked", "shown: the tab took ");
    }
}
