package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.testing.HttpConnectProxy;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.Socks5Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --proxy}, {@code --proxy-password-env} and {@code --local} on the command line,
 * against the proxies written in the test and an echo server on loopback.
 */
class ProxyCommandLineTest {
    private static final String NAME = "echo.tincan.test";

    private LoopbackServer echo;
    private AutoCloseable proxy;

    @AfterEach
    void tearDown() throws Exception {
        Passwords.environment = System::getenv;
        if (proxy != null) {
            proxy.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    private String echoPort() throws Exception {
        echo = LoopbackServer.start(s -> s.getInputStream().transferTo(s.getOutputStream()));
        return String.valueOf(echo.port());
    }

    @Test
    void sendGoesThroughASocks5ProxyWithTheUserFromTheUrlAndThePasswordFromTheEnvironment() throws Exception {
        Socks5Proxy socks = Socks5Proxy.withCredentials("ann", "sesame").resolve(NAME, InetAddress.getLoopbackAddress());
        proxy = socks;
        Passwords.environment = Map.of("PROXY_PASSWORD", "sesame")::get;

        CliRun.Result r = CliRun.run("send", "--proxy", "socks5://ann@127.0.0.1:" + socks.port(),
                "--proxy-password-env", "PROXY_PASSWORD", NAME, echoPort(), "hello");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("hello");
        assertThat(socks.awaitRequest().host()).isEqualTo(NAME);
    }

    @Test
    void aWrongProxyPasswordFailsWithTheEnginesSentenceAndNeverShowsIt() throws Exception {
        HttpConnectProxy http = HttpConnectProxy.withCredentials("ann", "sesame");
        proxy = http;
        Passwords.environment = Map.of("P", "not-sesame")::get;

        CliRun.Result r = CliRun.run("send", "--proxy", "http://ann@127.0.0.1:" + http.port(), "--proxy-password-env",
                "P", NAME, "7", "hello");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly("error: connect to " + NAME + ":7 through HTTP proxy 127.0.0.1:"
                + http.port() + " failed: the proxy answered 407 Proxy Authentication Required.");
        assertThat(r.err()).doesNotContain("not-sesame");
    }

    @Test
    void connectSaysWhichProxyItWentThrough() throws Exception {
        Socks5Proxy socks = Socks5Proxy.open().resolve(NAME, InetAddress.getLoopbackAddress());
        proxy = socks;
        String port = echoPort();

        CliRun.Result r = CliRun.run(new java.io.ByteArrayInputStream("hi\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), "connect", "--linger", "1s", "--proxy", "socks5://127.0.0.1:"
                + socks.port(), NAME, port);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("hi");
        assertThat(r.err().lines()).startsWith("connected to " + NAME + ":" + port + " with line framing: each line "
                + "is sent as one frame; end with Ctrl+D.", "through SOCKS5 proxy 127.0.0.1:" + socks.port() + ".");
    }

    @Test
    void connectToANameSaysWhichAddressAnswered() throws Exception {
        String port = echoPort();

        CliRun.Result r = CliRun.run(new java.io.ByteArrayInputStream("hi\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), "connect", "--linger", "1s", "localhost", port);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err().lines()).contains("the server answered at 127.0.0.1:" + port + ".");
    }

    @Test
    void theProxyPasswordIsNeitherRecordedNorLogged(@TempDir Path dir) throws Exception {
        String password = "sesame-" + Long.toHexString(System.nanoTime());
        Socks5Proxy socks = Socks5Proxy.withCredentials("ann", password).resolve(NAME, InetAddress.getLoopbackAddress());
        proxy = socks;
        Passwords.environment = Map.of("PROXY_PASSWORD", password)::get;
        Path recording = dir.resolve("talk.jsonl");

        CliRun.Result r = CliRun.run(new java.io.ByteArrayInputStream("hi\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), "connect", "--linger", "1s", "--record",
                recording.toString(), "--proxy", "socks5://ann@127.0.0.1:" + socks.port(), "--proxy-password-env",
                "PROXY_PASSWORD", NAME, echoPort());
        // And once refused, which logs the proxy's answer.
        Passwords.environment = Map.of("PROXY_PASSWORD", password + "-wrong")::get;
        CliRun.Result refused = CliRun.run("send", "--proxy", "socks5://ann@127.0.0.1:" + socks.port(),
                "--proxy-password-env", "PROXY_PASSWORD", NAME, "7", "x");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines()).containsExactly("hi");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(Files.readString(recording)).as("the recording").contains("\"hi\"").doesNotContain(password);
        assertThat(Files.readString(LogFile.path())).as("the log, " + LogFile.path()).contains(NAME)
                .doesNotContain(password);
        assertThat(r.err() + r.out() + refused.err()).doesNotContain(password);
    }

    @Test
    void aPasswordInTheUrlIsRefused() {
        CliRun.Result r = CliRun.run("send", "--proxy", "socks5://ann:sesame@127.0.0.1:1080", "127.0.0.1", "1", "x");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: --proxy: the URL holds a password, which would stay in the "
                + "shell's history and in every process listing: write socks5://ann@127.0.0.1:1080 and give the "
                + "password on the terminal, or in an environment variable named by --proxy-password-env NAME.");
        assertThat(r.err()).doesNotContain("sesame");
    }

    @Test
    void aProxyUrlOfAnotherKindIsRefused() {
        CliRun.Result r = CliRun.run("send", "--proxy", "ftp://127.0.0.1:21", "127.0.0.1", "1", "x");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: --proxy \"ftp://127.0.0.1:21\" is not a proxy URL: write "
                + "socks5://HOST:PORT or http://HOST:PORT, with USER@ before the host if the proxy asks for one.");
    }

    @Test
    void proxyUrlsTakeIpv6AddressesInBrackets() {
        ProxyFlags.Parsed p = ProxyFlags.parse("http://bob@[::1]:3128/");

        assertThat(p.options().toString()).isEqualTo("http://[::1]:3128");
        assertThat(p.user()).isEqualTo("bob");
    }

    @Test
    void sendFromALocalPortTheServerSees() throws Exception {
        int chosen;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            chosen = free.getLocalPort();
        }
        String port = echoPort();

        CliRun.Result r = CliRun.run("send", "--local", "127.0.0.1:" + chosen, "127.0.0.1", port, "hello");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(echo.awaitConnection().getPort()).isEqualTo(chosen);
    }

    @Test
    void aLocalAddressNotOfThisMachineFailsWithASentence() throws Exception {
        CliRun.Result r = CliRun.run("send", "--local", "192.0.2.1", "127.0.0.1", echoPort(), "hello");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).containsExactly("error: connect to 127.0.0.1:" + echo.port() + " failed: the "
                + "local address 192.0.2.1:0 is not an address of this machine.");
    }
}
