package dev.tincan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The server names its clients by the same host:port rule as the rest of Tincan. */
class ClientDescriptionTest {
    @Test
    void anIpv6ClientIsShownInBrackets() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 41000);
        assertThat(ClientConnection.describe(v6)).isEqualTo("[0:0:0:0:0:0:0:1]:41000");
    }

    @Test
    void anIpv4ClientIsAddressColonPort() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 41000);
        assertThat(ClientConnection.describe(v4)).isEqualTo("127.0.0.1:41000");
    }
}
