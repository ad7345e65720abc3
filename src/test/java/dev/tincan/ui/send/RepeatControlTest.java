package dev.tincan.ui.send;

import static dev.tincan.ui.Edt.awaitOnEdt;
import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ConnectOptions;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.ClientOutbox;
import dev.tincan.testing.Threads;
import dev.tincan.ui.NeedsDisplay;
import java.awt.event.KeyEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repeat and file-send controls in a real frame against the companion echo server on
 * 127.0.0.1. Skipped without a display, like the window tests (run under xvfb-run).
 */
@ExtendWith(NeedsDisplay.class)
class RepeatControlTest {
    @TempDir
    Path dir;

    private CompanionServer server;
    private ClientOutbox out;
    private TestHost host;
    private JFrame frame;

    @BeforeEach
    void open() throws Exception {
        server = new CompanionServer(ServerConfig.builder().port(0).build()).start();
        out = new ClientOutbox(server.port(), ConnectOptions.defaults());
        host = new TestHost(out);
    }

    @AfterEach
    void close() throws Exception {
        if (frame != null) {
            SwingUtilities.invokeAndWait(frame::dispose);
        }
        if (out != null) {
            out.close();
            server.close();
        }
        Threads.assertNoneLeft("tincan-repeat");
        Threads.assertNoneLeft("tincan-file-send");
    }



    private <C extends javax.swing.JComponent> C show(C control) throws Exception {
        return onEdt(() -> {
            frame = new JFrame("send controls");
            frame.add(control);
            frame.pack();
            frame.setVisible(true);
            return control;
        });
    }

    @Test
    void startCountsSendsLiveAndEscStopsWithTheCountInTheNotice() throws Exception {
        RepeatControl repeat = show(onEdt(() -> new RepeatControl(host)));
        onEdt(() -> {
            repeat.countField().setText("");
            repeat.intervalField().setText("5ms");
            repeat.start();
            return null;
        });
        assertThat(onEdt(repeat::isRunning)).isTrue();

        awaitOnEdt("the counter to pass 5", Duration.ofSeconds(5),
                () -> Long.parseLong(repeat.counterText().substring("sent ".length())) > 5);
        onEdt(() -> SwingUtilities.processKeyBindings(new KeyEvent(repeat.countField(), KeyEvent.KEY_PRESSED, 0, 0,
                KeyEvent.VK_ESCAPE, KeyEvent.CHAR_UNDEFINED)));

        awaitOnEdt("the repeat to stop", Duration.ofSeconds(2), () -> !repeat.isRunning());
        String counter = onEdt(repeat::counterText);
        long sent = Long.parseLong(counter.substring("sent ".length()));
        // A busy machine may make the repeater fall behind, which the sentence then adds.
        assertThat(host.notices).singleElement().asString().startsWith("stopped by the user after " + sent + " sends");
        for (long i = 0; i < sent; i++) {
            assertThat(out.frames.poll(5, TimeUnit.SECONDS)).as("echo " + (i + 1)).isNotNull();
        }
        assertThat(out.frames.poll(100, TimeUnit.MILLISECONDS)).as("an echo beyond the count").isNull();
    }

    @Test
    void aRunningRepeatCanBeStoppedThroughTheRegistryARuleUses() throws Exception {
        RepeatControl repeat = show(onEdt(() -> new RepeatControl(host)));
        onEdt(() -> {
            repeat.countField().setText("");
            repeat.intervalField().setText("5ms");
            repeat.start();
            return null;
        });
        assertThat(host.repeats.running()).isEqualTo(1);

        assertThat(host.repeats.stopAll()).isEqualTo(1);

        awaitOnEdt("the repeat to end", Duration.ofSeconds(5), () -> !repeat.isRunning());
        assertThat(host.notices).singleElement().asString().startsWith("stopped by the user after");
    }

    @Test
    void aCountedRepeatEndsOnItsOwnWithDone() throws Exception {
        RepeatControl repeat = show(onEdt(() -> new RepeatControl(host)));
        onEdt(() -> {
            repeat.countField().setText("3");
            repeat.intervalField().setText("0");
            repeat.start();
            return null;
        });

        awaitOnEdt("the repeat to end", Duration.ofSeconds(5), () -> !repeat.isRunning());
        assertThat(onEdt(repeat::counterText)).isEqualTo("sent 3");
        assertThat(host.notices).containsExactly("done: sent 3 times.");
    }

    @Test
    void enterInTheIntervalFieldStarts() throws Exception {
        RepeatControl repeat = show(onEdt(() -> new RepeatControl(host)));
        onEdt(() -> {
            repeat.countField().setText("2");
            repeat.intervalField().setText("0");
            repeat.intervalField().postActionEvent();
            return null;
        });

        awaitOnEdt("the repeat started by Enter to end", Duration.ofSeconds(5), () -> !repeat.isRunning()
                && !host.notices.isEmpty());
        assertThat(host.notices).containsExactly("done: sent 2 times.");
    }

    @Test
    void aBadIntervalIsANoticeAndNothingStarts() throws Exception {
        RepeatControl repeat = show(onEdt(() -> new RepeatControl(host)));
        onEdt(() -> {
            repeat.intervalField().setText("fast");
            repeat.start();
            return null;
        });

        assertThat(onEdt(repeat::isRunning)).isFalse();
        assertThat(host.notices).containsExactly("error: interval 'fast' is not a duration: write a number and a "
                + "unit, e.g. 100ms or 1s.");
    }

    @Test
    void aFileSendShowsItsProgressAndEndsWithItsSentence() throws Exception {
        Path file = Files.write(dir.resolve("lines.txt"), "a\nb\nc\n".getBytes(StandardCharsets.UTF_8));
        FileSendControl send = show(onEdt(() -> new FileSendControl(host)));
        onEdt(() -> {
            send.setMode(dev.tincan.session.FileSend.Mode.LINES, 1);
            send.send(file);
            return null;
        });

        awaitOnEdt("the file send to end", Duration.ofSeconds(5), () -> !send.isRunning());
        assertThat(host.notices).singleElement().asString().startsWith("sent lines.txt: 3 lines, 6 B in ");
        assertThat(onEdt(() -> send.progressBar().getValue())).isEqualTo(1000);
        assertThat(out.frames.poll(5, TimeUnit.SECONDS).utf8()).isEqualTo("a");
    }

    @Test
    void aFailedFileSendShowsTheStartOfItsSentenceInTheBarAndAllOfItOnHover() throws Exception {
        Path file = Files.write(dir.resolve("binary.bin"), "ab\ncd".getBytes(StandardCharsets.UTF_8));
        FileSendControl send = show(onEdt(() -> new FileSendControl(host)));
        onEdt(() -> {
            frame.setSize(700, frame.getHeight());
            frame.validate();
            send.setMode(dev.tincan.session.FileSend.Mode.CHUNKS, 4096);
            send.send(file);
            return null;
        });

        awaitOnEdt("the file send to end", Duration.ofSeconds(5), () -> !send.isRunning());
        String sentence = host.notices.get(0).substring("error: ".length());
        onEdt(() -> {
            javax.swing.JProgressBar bar = send.progressBar();
            String shown = bar.getString();
            assertThat(shown).endsWith("…");
            assertThat(sentence).startsWith(shown.substring(0, shown.length() - 1));
            assertThat(bar.getFontMetrics(bar.getFont()).stringWidth(shown)).isLessThan(bar.getWidth());
            assertThat(bar.getToolTipText()).isEqualTo(sentence);
            return null;
        });
    }
}
