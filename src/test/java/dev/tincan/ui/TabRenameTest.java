package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rename tab…: the field starts with the title shown, and OK on it unchanged changes nothing. */
class TabRenameTest {

    @Test
    void okOnTheHostAndPortShownKeepsTheTitleFollowingTheBar() {
        assertThat(MainWindow.nameFromAnswer("", "localhost:50111", "localhost:50111")).isNull();
        assertThat(MainWindow.nameFromAnswer("", "localhost:50111", " localhost:50111 ")).isNull();
    }

    @Test
    void aNewNameOrAnEmptyOneIsTaken() {
        assertThat(MainWindow.nameFromAnswer("", "localhost:50111", "bench PSU")).isEqualTo("bench PSU");
        assertThat(MainWindow.nameFromAnswer("bench PSU", "bench PSU", "")).isEmpty();
        assertThat(MainWindow.nameFromAnswer("bench PSU", "bench PSU", "bench PSU")).isEqualTo("bench PSU");
    }
}
