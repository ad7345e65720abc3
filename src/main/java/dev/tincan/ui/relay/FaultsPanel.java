package dev.tincan.ui.relay;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.relay.Direction;
import dev.tincan.relay.Toxics;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;

/**
 * The faults of each direction, applied to every link as soon as a value changes: a latency
 * on every chunk (ms), a bandwidth cap (bytes/s), writes sliced into pieces (bytes), and a
 * reset of the link after so many bytes. 0 turns each off. Confined to the EDT.
 */
final class FaultsPanel extends JPanel {
    private final BiConsumer<Direction, Toxics> apply;
    private final Map<Direction, JSpinner[]> spinners = new EnumMap<>(Direction.class);

    /** A panel showing {@code up} and {@code down}, calling {@code apply} with each change. */
    FaultsPanel(Toxics up, Toxics down, BiConsumer<Direction, Toxics> apply) {
        super(new GridBagLayout());
        this.apply = Objects.requireNonNull(apply, "apply");
        setName("faults");
        String[] heads = {"latency ms", "bandwidth B/s", "slice B", "reset after B"};
        String[] tips = {"Each chunk waits this long before it is written (0: none)",
            "The most bytes written per second (0: no cap)",
            "Write at most this many bytes per write call (0: whole chunks)",
            "Reset the link (RST both sides) once this many bytes went this way (0: never)"};
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(1, 2, 1, 6);
        c.anchor = GridBagConstraints.WEST;
        c.gridy = 0;
        c.gridx = 0;
        JLabel title = new JLabel("Faults");
        title.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        add(title, c);
        for (int i = 0; i < heads.length; i++) {
            c.gridx = i + 1;
            JLabel h = new JLabel(heads[i]);
            h.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
            h.setToolTipText(tips[i]);
            add(h, c);
        }
        for (Direction d : Direction.values()) {
            Toxics t = d == Direction.UP ? up : down;
            c.gridy++;
            c.gridx = 0;
            add(new JLabel(d.arrow() + " " + d.words()), c);
            JSpinner[] row = {
                spinner(t.latency().toMillis(), 600_000, 10, tips[0]),
                spinner(t.bytesPerSecond(), 1L << 40, 1024, tips[1]),
                spinner(t.sliceBytes(), 1 << 20, 1, tips[2]),
                spinner(t.resetAfterBytes(), 1L << 50, 1024, tips[3])};
            for (int i = 0; i < row.length; i++) {
                row[i].setName("fault-" + d.name().toLowerCase(java.util.Locale.ROOT) + "-" + i);
                row[i].addChangeListener(e -> changed(d));
                c.gridx = i + 1;
                add(row[i], c);
            }
            spinners.put(d, row);
        }
        c.gridx = heads.length + 1;
        c.weightx = 1;
        add(new JLabel(), c);
    }

    private static JSpinner spinner(long value, long max, long step, String tip) {
        JSpinner s = new JSpinner(new SpinnerNumberModel(Long.valueOf(value), Long.valueOf(0), Long.valueOf(max),
                Long.valueOf(step)));
        s.setToolTipText(tip);
        JSpinner.NumberEditor editor = new JSpinner.NumberEditor(s, "#");
        editor.getTextField().setColumns(7);
        s.setEditor(editor);
        return s;
    }

    private void changed(Direction d) {
        apply.accept(d, toxics(d));
    }

    /** The faults the panel shows for {@code d}. */
    Toxics toxics(Direction d) {
        JSpinner[] row = spinners.get(d);
        return new Toxics(Duration.ofMillis(value(row[0])), value(row[1]), (int) value(row[2]), value(row[3]));
    }

    /** Sets the latency of {@code d} in milliseconds, as a person would. */
    void setLatency(Direction d, long millis) {
        spinners.get(d)[0].setValue(millis);
    }

    /** Sets the reset-after size of {@code d}, as a person would. */
    void setResetAfter(Direction d, long bytes) {
        spinners.get(d)[3].setValue(bytes);
    }

    private static long value(JSpinner s) {
        return ((Number) s.getValue()).longValue();
    }
}
