package dev.tincan.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an address and a port are written for people: IPv6 in brackets, exactly once. */
class HostPortTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1|127.0.0.1:50007",
        "example.org|example.org:50007",
        "::1|[::1]:50007",
        "[::1]|[::1]:50007",
        "fe80::1%lo|[fe80::1%lo]:50007",
        "[fe80::1%lo]|[fe80::1%lo]:50007"})
    void anIpv6LiteralIsBracketedOnceHoweverItWasTyped(String host, String written) {
        assertThat(HostPort.of(host, 50007)).isEqualTo(written);
    }

    @Test
    void aResolvedSocketAddressIsWrittenWithItsNumericAddress() throws Exception {
        assertThat(HostPort.of(new InetSocketAddress(InetAddress.getByName("::1"), 9)))
                .isEqualTo("[0:0:0:0:0:0:0:1]:9");
        assertThat(HostPort.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9))).isEqualTo("127.0.0.1:9");
        assertThat(HostPort.of(InetSocketAddress.createUnresolved("example.org", 80))).isEqualTo("example.org:80");
    }

    @Test
    void unbracketedTakesOffOnePairAroundAnIpv6LiteralOnly() {
        assertThat(HostPort.unbracketed("[::1]")).isEqualTo("::1");
        assertThat(HostPort.unbracketed("::1")).isEqualTo("::1");
        assertThat(HostPort.unbracketed("[example.org]")).isEqualTo("[example.org]");
        assertThat(HostPort.unbracketed("[]")).isEqualTo("[]");
    }
}
