package dev.tincan.ui.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.session.SavedMessage;
import org.junit.jupiter.api.Test;

/** A library row's second line: the payload's start, marked with its framing and hex. */
class LibraryRowTest {

    @Test
    void aMessageSavedForAFramingSaysSoBeforeItsPayload() {
        SavedMessage m = new SavedMessage("binary ping", "binary", "01 02 03 04", true, "len32", "");
        assertThat(LibraryRow.message(m, 4).preview()).isEqualTo("len32  hex  01 02 03 04");
    }

    @Test
    void aMessageForAnyFramingShowsJustItsPayload() {
        SavedMessage m = new SavedMessage("hello", "", "hello\n", false, null, "");
        assertThat(LibraryRow.message(m, 1).preview()).isEqualTo("hello\\n");
    }
}
