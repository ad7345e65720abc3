package dev.tincan.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chat mode: each frame goes to every other client, and a stuck client holds nobody up for long. */
class CompanionServerChatTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private CompanionServer server;
    private final List<TestClient> clients = new ArrayList<>();

    @AfterEach
    void stopEverything() throws IOException {
        for (TestClient client : clients) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(String framing) throws IOException {
        server = new CompanionServer(ServerConfig.builder().port(0).mode(Mode.CHAT)
                .framing(Framing.parse(framing)).build()).start();
    }

    private TestClient connect() throws IOException {
        TestClient client = TestClient.connect(server);
        clients.add(client);
        return client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "nul", "len32le", "len8", "fixed:5"})
    void eachFrameGoesToEveryOtherClientAndNotBackToItsSender(String framing)
            throws IOException, InterruptedException {
        start(framing);
        TestClient alice = connect();
        TestClient bob = connect();
        TestClient carol = connect();
        assertThat(server.awaitClientCount(3, WAIT)).isTrue();

        alice.send("hi-bc");
        assertThat(bob.receiveText()).isEqualTo("hi-bc");
        assertThat(carol.receiveText()).isEqualTo("hi-bc");
        bob.send("hey-a");
        assertThat(alice.receiveText()).isEqualTo("hey-a");
        assertThat(carol.receiveText()).isEqualTo("hey-a");
        // Had alice got her own frame back, it would arrive before carol's.
        carol.send("yo-ab");
        assertThat(alice.receiveText()).isEqualTo("yo-ab");
        assertThat(bob.receiveText()).isEqualTo("yo-ab");
    }

    @Test
    void aClientThatLeftGetsNothingAndTheOthersGoOn() throws IOException, InterruptedException {
        start("line");
        TestClient alice = connect();
        TestClient bob = connect();
        TestClient carol = connect();
        assertThat(server.awaitClientCount(3, WAIT)).isTrue();
        carol.close();
        assertThat(server.awaitClientCount(2, WAIT)).isTrue();
        alice.send("still here?");
        assertThat(bob.receiveText()).isEqualTo("still here?");
    }

    @Test
    void aClientThatStopsReadingIsDroppedAndTheOthersGetEverythingInOrder() throws Exception {
        start("len32");
        TestClient sender = connect();
        TestClient reader = connect();
        TestClient stuck = TestClient.connect(server, server.config().framing(), 4096);
        clients.add(stuck);
        assertThat(server.awaitClientCount(3, WAIT)).isTrue();

        int frames = 400;
        int size = 64 * 1024;
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < frames; i++) {
                    sender.send(ByteBuffer.allocate(size).putInt(0, i).array());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        for (int i = 0; i < frames; i++) {
            byte[] frame = reader.receive();
            assertThat(frame).hasSize(size);
            assertThat(ByteBuffer.wrap(frame).getInt(0)).isEqualTo(i);
        }
        sending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(server.awaitClientCount(2, WAIT)).isTrue();
        stuck.assertClosedByServer();
    }

    @Test
    void closeWhileOneClientFloodsAStuckOneEndsEveryThreadAtOnce()
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        start("len32");
        TestClient sender = connect();
        TestClient stuck = TestClient.connect(server, server.config().framing(), 4096);
        clients.add(stuck);
        assertThat(server.awaitClientCount(2, WAIT)).isTrue();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 400; i++) {
                    sender.send(new byte[64 * 1024]);
                }
            } catch (IOException expected) {
                // the server closes the connection under the sender
            }
        });
        // The flood is under way once the stuck client's socket and outbox are full and the
        // sender's reader waits for room: it would wait up to the chat stall, unless close ends it.
        awaitThreadWaitingIn("tincan-server-client-", Outbox.class, "put");

        long start = System.nanoTime();
        server.close();
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        sending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .noneMatch(name -> name.startsWith("tincan-server"));
        assertThat(closeMillis).as("close() took %d ms; a wait for room must end at once, not after the %d ms"
                + " chat stall", closeMillis, TimeUnit.NANOSECONDS.toMillis(ClientConnection.CHAT_STALL_NANOS))
                .isLessThan(TimeUnit.NANOSECONDS.toMillis(ClientConnection.CHAT_STALL_NANOS) / 2);
    }

    /** Waits, bounded, until a thread named {@code prefix...} waits inside {@code type.method}. */
    private static void awaitThreadWaitingIn(String prefix, Class<?> type, String method) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                Thread.State state = e.getKey().getState();
                boolean waiting = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
                if (waiting && e.getKey().getName().startsWith(prefix) && Arrays.stream(e.getValue())
                        .anyMatch(f -> f.getClassName().equals(type.getName()) && f.getMethodName().equals(method))) {
                    return;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        throw new AssertionError("no thread " + prefix + "* waited in " + type.getSimpleName() + "." + method
                + " within " + WAIT.toMillis() + " ms");
    }
}
