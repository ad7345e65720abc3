package dev.tincan.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibraryTest {
    private static SavedMessage m(String name, String folder, String payload) {
        return new SavedMessage(name, folder, payload, false, null, "");
    }

    private static List<String> names(List<SavedMessage> messages) {
        return messages.stream().map(SavedMessage::name).toList();
    }

    @Test
    void messagesOfOneFolderStaySideBySideInTheOrderAdded() {
        Library lib = new Library();
        lib.add(m("a1", "a", "x"));
        lib.add(m("top", "", "x"));
        lib.add(m("a2", "a", "x"));
        lib.add(m("b1", "b", "x"));

        assertThat(names(lib.messages())).containsExactly("a1", "a2", "top", "b1");
        assertThat(lib.folders()).containsExactly("a", "", "b");
    }

    @Test
    void aTakenNameIsRefused() {
        Library lib = new Library();
        lib.add(m("hello", "", "x"));
        assertThatThrownBy(() -> lib.add(m("hello", "other", "y")))
                .hasMessage("a message called \"hello\" is in the library already: choose another name.");
    }

    @Test
    void replaceKeepsThePlaceRenamesAndMovesBetweenFolders() {
        Library lib = new Library();
        lib.add(m("a1", "a", "x"));
        lib.add(m("a2", "a", "x"));
        lib.add(m("b1", "b", "x"));

        lib.replace("a1", m("first", "a", "changed"));
        assertThat(names(lib.messages())).containsExactly("first", "a2", "b1");
        assertThat(lib.get("first").payload()).isEqualTo("changed");
        assertThat(lib.find("a1")).as("the old name is gone").isEmpty();

        lib.move("first", "b");
        assertThat(names(lib.messages())).containsExactly("a2", "b1", "first");

        lib.rename("a2", "second");
        assertThat(names(lib.messages())).containsExactly("second", "b1", "first");
        assertThatThrownBy(() -> lib.rename("second", "b1")).hasMessageContaining("choose another name");
        assertThat(lib.remove("b1")).isTrue();
        assertThat(lib.remove("b1")).isFalse();
        assertThat(lib.find("b1")).isEmpty();
        lib.add(m("b1", "b", "again"));
        assertThat(lib.get("b1").payload()).isEqualTo("again");
        lib.remove("b1");
        assertThat(names(lib.messages())).containsExactly("second", "first");
    }

    @Test
    void shiftMovesWithinTheFolderAndStopsAtItsEnds() {
        Library lib = new Library();
        lib.add(m("a1", "a", "x"));
        lib.add(m("a2", "a", "x"));
        lib.add(m("b1", "b", "x"));

        lib.shift("a2", -5);
        assertThat(names(lib.messages())).containsExactly("a2", "a1", "b1");
        lib.shift("a2", 5);
        assertThat(names(lib.messages())).containsExactly("a1", "a2", "b1");
    }

    @Test
    void filterMatchesNameFolderPayloadAndNotesIgnoringCase() {
        Library lib = new Library();
        lib.add(m("Login", "auth", "USER bob"));
        lib.add(new SavedMessage("quit", "", "QUIT", false, null, "Ends the session"));
        lib.add(m("ping", "health", "PING"));

        assertThat(names(lib.filter("LOG"))).containsExactly("Login");
        assertThat(names(lib.filter("bOb"))).containsExactly("Login");
        assertThat(names(lib.filter("health"))).containsExactly("ping");
        assertThat(names(lib.filter("session"))).containsExactly("quit");
        assertThat(names(lib.filter("  "))).containsExactly("Login", "quit", "ping");
    }

    @Test
    void quickNineAreTheFirstNineInLibraryOrder() {
        Library lib = new Library();
        for (int i = 1; i <= 12; i++) {
            lib.add(m("m" + i, i % 2 == 0 ? "even" : "odd", "x"));
        }
        assertThat(names(lib.quickNine())).containsExactly("m1", "m3", "m5", "m7", "m9", "m11", "m2", "m4", "m6");
    }

    @Test
    void theLibraryIsBoundedInMessagesAndPayloadLength() {
        Library lib = new Library();
        for (int i = 0; i < Library.MAX_MESSAGES; i++) {
            lib.add(m("m" + i, "", "x"));
        }
        assertThatThrownBy(() -> lib.add(m("one more", "", "x")))
                .hasMessage("the library is full (10000 messages): delete some before adding more.");
        String huge = "x".repeat(Library.MAX_PAYLOAD_CHARS + 1);
        assertThatThrownBy(() -> new Library().add(m("huge", "", huge)))
                .hasMessage("the payload of \"huge\" has 2097153 characters; a saved message holds at most 2097152 "
                        + "(send bigger payloads from a file).");
    }

    @Test
    void theLibraryIsBoundedInSequencesAndSteps() {
        Library lib = new Library();
        for (int i = 0; i < Library.MAX_SEQUENCES; i++) {
            lib.putSequence(new Sequence("s" + i, List.of(new Sequence.Send("m"))));
        }
        assertThatThrownBy(() -> lib.putSequence(new Sequence("one more", List.of(new Sequence.Send("m")))))
                .hasMessage("the library is full (1000 sequences): delete some before adding more.");
        lib.putSequence(new Sequence("s0", List.of(new Sequence.Send("other"))));
        assertThat(lib.sequences()).as("a full library still takes a sequence it replaces").hasSize(1000);

        List<Sequence.Step> steps = new ArrayList<>();
        for (int i = 0; i < Library.MAX_STEPS; i++) {
            steps.add(new Sequence.Send("m"));
        }
        new Library().putSequence(new Sequence("longest", steps));
        steps.add(new Sequence.Send("m"));
        assertThatThrownBy(() -> new Library().putSequence(new Sequence("too long", steps)))
                .hasMessage("sequence \"too long\" has 1001 steps; at most 1000 fit in the library.");
    }

    @Test
    void aMessagesPayloadIsFilledInAndCheckedAgainstTheFraming() {
        Library lib = new Library();
        lib.add(new SavedMessage("n", "", "n={{counter}}", false, "line", ""));
        lib.add(new SavedMessage("two lines", "", "a\\nb", false, null, ""));
        Placeholders.Context context = new Placeholders.Context();

        assertThat(lib.payload("n", Framing.parse("line"), context)).isEqualTo(Bytes.utf8("n=1"));
        assertThat(lib.payload("n", Framing.parse("line"), context)).isEqualTo(Bytes.utf8("n=2"));
        assertThatThrownBy(() -> lib.payload("two lines", Framing.parse("line"), context))
                .hasMessageStartingWith("message \"two lines\" cannot be sent: ");
        assertThatThrownBy(() -> lib.payload("nope", Framing.parse("line"), context))
                .hasMessage("there is no message called \"nope\" in the library.");
    }

    @Test
    void sequencesAreReplacedByName() {
        Library lib = new Library();
        lib.putSequence(new Sequence("login", List.of(new Sequence.Send("a"))));
        lib.putSequence(new Sequence("login", List.of(new Sequence.Send("b"))));
        assertThat(lib.sequences()).containsExactly(new Sequence("login", List.of(new Sequence.Send("b"))));
        assertThat(lib.removeSequence("login")).isTrue();
        assertThat(lib.sequences()).isEmpty();
    }
}
