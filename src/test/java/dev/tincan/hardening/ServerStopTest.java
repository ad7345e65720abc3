package dev.tincan.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stopping the companion server with {@value #CLIENTS} clients connected frees every
 * thread and socket: each client hears the server close, the server's threads are gone
 * when {@code close()} returns, threads and file descriptors come back to where they were
 * before the server started, and the port can be bound again at once.
 */
class ServerStopTest {
    private static final Logger log = LoggerFactory.getLogger(ServerStopTest.class);
    private static final int CLIENTS = 200;
    private static final int SLACK = 2;
    private static final long SETTLE_MILLIS = 10_000;

    private final List<ReplyRecorder> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        for (ReplyRecorder client : clients) {
            client.close();
        }
        Resources.assertNoThreadsLeft();
    }

    @Test
    void stoppingTheServerWithManyClientsConnectedFreesEveryThreadAndSocket() throws Exception {
        boolean fds = Resources.canCountFds();
        int threadsBefore = Resources.threads();
        int fdsBefore = fds ? Resources.fds() : -1;
        ServerConfig config = ServerConfig.builder().port(0).maxClients(CLIENTS + 8).build();
        CompanionServer server = new CompanionServer(config).start();
        int port = server.port();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                ReplyRecorder client = new ReplyRecorder(16);
                clients.add(client);
                client.send(new ClientCommand.Connect("127.0.0.1", port, ConnectOptions.defaults()));
            }
            for (ReplyRecorder client : clients) {
                client.next(ClientReply.Connected.class);
            }
            Resources.await(CLIENTS + " clients on the server", SETTLE_MILLIS, () -> server.clientCount() == CLIENTS);
            int threadsConnected = Resources.threads();
            int fdsConnected = fds ? Resources.fds() : -1;

            long start = System.nanoTime();
            server.close();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(Threads.named("tincan-server-")).extracting(Thread::getName)
                    .as("server threads alive when close() returned").isEmpty();
            assertThat(server.clientCount()).isZero();
            for (ReplyRecorder client : clients) {
                ClientReply.Closed closed = client.next(ClientReply.Closed.class);
                assertThat(closed.by()).isEqualTo(ClientReply.By.SERVER);
                assertThat(closed.reason()).isEqualTo("closed by the server.");
            }
            long heardMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            for (ReplyRecorder client : clients) {
                client.shutdown();
            }

            Resources.awaitThreadsBackTo(threadsBefore, SLACK, SETTLE_MILLIS);
            if (fds) {
                Resources.awaitFdsBackTo(fdsBefore, SLACK, SETTLE_MILLIS);
            }
            log.info("server with {} clients stopped in {} ms, every client heard it within {} ms; threads {} -> {} "
                    + "-> {}, fds {} -> {} -> {}", CLIENTS, stopMillis, heardMillis, threadsBefore, threadsConnected,
                    Resources.threads(), fdsBefore, fdsConnected, fds ? Resources.fds() : -1);
            assertThat(stopMillis).as("close() took %d ms", stopMillis).isLessThan(2500);
        } finally {
            server.close();
        }
        try (CompanionServer again = new CompanionServer(config.toBuilder().port(port).build()).start()) {
            assertThat(again.port()).as("the same port, bound again").isEqualTo(port);
        }
        Assumptions.assumeTrue(fds, Resources.FDS + " is missing, so open file descriptors were not counted: "
                + "only threads were checked.");
    }
}
