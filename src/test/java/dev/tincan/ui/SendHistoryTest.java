package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.ui.SendHistory.Entry;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendHistoryTest {
    @Test
    void upWalksBackAndDownReturnsToTheDraft() {
        SendHistory h = new SendHistory(10, List.of(Entry.text("one"), Entry.text("two")));

        assertThat(h.previous(Entry.text("typing"))).isEqualTo(Entry.text("two"));
        assertThat(h.previous(Entry.text("two"))).isEqualTo(Entry.text("one"));
        assertThat(h.previous(Entry.text("one"))).isNull();
        assertThat(h.next()).isEqualTo(Entry.text("two"));
        assertThat(h.next()).isEqualTo(Entry.text("typing"));
        assertThat(h.next()).isNull();
    }

    @Test
    void keepsAtMostCapacityAndNoRepeatsInARow() {
        SendHistory h = new SendHistory(3, List.of());
        for (String s : List.of("a", "b", "b", "c", "d")) {
            h.add(Entry.text(s));
        }

        assertThat(h.entries()).containsExactly(Entry.text("b"), Entry.text("c"), Entry.text("d"));
    }

    @Test
    void addingGoesBackToAFreshDraft() {
        SendHistory h = new SendHistory(10, List.of(Entry.text("one")));
        h.previous(Entry.text("x"));
        h.add(Entry.text("two"));

        assertThat(h.next()).isNull();
        assertThat(h.previous(Entry.text(""))).isEqualTo(Entry.text("two"));
    }

    @Test
    void theSameTextInAnotherModeIsAnotherEntry() {
        SendHistory h = new SendHistory(10, List.of());
        h.add(new Entry("41", false));
        h.add(new Entry("41", true));

        assertThat(h.entries()).containsExactly(new Entry("41", false), new Entry("41", true));
    }

    @Test
    void savedEntriesKeepTheirModeAndOldEntriesReadAsText() {
        UiPrefs prefs = UiPrefs.inMemory();
        prefs.saveHistory(List.of(new Entry("a\\n", false), new Entry("01 02", true), new Entry("b", false)));
        assertThat(prefs.history()).containsExactly(new Entry("a\\n", false), new Entry("01 02", true),
                new Entry("b", false));

        prefs.saveHistory(List.of(new Entry("x", false)));
        assertThat(prefs.history()).containsExactly(new Entry("x", false));
    }
}
