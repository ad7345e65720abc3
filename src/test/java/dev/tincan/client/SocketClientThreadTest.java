package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.client.ClientReply.By;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.testing.FullBacklog;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SocketClientThreadTest {
    private final ReplyRecorder recorder = new ReplyRecorder();
    private LoopbackServer server;

    @AfterEach
    void tearDown() throws Exception {
        recorder.shutdown();
        if (server != null) {
            server.close();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private static ConnectOptions options(String framing) {
        return ConnectOptions.builder().framing(Framing.parse(framing)).build();
    }

    private ClientReply.Connected connect(String framing) {
        ClientCommand.Connect connect = recorder.send(new ClientCommand.Connect("127.0.0.1", server.port(),
                options(framing)));
        ClientReply.Connected connected = recorder.next(ClientReply.Connected.class);
        assertThat(connected.command()).isSameAs(connect);
        return connected;
    }

    private static void lineEcho(Socket socket) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        String line;
        while ((line = in.readLine()) != null) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void silent(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
            // Reads and never answers.
        }
    }

    @Test
    void sendsAFrameAndReceivesTheEcho() throws Exception {
        server = LoopbackServer.start(SocketClientThreadTest::lineEcho);
        ClientReply.Connected connected = connect("line");
        assertThat(connected.remote().getPort()).isEqualTo(server.port());
        assertThat(connected.local().getAddress().isLoopbackAddress()).isTrue();

        ClientCommand.Send send = recorder.send(new ClientCommand.Send(Bytes.utf8("hello")));
        // The echo may overtake the Sent reply: reader and writer are separate threads.
        ClientReply first = recorder.next();
        ClientReply second = recorder.next();
        ClientReply.Sent sent = (ClientReply.Sent) (first instanceof ClientReply.Sent ? first : second);
        ClientReply.Received received = (ClientReply.Received) (first instanceof ClientReply.Sent ? second : first);
        assertThat(sent.command()).isSameAs(send);
        assertThat(sent.wireBytes()).isEqualTo(6);
        assertThat(received.frame().utf8()).isEqualTo("hello");
        assertThat(received.command()).isNull();
        assertThat(received.nanos()).isGreaterThanOrEqualTo(sent.nanos());
    }

    @Test
    void framesTheServerPushesArriveWithoutAnyCommand() throws Exception {
        server = LoopbackServer.start(socket -> {
            socket.getOutputStream().write("one\ntwo\r\nthree\n".getBytes(StandardCharsets.US_ASCII));
            silent(socket);
        });
        connect("line");
        assertThat(recorder.nextFrames(3)).containsExactly("one", "two", "three");
    }

    @Test
    void pullModeReadsOneFrameForEachReceive() throws Exception {
        CountDownLatch pushed = new CountDownLatch(1);
        server = LoopbackServer.start(socket -> {
            socket.getOutputStream().write(new byte[] {3, 0, 0, 0, 'a', 'b', 'c', 1, 0, 0, 0, 'd'});
            pushed.countDown();
            silent(socket);
        });
        recorder.send(new ClientCommand.Connect("127.0.0.1", server.port(), options("len32le").toBuilder().pull(true).build()));
        recorder.next(ClientReply.Connected.class);
        assertThat(pushed.await(5, TimeUnit.SECONDS)).isTrue();
        // Nothing is posted until asked: the next reply is the outcome of a Send.
        ClientCommand.Send send = recorder.send(new ClientCommand.Send(Bytes.utf8("x")));
        assertThat(recorder.next(ClientReply.Sent.class).command()).isSameAs(send);

        ClientCommand.Receive first = recorder.send(new ClientCommand.Receive());
        ClientReply.Received one = recorder.next(ClientReply.Received.class);
        assertThat(one.command()).isSameAs(first);
        assertThat(one.frame().utf8()).isEqualTo("abc");
        ClientCommand.Receive second = recorder.send(new ClientCommand.Receive());
        ClientReply.Received two = recorder.next(ClientReply.Received.class);
        assertThat(two.command()).isSameAs(second);
        assertThat(two.frame().utf8()).isEqualTo("d");
    }

    @Test
    void aReceiveWaitingWhenTheServerClosesGetsAnError() throws Exception {
        LinkedBlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
        server = LoopbackServer.start(socket -> {
            accepted.add(socket);
            silent(socket);
        });
        recorder.send(new ClientCommand.Connect("127.0.0.1", server.port(), options("line").toBuilder().pull(true).build()));
        recorder.next(ClientReply.Connected.class);
        ClientCommand.Receive receive = recorder.send(new ClientCommand.Receive());
        accepted.poll(5, TimeUnit.SECONDS).shutdownOutput();
        assertThat(recorder.nextError(receive)).isEqualTo("receive failed: closed by the server.");
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.by()).isEqualTo(By.SERVER);
    }

    @Test
    void receiveInPushModeIsAnError() throws Exception {
        server = LoopbackServer.start(SocketClientThreadTest::silent);
        connect("line");
        ClientCommand.Receive receive = recorder.send(new ClientCommand.Receive());
        assertThat(recorder.nextError(receive)).startsWith("receive is for pull mode only");
    }

    @Test
    void refusedConnectionIsOneSentence() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ClientCommand.Connect connect = recorder.send(new ClientCommand.Connect("127.0.0.1", port, options("line")));
        assertThat(recorder.nextError(connect)).isEqualTo("connect to 127.0.0.1:" + port
                + " failed: connection refused (is a server listening on port " + port + "?).");
    }

    @Test
    void connectTimesOutWhenTheServerNeverAccepts() throws Exception {
        try (FullBacklog silent = new FullBacklog()) {
            ClientCommand.Connect connect = recorder.send(new ClientCommand.Connect("127.0.0.1", silent.port(),
                    options("line").toBuilder().connectTimeout(Duration.ofMillis(300)).build()));
            assertThat(recorder.nextError(connect)).isEqualTo("connect to 127.0.0.1:" + silent.port()
                    + " failed: timed out after 300 ms.");
        }
    }

    @Test
    void sendingWhileDisconnectedIsAnError() {
        ClientCommand.Send send = recorder.send(new ClientCommand.Send(Bytes.utf8("hi")));
        assertThat(recorder.nextError(send)).isEqualTo("send failed: not connected; connect first.");
        ClientCommand.Close close = recorder.send(new ClientCommand.Close());
        assertThat(recorder.nextError(close)).isEqualTo("close: not connected.");
    }

    @Test
    void aMessageTooLongForTheFramingIsRefusedAndTheConnectionStays() throws Exception {
        server = LoopbackServer.start(SocketClientThreadTest::silent);
        connect("len8");
        ClientCommand.Send send = recorder.send(new ClientCommand.Send(Bytes.of(new byte[300])));
        assertThat(recorder.nextError(send)).isEqualTo("send failed: the message is 300 bytes, but len8 can carry "
                + "at most 255 bytes per frame: pick a wider length prefix.");
        ClientCommand.Send small = recorder.send(new ClientCommand.Send(Bytes.of(new byte[255])));
        assertThat(recorder.next(ClientReply.Sent.class).command()).isSameAs(small);
    }

    @Test
    void connectingTwiceIsAnError() throws Exception {
        server = LoopbackServer.start(SocketClientThreadTest::silent);
        connect("line");
        ClientCommand.Connect again = recorder.send(new ClientCommand.Connect("127.0.0.1", server.port(),
                options("line")));
        assertThat(recorder.nextError(again)).contains("already connected").endsWith("close that connection first.");
    }

    @Test
    void closeEndsAReaderBlockedOnASilentServerAtOnce() throws Exception {
        server = LoopbackServer.start(SocketClientThreadTest::silent);
        connect("line");
        recorder.send(new ClientCommand.Send(Bytes.utf8("anyone there?")));
        recorder.next(ClientReply.Sent.class);
        assertThat(Threads.named("tincan-reader-")).as("reader threads").hasSize(1);
        long start = System.nanoTime();
        ClientCommand.Close close = recorder.send(new ClientCommand.Close());
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        long millis = TimeUnit.NANOSECONDS.toMillis(closed.nanos() - start);
        assertThat(closed.command()).isSameAs(close);
        assertThat(closed.by()).isEqualTo(By.CLIENT);
        assertThat(Threads.named("tincan-reader-")).isEmpty();
        assertThat(millis).as("close took %d ms", millis).isLessThan(500);
    }

    @Test
    void theServerClosingIsReported() throws Exception {
        server = LoopbackServer.start(socket -> socket.getOutputStream().write("bye\n".getBytes(StandardCharsets.US_ASCII)));
        connect("line");
        assertThat(recorder.nextFrames(1)).containsExactly("bye");
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.by()).isEqualTo(By.SERVER);
        assertThat(closed.command()).isNull();
        assertThat(closed.reason()).isEqualTo("closed by the server.");
        // The connection is gone: sending is an error, and so is closing.
        ClientCommand.Send send = recorder.send(new ClientCommand.Send(Bytes.utf8("x")));
        assertThat(recorder.nextError(send)).isEqualTo("send failed: not connected; connect first.");
    }

    @Test
    void halfAFrameThenCloseIsReportedAsAnErrorWithTheByteCount() throws Exception {
        server = LoopbackServer.start(socket -> socket.getOutputStream().write(new byte[] {0, 0, 0, 10, 'a', 'b', 'c'}));
        connect("len32");
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.by()).isEqualTo(By.ERROR);
        assertThat(closed.reason()).isEqualTo("the server closed the connection in the middle of a frame "
                + "(7 bytes of an unfinished len32 frame were lost).");
    }

    @Test
    void aHugeLengthPrefixClosesTheConnectionBeforeAllocating() throws Exception {
        server = LoopbackServer.start(socket -> {
            socket.getOutputStream().write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            silent(socket);
        });
        connect("len32");
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.by()).isEqualTo(By.ERROR);
        assertThat(closed.reason()).isEqualTo("frame too long: the len32 prefix says 4294967295 bytes, over the max "
                + "frame length of 16777216 bytes. The connection was closed: check the framing, or raise the max "
                + "frame length.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"BatchQueue", "ArrayBlockingQueue"})
    void aFullReplyQueueSlowsTheServerDownAndLosesNothing(String queue) throws Exception {
        int frames = 40_000;
        long total = frames * 1001L;
        AtomicLong written = new AtomicLong();
        AtomicReference<Thread> writer = new AtomicReference<>();
        BlockingQueue<ClientReply> small = queue.equals("BatchQueue") ? new BatchQueue<>(8) : new ArrayBlockingQueue<>(8);
        try (ReplyRecorder slow = new ReplyRecorder(small)) {
            server = LoopbackServer.start(socket -> {
                writer.set(Thread.currentThread());
                OutputStream out = socket.getOutputStream();
                byte[] payload = new byte[1001];
                java.util.Arrays.fill(payload, (byte) 'x');
                payload[1000] = '\n';
                for (int i = 0; i < frames; i++) {
                    byte[] number = (i + ":").getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(number, 0, payload, 0, number.length);
                    out.write(payload);
                    written.addAndGet(payload.length);
                }
                silent(socket);
            });
            slow.send(new ClientCommand.Connect("127.0.0.1", server.port(), options("line")));
            slow.next(ClientReply.Connected.class);
            // Nobody drains the queue: the reader stops, the socket buffers fill, and the
            // server's write blocks with most of the 40 MB still to go (about 4 MB get through here).
            long accepted = awaitSteady(written, 300);
            assertThat(accepted).as("bytes the server could write while nobody drained").isLessThan(total / 2);
            assertThat(small.remainingCapacity()).as("room left in the reply queue").isZero();
            assertThat(writer.get().getStackTrace()).as("the server's writer, pushed back")
                    .anyMatch(f -> f.getMethodName().equals("write") && f.getClassName().contains("Socket"));
            for (int i = 0; i < frames; i++) {
                String frame = slow.next(ClientReply.Received.class).frame().utf8();
                assertThat(frame).startsWith(i + ":").hasSize(1000);
            }
            assertThat(written.get()).isEqualTo(total);
            slow.shutdown();
        }
    }

    /**
     * Waits until {@code counter} has not moved for {@code quietMillis} and returns its
     * value; fails if it keeps moving for 10 s. Being blocked shows only as the absence of
     * progress, so this watches for a quiet stretch rather than for an event.
     */
    private static long awaitSteady(AtomicLong counter, long quietMillis) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long value = counter.get();
        long since = System.nanoTime();
        while (System.nanoTime() - since < TimeUnit.MILLISECONDS.toNanos(quietMillis)) {
            assertThat(System.nanoTime() - deadline).as("still moving after 10 s, at %d", value).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            long now = counter.get();
            if (now != value) {
                value = now;
                since = System.nanoTime();
            }
        }
        return value;
    }

    @Test
    void shutdownClosesTheConnectionAndStopsComeLast() throws Exception {
        server = LoopbackServer.start(SocketClientThreadTest::silent);
        connect("line");
        ClientCommand.Shutdown shutdown = recorder.send(new ClientCommand.Shutdown());
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.command()).isSameAs(shutdown);
        ClientReply.Stopped stopped = recorder.next(ClientReply.Stopped.class);
        assertThat(stopped.command()).isSameAs(shutdown);
        Threads.awaitEnded(recorder.client());
        recorder.assertExhausted();
        assertThat(Threads.named("tincan-reader-")).isEmpty();
    }

    @Test
    void closeFromAnyThreadAbortsAConnectInProgress() throws Exception {
        try (FullBacklog silent = new FullBacklog(); ReplyRecorder hanging = new ReplyRecorder()) {
            hanging.send(new ClientCommand.Connect("127.0.0.1", silent.port(),
                    options("line").toBuilder().connectTimeout(Duration.ofMinutes(1)).build()));
            long start = System.nanoTime();
            hanging.client().close();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(hanging.client().isAlive()).isFalse();
            assertThat(millis).as("close took %d ms", millis).isLessThan(1000);
        }
    }

    @Test
    void anUnboundedReplyQueueIsRefused() {
        assertThatThrownBy(() -> new SocketClientThread(new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unbounded queue");
    }

    @Test
    void theWatchdogThreadRunsOnlyWhileAConnectionIsOpen() throws Exception {
        server = LoopbackServer.start(SocketClientThreadTest::lineEcho);
        connect("line");
        assertThat(Threads.named("tincan-watchdog")).as("watchdog while connected").hasSize(1);
        ClientCommand.Close close = recorder.send(new ClientCommand.Close());
        assertThat(recorder.next(ClientReply.Closed.class).command()).isSameAs(close);
        Threads.assertNoneLeft("tincan-watchdog");
    }
}
