package dev.tincan.ui.library;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import dev.tincan.session.Library;
import dev.tincan.session.SavedMessage;
import dev.tincan.session.Sequence;
import java.time.Duration;
import java.util.List;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/**
 * Shows the library panel in a frame of its own, to look at it:
 * {@code LibraryPanelDemo [dark] [message|sequence]}, the last opening that editor.
 */
final class LibraryPanelDemo {
    private LibraryPanelDemo() {
    }

    static Library sample() {
        Library lib = new Library();
        lib.add(new SavedMessage("hello", "greetings", "hello {{counter}}\\n", false, "line", "says hi"));
        lib.add(new SavedMessage("login", "auth", "LOGIN bob {{field:nonce=(\\w+)}}", false, null, ""));
        lib.add(new SavedMessage("quit", "", "QUIT", false, null, ""));
        lib.add(new SavedMessage("goodbye", "greetings", "bye", false, null, ""));
        lib.add(new SavedMessage("status request", "device", "02 10 00 04 {{random:2}} 03", true, "len16", ""));
        lib.add(new SavedMessage("firmware version", "device", "02 11 00 00 03", true, "len16", ""));
        lib.putSequence(new Sequence("handshake", List.of(new Sequence.Send("hello"),
                new Sequence.AwaitReply("^welcome", Duration.ofSeconds(5)), new Sequence.Send("login"))));
        lib.putSequence(new Sequence("poll device", List.of(new Sequence.Send("status request"),
                new Sequence.Pause(Duration.ofMillis(500)))));
        return lib;
    }

    public static void main(String[] args) {
        FlatLaf.registerCustomDefaultsSource("dev.tincan.ui.themes");
        List<String> a = List.of(args);
        if (a.contains("dark")) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
        SwingUtilities.invokeLater(() -> {
            JFrame frame = new JFrame("Library");
            LibraryPanel.Host host = new LibraryPanel.Host() {
                @Override
                public String send(SavedMessage message) {
                    return null;
                }

                @Override
                public SavedMessage fromComposer() {
                    return null;
                }

                @Override
                public void notice(String sentence, boolean error) {
                }
            };
            LibraryPanel panel = new LibraryPanel(host, null, new LibraryStore());
            panel.setLibrary(sample());
            frame.setContentPane(panel);
            frame.setDefaultCloseOperation(JFrame.EXIT_ON_CLOSE);
            frame.pack();
            frame.setVisible(true);
            Library lib = sample();
            if (a.contains("message")) {
                SwingUtilities.invokeLater(() -> MessageDialog.show(panel, "Edit message", lib.get("hello"),
                        lib.folders(), m -> "a message called \"hello\" is in the library already: choose another "
                                + "name."));
            } else if (a.contains("sequence")) {
                SwingUtilities.invokeLater(() -> SequenceDialog.show(panel, "Edit sequence",
                        lib.sequence("handshake").orElseThrow(), List.of("hello", "login"), s -> null));
            }
        });
    }
}
