package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.server.Mode;
import java.awt.Window;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server dialog in the real window, against real ports on 127.0.0.1: it proposes a free
 * port, starts and connects in one action, and keeps the person's choices when the server
 * cannot start, saying why in the window's words. Needs a display; without one it is
 * reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowServerDialogTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private WindowHandle window;
    private ServerSocket taken;

    @BeforeEach
    void openWindow() throws Exception {
        taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        window = WindowHandle.open("localhost", taken.getLocalPort(), "len32");
    }

    @AfterEach
    void closeAll() throws Exception {
        onEdt(() -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof ServerDialog d) {
                    d.dispose();
                }
            }
            return null;
        });
        window.close();
        assertThat(window.awaitClosed(WAIT)).isTrue();
        taken.close();
    }

    @Test
    void startAndConnectUsesAFreePortAndConnectsInOneAction() throws Exception {
        ServerDialog dialog = openDialog();
        String proposed = onEdt(() -> dialog.portField().getText());
        assertThat(proposed).isNotEqualTo(String.valueOf(taken.getLocalPort()));
        assertThat(onEdt(dialog::messageText)).isEqualTo("Port " + taken.getLocalPort()
                + " is in use on this machine: " + proposed + " is free.");
        assertThat(onEdt(() -> dialog.startAndConnectButton().isEnabled())).isTrue();

        onEdt(() -> {
            dialog.startAndConnectButton().doClick();
            return null;
        });

        assertThat(window.awaitConnected(WAIT)).as("connected to the new server").isTrue();
        assertThat(onEdt(dialog::isShowing)).isFalse();
        assertThat(onEdt(() -> window.window().bar().portText())).isEqualTo(proposed);
        assertThat(onEdt(() -> window.window().bar().framingSpec())).isEqualTo("len32");
        assertThat(onEdt(() -> window.window().session().status().peer())).isEqualTo("127.0.0.1:" + proposed);
    }

    @Test
    void aServerThatCannotStartKeepsTheDialogOpenWithEveryChoice() throws Exception {
        ServerDialog dialog = openDialog();
        onEdt(() -> {
            dialog.portField().setText(String.valueOf(taken.getLocalPort()));
            dialog.modeBox().setSelectedItem(Mode.FLOOD);
            dialog.startButton().doClick();
            return null;
        });
        String why = await("a failure in the dialog", () -> {
            String m = dialog.messageText();
            return m.startsWith("the built-in server cannot") ? m : null;
        });

        assertThat(why).startsWith("the built-in server cannot listen on port " + taken.getLocalPort()
                + " on 127.0.0.1 (").contains(": pick another Port; ").doesNotContain("--");
        assertThat(onEdt(dialog::isShowing)).isTrue();
        assertThat(onEdt(() -> dialog.portField().getText())).isEqualTo(String.valueOf(taken.getLocalPort()));
        assertThat(onEdt(() -> dialog.modeBox().getSelectedItem())).isEqualTo(Mode.FLOOD);

        // Cancelled and opened again, the dialog offers the same choices, with a port that is free.
        onEdt(() -> {
            dialog.dispose();
            return null;
        });
        ServerDialog again = openDialog();
        assertThat(onEdt(() -> again.modeBox().getSelectedItem())).isEqualTo(Mode.FLOOD);
        assertThat(onEdt(again::messageText)).startsWith("Port " + taken.getLocalPort() + " is in use");

        onEdt(() -> {
            again.portField().setText("70000");
            again.startButton().doClick();
            return null;
        });
        assertThat(onEdt(again::messageText)).isEqualTo("Port 70 000 is out of range: use 0 to 65 535; 0 picks"
                + " any free port.");

        onEdt(() -> {
            again.portField().setText("0");
            again.startButton().doClick();
            return null;
        });
        await("the dialog to close once the server runs", () -> again.isShowing() ? null : Boolean.TRUE);
        assertThat(onEdt(() -> window.window().server().summary())).startsWith("flood on 127.0.0.1:");
    }

    /** Enter typed in the port field presses the default button: start the server and connect to it. */
    @Test
    void enterInThePortFieldStartsAndConnects() throws Exception {
        ServerDialog dialog = openDialog();
        onEdt(() -> {
            dialog.portField().requestFocusInWindow();
            return null;
        });
        await("the caret in the port field", () -> focusOwner() == dialog.portField() ? Boolean.TRUE : null);
        Keys.type(dialog.portField(), java.awt.event.KeyEvent.VK_ENTER, '\n');
        assertThat(window.awaitConnected(WAIT)).as("connected to the new server").isTrue();
        assertThat(onEdt(dialog::isShowing)).isFalse();
    }

    /** Opens the dialog as Server ▸ Start built-in server… does, and waits for it to show. */
    private ServerDialog openDialog() throws Exception {
        SwingUtilities.invokeLater(() -> window.window().startServer());
        return await("the server dialog", () -> {
            for (Window w : Window.getWindows()) {
                if (w instanceof ServerDialog d && d.isShowing()) {
                    return d;
                }
            }
            return null;
        });
    }

    private static java.awt.Component focusOwner() {
        return java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
    }

    private static <T> T await(String what, Callable<T> found) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T t = onEdt(found);
            if (t != null) {
                return t;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what);
            }
        }
    }
}
