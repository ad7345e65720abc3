package dev.tincan.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.tincan.codec.Framing;
import dev.tincan.testing.Threads;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Starting, capping, failing clients and stopping, with real sockets on loopback. */
class CompanionServerLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<CompanionServer> servers = new ArrayList<>();
    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void stopEverything() throws IOException {
        for (TestClient client : clients) {
            client.close();
        }
        for (CompanionServer server : servers) {
            server.close();
        }
        assertThat(serverThreads()).as("server threads left running").isEmpty();
    }

    private CompanionServer start(ServerConfig config) throws IOException {
        CompanionServer server = new CompanionServer(config);
        servers.add(server);
        return server.start();
    }

    private TestClient connect(CompanionServer server) throws IOException {
        TestClient client = TestClient.connect(server);
        clients.add(client);
        return client;
    }

    private static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("tincan-server"))
                .sorted()
                .collect(Collectors.toList());
    }

    @Test
    void startBindsTheLoopbackAddressAndReportsThePortItGot() throws IOException {
        CompanionServer server = start(ServerConfig.builder().port(0).build());
        assertThat(server.isRunning()).isTrue();
        assertThat(server.port()).isPositive();
        assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(server.address().getPort()).isEqualTo(server.port());
        assertThat(serverThreads()).containsExactly("tincan-server-accept");
        server.close();
        assertThat(server.isRunning()).isFalse();
        server.close();
    }

    @Test
    void clientThreadsAreNamedAndCounted() throws IOException, InterruptedException {
        CompanionServer server = start(ServerConfig.builder().port(0).mode(Mode.CHAT).build());
        connect(server);
        connect(server);
        assertThat(server.awaitClientCount(2, WAIT)).isTrue();
        assertThat(server.clientCount()).isEqualTo(2);
        assertThat(serverThreads()).containsExactly("tincan-server-accept", "tincan-server-client-1",
                "tincan-server-client-2", "tincan-server-writer-1", "tincan-server-writer-2");
        clients.get(0).close();
        assertThat(server.awaitClientCount(1, WAIT)).isTrue();
    }

    @Test
    void theClientOverTheCapIsToldTheServerIsFullAndClosed() throws IOException {
        CompanionServer server = start(ServerConfig.builder().port(0).maxClients(2).build());
        TestClient first = connect(server);
        TestClient second = connect(server);
        TestClient third = connect(server);
        assertThat(third.receiveText()).isEqualTo("server full: 2 clients connected, try again later");
        third.assertClosedByServer();
        first.send("still served");
        second.send("me too");
        assertThat(first.receiveText()).isEqualTo("still served");
        assertThat(second.receiveText()).isEqualTo("me too");
        assertThat(server.clientCount()).isEqualTo(2);
    }

    @Test
    void theServerFullMessageIsFramedInTheServersFraming() throws IOException {
        CompanionServer server = start(ServerConfig.builder().port(0).maxClients(1)
                .framing(Framing.parse("len16")).build());
        connect(server);
        TestClient extra = connect(server);
        assertThat(extra.receiveText()).isEqualTo("server full: 1 client connected, try again later");
        extra.assertClosedByServer();
    }

    @Test
    void aClientSendingATooLongFrameIsDisconnectedAndOthersAreStillServed() throws IOException {
        CompanionServer server = start(ServerConfig.builder().port(0).maxFrameLength(16).build());
        TestClient good = connect(server);
        TestClient bad = connect(server);
        bad.send("short");
        assertThat(bad.receiveText()).isEqualTo("short");
        bad.sendRaw("this line is far longer than sixteen bytes\n".getBytes());
        bad.assertClosedByServer();
        good.send("fine");
        assertThat(good.receiveText()).isEqualTo("fine");
        TestClient later = connect(server);
        later.send("hello");
        assertThat(later.receiveText()).isEqualTo("hello");
    }

    @Test
    void aClientWithATooLongLengthPrefixIsDisconnected() throws IOException {
        CompanionServer server = start(ServerConfig.builder().port(0).maxFrameLength(1024)
                .framing(Framing.parse("len32")).build());
        TestClient bad = connect(server);
        bad.sendRaw(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        bad.assertClosedByServer();
        TestClient good = connect(server);
        good.send("ok");
        assertThat(good.receiveText()).isEqualTo("ok");
    }

    @Test
    void aCorruptedStreamDisconnectsTheClient() throws IOException {
        CompanionServer server = start(ServerConfig.builder().port(0).framing(Framing.parse("len64")).build());
        TestClient bad = connect(server);
        bad.sendRaw(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 1});
        bad.assertClosedByServer();
    }

    @Test
    void closeWithFiftyClientsEndsEveryThreadAndFreesThePort() throws IOException, InterruptedException {
        CompanionServer server = start(ServerConfig.builder().port(0).mode(Mode.CHAT).build());
        for (int i = 0; i < 50; i++) {
            connect(server);
        }
        assertThat(server.awaitClientCount(50, WAIT)).isTrue();
        assertThat(serverThreads()).hasSize(1 + 2 * 50);
        int port = server.port();

        long started = System.nanoTime();
        server.close();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(serverThreads()).isEmpty();
        assertThat(tookMillis).as("close took (ms)").isLessThan(1000);
        for (TestClient client : clients) {
            client.assertClosedByServer();
        }
        CompanionServer again = start(ServerConfig.builder().port(port).build());
        assertThat(again.port()).isEqualTo(port);
    }

    @Test
    void closeEndsThreadsBlockedWritingToClientsThatDoNotRead() throws IOException, InterruptedException {
        CompanionServer server = start(ServerConfig.builder().port(0).mode(Mode.FLOOD)
                .framing(Framing.parse("len32")).floodCount(1_000_000_000L).floodSize(64 * 1024).build());
        for (int i = 0; i < 10; i++) {
            clients.add(TestClient.connect(server, server.config().framing(), 4096));
        }
        assertThat(server.awaitClientCount(10, WAIT)).isTrue();

        long started = System.nanoTime();
        server.close();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(serverThreads()).isEmpty();
        assertThat(tookMillis).as("close took (ms)").isLessThan(1000);
    }

    @Test
    void closeReturnsOnlyOnceEveryClientThreadHasEnded() throws IOException, InterruptedException {
        CompanionServer server = start(ServerConfig.builder().port(0).mode(Mode.CHAT).build());
        for (int i = 0; i < 3; i++) {
            connect(server);
        }
        assertThat(server.awaitClientCount(3, WAIT)).isTrue();

        // Client threads that are slow to end, as on a slow log disk: each log line they write takes 300 ms.
        try (SlowLog slow = SlowLog.holdClientThreads(Duration.ofMillis(300))) {
            server.close();
            assertThat(serverThreads()).as("server threads alive when close() returned").isEmpty();
            assertThat(slow.held()).as("log lines held").isPositive();
        }
    }

    @Test
    void closeWaitsAtMostTwoSecondsForAThreadThatDoesNotEnd() throws IOException, InterruptedException {
        CompanionServer server = start(ServerConfig.builder().port(0).build());
        connect(server);
        assertThat(server.awaitClientCount(1, WAIT)).isTrue();

        long tookMillis;
        try (SlowLog slow = SlowLog.holdClientThreads(Duration.ofSeconds(30))) {
            long started = System.nanoTime();
            server.close();
            tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(slow.held()).as("log lines held").isPositive();
        }
        assertThat(tookMillis).as("close took (ms)").isBetween(1900L, 4000L);
        Threads.assertNoneLeft("tincan-server");
    }

    /**
     * Holds every log line that a server client thread writes through {@link ClientConnection}'s
     * logger, at any level, for up to a given time or until closed; closing also puts the
     * logger back as it was.
     */
    private static final class SlowLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
        private final Logger logger = (Logger) LoggerFactory.getLogger(ClientConnection.class);
        private final Level levelBefore = logger.getLevel();
        private final CountDownLatch release = new CountDownLatch(1);
        private final Duration hold;
        private final AtomicInteger held = new AtomicInteger();

        private SlowLog(Duration hold) {
            this.hold = hold;
        }

        static SlowLog holdClientThreads(Duration hold) {
            SlowLog slow = new SlowLog(hold);
            slow.setContext(slow.logger.getLoggerContext());
            slow.start();
            slow.logger.addAppender(slow);
            slow.logger.setLevel(Level.TRACE);
            return slow;
        }

        int held() {
            return held.get();
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (!Thread.currentThread().getName().startsWith("tincan-server-client-")) {
                return;
            }
            held.incrementAndGet();
            try {
                release.await(hold.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            release.countDown();
            logger.detachAppender(this);
            logger.setLevel(levelBefore);
            stop();
        }
    }

    @Test
    void aSecondServerOnTheSamePortFailsWithOneSentence() throws IOException {
        CompanionServer first = start(ServerConfig.builder().port(0).build());
        CompanionServer second = new CompanionServer(ServerConfig.builder().port(first.port()).build());
        servers.add(second);
        assertThatThrownBy(second::start)
                .isInstanceOf(IOException.class)
                .hasMessage("port " + first.port() + " on 127.0.0.1 is already in use: stop the other server or "
                        + "pick another port with --port.");
        assertThat(second.isRunning()).isFalse();
        TestClient client = connect(first);
        client.send("first still runs");
        assertThat(client.receiveText()).isEqualTo("first still runs");
    }

    @Test
    void anAddressThatIsNotThisMachinesFailsWithOneSentence() throws IOException {
        // 192.0.2.1 is reserved for documentation (RFC 5737): no machine has it, so the bind fails locally.
        CompanionServer server = new CompanionServer(ServerConfig.builder().port(0)
                .bind(InetAddress.getByName("192.0.2.1")).build());
        servers.add(server);
        assertThatThrownBy(server::start)
                .isInstanceOf(IOException.class)
                .hasMessage("cannot listen on 192.0.2.1: it is not an address of this machine, pick another with "
                        + "--bind.");
    }

    @Test
    void aServerStartsOnlyOnce() throws IOException {
        CompanionServer server = start(ServerConfig.builder().port(0).build());
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("the server is already started.");
        server.close();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("the server is closed: make a new one to start again.");
    }

    @Test
    void aServerThatNeverStartedHasNoPortAndClosesQuietly() {
        CompanionServer server = new CompanionServer(ServerConfig.defaults());
        assertThat(server.isRunning()).isFalse();
        assertThat(server.clientCount()).isZero();
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        server.close();
    }
}
