package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.testing.ExternalProxy;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client through real proxy programs, an independent check of the handshakes:
 * {@code microsocks} (SOCKS5, RFC 1929 auth) and {@code ncat --proxy-type http} (CONNECT,
 * Basic auth). Missing programs fail the test with a sentence naming the Debian package.
 * The host is given as {@code localhost}, a name the proxy resolves.
 */
class ExternalProxyTest {
    private final ReplyRecorder recorder = new ReplyRecorder();
    private ExternalProxy proxy;
    private LoopbackServer echo;

    @AfterEach
    void tearDown() throws Exception {
        recorder.shutdown();
        if (proxy != null) {
            proxy.close();
        }
        if (echo != null) {
            echo.close();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private int echoPort() throws Exception {
        echo = LoopbackServer.start(s -> s.getInputStream().transferTo(s.getOutputStream()));
        return echo.port();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private ClientReply connect(int port, ProxyOptions through) {
        recorder.send(new ClientCommand.Connect("localhost", port, ConnectOptions.builder().proxy(through).build()));
        return recorder.next();
    }

    private void echoes(String text) {
        recorder.send(new ClientCommand.Send(Bytes.utf8(text)));
        recorder.next(ClientReply.Sent.class);
        assertThat(recorder.nextFrames(1)).containsExactly(text);
    }

    private ClientReply.Error refused(int port, ProxyOptions through) {
        ClientReply reply = connect(port, through);
        assertThat(reply).isInstanceOf(ClientReply.Error.class);
        return (ClientReply.Error) reply;
    }

    @Test
    void microsocksWithUserAndPassword() throws Exception {
        proxy = ExternalProxy.microsocks("ann", "sesame");

        assertThat(connect(echoPort(), ProxyOptions.socks5("127.0.0.1", proxy.port())
                .withCredentials("ann", "sesame".toCharArray()))).isInstanceOf(ClientReply.Connected.class);
        echoes("through microsocks");
    }

    @Test
    void microsocksRefusesAWrongPassword() throws Exception {
        proxy = ExternalProxy.microsocks("ann", "sesame");
        int port = echoPort();

        ClientReply.Error error = refused(port, ProxyOptions.socks5("127.0.0.1", proxy.port())
                .withCredentials("ann", "wrong".toCharArray()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_AUTH);
        assertThat(error.message()).isEqualTo("connect to localhost:" + port + " through SOCKS5 proxy 127.0.0.1:"
                + proxy.port() + " failed: the proxy refused the user name or password.");
    }

    @Test
    void microsocksCannotReachAPortNobodyListensOn() throws Exception {
        proxy = ExternalProxy.microsocks(null, null);
        int closed = closedPort();

        ClientReply.Error error = refused(closed, ProxyOptions.socks5("127.0.0.1", proxy.port()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_TARGET_UNREACHABLE);
        assertThat(error.message()).startsWith("connect to localhost:" + closed + " through SOCKS5 proxy 127.0.0.1:"
                + proxy.port() + " failed: the proxy could not reach the host (");
    }

    @Test
    void ncatHttpProxyWithBasicAuth() throws Exception {
        proxy = ExternalProxy.ncatHttp("ann", "sesame");

        assertThat(connect(echoPort(), ProxyOptions.http("127.0.0.1", proxy.port())
                .withCredentials("ann", "sesame".toCharArray()))).isInstanceOf(ClientReply.Connected.class);
        echoes("through ncat");
    }

    @Test
    void ncatHttpProxyAnswers407ToAWrongPassword() throws Exception {
        proxy = ExternalProxy.ncatHttp("ann", "sesame");
        int port = echoPort();

        ClientReply.Error error = refused(port, ProxyOptions.http("127.0.0.1", proxy.port())
                .withCredentials("ann", "wrong".toCharArray()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_AUTH);
        assertThat(error.message()).isEqualTo("connect to localhost:" + port + " through HTTP proxy 127.0.0.1:"
                + proxy.port() + " failed: the proxy answered 407 Proxy Authentication Required.");
    }

    @Test
    void ncatHttpProxyCannotReachAPortNobodyListensOn() throws Exception {
        proxy = ExternalProxy.ncatHttp(null, null);
        int closed = closedPort();

        ClientReply.Error error = refused(closed, ProxyOptions.http("127.0.0.1", proxy.port()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_TARGET_UNREACHABLE);
        assertThat(error.message()).isEqualTo("connect to localhost:" + closed + " through HTTP proxy 127.0.0.1:"
                + proxy.port() + " failed: the proxy could not reach the host (it answered 504 Gateway Timeout).");
    }
}
