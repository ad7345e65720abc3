package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in server's control against real servers on 127.0.0.1: a replacement starts
 * before the running server stops, failures speak of the window's Port field, and a free
 * port can be found.
 */
class ServerControlTest {
    private final BlockingQueue<Optional<String>> outcomes = new LinkedBlockingQueue<>();
    private ServerControl control;

    @AfterEach
    void closeControl() {
        if (control != null) {
            control.close();
        }
    }

    private void start(ServerConfig config) throws Exception {
        SwingUtilities.invokeAndWait(() -> control.start(config, why -> outcomes.add(Optional.ofNullable(why))));
    }

    private String outcome() throws InterruptedException {
        Optional<String> o = outcomes.poll(10, TimeUnit.SECONDS);
        assertThat(o).as("an outcome within 10 s").isNotNull();
        return o.orElse(null);
    }

    private int port() throws Exception {
        int[] port = new int[1];
        SwingUtilities.invokeAndWait(() -> port[0] = control.port());
        return port[0];
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ServerConfig echo(int port) {
        return ServerConfig.builder().port(port).build();
    }

    @Test
    void aReplacementThatCannotListenLeavesTheRunningServerRunningAndNamesThePortField() throws Exception {
        control = new ServerControl(() -> { });
        start(echo(0));
        assertThat(outcome()).isNull();
        int first = port();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            start(echo(taken.getLocalPort()).toBuilder().mode(Mode.FLOOD).build());
            String why = outcome();

            assertThat(why).startsWith("the built-in server cannot listen on port " + taken.getLocalPort()
                    + " on 127.0.0.1 (").contains("pick another Port; ").endsWith(
                    " is free. The previous server still runs.").doesNotContain("--");
            assertThat(port()).isEqualTo(first);
            assertThat(accepts(first)).as("the previous server accepts clients").isTrue();
        }
    }

    @Test
    void aReplacementOnAnotherPortTakesOverAndThePreviousStops() throws Exception {
        control = new ServerControl(() -> { });
        start(echo(0));
        assertThat(outcome()).isNull();
        int first = port();
        start(echo(0).toBuilder().mode(Mode.UPPER).build());
        assertThat(outcome()).isNull();

        int second = port();
        assertThat(second).isNotEqualTo(first);
        assertThat(accepts(second)).isTrue();
        assertThat(accepts(first)).as("the previous server stopped").isFalse();
    }

    @Test
    void aReplacementOnTheSamePortThatFailsBringsThePreviousBack() throws Exception {
        // Chat servers are made to listen on an address of no machine here (TEST-NET-1), so they cannot start.
        InetAddress nowhere = InetAddress.getByName("192.0.2.1");
        control = new ServerControl(() -> { }, config -> new CompanionServer(
                config.mode() == Mode.CHAT ? config.toBuilder().bind(nowhere).build() : config));
        start(echo(0));
        assertThat(outcome()).isNull();
        int first = port();

        start(echo(first).toBuilder().mode(Mode.CHAT).build());
        String why = outcome();

        assertThat(why).startsWith("the built-in server cannot listen on port " + first + " on 127.0.0.1 (")
                .endsWith("The previous server runs again.").doesNotContain("--");
        assertThat(port()).isEqualTo(first);
        assertThat(accepts(first)).isTrue();
    }

    @Test
    void aFreePortIsTheOneAskedForWhenFreeElseTheNextFreeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            int free = ServerControl.freePort(loopback, taken.getLocalPort());

            assertThat(free).isGreaterThan(taken.getLocalPort()).isLessThan(taken.getLocalPort()
                    + ServerControl.PORTS_TRIED);
            try (ServerSocket probe = new ServerSocket(free, 1, loopback)) {
                assertThat(probe.getLocalPort()).isEqualTo(free);
            }
        }
    }
}
