package dev.tincan.ui.library;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.session.Library;
import dev.tincan.session.SavedMessage;
import dev.tincan.session.Sequence;
import dev.tincan.ui.NeedsDisplay;
import java.awt.Component;
import java.awt.Container;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.AbstractButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The library panel in a real frame: filtering as you type, sending, and a sequence's progress. */
@ExtendWith(NeedsDisplay.class)
class LibraryPanelTest {
    private static final long WAIT_MILLIS = 5_000;

    private final BlockingQueue<String> sent = new ArrayBlockingQueue<>(16);
    private final BlockingQueue<String> notices = new ArrayBlockingQueue<>(16);
    private final LibraryStore store = new LibraryStore();
    private JFrame frame;
    private LibraryPanel panel;

    private final LibraryPanel.Host host = new LibraryPanel.Host() {
        @Override
        public String send(SavedMessage message) {
            sent.add(message.name());
            return null;
        }

        @Override
        public SavedMessage fromComposer() {
            return null;
        }

        @Override
        public void notice(String sentence, boolean error) {
            notices.add((error ? "error: " : "") + sentence);
        }
    };

    private final AtomicReference<SequenceRuns.Listener> runListener = new AtomicReference<>();
    private final SequenceRuns runs = (sequence, listener) -> {
        runListener.set(listener);
        return new SequenceRuns.Run() {
            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }

            @Override
            public void stop() {
                listener.finished("stopped.", false);
            }
        };
    };

    @BeforeEach
    void showPanel() throws Exception {
        onEdt(() -> {
            panel = new LibraryPanel(host, runs, store);
            panel.setLibrary(LibraryPanelDemo.sample());
            frame = new JFrame("library test");
            frame.setContentPane(panel);
            frame.pack();
            frame.setVisible(true);
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        onEdt(() -> {
            frame.dispose();
            return null;
        });
        store.close();
    }


    /** What the list shows: headings as "# folder", messages by name. */
    private List<String> shown() throws Exception {
        return onEdt(() -> {
            List<String> out = new ArrayList<>();
            JList<LibraryRow> list = panel.messageList();
            for (int i = 0; i < list.getModel().getSize(); i++) {
                LibraryRow row = list.getModel().getElementAt(i);
                out.add(row.isHeading() ? "# " + row.title() : row.message().name());
            }
            return out;
        });
    }

    private void type(String text) throws Exception {
        for (char c : text.toCharArray()) {
            onEdt(() -> {
                // At the end of what is there: the look and feel selects the whole field when it
                // gains the focus, which may happen between two letters.
                panel.filterField().setCaretPosition(panel.filterField().getDocument().getLength());
                panel.filterField().replaceSelection(String.valueOf(c));
                return null;
            });
        }
    }

    @Test
    void theListNarrowsWithEachLetterTypedIgnoringCase() throws Exception {
        assertThat(shown()).containsExactly("# greetings", "hello", "goodbye", "# auth", "login", "# Unfiled", "quit",
                "# device", "status request", "firmware version");

        type("o");
        assertThat(shown()).containsExactly("# greetings", "hello", "goodbye", "# auth", "login", "# device",
                "status request", "firmware version");
        type("O");
        assertThat(shown()).containsExactly("# greetings", "goodbye");

        onEdt(() -> {
            panel.filterField().setText("DEVICE");
            return null;
        });
        assertThat(shown()).containsExactly("# device", "status request", "firmware version");
    }

    @Test
    void aDoubleClickOnAMessageSendsItThroughTheHost() throws Exception {
        onEdt(() -> {
            JList<LibraryRow> list = panel.messageList();
            Rectangle cell = list.getCellBounds(4, 4);
            Point p = new Point(cell.x + 20, cell.y + cell.height / 2);
            long now = System.currentTimeMillis();
            for (int clicks = 1; clicks <= 2; clicks++) {
                list.dispatchEvent(new MouseEvent(list, MouseEvent.MOUSE_PRESSED, now, MouseEvent.BUTTON1_DOWN_MASK,
                        p.x, p.y, clicks, false, MouseEvent.BUTTON1));
                list.dispatchEvent(new MouseEvent(list, MouseEvent.MOUSE_RELEASED, now, 0, p.x, p.y, clicks, false,
                        MouseEvent.BUTTON1));
                list.dispatchEvent(new MouseEvent(list, MouseEvent.MOUSE_CLICKED, now, 0, p.x, p.y, clicks, false,
                        MouseEvent.BUTTON1));
            }
            return null;
        });

        assertThat(sent.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("login");
        assertThat(sent).as("one double-click, one send").isEmpty();
    }

    @Test
    void enterInTheFilterSendsTheFirstMatch() throws Exception {
        type("firm");
        onEdt(() -> {
            panel.filterField().postActionEvent();
            return null;
        });
        assertThat(sent.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("firmware version");
    }

    @Test
    void quickKeysSendTheFirstNineInLibraryOrderAndSaySoWhenThereIsNone() throws Exception {
        onEdt(() -> {
            panel.sendQuick(3);
            panel.sendQuick(9);
            return null;
        });
        assertThat(sent.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("login");
        assertThat(notices.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("error: Alt+9 has no message: the "
                + "first nine messages in the library get Alt+1 to Alt+9.");
    }

    @Test
    void aRunningSequenceShowsItsStepAndItsEnd() throws Exception {
        onEdt(() -> {
            JList<?> sequences = (JList<?>) find(panel, "library.sequences");
            sequences.setSelectedIndex(0);
            button(panel, "Run").doClick();
            return null;
        });
        SequenceRuns.Listener listener = runListener.get();
        assertThat(listener).as("the run started").isNotNull();

        // The runner's own thread reports; the panel hops to the EDT.
        Thread runner = new Thread(() -> listener.step(1, new Sequence.AwaitReply("^welcome",
                java.time.Duration.ofSeconds(5))), "test-runner");
        runner.start();
        runner.join(WAIT_MILLIS);
        awaitStatus("handshake: step 2 of 3, wait up to 5000 ms for /^welcome/");

        onEdt(() -> {
            button(panel, "Stop").doClick();
            return null;
        });
        assertThat(notices.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("stopped.");
        assertThat(onEdt(() -> button(panel, "Run").isEnabled())).as("a stopped run may start again").isTrue();
    }

    @Test
    void anEmptyListSaysWhyAndWhatToDo() throws Exception {
        onEdt(() -> {
            panel.filterField().setText("no such thing");
            assertThat(panel.messageList().getModel().getSize()).isZero();
            assertThat(panel.emptyText()).isEqualTo("No message matches \"no such thing\".");
            panel.filterField().setText("");
            panel.setLibrary(new Library());
            assertThat(panel.messageList().getModel().getSize()).isZero();
            assertThat(panel.emptyText()).startsWith("No saved messages yet. Type one in the Message box and press "
                    + "Ctrl+S");
            return null;
        });
    }

    @Test
    void aSequenceCanBeDeletedOnlyWhenOneIsSelectedAndNoneRuns() throws Exception {
        onEdt(() -> {
            JList<?> sequences = (JList<?>) find(panel, "library.sequences");
            Component delete = find(panel, "library.deleteSequence");
            sequences.clearSelection();
            assertThat(delete.isEnabled()).as("nothing selected").isFalse();
            sequences.setSelectedIndex(0);
            assertThat(delete.isEnabled()).as("one selected").isTrue();
            button(panel, "Run").doClick();
            assertThat(delete.isEnabled()).as("while it runs").isFalse();
            button(panel, "Stop").doClick();
            return null;
        });
        assertThat(notices.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("stopped.");
        assertThat(onEdt(() -> find(panel, "library.deleteSequence").isEnabled())).as("once stopped").isTrue();
    }

    private void awaitStatus(String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        String status = "";
        while (System.nanoTime() < deadline) {
            status = onEdt(() -> statusText(panel));
            if (expected.equals(status)) {
                return;
            }
        }
        assertThat(status).isEqualTo(expected);
    }

    private static String statusText(Container c) {
        for (Component child : c.getComponents()) {
            if (child instanceof JLabel l && l.getText() != null && l.getText().startsWith("handshake")) {
                return l.getText();
            }
            if (child instanceof Container inner) {
                String found = statusText(inner);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }

    private static Component find(Container c, String name) {
        for (Component child : c.getComponents()) {
            if (name.equals(child.getName())) {
                return child;
            }
            if (child instanceof Container inner) {
                Component found = find(inner, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static AbstractButton button(Container c, String text) {
        AbstractButton b = findButton(c, text);
        if (b == null) {
            throw new AssertionError("no button " + text);
        }
        return b;
    }

    private static AbstractButton findButton(Container c, String text) {
        for (Component child : c.getComponents()) {
            if (child instanceof AbstractButton b && text.equals(b.getText())) {
                return b;
            }
            if (child instanceof Container inner) {
                AbstractButton found = findButton(inner, text);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

}
