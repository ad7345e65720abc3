package dev.tincan.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.testing.DatagramPeer;
import dev.tincan.testing.Threads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The companion server's UDP echo, against a real datagram channel on 127.0.0.1. */
class DatagramEchoTest {
    @Test
    void eachDatagramComesBackWholeToItsSenderAndOneOverTheMaxIsNotEchoed() throws Exception {
        try (DatagramEcho echo = DatagramEcho.start(InetAddress.getLoopbackAddress(), 0, 100);
                DatagramPeer peer = DatagramPeer.open()) {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.port());
            peer.send(server, "a\nb");
            DatagramPeer.Datagram back = peer.receive();
            assertThat(back.utf8()).isEqualTo("a\nb");
            assertThat(back.source()).isEqualTo(server);

            peer.send(server, new byte[101]);
            peer.send(server, "after");
            assertThat(peer.receive().utf8()).as("the first datagram back after the long one").isEqualTo("after");
        }
        Threads.assertNoneLeft("tincan-server-udp");
    }

    @Test
    void aPortTakenForUdpIsOneSentence() throws Exception {
        try (DatagramPeer taken = DatagramPeer.open()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatagramEcho.start(InetAddress.getLoopbackAddress(),
                    taken.port(), 100)).hasMessage("udp port " + taken.port() + " on 127.0.0.1 is already in use: stop "
                            + "what holds it, pick another port with --port, or leave out --udp.");
        }
    }
}
