package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UiPrefsTabsTest {
    @Test
    void atMostMaxTabsAreRememberedAndFewerForgetTheRest() {
        UiPrefs prefs = UiPrefs.inMemory();
        List<TabSettings> many = new ArrayList<>();
        for (int i = 0; i < UiPrefs.MAX_TABS + 8; i++) {
            many.add(TabSettings.of("127.0.0.1", 1000 + i, "line").named("tab " + i));
        }
        prefs.saveTabs(many, 40);

        assertThat(prefs.tabs()).containsExactlyElementsOf(many.subList(0, UiPrefs.MAX_TABS));
        assertThat(prefs.selectedTab()).isEqualTo(UiPrefs.MAX_TABS - 1);

        prefs.saveTabs(many.subList(0, 2), 0);
        assertThat(prefs.tabs()).containsExactlyElementsOf(many.subList(0, 2));
    }

    @Test
    void connectionSettingsRoundTripAndTheirKeysGoWithTheirTab() {
        UiPrefs prefs = UiPrefs.inMemory();
        ConnectionSettings c = new ConnectionSettings(
                new ConnectionSettings.Tls(true, "/etc/ca.pem", List.of("sha256/" + "A".repeat(43) + "=",
                        "AB:".repeat(31) + "AB"), "device.test", "/home/ann/client.p12", "", "h2, http/1.1", false),
                new ConnectionSettings.Proxy(dev.tincan.client.ProxyOptions.Type.HTTP, "proxy.test", 3128, "ann"),
                new ConnectionSettings.Reconnect(true, 7, 12, 50, false),
                new ConnectionSettings.Liveness(true, 30, "PING", 5), "192.168.1.20:40000");
        TabSettings tab = TabSettings.of("127.0.0.1", 50007, "line").named("device").withConnection(c);

        prefs.saveTabs(List.of(tab, TabSettings.of("127.0.0.1", 50008, "line")), 0);

        assertThat(prefs.tabs()).containsExactly(tab, TabSettings.of("127.0.0.1", 50008, "line"));
        assertThat(prefs.tabs().get(1).connection()).isEqualTo(ConnectionSettings.DEFAULTS);
        prefs.saveTabs(List.of(TabSettings.of("127.0.0.1", 50008, "line")), 0);
        assertThat(prefs.text()).doesNotContain("tab.1.").doesNotContain("proxy.test");
    }

    @Test
    void udpAndAHeartbeatMessageRoundTripAndTheirKeysGoWithTheirTab() {
        UiPrefs prefs = UiPrefs.inMemory();
        ConnectionSettings c = ConnectionSettings.DEFAULTS.withUdp(true).withLiveness(
                new ConnectionSettings.Liveness(false, 0, "typed", 7, "keep-alive probe"));
        TabSettings tab = TabSettings.of("127.0.0.1", 50007, "line").withConnection(c);

        prefs.saveTabs(List.of(TabSettings.of("127.0.0.1", 50008, "line"), tab), 1);

        assertThat(prefs.tabs()).containsExactly(TabSettings.of("127.0.0.1", 50008, "line"), tab);
        assertThat(prefs.tabs().get(1).connection().udp()).isTrue();
        assertThat(prefs.tabs().get(1).connection().liveness().heartbeatMessage()).isEqualTo("keep-alive probe");
        prefs.saveTabs(List.of(TabSettings.of("127.0.0.1", 50008, "line")), 0);
        assertThat(prefs.text()).doesNotContain("tab.1.").doesNotContain("keep-alive probe");
    }

    @Test
    void noTabsSavedMeansNone() {
        assertThat(UiPrefs.inMemory().tabs()).isEmpty();
    }

    @Test
    void aNameIsOneLineOfAtMostMaxNameCharacters() {
        TabSettings s = TabSettings.of("h", 1, "line").named("  a\nb" + "x".repeat(100));

        assertThat(s.name()).startsWith("a b").hasSize(TabSettings.MAX_NAME);
    }
}
