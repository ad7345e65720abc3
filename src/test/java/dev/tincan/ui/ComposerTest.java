package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.List;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** The composer's keys, its text and hex modes and its history, driven on the EDT without a window. */
class ComposerTest {
    private final List<Bytes> sent = new ArrayList<>();

    private Composer composer() {
        return new Composer(new SendHistory(10, List.of()), () -> Framing.parse("len32"), payload -> {
            sent.add(payload);
            return null;
        });
    }

    private static void press(Composer c, int key, int modifiers) {
        boolean bound = SwingUtilities.processKeyBindings(new KeyEvent(c.input(), KeyEvent.KEY_PRESSED, 0, modifiers,
                key, KeyEvent.CHAR_UNDEFINED));
        assertThat(bound).as("key %s with modifiers %s is bound", KeyEvent.getKeyText(key), modifiers).isTrue();
    }

    private static void type(Composer c, String text) {
        c.input().replaceSelection(text);
    }

    private static void onEdt(Runnable test) throws Exception {
        SwingUtilities.invokeAndWait(test);
    }

    @Test
    void enterSendsAndShiftEnterStartsANewLine() throws Exception {
        onEdt(() -> {
            Composer c = composer();
            type(c, "hi");
            press(c, KeyEvent.VK_ENTER, InputEvent.SHIFT_DOWN_MASK);
            type(c, "there");
            assertThat(sent).isEmpty();
            assertThat(c.input().getText()).isEqualTo("hi\nthere");

            press(c, KeyEvent.VK_ENTER, 0);
            assertThat(sent).containsExactly(Bytes.utf8("hi\nthere"));
            assertThat(c.input().getText()).isEmpty();
            assertThat(c.hint()).contains("Enter sends · Shift+Enter: new line");
        });
    }

    @Test
    void thePreferenceTurnsEnterIntoANewLineAndShiftEnterIntoSend() throws Exception {
        onEdt(() -> {
            Composer c = composer();
            c.setEnterSends(false);
            type(c, "a");
            press(c, KeyEvent.VK_ENTER, 0);
            type(c, "b");
            assertThat(sent).isEmpty();

            press(c, KeyEvent.VK_ENTER, InputEvent.SHIFT_DOWN_MASK);
            assertThat(sent).containsExactly(Bytes.utf8("a\nb"));
            type(c, "c");
            press(c, KeyEvent.VK_ENTER, InputEvent.CTRL_DOWN_MASK);
            assertThat(sent).as("Ctrl+Enter sends either way").hasSize(2);
            assertThat(c.hint()).contains("Shift+Enter sends · Enter: new line");
            assertThat(c.sendAction().getValue(javax.swing.Action.SHORT_DESCRIPTION).toString())
                    .contains("Shift+Enter");
        });
    }

    @Test
    void switchingToHexAndBackConvertsWhatIsTypedAndKeepsItsBytes() throws Exception {
        onEdt(() -> {
            Composer c = composer();
            type(c, "hi\\n\\x00é");
            c.hexModeButton().doClick();
            assertThat(c.isHexInput()).isTrue();
            assertThat(c.input().getText()).isEqualTo("68 69 0a 00 c3 a9");

            c.textModeButton().doClick();
            assertThat(c.isHexInput()).isFalse();
            assertThat(c.input().getText()).isEqualTo("hi\n\\0é");
            press(c, KeyEvent.VK_ENTER, 0);
            assertThat(sent).containsExactly(Bytes.of(new byte[] {'h', 'i', '\n', 0, (byte) 0xc3, (byte) 0xa9}));
        });
    }

    @Test
    void aBadEscapeKeepsTextModeAndSaysWhy() throws Exception {
        onEdt(() -> {
            Composer c = composer();
            type(c, "a\\q");
            c.hexModeButton().doClick();

            assertThat(c.isHexInput()).isFalse();
            assertThat(c.textModeButton().isSelected()).isTrue();
            assertThat(c.input().getText()).isEqualTo("a\\q");
            assertThat(c.problem()).isEqualTo("cannot convert to hex: bad escape \"\\q\" at character 2: use \\n \\r"
                    + " \\t \\0 \\\\ or \\xHH, and \\\\ for a backslash.");
        });
    }

    @Test
    void badHexKeepsHexModeAndSaysWhy() throws Exception {
        onEdt(() -> {
            Composer c = composer();
            c.hexModeButton().doClick();
            type(c, "48 6");
            c.textModeButton().doClick();

            assertThat(c.isHexInput()).isTrue();
            assertThat(c.hexModeButton().isSelected()).isTrue();
            assertThat(c.input().getText()).isEqualTo("48 6");
            assertThat(c.problem()).startsWith("cannot convert to text: invalid hex: \"6\" at character 4 has an odd"
                    + " number of digits");
        });
    }

    @Test
    void historyEntriesComeBackInTheModeTheyWereTypedIn() throws Exception {
        onEdt(() -> {
            Composer c = composer();
            type(c, "hello");
            press(c, KeyEvent.VK_ENTER, 0);
            c.hexModeButton().doClick();
            type(c, "01 02");
            press(c, KeyEvent.VK_ENTER, 0);
            c.textModeButton().doClick();
            type(c, "draft");

            assertThat(c.recall(true)).isTrue();
            assertThat(c.input().getText()).isEqualTo("01 02");
            assertThat(c.isHexInput()).isTrue();
            assertThat(c.hexModeButton().isSelected()).isTrue();
            assertThat(c.recall(true)).isTrue();
            assertThat(c.input().getText()).isEqualTo("hello");
            assertThat(c.isHexInput()).isFalse();
            assertThat(c.recall(false)).isTrue();
            assertThat(c.isHexInput()).isTrue();
            assertThat(c.recall(false)).isTrue();
            assertThat(c.input().getText()).isEqualTo("draft");
            assertThat(c.isHexInput()).as("the draft keeps its mode").isFalse();

            assertThat(c.history().entries()).containsExactly(new SendHistory.Entry("hello", false),
                    new SendHistory.Entry("01 02", true));
        });
    }
}
