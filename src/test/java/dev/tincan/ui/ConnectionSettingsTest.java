package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.client.ConnectOptions;
import dev.tincan.client.ProxyOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Library;
import dev.tincan.session.Placeholders;
import dev.tincan.session.SavedMessage;
import dev.tincan.testing.TestCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a tab's connection settings make of the engine's options, and the sentences for what does not fit. */
class ConnectionSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theDefaultsConnectPlainDirectAndDoNotReconnect() {
        ConnectOptions o = ConnectionSettings.DEFAULTS.options(ConnectOptions.defaults(), what -> {
            throw new AssertionError("asked for " + what);
        });

        assertThat(o).isEqualTo(ConnectOptions.defaults());
        assertThat(ConnectionSettings.DEFAULTS.reconnectPolicy()).isNull();
        assertThat(ConnectionSettings.DEFAULTS.heartbeatPayload()).isNull();
    }

    @Test
    void everySettingReachesTheEngineAndThePasswordsAreAskedForAndCleared() throws Exception {
        TestCertificates.Issued client = TestCertificates.selfSigned("device-7");
        Path p12 = client.writePkcs12(dir.resolve("client.p12"), "key-pw".toCharArray());
        List<char[]> handedOut = new ArrayList<>();
        ConnectionSettings c = new ConnectionSettings(
                new ConnectionSettings.Tls(true, "", List.of("AB:".repeat(31) + "AB"), "device.test", p12.toString(),
                        "", "h2, http/1.1", false),
                new ConnectionSettings.Proxy(ProxyOptions.Type.SOCKS5, "127.0.0.1", 1080, "ann"),
                new ConnectionSettings.Reconnect(true, 7, 12, 50, false),
                new ConnectionSettings.Liveness(true, 30, "PING", 5), "127.0.0.1:0");

        ConnectOptions o = c.options(ConnectOptions.defaults(), what -> {
            char[] pw = (what.startsWith("the password of ann") ? "proxy-pw" : "key-pw").toCharArray();
            handedOut.add(pw);
            return pw;
        });

        assertThat(o.tls().serverName()).isEqualTo("device.test");
        assertThat(o.tls().alpn()).containsExactly("h2", "http/1.1");
        assertThat(o.tls().pins()).hasSize(1);
        assertThat(o.tls().clientCertificate().subject()).isEqualTo("CN=device-7");
        assertThat(o.proxy()).hasToString("socks5://ann@127.0.0.1:1080");
        assertThat(o.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(o.keepAlive()).isTrue();
        assertThat(o.idleTimeout()).hasSeconds(30);
        assertThat(c.reconnectPolicy().maxAttempts()).isEqualTo(7);
        assertThat(c.reconnectPolicy().maxDelay()).hasSeconds(12);
        assertThat(c.reconnectPolicy().maxQueuedFrames()).isEqualTo(50);
        assertThat(c.reconnectPolicy().replayQueued()).isFalse();
        assertThat(handedOut).hasSize(2).allSatisfy(pw -> assertThat(new String(pw)).matches("\0+"));
    }

    @Test
    void aPasswordNotGivenStopsTheConnectWithASentence() {
        ConnectionSettings c = new ConnectionSettings(ConnectionSettings.Tls.OFF,
                new ConnectionSettings.Proxy(ProxyOptions.Type.HTTP, "127.0.0.1", 3128, "ann"),
                ConnectionSettings.Reconnect.OFF, ConnectionSettings.Liveness.OFF, "");

        assertThatThrownBy(() -> c.options(ConnectOptions.defaults(), what -> null))
                .hasMessage("no password given for ann at HTTP proxy 127.0.0.1:3128: the connect was not made.");
    }

    @Test
    void eachBadFieldIsNamedByItsLabelInOneSentence() {
        ConnectionSettings d = ConnectionSettings.DEFAULTS;
        assertThat(d.withTls(new ConnectionSettings.Tls(true, "", List.of("xyz"), "", "", "", "", false)).problem())
                .startsWith("Pins: pin xyz is neither base64 nor hex");
        assertThat(d.withTls(new ConnectionSettings.Tls(true, "", List.of(), "10.0.0.1", "", "", "", false))
                .problem()).startsWith("Server name: server name \"10.0.0.1\" is not a host name");
        assertThat(d.withTls(new ConnectionSettings.Tls(true, "", List.of(), "", "/no/client.pem", "", "", false))
                .problem()).startsWith("Client key: a PEM client certificate needs its key file");
        assertThat(new ConnectionSettings(d.tls(), d.proxy(), new ConnectionSettings.Reconnect(true, 1, 0, 10, true),
                d.liveness(), "").problem()).isEqualTo("Longest wait 0 is out of range: use 1 to 3 600 s.");
        assertThat(new ConnectionSettings(d.tls(), d.proxy(), d.reconnect(), new ConnectionSettings.Liveness(false,
                0, "beat", 0), "").problem()).isEqualTo("Heartbeat every 0 is out of range: use 1 to 86 400 s.");
        assertThat(new ConnectionSettings(d.tls(), d.proxy(), d.reconnect(), d.liveness(), "10.0.0.1:99999")
                .problem()).isEqualTo("Local address \"10.0.0.1:99999\": the port \"99999\" is not 0 to 65535.");
        assertThat(new ConnectionSettings(d.tls(), new ConnectionSettings.Proxy(ProxyOptions.Type.HTTP, "h", 3128,
                "a:b"), d.reconnect(), d.liveness(), "").problem()).startsWith("Proxy user: the proxy user name "
                        + "contains a colon");
    }

    @Test
    void overUdpTheTcpOnlySettingsAreKeptButNeitherCheckedNorUsedAndNoSecretIsAsked() {
        ConnectionSettings c = new ConnectionSettings(
                new ConnectionSettings.Tls(true, dir.resolve("missing.pem").toString(), List.of(), "", "", "", "",
                        false),
                new ConnectionSettings.Proxy(ProxyOptions.Type.SOCKS5, "", 1080, "ann"),
                new ConnectionSettings.Reconnect(true, 7, 12, 50, false),
                new ConnectionSettings.Liveness(true, 30, "PING", 5), "127.0.0.1:0", true);

        ConnectOptions o = c.options(ConnectOptions.defaults(), what -> {
            throw new AssertionError("asked for " + what);
        });

        assertThat(c.problem()).isNull();
        assertThat(o.udp()).isTrue();
        assertThat(o.tls()).isNull();
        assertThat(o.proxy()).isNull();
        assertThat(o.keepAlive()).isFalse();
        assertThat(o.idleTimeout()).hasSeconds(30);
        assertThat(o.localAddress().getPort()).isZero();
        assertThat(c.reconnectPolicy()).isNull();
        assertThat(c.withUdp(false).problem()).as("checked again over TCP").startsWith("Trust certificates in: ");
    }

    @Test
    void aHeartbeatNamingALibraryMessageSendsThatMessageFilledInAtEveryBeat() {
        Library library = new Library();
        library.add(new SavedMessage("beat", "", "PING {{counter}}", false, null, ""));
        ConnectionSettings c = ConnectionSettings.DEFAULTS.withLiveness(new ConnectionSettings.Liveness(false, 0,
                "typed", 5, "beat"));

        java.util.function.Supplier<Bytes> beat = c.heartbeat(library, Framing.parse("line"),
                new Placeholders.Context());

        assertThat(beat.get()).isEqualTo(Bytes.utf8("PING 1"));
        assertThat(beat.get()).as("the counter counts the beats").isEqualTo(Bytes.utf8("PING 2"));
        assertThat(c.heartbeatPayload()).as("the typed text is kept, not sent").isNull();
        assertThat(c.withLiveness(new ConnectionSettings.Liveness(false, 0, "typed", 5)).heartbeat(library,
                Framing.parse("line"), new Placeholders.Context()).get()).isEqualTo(Bytes.utf8("typed"));
        assertThat(c.withLiveness(new ConnectionSettings.Liveness(false, 0, "", 5)).heartbeat(library,
                Framing.parse("line"), new Placeholders.Context())).as("no heartbeat").isNull();
    }

    @Test
    void aHeartbeatWithAFieldOfTheLastFrameSaysAtTheBeatThatNoFrameCameYet() {
        Library library = new Library();
        library.add(new SavedMessage("echo", "", "ACK {{field:token ([0-9]+)}}", false, null, ""));
        library.add(new SavedMessage("bad", "", "PING {{nonsense}}", false, null, ""));
        Placeholders.Context context = new Placeholders.Context();
        ConnectionSettings echo = ConnectionSettings.DEFAULTS.withLiveness(new ConnectionSettings.Liveness(false, 0,
                "", 5, "echo"));
        ConnectionSettings bad = ConnectionSettings.DEFAULTS.withLiveness(new ConnectionSettings.Liveness(false, 0,
                "", 5, "bad"));

        java.util.function.Supplier<Bytes> beat = echo.heartbeat(library, Framing.parse("line"), context);

        assertThatThrownBy(beat::get).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the heartbeat message \"echo\" cannot be sent: ");
        context.received(Bytes.utf8("token 42"));
        assertThat(beat.get()).isEqualTo(Bytes.utf8("ACK 42"));
        assertThatThrownBy(() -> bad.heartbeat(library, Framing.parse("line"), context))
                .as("a placeholder that is no placeholder is said at connect")
                .hasMessageStartingWith("the heartbeat message \"bad\" cannot be sent: ");
    }

    @Test
    void aHeartbeatMessageGoneFromTheLibraryOrSavedForAnotherFramingIsSaidInOneSentence() {
        Library library = new Library();
        library.add(new SavedMessage("binary", "", "00 01", true, "len32", ""));
        Placeholders.Context context = new Placeholders.Context();
        ConnectionSettings gone = ConnectionSettings.DEFAULTS.withLiveness(new ConnectionSettings.Liveness(false, 0,
                "", 5, "ping"));
        ConnectionSettings binary = ConnectionSettings.DEFAULTS.withLiveness(new ConnectionSettings.Liveness(false,
                0, "", 5, "binary"));

        assertThatThrownBy(() -> gone.heartbeat(library, Framing.parse("line"), context))
                .hasMessage("the heartbeat message 'ping' is not in the library any more: pick another in Connection "
                        + "settings (Ctrl+Shift+I).");
        assertThatThrownBy(() -> binary.heartbeat(library, Framing.parse("line"), context))
                .hasMessage("the heartbeat message 'binary' is saved for len32 framing and this tab frames as line: "
                        + "change the tab's framing, or edit the message's framing.");
        assertThat(binary.heartbeat(library, null, context).get()).as("over UDP no framing applies")
                .isEqualTo(Bytes.of(new byte[] {0, 1}));
    }
}
