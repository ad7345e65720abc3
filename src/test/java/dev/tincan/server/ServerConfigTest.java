package dev.tincan.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Framing;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void defaultsAreLoopbackPort50007LineEcho() {
        ServerConfig config = ServerConfig.defaults();
        assertThat(config.bind()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(config.bind().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(50007);
        assertThat(config.framing().spec()).isEqualTo("line");
        assertThat(config.mode()).isEqualTo(Mode.ECHO);
        assertThat(config.maxClients()).isEqualTo(64);
        assertThat(config.maxFrameLength()).isEqualTo(16 * 1024 * 1024);
        assertThat(config.tickInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.floodCount()).isEqualTo(100_000);
        assertThat(config.floodSize()).isEqualTo(64);
    }

    @Test
    void withersChangeOneValueEach() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        ServerConfig config = ServerConfig.builder().bind(any).port(0).framing(Framing.parse("len32le"))
                .mode(Mode.FLOOD).maxClients(3).maxFrameLength(1000)
                .tickInterval(Duration.ofMillis(250)).floodCount(7).floodSize(9).build();
        assertThat(config).isEqualTo(new ServerConfig(any, 0, Framing.parse("len32le"), Mode.FLOOD, 3, 1000,
                Duration.ofMillis(250), 7, 9));
    }

    @Test
    void badValuesAreRefusedWithOneSentence() {
        ServerConfig config = ServerConfig.defaults();
        assertThatThrownBy(() -> config.toBuilder().port(65536).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port 65536 is out of range: use 0 to 65535, where 0 picks any free port.");
        assertThatThrownBy(() -> config.toBuilder().port(-1).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port -1 is out of range: use 0 to 65535, where 0 picks any free port.");
        assertThatThrownBy(() -> config.toBuilder().maxClients(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max clients 0 is out of range: use 1 to 10000.");
        assertThatThrownBy(() -> config.toBuilder().maxFrameLength(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max frame length 0 is out of range: use 1 to 2147483639 bytes (just under 2GiB), e.g. 16MiB.");
        assertThatThrownBy(() -> config.toBuilder().tickInterval(Duration.ZERO).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tick interval 0 ms is out of range: use 1ms to 1 day.");
        assertThatThrownBy(() -> config.toBuilder().floodCount(-1).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flood count -1 is negative: use 0 or more frames.");
        assertThatThrownBy(() -> config.toBuilder().floodSize(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flood size 0 bytes is out of range: use 1 byte to 64 MiB.");
        assertThatThrownBy(() -> config.toBuilder().maxFrameLength(8).framing(Framing.parse("fixed:16")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fixed:16 frames are longer than the max frame length of 8 bytes: "
                        + "raise the max frame length.");
    }
}
