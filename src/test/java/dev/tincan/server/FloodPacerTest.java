package dev.tincan.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Framing;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Paced floods over plain TCP are written by the server's one pacer thread: every client
 * gets its frames in order at the asked rate, and a client that does not read holds up nobody.
 */
class FloodPacerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final List<TestClient> clients = new ArrayList<>();
    private CompanionServer server;

    @AfterEach
    void stop() throws IOException {
        for (TestClient c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static long pacerThreads(CompanionServer server) {
        String name = "tincan-server-flood-" + server.port();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
                .count();
    }

    @Test
    @Timeout(20)
    void oneThreadPacesTwentyClientsAtTheAskedTotalRateEveryFrameInOrder() throws IOException, InterruptedException {
        int n = 20;
        long rate = 1000;
        long count = 500;
        server = new CompanionServer(ServerConfig.builder().port(0).mode(Mode.FLOOD).framing(Framing.parse("line"))
                .maxClients(n).floodCount(count).floodSize(16).floodRate(rate).build()).start();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            clients.add(TestClient.connect(server));
        }
        assertThat(server.awaitClientCount(n, WAIT)).isTrue();

        long halfway = 0;
        for (long i = 1; i <= count; i++) {
            assertThat(clients.get(0).receive()).isEqualTo(FloodFrames.payload(i, 16));
            if (i == count / 2) {
                halfway = System.nanoTime() - start;
            }
        }
        assertThat(pacerThreads(server)).as("pacer threads while floods are under way").isEqualTo(1);
        for (TestClient c : clients.subList(1, n)) {
            for (long i = 1; i <= count; i++) {
                assertThat(c.receive()).isEqualTo(FloodFrames.payload(i, 16));
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        double totalRate = n * count / (millis / 1e3);

        // 500 frames at 1000 frames/s take 0.5 s; frame 250 is due at 250 ms, written at most a tick early.
        assertThat(TimeUnit.NANOSECONDS.toMillis(halfway)).as("ms to the 250th frame").isGreaterThanOrEqualTo(240);
        assertThat(millis).as("ms for %d clients' floods of %d frames at %d frames/s", n, count, rate)
                .isBetween(490L, 1500L);
        assertThat(totalRate).as("frames/s in all, asked %d", n * rate).isBetween(n * rate / 3.0, n * rate * 1.05);
        for (TestClient c : clients) {
            c.send("after the flood");
            assertThat(c.receiveText()).isEqualTo("after the flood");
        }
    }

    @Test
    @Timeout(20)
    void aClientThatDoesNotReadHoldsUpNoOtherFloodAndLaterGetsAllOfItsOwn() throws IOException, InterruptedException {
        // 300 frames of 64 KiB at 1000 frames/s: 19 MiB, far more than a socket holds, in 0.3 s.
        int size = 64 * 1024;
        long count = 300;
        server = new CompanionServer(ServerConfig.builder().port(0).mode(Mode.FLOOD).framing(Framing.parse("len32"))
                .floodCount(count).floodSize(size).floodRate(1000).build()).start();
        TestClient stuck = TestClient.connect(server, server.config().framing(), 4096);
        clients.add(stuck);
        TestClient reader = TestClient.connect(server);
        clients.add(reader);
        assertThat(server.awaitClientCount(2, WAIT)).isTrue();
        long start = System.nanoTime();

        for (long i = 1; i <= count; i++) {
            assertThat(reader.receive()).isEqualTo(FloodFrames.payload(i, size));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(millis).as("ms for the reading client's flood, beside one that reads nothing").isLessThan(3000);

        for (long i = 1; i <= count; i++) {
            assertThat(stuck.receive()).isEqualTo(FloodFrames.payload(i, size));
        }
        stuck.send("after the flood");
        assertThat(stuck.receiveText()).isEqualTo("after the flood");
    }

    @Test
    @Timeout(20)
    void floodsHeldTogetherBeginOnlyOnceTheLastClientConnectsThenOnOneClock() throws IOException,
            InterruptedException {
        long count = 200;
        server = new CompanionServer(ServerConfig.builder().port(0).mode(Mode.FLOOD).framing(Framing.parse("line"))
                .floodCount(count).floodSize(16).floodRate(1000).build()).floodTogether(3).start();
        clients.add(TestClient.connect(server));
        clients.add(TestClient.connect(server));
        assertThat(server.awaitClientCount(2, WAIT)).isTrue();
        assertThat(clients.get(0).quietFor(300)).as("nothing flooded with 2 of 3 clients connected").isTrue();

        long third = System.nanoTime();
        clients.add(TestClient.connect(server));
        for (TestClient c : clients) {
            for (long i = 1; i <= count; i++) {
                assertThat(c.receive()).isEqualTo(FloodFrames.payload(i, 16));
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - third);
        // 200 frames at 1000 frames/s: from the third client's connect, not from the first's, 0.2 s at least.
        assertThat(millis).as("ms from the last connect to every flood's end").isBetween(190L, 1500L);

        // A client after the first three is flooded at once.
        try (TestClient late = TestClient.connect(server)) {
            assertThat(late.receive()).isEqualTo(FloodFrames.payload(1, 16));
        }
    }

    @Test
    void floodTogetherIsSetBeforeTheServerStartsAndWithinItsClients() throws IOException {
        CompanionServer s = new CompanionServer(ServerConfig.builder().port(0).maxClients(4).build());
        assertThatThrownBy(() -> s.floodTogether(5)).hasMessage("flood together 5 is out of range: use 1 to 4, the "
                + "most clients the server holds.");
        server = s.start();
        assertThatThrownBy(() -> s.floodTogether(2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Timeout(20)
    void closeEndsAPacedFloodBlockedOnAClientThatDoesNotRead() throws IOException, InterruptedException {
        server = new CompanionServer(ServerConfig.builder().port(0).mode(Mode.FLOOD).framing(Framing.parse("len32"))
                .floodCount(1_000_000_000L).floodSize(64 * 1024).floodRate(1_000_000).maxClients(10).build()).start();
        for (int i = 0; i < 10; i++) {
            clients.add(TestClient.connect(server, server.config().framing(), 4096));
        }
        assertThat(server.awaitClientCount(10, WAIT)).isTrue();
        int port = server.port();

        long started = System.nanoTime();
        server.close();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("tincan-server-")
                        && (t.getName().endsWith("-" + port) || t.getName().startsWith("tincan-server-client-")))
                .map(Thread::getName)).isEmpty();
        assertThat(tookMillis).as("close took (ms)").isLessThan(1000);
    }
}
