package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/**
 * The sentences people read when a connection fails. Failures that need the outside world
 * (a name lookup, an unroutable address) are built here from the exceptions the JDK throws,
 * so no test sends a packet anywhere but loopback.
 */
class NetworkErrorsTest {

    @Test
    void anUnknownHostSaysSoAndSuggestsAnAddress() {
        assertThat(NetworkErrors.connectFailed("no-such-host", 50007, new UnknownHostException("no-such-host"), 5000))
                .isEqualTo("connect to no-such-host:50007 failed: unknown host no-such-host "
                        + "(check the spelling, or use an address such as 127.0.0.1).");
    }

    @Test
    void aTimeoutNamesTheTimeout() {
        assertThat(NetworkErrors.connectFailed("example.org", 50007, new SocketTimeoutException("Connect timed out"),
                5000)).isEqualTo("connect to example.org:50007 failed: timed out after 5 s.");
    }

    @Test
    void aRefusalAsksWhetherAServerListens() {
        assertThat(NetworkErrors.connectFailed("127.0.0.1", 9, new ConnectException("Connection refused"), 5000))
                .isEqualTo("connect to 127.0.0.1:9 failed: connection refused (is a server listening on port 9?).");
        assertThat(NetworkErrors.connectFailed("::1", 9, new ConnectException("Connection refused"), 5000))
                .isEqualTo("connect to [::1]:9 failed: connection refused (is a server listening on port 9 at ::1? one "
                        + "that listens on 127.0.0.1 only is reached at 127.0.0.1).");
    }

    @Test
    void anIpv6LiteralIsBracketed() {
        assertThat(NetworkErrors.connectFailed("::1", 9, new NoRouteToHostException("No route to host"), 5000))
                .isEqualTo("connect to [::1]:9 failed: no route to host.");
    }

    @Test
    void resetsAndBrokenPipesReadTheSame() {
        assertThat(NetworkErrors.describe(new SocketException("Connection reset")))
                .isEqualTo("the connection was reset by the server");
        assertThat(NetworkErrors.describe(new SocketException("Broken pipe (Write failed)")))
                .isEqualTo("the connection was reset by the server");
    }

    @Test
    void otherMessagesLoseTheJdkDecorations() {
        assertThat(NetworkErrors.describe(new SocketException("Socket is closed (read failed)")))
                .isEqualTo("socket is closed");
        assertThat(NetworkErrors.describe(new IOException())).isEqualTo("IOException");
    }

    @Test
    void connectFailuresUseTheOneHostPortRule() {
        assertThat(NetworkErrors.hostPort("[::1]", 9)).isEqualTo("[::1]:9");
    }
}
