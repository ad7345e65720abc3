package dev.tincan.ui;

import com.formdev.flatlaf.util.UIScale;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import javax.swing.Icon;
import javax.swing.UIManager;

/**
 * A small gear, drawn in the button's text colour (read at each paint, so it follows a
 * change of theme): the connection bar's way to the connection settings. Immutable.
 */
final class GearIcon implements Icon {
    private static final int SIZE = 14;
    private static final int TEETH = 8;

    @Override
    public void paintIcon(Component c, Graphics g, int x, int y) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setColor(c.isEnabled() ? c.getForeground() : UIManager.getColor("Label.disabledForeground"));
            double size = getIconWidth();
            double cx = x + size / 2;
            double cy = y + size / 2;
            double outer = size / 2;
            double inner = outer * 0.72;
            Path2D gear = new Path2D.Double(Path2D.WIND_EVEN_ODD);
            for (int i = 0; i < TEETH * 2; i++) {
                // Each tooth is flat on top: two points at the outer radius, two at the inner.
                double a0 = Math.PI * 2 * i / (TEETH * 2);
                double a1 = Math.PI * 2 * (i + 1) / (TEETH * 2);
                double r = i % 2 == 0 ? outer : inner;
                if (i == 0) {
                    gear.moveTo(cx + r * Math.cos(a0), cy + r * Math.sin(a0));
                } else {
                    gear.lineTo(cx + r * Math.cos(a0), cy + r * Math.sin(a0));
                }
                gear.lineTo(cx + r * Math.cos(a1), cy + r * Math.sin(a1));
            }
            gear.closePath();
            double hole = outer * 0.3;
            gear.append(new Ellipse2D.Double(cx - hole, cy - hole, hole * 2, hole * 2), false);
            g2.fill(gear);
        } finally {
            g2.dispose();
        }
    }

    @Override
    public int getIconWidth() {
        return UIScale.scale(SIZE);
    }

    @Override
    public int getIconHeight() {
        return UIScale.scale(SIZE);
    }
}
