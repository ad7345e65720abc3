package dev.tincan.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import dev.tincan.testing.FaultProxy;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Toxic;
import java.io.IOException;
import java.time.Duration;

/**
 * A client talking to the companion server in echo mode through a {@link FaultProxy}:
 *
 * <pre>
 * ReplyRecorder ── SocketClientThread ──► FaultProxy (toxics) ──► CompanionServer (echo)
 * </pre>
 *
 * <p>{@link #close()} shuts the client down the ordinary way (Stopped last, nothing left
 * over), closes proxy and server, and checks that no thread of any of them is left.
 */
final class Rig implements AutoCloseable {
    final Framing framing;
    final CompanionServer server;
    final FaultProxy proxy;
    final ReplyRecorder recorder;

    private Rig(Framing framing, CompanionServer server, FaultProxy proxy, ReplyRecorder recorder) {
        this.framing = framing;
        this.server = server;
        this.proxy = proxy;
        this.recorder = recorder;
    }

    /** A running rig: echo server with {@code framing}, proxy with a toxic each way, started client. */
    static Rig start(String framing, Toxic clientToServer, Toxic serverToClient) throws IOException {
        Framing f = Framing.parse(framing);
        CompanionServer server = new CompanionServer(ServerConfig.builder().port(0).mode(Mode.ECHO)
                .framing(f).build()).start();
        FaultProxy proxy;
        try {
            proxy = FaultProxy.start(server.port(), clientToServer, serverToClient);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new Rig(f, server, proxy, new ReplyRecorder());
    }

    /** A running rig with {@code toxic} in one direction only. */
    static Rig start(String framing, FaultProxy.Direction direction, Toxic toxic) throws IOException {
        return direction == FaultProxy.Direction.CLIENT_TO_SERVER ? start(framing, toxic, Toxic.none())
                : start(framing, Toxic.none(), toxic);
    }

    /** The rig's framing, 2 s connect timeout and a 2 s write timeout, push mode. */
    ConnectOptions options() {
        return ConnectOptions.builder().framing(framing).connectTimeout(Duration.ofSeconds(2))
                .writeTimeout(Duration.ofSeconds(2)).build();
    }

    /** Connects through the proxy and checks the outcome. */
    ClientReply.Connected connect(ConnectOptions options) {
        ClientCommand.Connect connect = recorder.send(new ClientCommand.Connect("127.0.0.1", proxy.port(), options));
        ClientReply.Connected connected = recorder.next(ClientReply.Connected.class);
        assertThat(connected.command()).isSameAs(connect);
        assertThat(connected.remote().getPort()).isEqualTo(proxy.port());
        return connected;
    }

    /** "127.0.0.1:PORT" of the proxy, as the client names its peer in sentences. */
    String peer() {
        return "127.0.0.1:" + proxy.port();
    }

    /** Closes the connection with a Close command and checks the client closed it. */
    ClientReply.Closed closeByClient() {
        ClientCommand.Close close = recorder.send(new ClientCommand.Close());
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.command()).isSameAs(close);
        assertThat(closed.by()).isEqualTo(ClientReply.By.CLIENT);
        assertThat(closed.reason()).isEqualTo("closed by the client.");
        return closed;
    }

    @Override
    public void close() {
        try {
            recorder.shutdown();
        } finally {
            recorder.close();
            try {
                proxy.close();
            } finally {
                server.close();
            }
        }
        Resources.assertNoThreadsLeft();
    }
}
