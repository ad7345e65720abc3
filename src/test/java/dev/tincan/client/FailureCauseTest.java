package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ClientReply.By;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.testing.FullBacklog;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every failure carries a cause that code can branch on, over real loopback sockets. */
class FailureCauseTest {
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

    private ClientReply connect(int port, ConnectOptions options) {
        recorder.send(new ClientCommand.Connect("127.0.0.1", port, options));
        return recorder.next();
    }

    private void connected(String framing) {
        assertThat(connect(server.port(), ConnectOptions.builder().framing(Framing.parse(framing)).build()))
                .isInstanceOf(ClientReply.Connected.class);
    }

    private static void silent(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
            // Reads and never answers.
        }
    }

    private ClientReply.Closed closedByError() {
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.by()).isEqualTo(By.ERROR);
        return closed;
    }

    @Test
    void aConnectToAPortWhereNothingListensIsRefused() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ClientReply.Error error = (ClientReply.Error) connect(port, ConnectOptions.defaults());
        assertThat(error.cause()).isEqualTo(Failure.REFUSED);
        assertThat(error.message()).contains("connection refused");
    }

    @Test
    void aConnectNobodyAnswersTimesOut() throws Exception {
        try (FullBacklog backlog = new FullBacklog()) {
            ClientReply.Error error = (ClientReply.Error) connect(backlog.port(),
                    ConnectOptions.builder().connectTimeout(Duration.ofMillis(200)).build());
            assertThat(error.cause()).isEqualTo(Failure.TIMED_OUT);
        }
    }

    @Test
    void aSecondConnectWhileConnectedIsAlreadyConnected() throws Exception {
        server = LoopbackServer.start(FailureCauseTest::silent);
        connected("line");
        ClientReply.Error error = (ClientReply.Error) connect(server.port(), ConnectOptions.defaults());
        assertThat(error.cause()).isEqualTo(Failure.ALREADY_CONNECTED);
    }

    @Test
    void commandsThatNeedAConnectionSayNotConnected() {
        ClientCommand.Send send = recorder.send(new ClientCommand.Send(Bytes.utf8("x")));
        assertThat(recorder.next(ClientReply.Error.class).cause()).isEqualTo(Failure.NOT_CONNECTED);
        ClientCommand.Close close = recorder.send(new ClientCommand.Close());
        ClientReply.Error error = recorder.next(ClientReply.Error.class);
        assertThat(error.command()).isSameAs(close);
        assertThat(error.cause()).isEqualTo(Failure.NOT_CONNECTED);
        recorder.send(new ClientCommand.Receive());
        assertThat(recorder.next(ClientReply.Error.class).cause()).isEqualTo(Failure.NOT_CONNECTED);
        assertThat(send).isNotNull();
    }

    @Test
    void aPayloadHoldingTheDelimiterCannotBeFramedAndTheOthersStillGo() throws Exception {
        server = LoopbackServer.start(FailureCauseTest::silent);
        connected("line");
        ClientCommand.Send bad = recorder.send(new ClientCommand.Send(Bytes.utf8("a\nb")));
        ClientReply.Error error = recorder.next(ClientReply.Error.class);
        assertThat(error.command()).isSameAs(bad);
        assertThat(error.cause()).isEqualTo(Failure.CANNOT_FRAME);
        ClientCommand.Send good = recorder.send(new ClientCommand.Send(Bytes.utf8("ab")));
        assertThat(recorder.next(ClientReply.Sent.class).command()).isSameAs(good);
    }

    @Test
    void aReceiveInPushModeIsRefused() throws Exception {
        server = LoopbackServer.start(FailureCauseTest::silent);
        connected("line");
        recorder.send(new ClientCommand.Receive());
        assertThat(recorder.next(ClientReply.Error.class).cause()).isEqualTo(Failure.NOT_PULL_MODE);
    }

    @Test
    void aResetByThePeerIsReset() throws Exception {
        server = LoopbackServer.start(socket -> {
            socket.getInputStream().read();
            socket.setSoLinger(true, 0);
            socket.close();
        });
        connected("line");
        recorder.send(new ClientCommand.Send(Bytes.utf8("x")));
        recorder.next(ClientReply.Sent.class);
        assertThat(closedByError().cause()).isEqualTo(Failure.RESET);
    }

    @Test
    void aPrefixOverTheMaxIsFrameTooLong() throws Exception {
        server = LoopbackServer.start(socket -> {
            socket.getOutputStream().write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            silent(socket);
        });
        connected("len32");
        assertThat(closedByError().cause()).isEqualTo(Failure.FRAME_TOO_LONG);
    }

    @Test
    void aNegativeLen64PrefixIsACorruptFrame() throws Exception {
        server = LoopbackServer.start(socket -> {
            socket.getOutputStream().write(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 1});
            silent(socket);
        });
        connected("len64");
        assertThat(closedByError().cause()).isEqualTo(Failure.CORRUPT_FRAME);
    }

    @Test
    void aCloseInTheMiddleOfAFrameIsATruncatedFrame() throws Exception {
        server = LoopbackServer.start(socket -> socket.getOutputStream().write(new byte[] {0, 0, 0, 10, 'a'}));
        connected("len32");
        assertThat(closedByError().cause()).isEqualTo(Failure.TRUNCATED_FRAME);
    }

    @Test
    void aCleanCloseByThePeerHasNoCause() throws Exception {
        server = LoopbackServer.start(socket -> socket.getOutputStream().write("bye\n".getBytes(StandardCharsets.US_ASCII)));
        connected("line");
        assertThat(recorder.nextFrames(1)).containsExactly("bye");
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.by()).isEqualTo(By.SERVER);
        assertThat(closed.cause()).isNull();
    }

    @Test
    void withSkippingATooLongFrameIsReportedAndTheConnectionStaysOpen() throws Exception {
        server = LoopbackServer.start(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write("before\n".getBytes(StandardCharsets.US_ASCII));
            out.write("x".repeat(100).getBytes(StandardCharsets.US_ASCII));
            out.write("\nafter\n".getBytes(StandardCharsets.US_ASCII));
            out.write("y".repeat(200).getBytes(StandardCharsets.US_ASCII));
            out.write("\nlast\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            silent(socket);
        });
        recorder.send(new ClientCommand.Connect("127.0.0.1", server.port(),
                ConnectOptions.builder().maxFrameLength(50).skipTooLong(true).build()));
        recorder.next(ClientReply.Connected.class);

        // Skips are reported in stream order: the first one right after "before".
        List<String> seen = new ArrayList<>();
        List<String> frames = new ArrayList<>();
        List<ClientReply.Error> skips = new ArrayList<>();
        while (frames.size() < 3 || skips.isEmpty()
                || !skips.get(skips.size() - 1).message().contains("(2 frames skipped")) {
            ClientReply reply = recorder.client().replies().poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(reply).as("next reply after %s", seen).isNotNull();
            if (reply instanceof ClientReply.Received r) {
                frames.add(r.frame().utf8());
                seen.add(r.frame().utf8());
            } else {
                skips.add((ClientReply.Error) reply);
                seen.add("skip");
            }
        }
        assertThat(seen.subList(0, 2)).containsExactly("before", "skip");
        assertThat(frames).containsExactly("before", "after", "last");
        assertThat(skips).allSatisfy(e -> {
            assertThat(e.command()).isNull();
            assertThat(e.cause()).isEqualTo(Failure.FRAME_TOO_LONG);
        });
        // Two too-long frames in one read are one report that counts both.
        if (skips.size() == 2) {
            assertThat(skips.get(0).message()).contains("It was skipped (1 frame skipped on this connection so far)");
        } else {
            assertThat(skips).singleElement().extracting(ClientReply.Error::message).asString()
                    .contains("It and 1 more were skipped (2 frames skipped on this connection so far)");
        }

        ClientCommand.Send send = recorder.send(new ClientCommand.Send(Bytes.utf8("still open")));
        assertThat(recorder.next(ClientReply.Sent.class).command()).isSameAs(send);
    }

    @Test
    void withoutSkippingATooLongFrameClosesTheConnection() throws Exception {
        server = LoopbackServer.start(socket -> {
            socket.getOutputStream().write(("x".repeat(100) + "\nafter\n").getBytes(StandardCharsets.US_ASCII));
            silent(socket);
        });
        recorder.send(new ClientCommand.Connect("127.0.0.1", server.port(),
                ConnectOptions.builder().maxFrameLength(50).build()));
        recorder.next(ClientReply.Connected.class);
        // The connection ends at the too-long frame: "after", read in the same chunk, comes
        // after it in the stream and is not handed over ahead of the close.
        assertThat(closedByError().cause()).isEqualTo(Failure.FRAME_TOO_LONG);
    }

    @Test
    void theRemoteAddressIsKept() throws Exception {
        server = LoopbackServer.start(FailureCauseTest::silent);
        ClientReply.Connected c = (ClientReply.Connected) connect(server.port(), ConnectOptions.defaults());
        assertThat(c.remote()).isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    }
}
