package dev.tincan.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import javax.swing.UIManager;

/**
 * Draws the activity indicator: a core that breathes, an orbit of eight dots that turns,
 * and rings that spread outwards for traffic in and out. All shapes are antialiased
 * floating-point ellipses, so the picture stays smooth at any scale. The colours come from
 * the theme ({@code Tincan.activity.*}). Confined to the EDT.
 */
final class ActivityRenderer {
    private static final int DOTS = 8;

    private final float[] progress = new float[ActivityModel.MAX_RIPPLES];
    private final boolean[] in = new boolean[ActivityModel.MAX_RIPPLES];
    private final Ellipse2D.Float ellipse = new Ellipse2D.Float();
    private Color idle;
    private Color connecting;
    private Color connected;
    private Color error;
    private Color trafficIn;
    private Color trafficOut;

    ActivityRenderer() {
        updateColors();
    }

    /** Reads the colours of the current theme again. */
    void updateColors() {
        idle = color("Tincan.activity.idle", Color.GRAY);
        connecting = color("Tincan.activity.connecting", Color.ORANGE);
        connected = color("Tincan.activity.connected", new Color(0x2e9d4f));
        error = color("Tincan.activity.error", Color.RED);
        trafficIn = color("Tincan.activity.in", Color.BLUE);
        trafficOut = color("Tincan.activity.out", Color.MAGENTA);
    }

    private static Color color(String key, Color fallback) {
        Color c = UIManager.getColor(key);
        return c != null ? c : fallback;
    }

    /** The colour of a state. */
    Color stateColor(ActivityModel.State state) {
        switch (state) {
            case CONNECTING:
                return connecting;
            case CONNECTED:
                return connected;
            case ERROR:
                return error;
            default:
                return idle;
        }
    }

    /** Paints the model as it is at {@code nowNanos} into a square of {@code size} at the origin. */
    void paint(Graphics2D g, float size, ActivityModel model, long nowNanos) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        float c = size / 2f;
        float r = size / 2f - 1f;
        double seconds = (nowNanos & 0x3fff_ffff_ffffL) / 1e9;
        ActivityModel.State state = model.state();
        Color base = stateColor(state);

        int n = model.ripples(nowNanos, progress, in);
        g.setStroke(new BasicStroke(Math.max(1f, size / 22f)));
        for (int i = 0; i < n; i++) {
            float p = progress[i];
            float rr = r * (0.3f + 0.7f * p);
            float alpha = (float) Math.pow(1f - p, 1.4) * 0.9f;
            g.setColor(withAlpha(in[i] ? trafficIn : trafficOut, alpha));
            ellipse.setFrame(c - rr, c - rr, 2 * rr, 2 * rr);
            g.draw(ellipse);
        }

        double turn = seconds * state.turnsPerSecond();
        double headAngle = (turn - Math.floor(turn)) * 2 * Math.PI;
        float orbit = r * 0.64f;
        float dotMax = r * 0.12f;
        for (int i = 0; i < DOTS; i++) {
            float tail = i / (float) DOTS;
            double angle = headAngle - i * (2 * Math.PI / DOTS);
            float dr = dotMax * (1f - 0.45f * tail);
            float x = c + orbit * (float) Math.cos(angle);
            float y = c + orbit * (float) Math.sin(angle);
            g.setColor(withAlpha(base, 1f - 0.8f * tail));
            ellipse.setFrame(x - dr, y - dr, 2 * dr, 2 * dr);
            g.fill(ellipse);
        }

        double breath = Math.sin(seconds * state.breathsPerSecond() * 2 * Math.PI);
        float core = r * (0.27f + 0.05f * (float) breath);
        g.setColor(withAlpha(base, 0.75f + 0.2f * (float) breath));
        ellipse.setFrame(c - core, c - core, 2 * core, 2 * core);
        g.fill(ellipse);
    }

    private static Color withAlpha(Color c, float alpha) {
        int a = Math.round(Math.max(0f, Math.min(1f, alpha)) * 255);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }
}
