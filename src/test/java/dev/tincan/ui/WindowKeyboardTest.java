package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.ConnectionStatus;
import java.awt.Component;
import java.awt.KeyboardFocusManager;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * However the person connects (the Connect button, Ctrl+K, Enter in the port field), the
 * caret lands in the message, so what they type next is not lost. Needs a display; without
 * one it is reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowKeyboardTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private WindowHandle window;

    @AfterEach
    void closeWindow() throws Exception {
        Edt.closeAndAwait(window, WAIT);
    }

    @Test
    void everyWayOfConnectingPutsTheCaretInTheMessage() throws Exception {
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            window = WindowHandle.open("127.0.0.1", server.port(), "line");
            await("the window has the focus", () -> window.window().frame().isFocused());

            connectAndCheck("the Connect button", w -> ((JButton) find(w.frame(), "connect")).doClick());
            connectAndCheck("Ctrl+K", w -> key(w.bar().hostField(), KeyEvent.VK_K, InputEvent.CTRL_DOWN_MASK));
            connectAndCheck("Enter in the port field", w -> key((JComponent) find(w.frame(), "port"),
                    KeyEvent.VK_ENTER, 0));
        }
    }

    /**
     * Alt+letter reaches one thing: a menu, a field's label, a button. Two owners of the same
     * letter make the key do whichever Swing finds first, and the other is unreachable.
     */
    @Test
    void noAltLetterHasTwoOwners() throws Exception {
        window = WindowHandle.open("127.0.0.1", 1, "line");
        java.util.Map<Integer, String> owners = onEdt(() -> {
            java.util.Map<Integer, String> seen = new java.util.TreeMap<>();
            java.util.List<String> clashes = new java.util.ArrayList<>();
            javax.swing.JMenuBar bar = window.window().frame().getJMenuBar();
            for (int i = 0; i < bar.getMenuCount(); i++) {
                own(seen, clashes, bar.getMenu(i).getMnemonic(), "menu " + bar.getMenu(i).getText());
            }
            walk(window.window().frame().getContentPane(), seen, clashes);
            assertThat(clashes).as("Alt+letters with two owners").isEmpty();
            return seen;
        });
        assertThat(owners).as("the menus and the connection bar's fields have Alt+letters").hasSizeGreaterThan(8);
    }

    private static void walk(Component c, java.util.Map<Integer, String> seen, java.util.List<String> clashes) {
        if (!c.isShowing()) {
            return;
        }
        if (c instanceof javax.swing.JLabel l && l.getLabelFor() != null) {
            own(seen, clashes, l.getDisplayedMnemonic(), "label " + l.getText());
        } else if (c instanceof javax.swing.AbstractButton b) {
            own(seen, clashes, b.getMnemonic(), "button " + b.getText());
        }
        if (c instanceof java.awt.Container box) {
            for (Component child : box.getComponents()) {
                walk(child, seen, clashes);
            }
        }
    }

    private static void own(java.util.Map<Integer, String> seen, java.util.List<String> clashes, int key,
            String owner) {
        if (key == 0) {
            return;
        }
        String before = seen.putIfAbsent(key, owner);
        if (before != null) {
            clashes.add("Alt+" + KeyEvent.getKeyText(key) + ": " + before + " and " + owner);
        }
    }

    private void connectAndCheck(String how, Consumer<MainWindow> connect) throws Exception {
        onEdt(() -> {
            window.window().bar().hostField().requestFocusInWindow();
            return null;
        });
        await("the focus in the host field", () -> focusOwner() == window.window().bar().hostField());
        onEdt(() -> {
            connect.accept(window.window());
            return null;
        });
        assertThat(window.awaitConnected(WAIT)).as("connected with %s", how).isTrue();
        await("the caret in the message after " + how, () -> focusOwner() == window.window().composer().input());
        onEdt(() -> {
            window.window().disconnect();
            return null;
        });
        await("idle after " + how, () -> window.window().session().status().phase() == ConnectionStatus.Phase.IDLE);
    }

    private static Component focusOwner() {
        return KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
    }

    private static void key(JComponent source, int code, int modifiers) {
        boolean bound = SwingUtilities.processKeyBindings(new KeyEvent(source, KeyEvent.KEY_PRESSED,
                System.currentTimeMillis(), modifiers, code, KeyEvent.CHAR_UNDEFINED));
        assertThat(bound).as("%s is bound", KeyEvent.getKeyText(code)).isTrue();
    }

    static Component find(Component root, String name) {
        if (name.equals(root.getName())) {
            return root;
        }
        if (root instanceof java.awt.Container c) {
            for (Component child : c.getComponents()) {
                Component found = find(child, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void await(String what, Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!onEdt(done)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what + " (focus on " + onEdt(
                        WindowKeyboardTest::focusOwner) + ")");
            }
            Edt.betweenChecks();
        }
    }
}
