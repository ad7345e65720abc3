package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SendHistoryTest {
    @Test
    void upWalksBackAndDownReturnsToTheDraft() {
        SendHistory h = new SendHistory(10, List.of("one", "two"));

        assertThat(h.previous("typing")).isEqualTo("two");
        assertThat(h.previous("two")).isEqualTo("one");
        assertThat(h.previous("one")).isNull();
        assertThat(h.next()).isEqualTo("two");
        assertThat(h.next()).isEqualTo("typing");
        assertThat(h.next()).isNull();
    }

    @Test
    void keepsAtMostCapacityAndNoRepeatsInARow() {
        SendHistory h = new SendHistory(3, List.of());
        for (String s : List.of("a", "b", "b", "c", "d")) {
            h.add(s);
        }

        assertThat(h.entries()).containsExactly("b", "c", "d");
    }

    @Test
    void addingGoesBackToAFreshDraft() {
        SendHistory h = new SendHistory(10, List.of("one"));
        h.previous("x");
        h.add("two");

        assertThat(h.next()).isNull();
        assertThat(h.previous("")).isEqualTo("two");
    }
}
