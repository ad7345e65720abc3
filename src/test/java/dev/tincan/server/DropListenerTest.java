package dev.tincan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server tells its {@link DropListener} of each client it drops, and of no other. */
class DropListenerTest {
    private final BlockingQueue<String> drops = new LinkedBlockingQueue<>();
    private CompanionServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private CompanionServer start(ServerConfig config) throws Exception {
        server = new CompanionServer(config.toBuilder().port(0).build(),
                (InetSocketAddress client, String why) -> drops.add(client.getAddress().getHostAddress() + " " + why))
                .start();
        return server;
    }

    private String nextDrop() throws InterruptedException {
        String drop = drops.poll(TestClient.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(drop).as("a drop within " + TestClient.TIMEOUT_MILLIS + " ms").isNotNull();
        return drop;
    }

    @Test
    void aFrameTooLongIsADropWithTheDecodersSentence() throws Exception {
        start(ServerConfig.builder().maxFrameLength(8).build());
        try (TestClient client = TestClient.connect(server)) {
            client.sendRaw("0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII));
            client.assertClosedByServer();
        }
        assertThat(nextDrop()).startsWith("127.0.0.1 frame too long: ").endsWith("over the max frame length of 8 bytes.");
    }

    /** The server stops at the frame too long: frames after it in the same read get no answer. */
    @Test
    void noFrameAfterATooLongOneIsAnswered() throws Exception {
        start(ServerConfig.builder().maxFrameLength(8).build());
        try (TestClient client = TestClient.connect(server)) {
            client.sendRaw("ok\n0123456789abcdef\nlater\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.receiveText()).isEqualTo("ok");
            assertThat(client.restUntilClosed()).as("what came after the echo of ok").isEmpty();
        }
        assertThat(nextDrop()).startsWith("127.0.0.1 frame too long: ");
    }

    @Test
    void aClientTurnedAwayBecauseTheServerIsFullIsADrop() throws Exception {
        start(ServerConfig.builder().maxClients(1).build());
        try (TestClient first = TestClient.connect(server)) {
            assertThat(server.awaitClientCount(1, Duration.ofSeconds(5))).isTrue();
            try (TestClient second = TestClient.connect(server)) {
                second.receiveText();
            }
            assertThat(nextDrop()).isEqualTo("127.0.0.1 turned away: the server is full with 1 client.");
            first.send("still served");
            assertThat(first.receiveText()).isEqualTo("still served");
        }
    }

    @Test
    void aClientThatClosesOrAServerThatStopsIsNoDrop() throws Exception {
        start(ServerConfig.defaults());
        try (TestClient leaving = TestClient.connect(server); TestClient staying = TestClient.connect(server)) {
            leaving.send("bye");
            assertThat(leaving.receiveText()).isEqualTo("bye");
            leaving.shutdownOutput();
            leaving.assertClosedByServer();
            staying.send("hi");
            assertThat(staying.receiveText()).isEqualTo("hi");
            server.close();
            staying.assertClosedByServer();
        }
        assertThat(server.awaitClientCount(0, Duration.ofSeconds(5))).isTrue();
        assertThat(drops).isEmpty();
    }
}
