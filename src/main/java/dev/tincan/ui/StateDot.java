package dev.tincan.ui;

import com.formdev.flatlaf.util.UIScale;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import javax.swing.Icon;
import javax.swing.UIManager;

/**
 * A tab title's dot: the connection's state in the activity indicator's colours, read from
 * the theme at each paint so it follows a change of theme. Immutable.
 */
public final class StateDot implements Icon {
    private static final int SIZE = 8;
    private static final int GAP = 2;

    private final ActivityModel.State state;

    /** A dot for {@code state}. */
    public StateDot(ActivityModel.State state) {
        this.state = state;
    }

    ActivityModel.State state() {
        return state;
    }

    /** The colour of {@code state}, as the activity indicator paints it. */
    static Color color(ActivityModel.State state) {
        switch (state) {
            case CONNECTING:
                return color("Tincan.activity.connecting", Color.ORANGE);
            case CONNECTED:
                return color("Tincan.activity.connected", new Color(0x2e9d4f));
            case ERROR:
                return color("Tincan.activity.error", Color.RED);
            default:
                return color("Tincan.activity.idle", Color.GRAY);
        }
    }

    private static Color color(String key, Color fallback) {
        Color c = UIManager.getColor(key);
        return c != null ? c : fallback;
    }

    @Override
    public void paintIcon(Component c, Graphics g, int x, int y) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setColor(color(state));
            int d = UIScale.scale(SIZE);
            g2.fillOval(x, y + (getIconHeight() - d) / 2, d, d);
        } finally {
            g2.dispose();
        }
    }

    @Override
    public int getIconWidth() {
        return UIScale.scale(SIZE + GAP);
    }

    @Override
    public int getIconHeight() {
        return UIScale.scale(SIZE);
    }
}
