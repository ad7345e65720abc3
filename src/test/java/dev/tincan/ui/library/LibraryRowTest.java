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

    @Test
    void hexThatSpellsPrintableTextShowsThatTextToo() {
        SavedMessage ping = new SavedMessage("ping", "Packet Sender", "50 49 4E 47 0D 0A ", true, null, "");
        assertThat(LibraryRow.message(ping, 2).preview()).isEqualTo("hex  50 49 4E 47 0D 0A  \"PING\\r\\n\"");
        SavedMessage counted = new SavedMessage("counted", "", "01 {{counter}}", true, null, "");
        assertThat(LibraryRow.message(counted, 3).preview()).isEqualTo("hex  01 {{counter}}");
    }
}
