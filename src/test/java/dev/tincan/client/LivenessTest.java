package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keep-alive is set on the socket as asked, and a silent peer is reported once per silent
 * stretch, as an error without a command that leaves the connection open, and never while
 * frames flow.
 */
@Timeout(20)
class LivenessTest {
    private final ReplyRecorder recorder = new ReplyRecorder();
    private ServerSocket server;
    private Socket peer;

    @AfterEach
    void tearDown() throws Exception {
        recorder.shutdown();
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.close();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private void connect(ConnectOptions options) throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        recorder.send(new ClientCommand.Connect("127.0.0.1", server.getLocalPort(), options));
        peer = server.accept();
        recorder.next(ClientReply.Connected.class);
    }

    private ClientReply poll(long millis) throws InterruptedException {
        return recorder.client().replies().poll(millis, TimeUnit.MILLISECONDS);
    }

    @Test
    void keepAliveIsSetOnTheSocketOnlyWhenAsked() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (boolean keepAlive : new boolean[] {true, false}) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Socket accepted = listener.accept();
                try {
                    BlockingQueue<ClientReply> replies = new ArrayBlockingQueue<>(16);
                    Connection c = new Connection(socket, ConnectOptions.builder().keepAlive(keepAlive).build(),
                            new ReplySink(replies), "127.0.0.1:" + listener.getLocalPort(), 0);
                    assertThat(socket.getKeepAlive()).as("SO_KEEPALIVE with keepAlive " + keepAlive)
                            .isEqualTo(keepAlive);
                    c.endByOwner();
                } finally {
                    accepted.close();
                }
            }
        }
    }

    @Test
    void aSilentPeerIsReportedOncePerSilentStretchAndTheConnectionStays() throws Exception {
        connect(ConnectOptions.builder().idleTimeout(Duration.ofMillis(200)).build());
        String sentence = "nothing received from 127.0.0.1:" + server.getLocalPort() + " for 200 ms.";

        ClientReply.Error first = recorder.next(ClientReply.Error.class);
        assertThat(first.cause()).isEqualTo(Failure.IDLE);
        assertThat(first.command()).isNull();
        assertThat(first.message()).isEqualTo(sentence);
        // Three more timeouts of the same silence: no second report.
        assertThat(poll(600)).as("a second report of the same silent stretch").isNull();

        OutputStream out = peer.getOutputStream();
        out.write("alive\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(recorder.next(ClientReply.Received.class).frame().utf8()).isEqualTo("alive");
        // The frame ended that stretch; the silence after it is a new one.
        ClientReply.Error second = recorder.next(ClientReply.Error.class);
        assertThat(second.cause()).isEqualTo(Failure.IDLE);
        assertThat(second.message()).isEqualTo(sentence);

        // The connection is still open: a send goes out and its echo comes back.
        recorder.send(new ClientCommand.Send(Bytes.utf8("still here")));
        recorder.next(ClientReply.Sent.class);
    }

    @Test
    void noReportWhileFramesFlowFasterThanTheTimeout() throws Exception {
        connect(ConnectOptions.builder().idleTimeout(Duration.ofMillis(400)).build());
        OutputStream out = peer.getOutputStream();
        long timeout = TimeUnit.MILLISECONDS.toNanos(400);
        // Ten frames, one per 100 ms: a whole second, two and a half timeouts, never silent for one.
        // A loaded machine can leave a longer silence between two frames, so a report is checked
        // against what the test saw: the engine heard frame i-1 after the test wrote it, so a
        // report that comes sooner than a timeout after that write is one too many.
        long lastWrite = System.nanoTime();
        int brisk = 0;
        for (int i = 0; i < 10; i++) {
            ClientReply early = poll(100);
            if (early != null) {
                assertReportAllowed(early, lastWrite, timeout);
            }
            long wrote = System.nanoTime();
            out.write(("frame " + i + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ClientReply reply;
            while (!((reply = recorder.next(ClientReply.class)) instanceof ClientReply.Received)) {
                assertReportAllowed(reply, lastWrite, timeout);
            }
            assertThat(((ClientReply.Received) reply).frame().utf8()).isEqualTo("frame " + i);
            if (System.nanoTime() - lastWrite < timeout) {
                brisk++;
            }
            lastWrite = wrote;
        }
        assertThat(brisk).as("most frames came within a timeout of the one before, or this proves nothing")
                .isGreaterThan(5);
    }

    /** A reply while frames flow may only be an idle report after a timeout of silence since {@code lastWrite}. */
    private static void assertReportAllowed(ClientReply reply, long lastWrite, long timeout) {
        long since = System.nanoTime() - lastWrite;
        assertThat(reply).as("a reply while frames flow").isInstanceOf(ClientReply.Error.class);
        assertThat(((ClientReply.Error) reply).cause()).isEqualTo(Failure.IDLE);
        assertThat(since).as("an idle report %d ms after the last frame was written",
                TimeUnit.NANOSECONDS.toMillis(since)).isGreaterThanOrEqualTo(timeout);
    }
}
