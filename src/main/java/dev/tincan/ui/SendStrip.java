package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Outbox;
import dev.tincan.session.Placeholders;
import dev.tincan.session.Repeats;
import dev.tincan.session.Session;
import dev.tincan.ui.send.FileDrop;
import dev.tincan.ui.send.FileSendControl;
import dev.tincan.ui.send.RepeatControl;
import dev.tincan.ui.send.SendHost;
import java.awt.BorderLayout;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.KeyStroke;

/**
 * The slim strip under a tab's composer that holds its repeat and its file send, each shown
 * when the person asks for it (Send ▸ Repeat…, Send ▸ Send file…, or a file dropped on the
 * message) and hidden with its × or Esc while idle. They belong to the tab, not the window:
 * a repeat keeps sending on the connection it started on whichever tab is in front, each tab
 * can run its own, and closing or disconnecting the tab stops them. As the controls'
 * {@link SendHost}, it sends on the tab's session, fills placeholders in from the tab's
 * conversation afresh for every repeated send, and hears every frame sent through
 * {@link #sent}, which the tab's frame listener calls. Confined to the EDT, but for
 * {@link #sent} and the repeat's payload supplier.
 */
final class SendStrip extends JPanel implements SendHost {
    private final transient Session session;
    /** Where the repeat and the file send go: the session, or every client of a listening tab. */
    private transient volatile Outbox outbox;
    private final transient Placeholders.Context context;
    private final Composer composer;
    private final StatusBar statusBar;
    private final transient List<Consumer<Bytes>> sentHooks = new CopyOnWriteArrayList<>();
    private final RepeatControl repeat = new RepeatControl(this);
    private final FileSendControl file = new FileSendControl(this);
    private final JPanel repeatRow;
    private final JPanel fileRow;

    /** A strip sending on {@code session}, taking what to repeat from {@code composer}. */
    SendStrip(Session session, Placeholders.Context context, Composer composer, StatusBar statusBar) {
        this.session = session;
        this.outbox = session;
        this.context = context;
        this.composer = composer;
        this.statusBar = statusBar;
        setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
        setName("sendStrip");
        setBorder(BorderFactory.createEmptyBorder(4, 0, 0, 0));
        repeatRow = row(repeat, "Hide the repeat (Esc when it is not running)");
        fileRow = row(file, "Hide the file send (Esc when no file is going out)");
        add(repeatRow);
        add(fileRow);
        repeatRow.setVisible(false);
        fileRow.setVisible(false);
        setVisible(false);
        getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
                "tincan.strip.hide");
        getActionMap().put("tincan.strip.hide", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                if (!repeat.isRunning() && !file.isRunning()) {
                    hideRow(repeatRow);
                    hideRow(fileRow);
                    composer.focusInput();
                }
            }
        });
        FileDrop.install(composer.input(), this::sendFile, sentence -> notice(sentence, true));
    }

    private JPanel row(JComponent control, String tip) {
        JPanel r = new JPanel(new BorderLayout(4, 0));
        JButton close = new JButton("×");
        close.setToolTipText(tip);
        close.putClientProperty(FlatClientProperties.BUTTON_TYPE, FlatClientProperties.BUTTON_TYPE_TOOLBAR_BUTTON);
        close.setFocusable(false);
        r.add(control, BorderLayout.CENTER);
        r.add(close, BorderLayout.EAST);
        close.addActionListener(e -> {
            if (control == repeat ? repeat.isRunning() : file.isRunning()) {
                notice(control == repeat ? "the repeat is running: stop it (Esc), then hide it."
                        : "a file is being sent: cancel it, then hide it.", true);
                return;
            }
            hideRow(r);
        });
        return r;
    }

    private void hideRow(JPanel r) {
        r.setVisible(false);
        setVisible(repeatRow.isVisible() || fileRow.isVisible());
        revalidate();
    }

    private void showRow(JPanel r) {
        r.setVisible(true);
        setVisible(true);
        revalidate();
    }

    /** Send ▸ Repeat…: shows the repeat row and puts the caret in its count. */
    void openRepeat() {
        showRow(repeatRow);
        repeat.countField().requestFocusInWindow();
        repeat.countField().selectAll();
    }

    /** Send ▸ Send file…: shows the file row; its File… button asks for a file. */
    void showFile() {
        showRow(fileRow);
    }

    /** Sends {@code path} as the file row is set: what a file dropped on the message does. */
    void sendFile(Path path) {
        showRow(fileRow);
        file.send(path);
    }

    /** Stops the repeat and the file send under way, if any: the tab closed or disconnected. */
    void stopAll() {
        repeat.stop();
        file.cancel();
    }

    /** Stops the repeat or the file send under way; false when nothing was running (Esc). */
    boolean stopRunning() {
        boolean any = repeat.isRunning() || file.isRunning();
        stopAll();
        return any;
    }

    /** One frame went out on the tab's connection: a file send counts its frames by it. Any thread. */
    void sent(Bytes payload) {
        for (Consumer<Bytes> hook : sentHooks) {
            hook.accept(payload);
        }
    }

    RepeatControl repeat() {
        return repeat;
    }

    FileSendControl file() {
        return file;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    /**
     * Sends what the repeat and the file send send through {@code to} from now on, or on the
     * tab's session again when {@code null}. A run already going keeps where it started.
     */
    void sendThrough(Outbox to) {
        outbox = to == null ? session : to;
    }

    @Override
    public Repeats repeats() {
        return session.repeats();
    }

    /**
     * The composer's message, read once now; its placeholders are filled in again for every
     * send, from the tab's conversation, so {@code {{counter}}} counts.
     */
    @Override
    public Supplier<Bytes> repeatPayload() {
        String text = composer.text();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the message is empty: type what to repeat, then start.");
        }
        Placeholders.Template template = Placeholders.parse(text, composer.isHexInput());
        Framing framing = framing();
        Bytes first = template.expand(context);
        if (framing != null) {
            framing.check(first);
        }
        if (!template.hasPlaceholders()) {
            return () -> first;
        }
        Bytes[] pending = {first};
        return () -> {
            Bytes b;
            synchronized (pending) {
                b = pending[0];
                pending[0] = null;
            }
            if (b == null) {
                b = template.expand(context);
                if (framing != null) {
                    framing.check(b);
                }
            }
            return b;
        };
    }

    @Override
    public void notice(String sentence, boolean error) {
        statusBar.showNotice(sentence, error);
    }

    @Override
    public int maxFrameLength() {
        return Framing.DEFAULT_MAX_FRAME_LENGTH;
    }

    @Override
    public Framing framing() {
        return session.status().isConnected() ? session.framing() : null;
    }

    @Override
    public AutoCloseable onSent(Consumer<Bytes> hook) {
        sentHooks.add(hook);
        return () -> sentHooks.remove(hook);
    }
}
