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
    void noTabsSavedMeansNone() {
        assertThat(UiPrefs.inMemory().tabs()).isEmpty();
    }

    @Test
    void aNameIsOneLineOfAtMostMaxNameCharacters() {
        TabSettings s = TabSettings.of("h", 1, "line").named("  a\nb" + "x".repeat(100));

        assertThat(s.name()).startsWith("a b").hasSize(TabSettings.MAX_NAME);
    }
}
