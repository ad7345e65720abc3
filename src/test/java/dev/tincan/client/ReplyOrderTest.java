package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Order is decided where events happen: sequence numbers without gaps, times that never go
 * back, and a frame's {@code Sent} always before the reply to it, in the queue itself.
 */
class ReplyOrderTest {
    private static final int FRAMES = 20_000;
    private final ReplyRecorder recorder = new ReplyRecorder(64);
    private LoopbackServer server;

    @AfterEach
    void tearDown() throws Exception {
        recorder.shutdown();
        if (server != null) {
            server.close();
        }
        Threads.assertNoneLeft("tincan-");
    }

    /** Echoes every byte at once, in small reads, so replies race the client's own bookkeeping. */
    private static void rawEcho(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buf = new byte[512];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
        }
    }

    @Test
    void everyEchoComesAfterItsSentAndSequenceAndTimeOnlyGoForward() throws Exception {
        server = LoopbackServer.start(ReplyOrderTest::rawEcho);
        recorder.send(new ClientCommand.Connect("127.0.0.1", server.port(), ConnectOptions.defaults()));
        ClientReply first = recorder.next(ClientReply.Connected.class);
        long lastSeq = first.seq();
        long lastNanos = first.nanos();
        assertThat(lastSeq).isEqualTo(1);

        Map<String, Long> sentAt = new HashMap<>();
        int sent = 0;
        int echoed = 0;
        int queued = 0;
        while (echoed < FRAMES) {
            // Keep up to 256 frames in flight, so writes and echoes overlap all the time.
            while (queued < FRAMES && queued - echoed < 256) {
                recorder.send(new ClientCommand.Send(Bytes.utf8("f" + queued)));
                queued++;
            }
            ClientReply reply = recorder.next();
            assertThat(reply.seq()).as("sequence after %d", lastSeq).isEqualTo(lastSeq + 1);
            assertThat(reply.nanos()).as("time of #%d", reply.seq()).isGreaterThanOrEqualTo(lastNanos);
            lastSeq = reply.seq();
            lastNanos = reply.nanos();
            if (reply instanceof ClientReply.Sent s) {
                sentAt.put(s.command().payload().utf8(), s.seq());
                sent++;
            } else if (reply instanceof ClientReply.Received r) {
                String frame = r.frame().utf8();
                assertThat(sentAt).as("the Sent of %s came before its echo (#%d)", frame, r.seq())
                        .containsKey(frame);
                echoed++;
            } else {
                throw new AssertionError("unexpected reply " + reply);
            }
        }
        assertThat(sent).isEqualTo(FRAMES);
    }
    /**
     * Commands paced by a caller: none apart, about the client thread's look apart, a few
     * looks apart, far apart, so each arrives during a look, during a look stretched to the
     * pace, or after the thread parked. Every one is sent once, in order, and echoed in order.
     */
    @Test
    void commandsPacedNearAndFarFromTheLookAreAllSentAndEchoedInOrder() throws Exception {
        server = LoopbackServer.start(ReplyOrderTest::rawEcho);
        long[] pausesNanos = {0, 15_000, 30_000, 45_000, 80_000, 150_000, 1_000_000};
        int perPace = 200;
        int frames = pausesNanos.length * perPace;
        try (ReplyRecorder paced = new ReplyRecorder(2 * frames + 16)) {
            paced.send(new ClientCommand.Connect("127.0.0.1", server.port(), ConnectOptions.defaults()));
            paced.next(ClientReply.Connected.class);
            int queued = 0;
            for (long pause : pausesNanos) {
                for (int i = 0; i < perPace; i++) {
                    long until = System.nanoTime() + pause;
                    while (System.nanoTime() - until < 0) {
                        Thread.onSpinWait();
                    }
                    paced.send(new ClientCommand.Send(Bytes.utf8("p" + queued++)));
                }
            }
            int sent = 0;
            int echoed = 0;
            while (sent < frames || echoed < frames) {
                ClientReply reply = paced.next();
                if (reply instanceof ClientReply.Sent s) {
                    assertThat(s.command().payload().utf8()).as("Sent %d", sent).isEqualTo("p" + sent);
                    sent++;
                } else {
                    assertThat(reply).isInstanceOf(ClientReply.Received.class);
                    assertThat(((ClientReply.Received) reply).frame().utf8()).as("echo %d", echoed)
                            .isEqualTo("p" + echoed);
                    assertThat(echoed).as("echo %d no sooner than its Sent", echoed).isLessThan(sent);
                    echoed++;
                }
            }
            paced.assertExhausted();
        }
    }
}
