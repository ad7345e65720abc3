package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.testing.FullBacklog;
import dev.tincan.testing.LoopbackServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A session without a window, over real sockets on 127.0.0.1, drained by the test's own thread. */
class SessionTest {
    private static final long WAIT_MILLIS = 5000;

    private final Session session = new Session(4, 64, System::nanoTime);
    private final List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
    /** Every row the session made, as a view would hold them: row n at index n - 1. */
    private final List<TranscriptRow> rows = new ArrayList<>();
    private final List<LoopbackServer> servers = new ArrayList<>();

    SessionTest() {
        session.addStatusListener(statuses::add);
        session.setEchoServerAction("Start echo server and connect");
        session.start();
    }

    @AfterEach
    void shutDown() throws Exception {
        session.shutdown();
        assertThat(session.awaitStopped(2000)).as("the client thread ends").isTrue();
        for (LoopbackServer s : servers) {
            s.close();
        }
    }

    private LoopbackServer server(LoopbackServer.Script script) throws IOException {
        LoopbackServer s = LoopbackServer.start(script);
        servers.add(s);
        return s;
    }

    /** Applies what changed as a view does: appends the rows and marks earlier sends answered. */
    private Session.Changes record(Session.Changes c) {
        assertThat(c.firstSeq()).as("rows are numbered one after another").isEqualTo(rows.size() + 1);
        for (Session.Changes.Answered a : c.answered()) {
            int i = (int) a.sentSeq() - 1;
            rows.set(i, rows.get(i).answeredBy(a.replySeq()));
        }
        rows.addAll(c.rows());
        return c;
    }

    /** Drains until {@code done} holds for the rows so far, failing loudly after a few seconds. */
    private List<Session.Changes> drainUntil(Predicate<List<TranscriptRow>> done) throws InterruptedException {
        List<Session.Changes> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        seen.add(record(session.changes()));
        while (!done.test(rows)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("the rows never got there; they are: " + rows);
            }
            session.take(1000, TimeUnit.NANOSECONDS.toMillis(left) + 1);
            seen.add(record(session.changes()));
        }
        return seen;
    }

    private static Predicate<List<TranscriptRow>> hasRow(TranscriptRow.Kind kind, String text) {
        return rs -> rs.stream().anyMatch(r -> r.kind() == kind
                && (r.isFrame() ? r.payload().equals(Bytes.utf8(text)) : r.message().contains(text)));
    }

    private void connected(int port) throws InterruptedException {
        assertThat(session.connect("127.0.0.1", port, Framing.parse("line"))).isNull();
        drainUntil(rs -> session.status().isConnected());
    }

    private static String readLine(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    private static void write(Socket s, String... lines) throws IOException {
        OutputStream out = s.getOutputStream();
        for (String line : lines) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private static void holdOpen(Socket s) throws IOException {
        while (s.getInputStream().read() >= 0) {
            // until the client closes
        }
    }

    private TranscriptRow last() {
        return rows.get(rows.size() - 1);
    }

    private TranscriptRow frame(String text) {
        return rows.stream().filter(r -> r.isFrame() && r.payload().equals(Bytes.utf8(text))).findFirst()
                .orElseThrow();
    }

    private long seqOf(TranscriptRow row) {
        return rows.indexOf(row) + 1;
    }

    @Test
    void connectPutsTheCommandAndSaysConnecting() throws Exception {
        CountDownLatch lineRead = new CountDownLatch(1);
        List<String> lines = new CopyOnWriteArrayList<>();
        LoopbackServer server = server(s -> {
            lines.add(readLine(s));
            lineRead.countDown();
            holdOpen(s);
        });

        assertThat(session.connect("127.0.0.1", server.port(), Framing.parse("line"))).isNull();

        assertThat(session.status().phase()).isEqualTo(ConnectionStatus.Phase.CONNECTING);
        assertThat(session.status().sentence()).isEqualTo("connecting to 127.0.0.1:" + server.port() + "…");
        assertThat(record(session.changes()).rows()).singleElement().extracting(TranscriptRow::message)
                .isEqualTo("connecting to 127.0.0.1:" + server.port() + " (line framing)");
        drainUntil(rs -> session.status().isConnected());
        assertThat(session.send(Bytes.utf8("hello"))).isNull();
        assertThat(lineRead.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(lines).as("the connection frames by line").containsExactly("hello");
    }

    @Test
    void aSecondConnectWhileConnectingOrConnectedIsRefusedInWords() throws Exception {
        LoopbackServer server = server(SessionTest::holdOpen);
        String target = "127.0.0.1:" + server.port();

        assertThat(session.connect("127.0.0.1", server.port(), Framing.parse("line"))).isNull();
        assertThat(session.connect("127.0.0.1", server.port(), Framing.parse("line")))
                .isEqualTo("already connecting to " + target + ": disconnect first.");
        drainUntil(rs -> session.status().isConnected());
        assertThat(session.connect("127.0.0.1", server.port(), Framing.parse("line")))
                .isEqualTo("already connected to " + target + ": disconnect first.");
        assertThat(session.queuedCommands()).as("no second Connect was queued").isZero();
    }

    @Test
    void connectedSaysWhereFromInWords() throws Exception {
        LoopbackServer server = server(SessionTest::holdOpen);
        connected(server.port());
        int local = server.awaitConnection().getPort();

        assertThat(session.status().sentence())
                .isEqualTo("connected to 127.0.0.1:" + server.port() + " (from local port " + local + ")");
        assertThat(session.status().peer()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(last().message()).isEqualTo(session.status().sentence());
    }

    @Test
    void connectedToANameSaysWhichAddressAnswered() throws Exception {
        LoopbackServer server = server(SessionTest::holdOpen);
        assertThat(session.connect("localhost", server.port(), Framing.parse("line"))).isNull();
        drainUntil(rs -> session.status().isConnected());
        int local = server.awaitConnection().getPort();

        assertThat(session.status().sentence()).isEqualTo("connected to localhost:" + server.port()
                + ", answered at 127.0.0.1:" + server.port() + " (from local port " + local + ")");
        assertThat(session.status().peer()).isEqualTo("127.0.0.1:" + server.port());
    }

    @Test
    void aFrameReceivedAfterASendGetsTheRoundTripTime() throws Exception {
        LoopbackServer server = server(s -> {
            write(s, readLine(s), "pushed");
            holdOpen(s);
        });
        connected(server.port());
        assertThat(session.send(Bytes.utf8("hello"))).isNull();

        drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "pushed"));

        int lastIndex = rows.size() - 1;
        assertThat(rows.get(lastIndex - 2).kind()).isEqualTo(TranscriptRow.Kind.SENT);
        assertThat(rows.get(lastIndex - 2).pair()).isEqualTo(lastIndex);
        assertThat(rows.get(lastIndex - 1).rttNanos()).isPositive();
        assertThat(rows.get(lastIndex - 1).rttNanos())
                .isEqualTo(rows.get(lastIndex - 1).nanos() - rows.get(lastIndex - 2).nanos());
        assertThat(rows.get(lastIndex - 1).pair()).isEqualTo(lastIndex - 1);
        assertThat(rows.get(lastIndex).rttNanos()).isEqualTo(-1);
        assertThat(rows.get(lastIndex).pair()).isZero();
        TrafficStats stats = session.stats();
        assertThat(stats.lastRttNanos()).isEqualTo(rows.get(lastIndex - 1).rttNanos());
        assertThat(stats.framesIn()).isEqualTo(2);
        assertThat(stats.framesOut()).isEqualTo(1);
        assertThat(stats.bytesOut()).as("payload bytes, as counted in").isEqualTo(5);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }

    @Test
    void aRefusedConnectToThisMachineOffersTheEchoServer() throws Exception {
        int port = closedPort();
        assertThat(session.connect("127.0.0.1", port, Framing.parse("line"))).isNull();

        drainUntil(rs -> session.status().phase() == ConnectionStatus.Phase.IDLE);

        assertThat(session.status().offerEchoServer()).isTrue();
        assertThat(session.status().failed()).isTrue();
        assertThat(session.status().sentence()).isEqualTo("connect to 127.0.0.1:" + port + " failed: connection "
                + "refused — start a server there, or press 'Start echo server and connect'.");
        assertThat(last().message()).endsWith("listening on port " + port + "?).");
    }

    @Test
    void withoutAnActionNameTheOfferStillSaysWhatToDo() throws Exception {
        session.setEchoServerAction(null);
        int port = closedPort();
        assertThat(session.connect("localhost", port, Framing.parse("line"))).isNull();

        drainUntil(rs -> session.status().phase() == ConnectionStatus.Phase.IDLE);

        assertThat(session.status().offerEchoServer()).isTrue();
        assertThat(session.status().sentence()).isEqualTo("connect to localhost:" + port + " failed: connection "
                + "refused — start a server there.");
    }

    @Test
    void aTimeoutDoesNotOfferTheEchoServer() throws Exception {
        try (FullBacklog backlog = new FullBacklog()) {
            assertThat(session.connect("127.0.0.1", backlog.port(), ConnectOptions.builder()
                    .framing(Framing.parse("line")).connectTimeout(Duration.ofMillis(300)).build())).isNull();

            drainUntil(rs -> session.status().phase() == ConnectionStatus.Phase.IDLE);
        }

        assertThat(session.status().failed()).isTrue();
        assertThat(session.status().offerEchoServer()).isFalse();
        assertThat(session.status().phase()).isEqualTo(ConnectionStatus.Phase.IDLE);
    }

    @Test
    void aCloseByTheServerIsReportedInItsWords() throws Exception {
        LoopbackServer server = server(s -> s.close());
        assertThat(session.connect("127.0.0.1", server.port(), Framing.parse("line"))).isNull();

        // Connected and the close may come in one drain: wait for the rows, not for a connected status.
        drainUntil(hasRow(TranscriptRow.Kind.EVENT, "connected to")
                .and(rs -> session.status().phase() == ConnectionStatus.Phase.IDLE));

        assertThat(session.status().sentence()).isEqualTo("closed by the server.");
        assertThat(session.status().failed()).isFalse();
        assertThat(last().message()).isEqualTo("closed by the server.");
    }

    @Test
    void disconnectSaysDisconnectedOnceConfirmed() throws Exception {
        LoopbackServer server = server(SessionTest::holdOpen);
        connected(server.port());
        assertThat(session.disconnect()).isNull();
        assertThat(session.status().phase()).isEqualTo(ConnectionStatus.Phase.CLOSING);

        drainUntil(rs -> session.status().phase() == ConnectionStatus.Phase.IDLE);

        assertThat(session.status().sentence()).isEqualTo("disconnected from 127.0.0.1:" + server.port());
        assertThat(statuses).extracting(ConnectionStatus::phase).containsExactly(ConnectionStatus.Phase.CONNECTING,
                ConnectionStatus.Phase.CONNECTED, ConnectionStatus.Phase.CLOSING, ConnectionStatus.Phase.IDLE);
    }

    @Test
    void sendingWhileNotConnectedIsRefusedInWords() throws Exception {
        assertThat(session.send(Bytes.utf8("x"))).isEqualTo("not connected: connect first (Ctrl+K), then send.");
        assertThat(session.put(Bytes.utf8("x"), 10)).isEqualTo("not connected: connect first (Ctrl+K), then send.");
        assertThat(session.queuedCommands()).isZero();
    }

    /**
     * Connects to a server that pushes far more than the reply queue holds, and drains only
     * the connect: the queue fills, the client thread blocks handing over its next reply,
     * and commands pile up in their own queue.
     */
    private void connectAndStopDraining() throws Exception {
        LoopbackServer server = server(s -> {
            for (int i = 0; i < 10_000; i++) {
                write(s, "push " + i);
            }
            holdOpen(s);
        });
        assertThat(session.connect("127.0.0.1", server.port(), Framing.parse("line"))).isNull();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!session.status().isConnected()) {
            if (System.nanoTime() > deadline) {
                fail("never connected");
            }
            session.take(1, 100);
        }
        // The client thread posts on its own: nothing to wait on but the queue's size.
        while (session.queuedReplies() < 64) {
            if (System.nanoTime() > deadline) {
                fail("only " + session.queuedReplies() + " of 64 replies queued within 5 s");
            }
            Thread.onSpinWait();
        }
    }

    /** Sends until refused; returns the refusal. */
    private String sendUntilRefused() {
        for (int i = 0; i < 100_000; i++) {
            String why = session.send(Bytes.utf8("x"));
            if (why != null) {
                return why;
            }
        }
        return fail("100 000 sends were all taken while nothing drained the replies");
    }

    /**
     * Fills the command queue for good: the client thread may take a command between a
     * refusal and the count, until it blocks posting to the full reply queue, so this tops
     * the queue up until it stays full.
     */
    private void fillCommandQueue() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        do {
            if (System.nanoTime() > deadline) {
                fail("the command queue never stayed full: " + session.queuedCommands() + " of 4");
            }
            sendUntilRefused();
        } while (session.queuedCommands() < 4);
    }

    @Test
    void aFullCommandQueueIsReportedNotWaitedOn() throws Exception {
        connectAndStopDraining();
        // Until the client thread blocks, it may take a command between a refusal and its count.
        fillCommandQueue();

        assertThat(sendUntilRefused()).isEqualTo("the connection is busy (4 commands waiting): try again in a moment.");
    }

    @Test
    void aBadPortIsRefusedWithTheEnginesSentence() {
        assertThat(session.connect("127.0.0.1", 70000, Framing.parse("line")))
                .isEqualTo("port 70000 is out of range: use 1 to 65535.");
        assertThat(session.queuedCommands()).isZero();
        assertThat(session.hasChanges()).isFalse();
    }

    @Test
    void shutdownReplacesWaitingCommandsEvenWhenTheQueueIsFull() throws Exception {
        connectAndStopDraining();
        fillCommandQueue();
        assertThat(session.queuedCommands()).isEqualTo(4);

        session.shutdown();

        assertThat(session.queuedCommands()).as("Shutdown alone waits").isEqualTo(1);
        assertThat(session.awaitStopped(2000)).isTrue();
    }

    @Test
    void aPushedFrameBeforeAnySendHasNoRoundTrip() throws Exception {
        LoopbackServer server = server(s -> {
            write(s, "tick");
            write(s, readLine(s));
            holdOpen(s);
        });
        connected(server.port());
        drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "tick"));
        assertThat(session.send(Bytes.utf8("ping"))).isNull();

        drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "ping"));

        TranscriptRow tick = frame("tick");
        TranscriptRow reply = rows.get(rows.size() - 1);
        assertThat(tick.rttNanos()).isEqualTo(-1);
        assertThat(tick.pair()).isZero();
        assertThat(reply.rttNanos()).isGreaterThanOrEqualTo(0);
        assertThat(reply.pair()).isEqualTo(rows.size() - 1);
        assertThat(session.stats().lastRttNanos()).isEqualTo(reply.rttNanos());
    }

    @Test
    void underTheEchoRuleOnlyTheSameBytesAnswerASend() throws Exception {
        session.setPairing(Pairing.ECHO);
        LoopbackServer server = server(s -> {
            String line = readLine(s);
            write(s, "flood 1", "flood 2", line);
            holdOpen(s);
        });
        connected(server.port());
        assertThat(session.send(Bytes.utf8("ping"))).isNull();

        drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "ping"));

        int n = rows.size();
        assertThat(rows.get(n - 3).rttNanos()).isEqualTo(-1);
        assertThat(rows.get(n - 2).rttNanos()).isEqualTo(-1);
        assertThat(rows.get(n - 1).rttNanos()).isEqualTo(rows.get(n - 1).nanos() - rows.get(n - 4).nanos());
        assertThat(rows.get(n - 4).pair()).isEqualTo(n);
    }

    @Test
    void aSendAnsweredInTheSameBatchHasItsRowMarkedThere() throws Exception {
        LoopbackServer server = server(s -> {
            write(s, readLine(s));
            holdOpen(s);
        });
        connected(server.port());
        drainUntil(rs -> session.queuedReplies() == 0 && !session.hasChanges());
        assertThat(session.send(Bytes.utf8("ping"))).isNull();
        // Let the Sent and the echo both wait, so that one take sees them: the send opens the batch.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (session.queuedReplies() < 2) {
            if (System.nanoTime() > deadline) {
                fail("only " + session.queuedReplies() + " of 2 replies within 5 s");
            }
            Thread.onSpinWait();
        }
        session.take(2);
        Session.Changes batch = record(session.changes());

        assertThat(batch.rows()).extracting(TranscriptRow::kind)
                .containsExactly(TranscriptRow.Kind.SENT, TranscriptRow.Kind.RECEIVED);
        assertThat(batch.answered()).as("nothing to mark in earlier batches").isEmpty();
        assertThat(frame("ping").pair()).isEqualTo(seqOf(last()));
    }

    @Test
    void aSendIsAnsweredInALaterBatchAndItsRowShowsTheReply() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        LoopbackServer server = server(s -> {
            readLine(s);
            if (!answer.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("never told to answer");
            }
            write(s, "pong");
            holdOpen(s);
        });
        connected(server.port());
        assertThat(session.send(Bytes.utf8("ping"))).isNull();
        drainUntil(hasRow(TranscriptRow.Kind.SENT, "ping"));
        long sentSeq = seqOf(frame("ping"));
        assertThat(frame("ping").pair()).isZero();

        answer.countDown();
        List<Session.Changes> later = drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "pong"));

        long replySeq = seqOf(frame("pong"));
        assertThat(later).flatExtracting(Session.Changes::answered)
                .containsExactly(new Session.Changes.Answered(sentSeq, replySeq));
        assertThat(frame("ping").pair()).isEqualTo(replySeq);
    }

    @Test
    void nothingPairsAcrossConnections() throws Exception {
        LoopbackServer first = server(s -> readLine(s));
        LoopbackServer second = server(s -> {
            write(s, "late pong");
            holdOpen(s);
        });
        connected(first.port());
        assertThat(session.send(Bytes.utf8("ping"))).isNull();
        drainUntil(rs -> session.status().phase() == ConnectionStatus.Phase.IDLE);
        connected(second.port());

        drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "late pong"));

        assertThat(last().rttNanos()).isEqualTo(-1);
        assertThat(last().pair()).isZero();
    }

    @Test
    void receiveOneIsRefusedUnlessTheConnectionReadsOnlyWhenAsked() throws Exception {
        assertThat(session.receiveOne()).startsWith("not connected");
        LoopbackServer server = server(SessionTest::holdOpen);
        connected(server.port());
        assertThat(session.receiveOne()).contains("'Read only when asked'");
        assertThat(session.queuedCommands()).isZero();
    }

    @Test
    void aConnectionThatReadsOnlyWhenAskedTakesReceiveCommands() throws Exception {
        session.setReadOnlyWhenAsked(true);
        LoopbackServer server = server(s -> {
            write(s, "one", "two");
            holdOpen(s);
        });
        connected(server.port());
        assertThat(rows.get(0).message()).endsWith("(line framing, reading only when asked)");

        assertThat(session.receiveOne()).isNull();

        drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "one"));
        assertThat(rows).noneMatch(r -> r.isFrame() && r.payload().equals(Bytes.utf8("two")));
    }

    @Test
    void frameListenersHearEverySendReceiveAndCloseInOrder() throws Exception {
        List<String> heard = new ArrayList<>();
        session.addFrameListener(new FrameListener() {
            @Override
            public void sent(Bytes payload, long nanos) {
                heard.add("sent " + payload.utf8());
            }

            @Override
            public void received(Bytes frame, long nanos) {
                heard.add("received " + frame.utf8());
            }

            @Override
            public void closed() {
                heard.add("closed");
            }
        });
        LoopbackServer server = server(s -> write(s, readLine(s)));
        connected(server.port());
        assertThat(session.send(Bytes.utf8("a"))).isNull();

        drainUntil(rs -> session.status().phase() == ConnectionStatus.Phase.IDLE);

        assertThat(heard).containsExactly("sent a", "received a", "closed");
    }

    @Test
    void frameListenersHearTheEnginesAccountOfASkippedFrameAndOfTheClose() throws Exception {
        List<String> heard = new ArrayList<>();
        session.addFrameListener(new FrameListener() {
            @Override
            public void failed(ClientReply.Error error) {
                heard.add("failed " + error.cause() + " " + error.command());
            }

            @Override
            public void closed(ClientReply.Closed closed) {
                heard.add("closed by " + closed.by());
            }
        });
        LoopbackServer server = server(s -> write(s, "far too long", "ok"));
        ConnectOptions options = ConnectOptions.builder().framing(Framing.parse("line")).maxFrameLength(4)
                .skipTooLong(true).build();
        assertThat(session.connect("127.0.0.1", server.port(), options)).isNull();

        drainUntil(rs -> session.status().phase() == ConnectionStatus.Phase.IDLE && !rs.isEmpty());

        assertThat(heard).containsExactly("failed FRAME_TOO_LONG null", "closed by SERVER");
    }

    @Test
    void putWaitsForRoomInAQueueThatSendFindsFull() throws Exception {
        connectAndStopDraining();
        fillCommandQueue();
        BlockingQueue<String> outcome = new ArrayBlockingQueue<>(1);
        Thread other = new Thread(() -> {
            try {
                String why = session.put(Bytes.utf8("waited"), WAIT_MILLIS);
                outcome.add(why == null ? "taken" : why);
            } catch (InterruptedException e) {
                outcome.add("interrupted");
            }
        }, "tincan-test-put");
        other.start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        // Only once the put is parked waiting for room does draining make some.
        while (other.getState() != Thread.State.TIMED_WAITING && outcome.isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("the put neither waited nor returned within 5 s");
            }
            Thread.onSpinWait();
        }
        String o;
        while ((o = outcome.poll()) == null) {
            if (System.nanoTime() > deadline) {
                fail("the put was still waiting after 5 s of draining");
            }
            session.take(1000, 10);
        }
        other.join(WAIT_MILLIS);

        assertThat(o).as("put waited for room instead of refusing at once").isEqualTo("taken");
    }

    @Test
    void receiveOneAsksWhileConnectedAndIsRefusedOnceDisconnecting() throws Exception {
        LoopbackServer server = server(SessionTest::holdOpen);
        session.setReadOnlyWhenAsked(true);
        connected(server.port());

        assertThat(session.receiveOne(1000)).isNull();
        assertThat(session.disconnect()).isNull();
        assertThat(session.receiveOne(1000)).startsWith("not connected:");
    }

    @Test
    void anotherThreadCanSendThroughTheOutbox() throws Exception {
        LoopbackServer server = server(s -> {
            write(s, readLine(s));
            holdOpen(s);
        });
        connected(server.port());
        Outbox outbox = session;
        String[] why = new String[1];
        Thread other = new Thread(() -> {
            try {
                why[0] = outbox.put(Bytes.utf8("from elsewhere"), 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tincan-test-sender");
        other.start();
        other.join(WAIT_MILLIS);

        assertThat(why[0]).isNull();
        drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "from elsewhere"));
    }

    @Test
    void aTapSeesEveryReplyInOrderBeforeTheDrainerDoes() throws Exception {
        List<Long> tapped = new CopyOnWriteArrayList<>();
        AtomicInteger framesTapped = new AtomicInteger();
        AtomicInteger framesTaken = new AtomicInteger();
        List<Integer> takenTooEarly = new CopyOnWriteArrayList<>();
        session.addTap(reply -> {
            tapped.add(reply.seq());
            if (reply instanceof ClientReply.Received) {
                framesTapped.incrementAndGet();
            }
        });
        session.addFrameListener(new FrameListener() {
            @Override
            public void received(Bytes frame, long nanos) {
                int n = framesTaken.incrementAndGet();
                if (framesTapped.get() < n) {
                    takenTooEarly.add(n);
                }
            }
        });
        LoopbackServer server = server(s -> {
            for (int i = 0; i < 200; i++) {
                write(s, "push " + i);
            }
            holdOpen(s);
        });
        connected(server.port());
        drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "push 199"));

        assertThat(tapped).as("the tap saw the connect and every frame, numbered without gaps, in order")
                .hasSize(201).isSorted().startsWith(1L).endsWith(201L);
        assertThat(takenTooEarly).as("no frame reached the drainer before the tap").isEmpty();
    }

    @Test
    void aTapThatThrowsIsRemovedAndTheConnectionGoesOn() throws Exception {
        List<Long> later = new CopyOnWriteArrayList<>();
        AtomicInteger brokenCalls = new AtomicInteger();
        session.addTap(reply -> {
            brokenCalls.incrementAndGet();
            throw new IllegalStateException("broken on purpose");
        });
        session.addTap(reply -> later.add(reply.seq()));
        LoopbackServer server = server(s -> {
            write(s, readLine(s));
            holdOpen(s);
        });
        connected(server.port());
        assertThat(session.send(Bytes.utf8("still here"))).isNull();

        drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "still here"));
        assertThat(later).as("the taps after the broken one still saw every reply").hasSize(3);
        assertThat(brokenCalls).as("the broken tap was shown only the reply it failed on").hasValue(1);
        assertThat(session.status().isConnected()).isTrue();
    }

    @Test
    void aTapsAnnotationMarksTheFramesRowAndAddsItsNoteRightAfter() throws Exception {
        session.addTap(reply -> {
            if (reply instanceof ClientReply.Received r && r.frame().equals(Bytes.utf8("alarm"))) {
                assertThat(session.annotate(r.seq(), true, "rule 'alarm' fired")).isTrue();
            }
        });
        LoopbackServer server = server(s -> {
            write(s, "calm", "alarm", "calm again");
            holdOpen(s);
        });
        connected(server.port());
        drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "calm again"));

        int alarm = rows.indexOf(frame("alarm"));
        assertThat(rows.get(alarm).marked()).as("the matched frame is marked").isTrue();
        assertThat(rows.get(alarm + 1).kind()).isEqualTo(TranscriptRow.Kind.NOTE);
        assertThat(rows.get(alarm + 1).message()).isEqualTo("rule 'alarm' fired");
        assertThat(frame("calm").marked()).as("other frames are not").isFalse();
        assertThat(rows.get(alarm + 2).payload()).isEqualTo(Bytes.utf8("calm again"));
    }

    @Test
    void aTapSeesTheEnginesLastReplyWhenItStops() throws Exception {
        BlockingQueue<ClientReply> tapped = new ArrayBlockingQueue<>(16);
        session.addTap(tapped::add);
        session.shutdown();

        ClientReply last = tapped.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(last).as("the tap was shown the engine's Stopped").isInstanceOf(ClientReply.Stopped.class);
    }

    @Test
    void twoAnnotationsOfOneFrameKeepTheMarkAndBothNotesInOrder() throws Exception {
        session.addTap(reply -> {
            if (reply instanceof ClientReply.Received r && r.frame().equals(Bytes.utf8("alarm"))) {
                session.annotate(r.seq(), true, "first rule");
                session.annotate(r.seq(), false, "second rule");
            }
        });
        LoopbackServer server = server(s -> {
            write(s, "alarm", "calm");
            holdOpen(s);
        });
        connected(server.port());
        drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "calm"));

        int alarm = rows.indexOf(frame("alarm"));
        assertThat(rows.get(alarm).marked()).as("marked by one of the two").isTrue();
        assertThat(rows.subList(alarm + 1, alarm + 3)).extracting(TranscriptRow::message)
                .containsExactly("first rule", "second rule");
    }

    @Test
    void annotationsAndNotesBeyondTheBoundAreRefusedAndCounted() {
        for (int i = 1; i <= Session.MAX_ANNOTATIONS; i++) {
            assertThat(session.annotate(i, true, null)).as("annotation %d", i).isTrue();
        }
        assertThat(session.annotate(Session.MAX_ANNOTATIONS + 1, true, null)).as("one over the bound").isFalse();
        assertThat(session.annotate(1, false, "more for a waiting one")).as("joins one already waiting").isTrue();
        assertThat(session.annotationsRefused()).isEqualTo(1);
        for (int i = 1; i <= Session.MAX_ANNOTATIONS; i++) {
            assertThat(session.note("note " + i)).as("note %d", i).isTrue();
        }
        assertThat(session.note("one too many")).isFalse();
        assertThat(session.annotationsRefused()).isEqualTo(2);
    }

    @Test
    void sendAsapGoesOutFromATapBeforeTheDrainerHasTakenTheConnect() throws Exception {
        session.addTap(reply -> {
            if (reply instanceof ClientReply.Received r && r.frame().equals(Bytes.utf8("hello?"))) {
                assertThat(session.status().isConnected()).as("the drainer has not taken the connect yet")
                        .isFalse();
                assertThat(session.sendAsap(Bytes.utf8("hi"))).isNull();
            }
        });
        List<String> answers = new CopyOnWriteArrayList<>();
        CountDownLatch answered = new CountDownLatch(1);
        LoopbackServer server = server(s -> {
            write(s, "hello?");
            answers.add(readLine(s));
            answered.countDown();
            holdOpen(s);
        });
        assertThat(session.connect("127.0.0.1", server.port(), Framing.parse("line"))).isNull();

        assertThat(answered.await(WAIT_MILLIS, TimeUnit.MILLISECONDS)).as("the server got an answer").isTrue();
        assertThat(answers).containsExactly("hi");
    }

    @Test
    void overUdpEachDatagramIsOneFrameWithItsSourceAndNoFramingApplies() throws Exception {
        try (dev.tincan.server.DatagramEcho echo = dev.tincan.server.DatagramEcho.start(
                InetAddress.getLoopbackAddress(), 0, Framing.DEFAULT_MAX_FRAME_LENGTH)) {
            ConnectOptions udp = ConnectOptions.builder().framing(Framing.parse("line")).udp(true).build();
            String peer = "127.0.0.1:" + echo.port();

            assertThat(session.connect("127.0.0.1", echo.port(), udp)).isNull();
            drainUntil(rs -> session.status().isConnected());
            assertThat(session.send(Bytes.utf8("two\nlines"))).isNull();
            drainUntil(hasRow(TranscriptRow.Kind.RECEIVED, "two\nlines"));

            assertThat(session.udp()).isTrue();
            assertThat(session.framing()).as("none applies").isNull();
            assertThat(rows.get(0).message()).isEqualTo("connecting to " + peer + " (udp, one datagram per frame)");
            assertThat(session.status().sentence()).startsWith("talking udp with " + peer + " (from local port ");
            TranscriptRow echoed = rows.stream().filter(r -> r.kind() == TranscriptRow.Kind.RECEIVED).findFirst()
                    .orElseThrow();
            assertThat(echoed.source()).isEqualTo(peer);
            assertThat(echoed.rttNanos()).as("paired with its send").isNotNegative();
            assertThat(rows.stream().filter(r -> r.kind() == TranscriptRow.Kind.SENT).findFirst().orElseThrow()
                    .source()).as("only what came in has a source").isNull();
        }
    }
}
