package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.testing.HttpConnectProxy;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Socks5Proxy;
import dev.tincan.testing.TestCertificates;
import dev.tincan.testing.Threads;
import dev.tincan.testing.TlsEchoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client through a SOCKS5 proxy and an HTTP CONNECT proxy written in the test, over
 * loopback: the host's name reaches the proxy unresolved, credentials are sent and checked,
 * and every way a proxy can say no ends the connect with its own cause and one sentence.
 * The name {@code echo.tincan.test} resolves nowhere but in the proxies.
 */
class ProxyClientTest {
    private static final String NAME = "echo.tincan.test";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final TestCertificates.Issued CA = TestCertificates.authority("Tincan Test CA");

    private final ReplyRecorder recorder = new ReplyRecorder();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private LoopbackServer echo;

    @AfterEach
    void tearDown() throws Exception {
        recorder.shutdown();
        for (AutoCloseable c : closing) {
            c.close();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private <T extends AutoCloseable> T closing(T c) {
        closing.add(c);
        return c;
    }

    private int echoPort() throws Exception {
        if (echo == null) {
            echo = closing(LoopbackServer.start(s -> s.getInputStream().transferTo(s.getOutputStream())));
        }
        return echo.port();
    }

    private ClientReply connect(String host, int port, ProxyOptions proxy) {
        recorder.send(new ClientCommand.Connect(host, port, ConnectOptions.builder().proxy(proxy).build()));
        return recorder.next();
    }

    private ClientReply.Error refused(String host, int port, ProxyOptions proxy) {
        ClientReply reply = connect(host, port, proxy);
        assertThat(reply).as("the reply to a connect through " + proxy).isInstanceOf(ClientReply.Error.class);
        return (ClientReply.Error) reply;
    }

    private void echoes(String text) {
        recorder.send(new ClientCommand.Send(Bytes.utf8(text)));
        recorder.next(ClientReply.Sent.class);
        assertThat(recorder.nextFrames(1)).containsExactly(text);
    }

    @Test
    void socks5SendsTheHostNameForTheProxyToResolve() throws Exception {
        Socks5Proxy proxy = closing(Socks5Proxy.open().resolve(NAME, LOOPBACK));
        int port = echoPort();

        ClientReply.Connected c = (ClientReply.Connected) connect(NAME, port, ProxyOptions.socks5("127.0.0.1",
                proxy.port()));

        assertThat(proxy.awaitRequest()).isEqualTo(new Socks5Proxy.Request(3, NAME, port));
        assertThat(c.remote().getPort()).as("the address that answered: the proxy's").isEqualTo(proxy.port());
        echoes("through socks");
    }

    @Test
    void socks5SendsAnAddressAsAnAddress() throws Exception {
        Socks5Proxy proxy = closing(Socks5Proxy.open());
        int port = echoPort();

        assertThat(connect("127.0.0.1", port, ProxyOptions.socks5("127.0.0.1", proxy.port())))
                .isInstanceOf(ClientReply.Connected.class);

        assertThat(proxy.awaitRequest()).isEqualTo(new Socks5Proxy.Request(1, "127.0.0.1", port));
        echoes("by address");
    }

    @Test
    void socks5WithTheRightUserAndPasswordConnects() throws Exception {
        Socks5Proxy proxy = closing(Socks5Proxy.withCredentials("ann", "sesame").resolve(NAME, LOOPBACK));

        assertThat(connect(NAME, echoPort(), ProxyOptions.socks5("127.0.0.1", proxy.port())
                .withCredentials("ann", "sesame".toCharArray()))).isInstanceOf(ClientReply.Connected.class);
        echoes("authenticated");
    }

    @Test
    void socks5WithAWrongPasswordSaysTheProxyRefusedIt() throws Exception {
        Socks5Proxy proxy = closing(Socks5Proxy.withCredentials("ann", "sesame").resolve(NAME, LOOPBACK));
        int port = echoPort();

        ClientReply.Error error = refused(NAME, port, ProxyOptions.socks5("127.0.0.1", proxy.port())
                .withCredentials("ann", "wrong".toCharArray()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_AUTH);
        assertThat(error.message()).isEqualTo("connect to " + NAME + ":" + port + " through SOCKS5 proxy 127.0.0.1:"
                + proxy.port() + " failed: the proxy refused the user name or password.");
    }

    @Test
    void socks5WithoutCredentialsSaysTheProxyRequiresThem() throws Exception {
        Socks5Proxy proxy = closing(Socks5Proxy.withCredentials("ann", "sesame"));

        ClientReply.Error error = refused(NAME, 7, ProxyOptions.socks5("127.0.0.1", proxy.port()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_AUTH);
        assertThat(error.message()).endsWith(" failed: the proxy requires a user name and password and none was "
                + "given.");
    }

    @Test
    void socks5ProxyThatRefusesSaysWhy() throws Exception {
        Socks5Proxy proxy = closing(Socks5Proxy.open().refuseWith(2));

        ClientReply.Error error = refused(NAME, 7, ProxyOptions.socks5("127.0.0.1", proxy.port()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_REFUSED);
        assertThat(error.message()).isEqualTo("connect to " + NAME + ":7 through SOCKS5 proxy 127.0.0.1:"
                + proxy.port() + " failed: the proxy refused the connection (connection not allowed by ruleset).");
    }

    @Test
    void socks5ProxyThatCannotReachTheHostSaysSo() throws Exception {
        Socks5Proxy proxy = closing(Socks5Proxy.open());

        ClientReply.Error error = refused("nowhere.tincan.test", 7, ProxyOptions.socks5("127.0.0.1", proxy.port()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_TARGET_UNREACHABLE);
        assertThat(error.message()).isEqualTo("connect to nowhere.tincan.test:7 through SOCKS5 proxy 127.0.0.1:"
                + proxy.port() + " failed: the proxy could not reach the host (host unreachable).");
    }

    @Test
    void aProxyNobodyListensOnIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            closed = s.getLocalPort();
        }

        ClientReply.Error error = refused(NAME, 7, ProxyOptions.http("127.0.0.1", closed));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_UNREACHABLE);
        assertThat(error.message()).isEqualTo("connect to " + NAME + ":7 through HTTP proxy 127.0.0.1:" + closed
                + " failed: the proxy refused the connection (is a proxy listening on port " + closed + "?).");
    }

    @Test
    void aProxyThatNeverAnswersTimesOutWithinTheConnectTimeout() throws Exception {
        LoopbackServer silent = closing(LoopbackServer.start(s -> s.getInputStream().transferTo(
                java.io.OutputStream.nullOutputStream())));
        recorder.send(new ClientCommand.Connect(NAME, 7, ConnectOptions.builder()
                .proxy(ProxyOptions.socks5("127.0.0.1", silent.port())).connectTimeout(Duration.ofMillis(300))
                .build()));
        long start = System.nanoTime();

        ClientReply.Error error = recorder.next(ClientReply.Error.class);

        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 2000L);
        assertThat(error.cause()).isEqualTo(Failure.TIMED_OUT);
        assertThat(error.message()).endsWith(" failed: the proxy did not finish its handshake in time (the connect "
                + "timeout is 300 ms).");
    }

    @Test
    void httpConnectAsksForTheHostByName() throws Exception {
        HttpConnectProxy proxy = closing(HttpConnectProxy.open().resolve(NAME, LOOPBACK));
        int port = echoPort();

        assertThat(connect(NAME, port, ProxyOptions.http("127.0.0.1", proxy.port())))
                .isInstanceOf(ClientReply.Connected.class);

        assertThat(proxy.awaitRequest()).containsExactly("CONNECT " + NAME + ":" + port + " HTTP/1.1",
                "Host: " + NAME + ":" + port);
        echoes("through http");
    }

    @Test
    void httpConnectSendsBasicCredentials() throws Exception {
        HttpConnectProxy proxy = closing(HttpConnectProxy.withCredentials("ann", "sesame").resolve(NAME, LOOPBACK));

        assertThat(connect(NAME, echoPort(), ProxyOptions.http("127.0.0.1", proxy.port())
                .withCredentials("ann", () -> "sesame".toCharArray()))).isInstanceOf(ClientReply.Connected.class);

        assertThat(proxy.awaitRequest()).contains("Proxy-Authorization: Basic YW5uOnNlc2FtZQ==");
        echoes("authenticated");
    }

    @Test
    void httpConnectWithAWrongPasswordSays407() throws Exception {
        HttpConnectProxy proxy = closing(HttpConnectProxy.withCredentials("ann", "sesame"));
        int port = echoPort();

        ClientReply.Error error = refused(NAME, port, ProxyOptions.http("127.0.0.1", proxy.port())
                .withCredentials("ann", "wrong".toCharArray()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_AUTH);
        assertThat(error.message()).isEqualTo("connect to " + NAME + ":" + port + " through HTTP proxy 127.0.0.1:"
                + proxy.port() + " failed: the proxy answered 407 Proxy Authentication Required.");
    }

    @Test
    void httpProxyThatRefusesSaysItsStatus() throws Exception {
        HttpConnectProxy proxy = closing(HttpConnectProxy.open().answerWith("HTTP/1.1 403 Forbidden"));

        ClientReply.Error error = refused(NAME, 7, ProxyOptions.http("127.0.0.1", proxy.port()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_REFUSED);
        assertThat(error.message()).endsWith(" failed: the proxy answered 403 Forbidden.");
    }

    @Test
    void httpProxyThatCannotReachTheHostSaysSo() throws Exception {
        HttpConnectProxy proxy = closing(HttpConnectProxy.open());

        ClientReply.Error error = refused("nowhere.tincan.test", 7, ProxyOptions.http("127.0.0.1", proxy.port()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_TARGET_UNREACHABLE);
        assertThat(error.message()).isEqualTo("connect to nowhere.tincan.test:7 through HTTP proxy 127.0.0.1:"
                + proxy.port() + " failed: the proxy could not reach the host (it answered 502 Bad Gateway).");
    }

    @Test
    void httpProxyWithAHeaderThatNeverEndsIsCutOffAt8KiB() throws Exception {
        HttpConnectProxy proxy = closing(HttpConnectProxy.open().endlessHeader());

        ClientReply.Error error = refused(NAME, 7, ProxyOptions.http("127.0.0.1", proxy.port()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_PROTOCOL);
        assertThat(error.message()).endsWith(" failed: the proxy's answer went on for more than 8 KiB without "
                + "ending its headers.");
    }

    @Test
    void aSocksProxyNamedAsHttpSaysItDidNotAnswerInHttp() throws Exception {
        Socks5Proxy proxy = closing(Socks5Proxy.open());

        ClientReply.Error error = refused(NAME, 7, ProxyOptions.http("127.0.0.1", proxy.port()));

        assertThat(error.cause()).isEqualTo(Failure.PROXY_PROTOCOL);
        assertThat(error.message()).contains(" failed: the proxy ");
    }

    @Test
    void aProxyThatResetsDuringItsHandshakeSaysSo() throws Exception {
        try (ServerSocket proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread resetter = new Thread(() -> {
                try (Socket client = proxy.accept()) {
                    client.getInputStream().read();
                    client.setSoLinger(true, 0);
                } catch (IOException e) {
                    // The connect below then fails some other way, and the assertions say how.
                }
            }, "resetting-proxy");
            resetter.setDaemon(true);
            resetter.start();

            ClientReply.Error error = refused(NAME, 7, ProxyOptions.http("127.0.0.1", proxy.getLocalPort()));

            assertThat(error.cause()).isEqualTo(Failure.PROXY_PROTOCOL);
            assertThat(error.message()).endsWith(" failed: the proxy reset the connection during its handshake.");
        }
    }

    @Test
    void tlsRunsThroughTheProxyToTheHostByName() throws Exception {
        TlsEchoServer tls = closing(TlsEchoServer.start(TestCertificates.issue(CA, "echo", NAME)));
        Socks5Proxy proxy = closing(Socks5Proxy.open().resolve(NAME, LOOPBACK));
        recorder.send(new ClientCommand.Connect(NAME, tls.port(), ConnectOptions.builder()
                .proxy(ProxyOptions.socks5("127.0.0.1", proxy.port()))
                .tls(TlsOptions.builder().trust(List.of(CA.certificate())).build()).build()));

        ClientReply.Connected c = recorder.next(ClientReply.Connected.class);

        assertThat(c.tls().peer().subject()).isEqualTo("CN=echo");
        assertThat(proxy.awaitRequest().host()).isEqualTo(NAME);
        echoes("tls through socks");
    }

    @Test
    void thePasswordIsNeverShown() {
        ProxyOptions proxy = ProxyOptions.http("::1", 3128).withCredentials("ann", "sesame".toCharArray());

        assertThat(proxy.toString()).isEqualTo("http://ann@[::1]:3128").doesNotContain("sesame");
        assertThat(ConnectOptions.builder().proxy(proxy).build().toString()).doesNotContain("sesame");
    }
}
