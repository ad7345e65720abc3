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

    /** A port on 127.0.0.1 with nothing listening on it, as far as this machine knows. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aFirstConnectThatIsRefusedIsTriedAgainUntilTheServerIsUp() throws Exception {
        int port = freePort();
        session.setReconnect(ReconnectPolicy.builder().initialDelay(Duration.ofMillis(50))
                .maxDelay(Duration.ofMillis(200)).maxAttempts(50).build(), CEILING);
        assertThat(session.connect("127.0.0.1", port, ConnectOptions.defaults())).isNull();
        drainUntil(phase(ConnectionStatus.Phase.RECONNECTING));
        assertThat(rows).extracting(TranscriptRow::message).anyMatch(m -> m.contains("connection refused"));
        assertThat(session.send(Bytes.utf8("typed before the device was up"))).isNull();
        server = listen(port);
        Socket first = accept(server);
        drainUntil(ConnectionStatus::isConnected);
        assertThat(lines(first, 1)).containsExactly("typed before the device was up");
    }

    @Test
    void whenTheAttemptsRunOutTheStatusSaysItGaveUpAndWhy() throws Exception {
        int port = freePort();
        session.setReconnect(ReconnectPolicy.builder().initialDelay(Duration.ofMillis(50))
                .maxDelay(Duration.ofMillis(50)).maxAttempts(2).build(), CEILING);
        assertThat(session.connect("127.0.0.1", port, ConnectOptions.defaults())).isNull();
        drainUntil(phase(ConnectionStatus.Phase.RECONNECTING));
        assertThat(session.gaveUp()).as("not while attempts are left").isNull();
        drainUntil(s -> session.gaveUp() != null);
        String sentence = "gave up reconnecting to 127.0.0.1:" + port + " after 2 attempts: connection refused (is a "
                + "server listening on port " + port + "?).";
        assertThat(session.gaveUp()).isEqualTo(sentence);
        assertThat(session.status()).extracting(ConnectionStatus::phase, ConnectionStatus::sentence,
                ConnectionStatus::failed).containsExactly(ConnectionStatus.Phase.IDLE, sentence, true);
        assertThat(rows).extracting(TranscriptRow::message).last().isEqualTo(sentence);
        assertThat(session.connect("127.0.0.1", port, ConnectOptions.defaults())).isNull();
        assertThat(session.gaveUp()).as("a new connect starts afresh").isNull();
    }

    @Test
    void aFirstConnectThatCannotSucceedIsNotTriedAgain() throws Exception {
        server = listen(0);
        session.setReconnect(ReconnectPolicy.builder().initialDelay(Duration.ofMillis(50))
                .maxDelay(Duration.ofMillis(50)).build(), CEILING);
        // 192.0.2.1 (TEST-NET-1) is no address of this machine: binding to it fails here, no packet leaves.
        ConnectOptions fromElsewhere = ConnectOptions.builder()
                .localAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 0)).build();
        assertThat(session.connect("127.0.0.1", server.getLocalPort(), fromElsewhere)).isNull();
        // A reconnect would be set up while the failure is handled, before the status could read idle.
        drainUntil(s -> s.phase() == ConnectionStatus.Phase.IDLE && s.failed());
        assertThat(session.status().phase()).as("no reconnect follows a failure that trying again cannot mend")
                .isEqualTo(ConnectionStatus.Phase.IDLE);
        assertThat(rows).extracting(TranscriptRow::message).noneMatch(m -> m.startsWith("reconnecting"));
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
        // Busy: a frame every 50 ms for 1.2 s, about four heartbeat periods. A heartbeat may only come
        // between two frames when the test itself was slow enough to leave a period idle: under
        // load it can be, so each one found is checked against the times the test saw.
        int n = 24;
        long[] before = new long[n];
        long[] after = new long[n];
        List<Integer> beatBefore = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            before[i] = System.nanoTime();
            assertThat(session.send(Bytes.utf8("f" + i))).isNull();
            after[i] = System.nanoTime();
            String line;
            while ((line = lines(peer, 1).get(0)).equals("PING")) {
                beatBefore.add(i);
            }
            assertThat(line).isEqualTo("f" + i);
            session.take(1000);
            // Pacing, not synchronisation: the traffic must span several heartbeat periods.
            TimeUnit.MILLISECONDS.sleep(50);
        }
        long period = TimeUnit.MILLISECONDS.toNanos(300);
        // A heartbeat before frame i was queued after a period with nothing sent, and before frame
        // i was: so it needs i's send to end a period after frame i-2's began (the Sent of i-1 may
        // not have been seen yet when the heartbeat looked). Before frames 0 and 1 the last thing
        // sent may be the first heartbeat, whose time the test does not know: a test held up
        // that long under load sees one more there, rightly, and nothing bounds it.
        for (int i : beatBefore) {
            assertThat(i < 2 || after[i] - before[i - 2] > period)
                    .as("a heartbeat before frame %d, %d ms after frame %d was sent", i,
                            TimeUnit.NANOSECONDS.toMillis(after[i] - before[Math.max(0, i - 2)]), Math.max(0, i - 2))
                    .isTrue();
        }
        long busyStretches = java.util.stream.IntStream.range(2, n).filter(i -> after[i] - before[i - 2] <= period)
                .count();
        assertThat(busyStretches).as("most stretches were busier than a period, or this proves nothing")
                .isGreaterThan(n / 2);
        assertThat(after[n - 1] - before[0]).as("the busy stretch spans three periods at least")
                .isGreaterThan(3 * period);
        // Idle again: the heartbeat comes back.
        assertThat(lines(peer, 1)).containsExactly("PING");
    }

    /**
     * Each heartbeat's payload is made when it is due, so a counter in it counts the beats;
     * a payload that cannot be made skips its beat, and the note saying so comes once, not
     * once a beat.
     */
    @Test
    void eachHeartbeatIsMadeWhenDueAndOneThatCannotBeIsSaidOnce() throws Exception {
        server = listen(0);
        java.util.concurrent.atomic.AtomicInteger beats = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch failedThrice = new java.util.concurrent.CountDownLatch(3);
        session.setHeartbeat(() -> {
            int n = beats.incrementAndGet();
            if (n >= 3 && n <= 5) {
                failedThrice.countDown();
                throw new IllegalArgumentException("no field to fill in.");
            }
            if (n == 7) {
                // No message: said in a sentence of its own, and the beats go on.
                throw new IllegalArgumentException();
            }
            return Bytes.utf8("BEAT " + n);
        }, Duration.ofMillis(100));
        assertThat(session.connect("127.0.0.1", server.getLocalPort(), ConnectOptions.defaults())).isNull();
        Socket peer = accept(server);
        drainUntil(ConnectionStatus::isConnected);

        assertThat(lines(peer, 4)).containsExactly("BEAT 1", "BEAT 2", "BEAT 6", "BEAT 8");
        assertThat(failedThrice.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        // Beats 3 to 5 and 7 failed before beat 8 went out: every note they made is waiting now.
        session.take(1000);
        rows.addAll(session.changes().rows());
        assertThat(rows.stream().filter(r -> r.kind() == TranscriptRow.Kind.NOTE).map(TranscriptRow::message))
                .containsExactly("heartbeat not sent: no field to fill in.",
                        "heartbeat not sent: its payload could not be made.");
    }
}
