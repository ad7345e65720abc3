package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;

import dev.tincan.testing.LoopbackServer;
import dev.tincan.ui.rules.RulesPanel;
import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.SwingUtilities;
import javax.swing.text.JTextComponent;

/**
 * What the rules window tests share: a device that pushes a frame when told and keeps what
 * it hears, and a person's way through the rules panel and its Add dialog.
 */
final class RulesDriver {
    static final Duration WAIT = Duration.ofSeconds(10);

    private RulesDriver() {
    }

    /** A device on 127.0.0.1 that pushes what {@link #push} is given and keeps the lines it reads. */
    static final class Device implements AutoCloseable {
        final BlockingQueue<String> heard = new LinkedBlockingQueue<>(1000);
        private final LoopbackServer server;
        private final CountDownLatch connected = new CountDownLatch(1);
        private volatile Socket socket;

        Device() throws Exception {
            server = LoopbackServer.start(s -> {
                socket = s;
                connected.countDown();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    heard.add(line);
                }
            });
        }

        int port() {
            return server.port();
        }

        void push(String line) throws Exception {
            if (!connected.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the window did not connect to the device within " + WAIT);
            }
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String next() throws InterruptedException {
            String line = heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("the device heard nothing within " + WAIT);
            }
            return line;
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }

    /** Opens the rules panel of the tab in front with its key, as a person would, and returns it. */
    static RulesPanel openPanel(WindowHandle window) throws Exception {
        onEdt(() -> window.window().openRules());
        return onEdt(() -> window.window().currentTab().rulesPanel());
    }

    /**
     * Presses Add in {@code panel}, fills the dialog's name, match and reply and note, and
     * presses OK; waits until the rule is in the table.
     */
    static void addRule(RulesPanel panel, String name, String kind, String pattern, String reply, String note)
            throws Exception {
        int before = onEdt(() -> panel.rules().size());
        AbstractButton add = onEdt(() -> (AbstractButton) find(panel, "rulesAdd"));
        // The dialog is modal: pressing Add from a later event keeps this thread free to fill it.
        SwingUtilities.invokeLater(add::doClick);
        JDialog dialog = awaitDialog("Add rule");
        onEdt(() -> {
            text(dialog, "ruleName").setText(name);
            ((JComboBox<?>) find(dialog, "ruleKind")).setSelectedItem(kind);
            text(dialog, "rulePattern").setText(pattern);
            text(dialog, "ruleReply").setText(reply);
            text(dialog, "ruleNote").setText(note);
            ((AbstractButton) find(dialog, "ruleOk")).doClick();
        });
        Edt.awaitOnEdt("the rule in the table", WAIT, () -> panel.rules().size() == before + 1);
    }

    private static JDialog awaitDialog(String title) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JDialog found = onEdt(() -> {
                for (Window w : Window.getWindows()) {
                    if (w instanceof JDialog d && d.isShowing() && title.equals(d.getTitle())) {
                        return d;
                    }
                }
                return null;
            });
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no dialog \"" + title + "\" within " + WAIT);
    }

    private static JTextComponent text(Container root, String name) {
        return (JTextComponent) find(root, name);
    }

    static Component find(Container root, String name) {
        for (Component c : root.getComponents()) {
            if (name.equals(c.getName())) {
                return c;
            }
            if (c instanceof Container inner) {
                Component found = find(inner, name);
                if (found != null) {
                    return found;
                }
            }
        }
        if (root instanceof JDialog d) {
            return find(d.getContentPane(), name);
        }
        return null;
    }
}
