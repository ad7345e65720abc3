package dev.tincan.ui.send;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Bytes;
import dev.tincan.session.Repeater;
import dev.tincan.session.Repeats;
import java.awt.FlowLayout;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import javax.swing.AbstractAction;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * Repeats the host's payload: a count (blank repeats until stopped) and an interval
 * ({@code 100ms}, {@code 1s}; {@code 0} is back to back), Start, a live counter and Stop.
 * Esc stops a run while focus is anywhere in the control; the window may also call
 * {@link #stop()} from its own Esc. The counter is read from the {@link Repeater} every
 * {@link #REFRESH_MILLIS} by a Swing timer, so a fast repeat costs the EDT nothing per send.
 * The finish sentence goes to the host's notice. Used on the EDT only.
 */
public final class RepeatControl extends JPanel {
    private static final long serialVersionUID = 1L;
    /** How often the counter is refreshed while a repeat runs. */
    public static final int REFRESH_MILLIS = 100;

    private final transient SendHost host;
    private final JTextField count = new JTextField("10", 5);
    private final JTextField interval = new JTextField("100ms", 6);
    private final JButton start = new JButton("Start");
    private final JButton stop = new JButton("Stop");
    private final JLabel counter = new JLabel("sent 0");
    private final Timer refresh = new Timer(REFRESH_MILLIS, e -> showCount());
    private transient Repeater running;

    /** A control repeating what {@code host} gives. */
    public RepeatControl(SendHost host) {
        super(new FlowLayout(FlowLayout.LEADING, 6, 2));
        this.host = Objects.requireNonNull(host, "host");
        count.setName("repeat.count");
        count.setToolTipText("How many times to send; blank repeats until stopped.");
        interval.setName("repeat.interval");
        interval.setToolTipText("Time between sends, e.g. 10ms or 1s; 0 sends back to back.");
        start.setName("repeat.start");
        stop.setName("repeat.stop");
        counter.setName("repeat.counter");
        add(new JLabel("Repeat"));
        add(count);
        add(new JLabel("times every"));
        add(interval);
        add(start);
        add(stop);
        add(counter);
        // Room for a long count, so the layout does not shift as it grows.
        counter.setText("sent 000000000");
        counter.setPreferredSize(counter.getPreferredSize());
        counter.setText("sent 0");
        stop.setEnabled(false);
        count.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, "forever");
        start.addActionListener(e -> start());
        // Enter in either field starts, as the fields are what one fills in before starting.
        count.addActionListener(e -> start());
        interval.addActionListener(e -> start());
        stop.addActionListener(e -> stop());
        getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0),
                "repeat.stop");
        getActionMap().put("repeat.stop", new AbstractAction() {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                stop();
            }

            @Override
            public boolean isEnabled() {
                return running != null;
            }
        });
    }

    /** Starts a repeat with the fields' values, or says in the host's notice why not. */
    public void start() {
        if (running != null) {
            return;
        }
        long n;
        Duration every;
        Supplier<Bytes> payload;
        try {
            n = parseCount(count.getText());
            every = Durations.parse(interval.getText());
            payload = host.repeatPayload();
            running = new Repeater(payload, n, every, host.outbox(), new Repeater.Listener() {
                @Override
                public void finished(String sentence, boolean failed) {
                    SwingUtilities.invokeLater(() -> finish(sentence, failed));
                }
            });
        } catch (IllegalArgumentException e) {
            host.notice(e.getMessage(), true);
            return;
        }
        counter.setText("sent 0");
        start.setEnabled(false);
        stop.setEnabled(true);
        count.setEnabled(false);
        interval.setEnabled(false);
        refresh.start();
        running.start();
        Repeats registry = host.repeats();
        if (registry != null) {
            registry.add(running);
        }
        // The fields and Start are now disabled: keep the focus here, on Stop, so Esc, Space or
        // Enter ends the repeat rather than the keys going nowhere.
        stop.requestFocusInWindow();
    }

    /** Stops the repeat under way, if any; its finish sentence follows in the notice. */
    public void stop() {
        if (running != null) {
            running.stop();
        }
    }

    /** Whether a repeat is under way. */
    public boolean isRunning() {
        return running != null;
    }

    /** What the counter shows, e.g. {@code sent 42}. */
    public String counterText() {
        return counter.getText();
    }

    /** The count field, for the window's layout and tests. */
    public JTextField countField() {
        return count;
    }

    /** The interval field, for the window's layout and tests. */
    public JTextField intervalField() {
        return interval;
    }

    private void showCount() {
        if (running != null) {
            counter.setText("sent " + running.sent());
        }
    }

    private void finish(String sentence, boolean failed) {
        showCount();
        refresh.stop();
        Repeats registry = host.repeats();
        if (registry != null && running != null) {
            registry.remove(running);
        }
        running = null;
        boolean focusHere = stop.isFocusOwner();
        start.setEnabled(true);
        stop.setEnabled(false);
        count.setEnabled(true);
        interval.setEnabled(true);
        if (focusHere) {
            start.requestFocusInWindow();
        }
        host.notice(sentence, failed);
    }

    private static long parseCount(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return 0;
        }
        if (!s.matches("[0-9]{1,12}") || Long.parseLong(s) == 0) {
            throw new IllegalArgumentException("repeat count '" + s + "' is not a count: give a whole number of 1 or "
                    + "more, or leave it blank to repeat until stopped.");
        }
        return Long.parseLong(s);
    }
}
