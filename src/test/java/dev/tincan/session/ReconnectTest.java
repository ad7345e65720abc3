package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reconnecting after the server went away, over real sockets on 127.0.0.1: the server
 * restarts on the same port, sends made meanwhile go out in order or are counted as
 * dropped, a disconnect cancels the wait, and the waits grow and are jittered within bounds.
 */
@Timeout(30)
class ReconnectTest {
    private static final long WAIT_MILLIS = 5000;
    /** Always draws the ceiling: the longest wait each attempt may have. */
    private static final RandomGenerator CEILING = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private final Session session = new Session();
    private final List<TranscriptRow> rows = new ArrayList<>();
    private final List<Socket> accepted = new ArrayList<>();
    private ServerSocket server;

    ReconnectTest() {
        session.start();
    }

    @AfterEach
    void shutDown() throws Exception {
        session.shutdown();
        assertThat(session.awaitStopped(2000)).as("the client thread ends").isTrue();
        for (Socket s : accepted) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4);
        return s;
    }

    private Socket accept(ServerSocket s) throws IOException {
        s.setSoTimeout((int) WAIT_MILLIS);
        Socket socket = s.accept();
        accepted.add(socket);
        return socket;
    }

    /** Drains until {@code done} holds for the status, failing loudly after a few seconds. */
    private void drainUntil(Predicate<ConnectionStatus> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        rows.addAll(session.changes().rows());
        while (!done.test(session.status())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("the status never got there; it is " + session.status() + "; rows: " + rows);
            }
            session.take(1000, TimeUnit.NANOSECONDS.toMillis(left) + 1);
            rows.addAll(session.changes().rows());
        }
    }

    private static Predicate<ConnectionStatus> phase(ConnectionStatus.Phase p) {
        return s -> s.phase() == p;
    }

    /** Connects to a fresh server, then that server closes the connection and stops listening. */
    private int connectThenServerStops(ReconnectPolicy policy, RandomGenerator random) throws Exception {
        server = listen(0);
        int port = server.getLocalPort();
        session.setReconnect(policy, random);
        assertThat(session.connect("127.0.0.1", port, ConnectOptions.defaults())).isNull();
        Socket first = accept(server);
        drainUntil(ConnectionStatus::isConnected);
        server.close();
        server = null;
        first.close();
        drainUntil(phase(ConnectionStatus.Phase.RECONNECTING));
        return port;
    }

    private static List<String> lines(Socket s, int n) throws IOException {
        s.setSoTimeout((int) WAIT_MILLIS);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(in.readLine());
        }
        return got;
    }

    @Test
    void theWaitsGrowByTheFactorUpToTheMaximumAndAreJitteredBelowTheirCeiling() {
        ReconnectPolicy p = ReconnectPolicy.defaults();
        List<Long> ceilings = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            ceilings.add(p.ceiling(n).toMillis());
        }
        assertThat(ceilings).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L);
        Random random = new Random(7);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 1000; i++) {
            long d = p.delay(4, random).toMillis();
            assertThat(d).isBetween(0L, 4000L);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        // Full jitter: the draws spread over the whole range, not bunched at the ceiling.
        assertThat(min).isLessThan(400);
        assertThat(max).isGreaterThan(3600);
        assertThat(p.delay(4, CEILING).toMillis()).isEqualTo(4000);
    }

    @Test
    void badValuesAreRefusedWithASentence() {
        assertThatThrownBy(() -> ReconnectPolicy.builder().initialDelay(Duration.ZERO).build())
                .hasMessage("reconnect delay 0 ms is not positive: use e.g. 500ms.");
        assertThatThrownBy(() -> ReconnectPolicy.builder().factor(0.5).build())
                .hasMessage("reconnect backoff factor 0.5 is out of range: use 1 or more, e.g. 2.");
        assertThatThrownBy(() -> ReconnectPolicy.builder().maxAttempts(-1).build())
                .hasMessage("reconnect attempts -1 is negative: use 0 for no limit, or e.g. 10.");
        assertThatThrownBy(() -> ReconnectPolicy.builder().maxDelay(Duration.ofMillis(100)).build())
                .hasMessage("longest reconnect delay 100 ms is shorter than the first (500 ms): use e.g. 30s.");
    }

    @Test
    void reconnectsToAServerRestartedOnTheSamePortAndSendsWhatWasTypedMeanwhileInOrder() throws Exception {
        int port = connectThenServerStops(ReconnectPolicy.builder().initialDelay(Duration.ofMillis(50))
                .maxDelay(Duration.ofMillis(200)).maxAttempts(50).build(), CEILING);
        assertThat(session.status().sentence()).isEqualTo("reconnecting in 50 ms, attempt 1 of 50");
        for (String s : List.of("one", "two", "three")) {
            assertThat(session.send(Bytes.utf8(s))).as("a send while reconnecting is queued").isNull();
        }
        server = listen(port);
        Socket second = accept(server);
        drainUntil(ConnectionStatus::isConnected);
        assertThat(lines(second, 3)).containsExactly("one", "two", "three");
        assertThat(session.send(Bytes.utf8("four"))).isNull();
        assertThat(lines(second, 1)).containsExactly("four");
        session.take(1000, 100);
        rows.addAll(session.changes().rows());
        assertThat(rows).extracting(TranscriptRow::message).contains("3 frames typed while disconnected were sent.");
    }

    @Test
    void withoutReplayTheFramesTypedMeanwhileAreDroppedAndCounted() throws Exception {
        int port = connectThenServerStops(ReconnectPolicy.builder().initialDelay(Duration.ofMillis(50))
                .maxDelay(Duration.ofMillis(200)).replayQueued(false).build(), CEILING);
        assertThat(session.send(Bytes.utf8("lost 1"))).isNull();
        assertThat(session.send(Bytes.utf8("lost 2"))).isNull();
        server = listen(port);
        Socket second = accept(server);
        drainUntil(ConnectionStatus::isConnected);
        assertThat(session.send(Bytes.utf8("after"))).isNull();
        assertThat(lines(second, 1)).containsExactly("after");
        assertThat(rows).extracting(TranscriptRow::message).contains("2 frames typed while disconnected were dropped.");
    }

    @Test
    void disconnectCancelsTheWaitingReconnect() throws Exception {
        int port = connectThenServerStops(ReconnectPolicy.builder().initialDelay(Duration.ofMillis(300))
                .maxDelay(Duration.ofMillis(300)).build(), CEILING);
        assertThat(session.disconnect()).isNull();
        assertThat(session.status().phase()).isEqualTo(ConnectionStatus.Phase.IDLE);
        assertThat(session.status().sentence()).isEqualTo("reconnecting to 127.0.0.1:" + port + " cancelled.");
        server = listen(port);
        server.setSoTimeout(1500);
        // Five times the wait: a reconnect that was not cancelled would have come.
        assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void aHeartbeatGoesOutWhileIdleAndNotWhileBusy() throws Exception {
        server = listen(0);
        session.setHeartbeat(Bytes.utf8("PING"), Duration.ofMillis(300));
        assertThat(session.connect("127.0.0.1", server.getLocalPort(), ConnectOptions.defaults())).isNull();
        Socket peer = accept(server);
        drainUntil(ConnectionStatus::isConnected);
        // Idle: the heartbeat comes.
        assertThat(lines(peer, 1)).containsExactly("PING");
        // Busy: a frame every 50 ms for 1.2 s, four heartbeat periods; no heartbeat among them.
        List<String> busy = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 24; i++) {
            assertThat(session.send(Bytes.utf8("f" + i))).isNull();
            busy.addAll(lines(peer, 1));
            session.take(1000);
            // Pacing, not synchronisation: the traffic must span several heartbeat periods.
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(System.nanoTime() - start).as("the busy stretch spans four periods")
                .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1200));
        assertThat(busy).doesNotContain("PING").hasSize(24);
        // Idle again: the heartbeat comes back.
        assertThat(lines(peer, 1)).containsExactly("PING");
    }
}
