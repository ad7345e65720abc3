package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.session.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's defaults from the settings file: under what the window remembers, over the built-in ones. */
class UiPrefsSettingsTest {
    @TempDir
    Path dir;

    private Settings settings(String text) throws Exception {
        Path f = dir.resolve("config");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return Settings.read(f);
    }

    @Test
    void theFilesFramingAndThemeAreTheWindowsDefaults() throws Exception {
        UiPrefs prefs = UiPrefs.inMemory(settings("framing = len32le\ntheme = dark\n"));

        assertThat(prefs.framing()).isEqualTo("len32le");
        assertThat(prefs.theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void whatTheWindowRemembersWinsOverTheFile() throws Exception {
        UiPrefs prefs = UiPrefs.inMemory(settings("framing = len32le\ntheme = dark\n"));
        prefs.saveConnection("localhost", 7, "nul");
        prefs.saveTheme(Theme.LIGHT);

        assertThat(prefs.framing()).isEqualTo("nul");
        assertThat(prefs.theme()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void withoutAFileTheBuiltInDefaultsStay() {
        UiPrefs prefs = UiPrefs.inMemory();

        assertThat(prefs.framing()).isEqualTo("line");
        assertThat(prefs.theme()).isEqualTo(Theme.LIGHT);
        assertThat(prefs.settingsProblem()).isNull();
    }

    @Test
    void aValueTheWindowCannotUseIsSaidInASentenceAndTheBuiltInIsUsed() throws Exception {
        Settings bad = settings("framing = lenx\n");
        UiPrefs prefs = UiPrefs.inMemory(bad);

        assertThat(prefs.framing()).isEqualTo("line");
        assertThat(UiPrefs.check(bad)).isEqualTo(dir.resolve("config") + " line 1: \"lenx\" is not a framing, so new "
                + "tabs use line.");
        assertThat(UiPrefs.check(settings("theme = purple\n"))).endsWith("\"purple\" is not a theme (light, dark or "
                + "system), so the window uses light.");
    }
}
