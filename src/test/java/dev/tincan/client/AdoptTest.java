package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Framing;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A socket a listener accepted runs as a client thread's connection, as if it had been connected. */
class AdoptTest {
    private final ReplyRecorder recorder = new ReplyRecorder();

    @AfterEach
    void tearDown() {
        recorder.shutdown();
        Threads.assertNoneLeft("tincan-");
    }

    private static ConnectOptions line() {
        return ConnectOptions.builder().framing(Framing.parse("line")).build();
    }

    @Test
    void anAcceptedSocketSendsAndReceivesFramesAndNamesItsPeer() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket peer = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            Socket accepted = listener.accept();
            ClientCommand.Adopt adopt = recorder.send(new ClientCommand.Adopt(accepted, line()));
            ClientReply.Connected connected = recorder.next(ClientReply.Connected.class);
            assertThat(connected.command()).isSameAs(adopt);
            assertThat(connected.remote().getPort()).isEqualTo(peer.getLocalPort());
            assertThat(connected.local().getPort()).isEqualTo(listener.getLocalPort());

            peer.getOutputStream().write("pushed\n".getBytes(StandardCharsets.UTF_8));
            assertThat(recorder.nextFrames(1)).containsExactly("pushed");

            recorder.send(new ClientCommand.Send(dev.tincan.codec.Bytes.of("answer".getBytes(StandardCharsets.UTF_8))));
            recorder.next(ClientReply.Sent.class);
            BufferedReader in = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("answer");

            peer.shutdownOutput();
            assertThat(recorder.next(ClientReply.Closed.class).by()).isEqualTo(ClientReply.By.SERVER);
        }
    }

    @Test
    void aSecondSocketWhileConnectedIsRefusedAndClosed() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 2, InetAddress.getLoopbackAddress());
                Socket first = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                Socket second = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
            recorder.send(new ClientCommand.Adopt(listener.accept(), line()));
            assertThat(recorder.next(ClientReply.Connected.class).remote().getPort()).isEqualTo(first.getLocalPort());
            ClientCommand.Adopt again = recorder.send(new ClientCommand.Adopt(listener.accept(), line()));
            ClientReply.Error error = recorder.next(ClientReply.Error.class);
            assertThat(error.command()).isSameAs(again);
            assertThat(error.cause()).isEqualTo(Failure.ALREADY_CONNECTED);
            assertThat(error.message()).startsWith("taking over the connection from 127.0.0.1:")
                    .contains("already connected to").endsWith("; it was closed.");
            assertThat(second.getInputStream().read()).as("the refused socket is closed").isEqualTo(-1);
        }
    }

    @Test
    void anUnconnectedSocketIsRejectedWithASentence() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ClientCommand.Adopt(new Socket(), line()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not connected");
    }
}
