package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.testing.FullBacklog;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Happy Eyeballs and the local address over loopback. The IPv6 address that never answers is
 * ::1 with a full backlog; this machine must have ::1, and without it the test fails saying
 * so rather than testing less.
 */
class DialerTest {
    private static final InetAddress V4 = InetAddress.getLoopbackAddress();

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

    private static InetAddress v6() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (ServerSocket probe = new ServerSocket(0, 1, v6)) {
            return probe.getInetAddress();
        } catch (java.io.IOException e) {
            throw new AssertionError("this machine has no IPv6 loopback address ::1 (" + e.getMessage() + "); the "
                    + "Happy Eyeballs test needs it: enable IPv6 on the loopback interface.", e);
        }
    }

    @Test
    void addressesAreTriedIpv6FirstThenAlternating() throws Exception {
        InetAddress a4 = InetAddress.getByName("192.0.2.1");
        InetAddress b4 = InetAddress.getByName("192.0.2.2");
        InetAddress a6 = InetAddress.getByName("2001:db8::1");
        InetAddress b6 = InetAddress.getByName("2001:db8::2");

        assertThat(Dialer.order(List.of(a4, b4, a6, b6))).containsExactly(a6, a4, b6, b4);
    }

    @Test
    @Timeout(10)
    void anIpv4AddressThatAnswersWinsOverAnIpv6OneThatDoesNot() throws Exception {
        try (FullBacklog silent = new FullBacklog(v6()); ServerSocket answering = bindSamePort(silent.port())) {
            Dialer dialer = new Dialer(List.of(V4, silent.address()), silent.port(), null,
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(5), "tincan-dial-test");
            assertThat(dialer.addresses().get(0)).as("tried first").isInstanceOf(Inet6Address.class);
            long start = System.nanoTime();

            try (Socket won = dialer.dial()) {
                long millis = (System.nanoTime() - start) / 1_000_000;

                assertThat(won.getInetAddress()).isEqualTo(V4);
                assertThat(won.getPort()).isEqualTo(answering.getLocalPort());
                assertThat(millis).as("the IPv4 attempt starts 250 ms after the IPv6 one and wins at once")
                        .isBetween(Dialer.ATTEMPT_DELAY_MILLIS, Dialer.ATTEMPT_DELAY_MILLIS + 750);
                List<Socket> others = dialer.sockets().stream().filter(s -> s != won).toList();
                assertThat(others).hasSize(1);
                assertThat(others.get(0).isClosed()).as("the IPv6 attempt is closed").isTrue();
                assertThat(Threads.named("tincan-dial-test")).as("attempt threads left").isEmpty();
            }
        }
    }

    @Test
    @Timeout(10)
    void theClientSaysWhichAddressAnswered() throws Exception {
        server = LoopbackServer.start(s -> s.getInputStream().read());
        recorder.send(new ClientCommand.Connect("localhost", server.port(), ConnectOptions.defaults()));

        ClientReply.Connected c = recorder.next(ClientReply.Connected.class);

        assertThat(c.remote().getAddress()).isEqualTo(V4);
    }

    /** A listener on 127.0.0.1 at {@code port}, which ::1 holds already (the two do not clash). */
    private static ServerSocket bindSamePort(int port) throws Exception {
        ServerSocket s = new ServerSocket();
        try {
            s.bind(new InetSocketAddress(V4, port), 50);
            return s;
        } catch (BindException e) {
            s.close();
            throw new AssertionError("127.0.0.1:" + port + " is taken while ::1:" + port + " is the test's", e);
        }
    }

    @Test
    void theServerSeesTheLocalPortChosen() throws Exception {
        server = LoopbackServer.start(s -> s.getInputStream().read());
        int chosen;
        try (ServerSocket free = new ServerSocket(0, 1, V4)) {
            chosen = free.getLocalPort();
        }
        recorder.send(new ClientCommand.Connect("127.0.0.1", server.port(), ConnectOptions.builder()
                .localAddress(new InetSocketAddress(V4, chosen)).build()));

        ClientReply.Connected c = recorder.next(ClientReply.Connected.class);

        assertThat(server.awaitConnection().getPort()).isEqualTo(chosen);
        assertThat(c.local().getPort()).isEqualTo(chosen);
    }

    @Test
    void aLocalAddressNotOfThisMachineIsRefusedWithASentence() throws Exception {
        server = LoopbackServer.start(s -> s.getInputStream().read());
        ClientCommand.Connect connect = recorder.send(new ClientCommand.Connect("127.0.0.1", server.port(),
                ConnectOptions.builder().localAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 0))
                        .build()));

        ClientReply.Error error = recorder.next(ClientReply.Error.class);

        assertThat(error.command()).isSameAs(connect);
        assertThat(error.cause()).isEqualTo(Failure.LOCAL_ADDRESS);
        assertThat(error.message()).isEqualTo("connect to 127.0.0.1:" + server.port() + " failed: the local address "
                + "192.0.2.1:0 is not an address of this machine.");
    }

    @Test
    void aLocalPortInUseIsRefusedWithASentence() throws Exception {
        server = LoopbackServer.start(s -> s.getInputStream().read());
        try (ServerSocket taken = new ServerSocket(0, 1, V4)) {
            recorder.send(new ClientCommand.Connect("127.0.0.1", server.port(), ConnectOptions.builder()
                    .localAddress(new InetSocketAddress(V4, taken.getLocalPort())).build()));

            ClientReply.Error error = recorder.next(ClientReply.Error.class);

            assertThat(error.cause()).isEqualTo(Failure.LOCAL_ADDRESS);
            assertThat(error.message()).endsWith(" failed: the local port " + taken.getLocalPort() + " is in use "
                    + "(choose another, or leave the port out).");
        }
    }
}
