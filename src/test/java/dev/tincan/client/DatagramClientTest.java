package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.testing.DatagramPeer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client thread speaking UDP, against real datagram channels on 127.0.0.1. */
class DatagramClientTest {
    private static final ConnectOptions UDP = ConnectOptions.builder().udp(true).build();

    private final ReplyRecorder recorder = new ReplyRecorder();
    private DatagramPeer peer;

    @AfterEach
    void tearDown() throws Exception {
        recorder.shutdown();
        if (peer != null) {
            peer.close();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private ClientReply.Connected connect(int port, ConnectOptions options) {
        recorder.send(new ClientCommand.Connect("127.0.0.1", port, options));
        return recorder.next(ClientReply.Connected.class);
    }

    private static Bytes text(String s) {
        return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDatagramEchoedComesBackAsOneFrameWithItsSourceAddress() throws Exception {
        peer = DatagramPeer.echo(s -> false);
        ClientReply.Connected connected = connect(peer.port(), UDP);
        assertThat(connected.remote()).isEqualTo(peer.address());

        ClientCommand.Send send = recorder.send(new ClientCommand.Send(text("hello")));
        ClientReply.Sent sent = recorder.next(ClientReply.Sent.class);
        assertThat(sent.command()).isSameAs(send);
        assertThat(sent.wireBytes()).isEqualTo(5);
        ClientReply.Received received = recorder.next(ClientReply.Received.class);
        assertThat(received.frame().utf8()).isEqualTo("hello");
        assertThat(received.source()).isEqualTo(peer.address());
        assertThat(received.command()).isNull();
    }

    @Test
    void framingIsNotAppliedToDatagrams() throws Exception {
        peer = DatagramPeer.open();
        ClientReply.Connected connected = connect(peer.port(),
                UDP.toBuilder().framing(Framing.parse("len32")).build());

        recorder.send(new ClientCommand.Send(text("one\ntwo")));
        recorder.next(ClientReply.Sent.class);
        DatagramPeer.Datagram d = peer.receive();
        assertThat(d.utf8()).as("no length prefix, no delimiter").isEqualTo("one\ntwo");
        assertThat(d.source()).isEqualTo(connected.local());

        peer.send(d.source(), "a\nb\n");
        assertThat(recorder.next(ClientReply.Received.class).frame().utf8()).isEqualTo("a\nb\n");
    }

    @Test
    void aDatagramOfTheLargestSizeGoesAndComesBackWhole() throws Exception {
        peer = DatagramPeer.echo(s -> false);
        connect(peer.port(), UDP);
        byte[] big = new byte[DatagramConnection.MAX_DATAGRAM_IPV4];
        Arrays.fill(big, (byte) 'x');
        big[big.length - 1] = 'y';

        recorder.send(new ClientCommand.Send(Bytes.of(big)));
        assertThat(recorder.next(ClientReply.Sent.class).wireBytes()).isEqualTo(65_507);
        Bytes back = recorder.next(ClientReply.Received.class).frame();
        assertThat(back.toByteArray()).isEqualTo(big);
    }

    @Test
    void aPayloadLongerThanOneDatagramIsRefusedWithASentenceAndNothingIsSent() throws Exception {
        peer = DatagramPeer.open();
        connect(peer.port(), UDP);

        ClientCommand.Send tooLong = recorder.send(new ClientCommand.Send(Bytes.of(new byte[65_508])));
        ClientReply.Error error = recorder.next(ClientReply.Error.class);
        assertThat(error.command()).isSameAs(tooLong);
        assertThat(error.cause()).isEqualTo(Failure.DATAGRAM_TOO_LONG);
        assertThat(error.message()).isEqualTo("send failed: the message is 65508 bytes, and one udp datagram to "
                + "127.0.0.1:" + peer.port() + " carries at most 65507 bytes; nothing was sent.");

        recorder.send(new ClientCommand.Send(text("still open")));
        recorder.next(ClientReply.Sent.class);
        assertThat(peer.receive().utf8()).as("the first datagram the peer gets").isEqualTo("still open");
    }

    @Test
    void aDatagramLongerThanTheMaxFrameLengthIsSkippedWithASentenceNamingItsSize() throws Exception {
        peer = DatagramPeer.open();
        ClientReply.Connected connected = connect(peer.port(), UDP.toBuilder().maxFrameLength(1000).build());

        peer.send(connected.local(), new byte[1000]);
        assertThat(recorder.next(ClientReply.Received.class).frame().length()).isEqualTo(1000);
        peer.send(connected.local(), new byte[1001]);
        ClientReply.Error error = recorder.next(ClientReply.Error.class);
        assertThat(error.command()).isNull();
        assertThat(error.cause()).isEqualTo(Failure.FRAME_TOO_LONG);
        assertThat(error.message()).isEqualTo("a datagram of 1001 bytes from 127.0.0.1:" + peer.port()
                + " is longer than the max frame length of 1000 bytes. It was skipped (1 datagram skipped so far); "
                + "raise the max frame length to read such datagrams.");
        peer.send(connected.local(), "after");
        assertThat(recorder.next(ClientReply.Received.class).frame().utf8()).isEqualTo("after");
    }

    @Test
    void aPortWhereNothingListensIsSaidInOneSentenceAndTheChannelStaysOpen() throws Exception {
        int port;
        try (DatagramSocket free = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        connect(port, UDP);
        recorder.send(new ClientCommand.Send(text("anyone?")));
        recorder.next(ClientReply.Sent.class);
        ClientReply.Error error = recorder.next(ClientReply.Error.class);
        assertThat(error.command()).isNull();
        assertThat(error.cause()).isEqualTo(Failure.UNREACHABLE);
        assertThat(error.message()).isEqualTo("nothing is listening on udp 127.0.0.1:" + port
                + " (the host answered port unreachable).");

        ClientCommand.Close close = recorder.send(new ClientCommand.Close());
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.command()).isSameAs(close);
        assertThat(closed.by()).isEqualTo(ClientReply.By.CLIENT);
    }

    @Test
    void pullModeReadsOneDatagramPerReceive() throws Exception {
        peer = DatagramPeer.open();
        ClientReply.Connected connected = connect(peer.port(), UDP.toBuilder().pull(true).build());
        peer.send(connected.local(), "first");
        peer.send(connected.local(), "second");

        ClientCommand.Receive receive = recorder.send(new ClientCommand.Receive());
        ClientReply.Received received = recorder.next(ClientReply.Received.class);
        assertThat(received.command()).isSameAs(receive);
        assertThat(received.frame().utf8()).isEqualTo("first");
        recorder.assertExhausted();
    }

    @Test
    void aConnectWhileTalkingUdpIsRefusedAndShutdownClosesTheChannel() throws Exception {
        peer = DatagramPeer.open();
        connect(peer.port(), UDP);
        ClientCommand.Connect again = recorder.send(new ClientCommand.Connect("127.0.0.1", peer.port(),
                ConnectOptions.defaults()));
        ClientReply.Error error = recorder.next(ClientReply.Error.class);
        assertThat(error.command()).isSameAs(again);
        assertThat(error.cause()).isEqualTo(Failure.ALREADY_CONNECTED);

        ClientCommand.Shutdown shutdown = recorder.send(new ClientCommand.Shutdown());
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.command()).isSameAs(shutdown);
        assertThat(recorder.next(ClientReply.Stopped.class).command()).isSameAs(shutdown);
        // Stopped is posted just before the thread ends: wait, so the tear-down does not shut it down again.
        Threads.awaitEnded(recorder.client());
    }

    @Test
    void anUnknownHostIsSaidInOneSentence() {
        ClientCommand.Connect connect = recorder.send(new ClientCommand.Connect("no-such-host.invalid", 5000, UDP));
        ClientReply.Error error = recorder.next(ClientReply.Error.class);
        assertThat(error.command()).isSameAs(connect);
        assertThat(error.cause()).isEqualTo(Failure.UNKNOWN_HOST);
    }

    @Test
    void udpRefusesTlsAndAProxyWithASentence() {
        assertThatThrownBy(() -> UDP.toBuilder().tls(TlsOptions.defaults()).build())
                .hasMessage("TLS runs over TCP only: leave out TLS to speak UDP, or leave out UDP to speak TLS.");
        assertThatThrownBy(() -> UDP.toBuilder().proxy(ProxyOptions.socks5("127.0.0.1", 1080)).build())
                .hasMessage("a proxy carries TCP only: leave out the proxy to speak UDP.");
    }

    @Test
    void aFrameOverTcpHasNoSourceOfItsOwn() {
        assertThat(new ClientReply.Received(null, text("x"), 1, 2).source()).isNull();
    }
}
