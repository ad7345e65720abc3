package dev.tincan.ui.chart;

import com.formdev.flatlaf.ui.FlatUIUtils;
import com.formdev.flatlaf.util.UIScale;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.UIManager;

/**
 * One chart of the traffic strip: a title and a legend with the newest values above, a
 * value axis with round steps on the left, the time axis ("−5 min" … "now") below, and
 * one line per series, a point a second; a second without a value breaks its line, and a
 * point alone shows as a dot. With nothing to draw it says so in one sentence. It draws
 * what it was last {@link #show shown} and holds no reference to the traffic: painting
 * costs the same whatever the rate. Colours come from the theme ({@code Tincan.chart.*}).
 * Confined to the EDT.
 */
final class LineChart extends JComponent {
    /**
     * One line of the chart.
     *
     * @param name its name in the legend, e.g. {@code p99}
     * @param colorKey the theme's colour for it, e.g. {@code Tincan.chart.p99}
     * @param values one value a second, oldest first; {@code NaN} where there is none
     * @param newest the newest value as the legend shows it
     * @param area whether the area under the line is shaded, so that a line drawn over it
     *     with the same values (out over in, for an echo) still shows both
     */
    record Series(String name, String colorKey, double[] values, String newest, boolean area) {
    }

    private String title = "";
    private Ticks.Unit unit = Ticks.Unit.PER_SECOND;
    private ChartSpan span = ChartSpan.FIVE_MINUTES;
    private List<Series> series = List.of();
    private String emptySentence = "";
    /** Whether no series has a value above zero: the sentence is drawn instead of lines. */
    private boolean empty = true;
    private final Path2D.Float path = new Path2D.Float(Path2D.WIND_NON_ZERO, 1024);
    private final Path2D.Float shade = new Path2D.Float(Path2D.WIND_NON_ZERO, 1024);

    LineChart() {
        setOpaque(false);
    }

    /**
     * Draws {@code series} under {@code title} from now on, over {@code span}, on an axis of
     * {@code unit}; when no series has a value above zero, {@code emptySentence} is drawn
     * instead of lines.
     */
    void show(String title, Ticks.Unit unit, ChartSpan span, List<Series> series, String emptySentence) {
        this.title = title;
        this.unit = unit;
        this.span = span;
        this.series = List.copyOf(series);
        this.emptySentence = emptySentence;
        this.empty = true;
        for (Series s : series) {
            for (double v : s.values()) {
                if (v > 0) {
                    this.empty = false;
                    break;
                }
            }
        }
        repaint();
    }

    /** The chart as last shown, in words: its title and legend, or its sentence when it has nothing to draw. */
    String describe() {
        if (empty) {
            return title + ": " + emptySentence;
        }
        StringBuilder b = new StringBuilder(title);
        for (Series s : series) {
            b.append(", ").append(s.name()).append(' ').append(s.newest());
        }
        return b.toString();
    }

    @Override
    public void updateUI() {
        super.updateUI();
        Font small = UIManager.getFont("small.font");
        setFont(small != null ? small : UIManager.getFont("Label.font"));
    }

    @Override
    public Dimension getPreferredSize() {
        return new Dimension(UIScale.scale(320), UIScale.scale(150));
    }

    @Override
    public Dimension getMinimumSize() {
        return new Dimension(UIScale.scale(160), UIScale.scale(90));
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            FlatUIUtils.setRenderingHints(g2);
            paintChart(g2);
        } finally {
            g2.dispose();
        }
    }

    private void paintChart(Graphics2D g) {
        int w = getWidth();
        int h = getHeight();
        Font font = getFont();
        Font titleFont = font.deriveFont(Font.BOLD);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        FontMetrics tfm = g.getFontMetrics(titleFont);
        Color text = color("Label.foreground", Color.BLACK);
        Color muted = color("Tincan.chart.axis", color("Label.disabledForeground", Color.GRAY));
        int pad = UIScale.scale(4);
        int gap = UIScale.scale(6);

        // Title and legend.
        int baseline = pad + tfm.getAscent();
        g.setFont(titleFont);
        g.setColor(text);
        FlatUIUtils.drawString(this, g, title, pad, baseline);
        int titleRight = pad + tfm.stringWidth(title);
        g.setFont(font);
        int swatch = UIScale.scale(12);
        int x = w - pad;
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            String label = s.name() + " " + s.newest();
            int lw = fm.stringWidth(label);
            x -= lw;
            if (x - swatch - gap < titleRight + gap) {
                break;
            }
            g.setColor(text);
            FlatUIUtils.drawString(this, g, label, x, baseline);
            x -= UIScale.scale(3) + swatch;
            g.setColor(color(s.colorKey(), text));
            g.setStroke(new BasicStroke(UIScale.scale(2f)));
            int y = baseline - fm.getAscent() / 2 + UIScale.scale(1);
            g.drawLine(x, y, x + swatch, y);
            x -= gap * 2;
        }

        // Value axis: round steps up to the greatest value shown.
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        double step = Ticks.step(max, unit);
        double top = Ticks.top(max, step);
        int steps = (int) Math.round(top / step);
        int labelWidth = 0;
        for (int k = 0; k <= steps; k++) {
            labelWidth = Math.max(labelWidth, fm.stringWidth(Ticks.format(k * step, unit)));
        }
        int left = pad + labelWidth + gap;
        int right = w - pad - UIScale.scale(2);
        int plotTop = baseline + tfm.getDescent() + gap + fm.getAscent() / 2;
        int bottom = h - pad - fm.getHeight() - UIScale.scale(2);
        if (right - left < UIScale.scale(40) || bottom - plotTop < UIScale.scale(20)) {
            return;
        }
        g.setColor(color("Tincan.chart.background", color("TextField.background", Color.WHITE)));
        g.fillRect(left, plotTop, right - left, bottom - plotTop);
        Color grid = color("Tincan.chart.grid", color("Component.borderColor", Color.LIGHT_GRAY));
        g.setStroke(new BasicStroke(1f));
        for (int k = 0; k <= steps; k++) {
            int y = yOf(k * step, top, plotTop, bottom);
            g.setColor(grid);
            g.drawLine(left, y, right, y);
            String label = Ticks.format(k * step, unit);
            g.setColor(muted);
            FlatUIUtils.drawString(this, g, label, left - gap - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }

        // Time axis: "now" at the right edge, marks every tickSeconds before it.
        int n = span.seconds();
        int lastLabelLeft = Integer.MAX_VALUE;
        for (int ago = 0; ago <= n; ago += span.tickSeconds()) {
            int tx = right - (int) Math.round((double) ago * (right - left) / n);
            g.setColor(grid);
            g.drawLine(tx, plotTop, tx, bottom);
            String label = span.tickLabel(ago);
            int lw = fm.stringWidth(label);
            int lx = Math.max(left - gap, Math.min(right - lw, tx - lw / 2));
            if (lx + lw + gap > lastLabelLeft) {
                continue;
            }
            g.setColor(muted);
            FlatUIUtils.drawString(this, g, label, lx, bottom + UIScale.scale(2) + fm.getAscent());
            lastLabelLeft = lx;
        }

        if (empty) {
            int sw = fm.stringWidth(emptySentence);
            int sx = Math.max(left + gap, (left + right - sw) / 2);
            int sy = (plotTop + bottom) / 2 + fm.getAscent() / 2;
            g.setColor(color("Tincan.chart.background", color("TextField.background", Color.WHITE)));
            g.fillRect(sx - gap, sy - fm.getAscent() - UIScale.scale(2), Math.min(sw, right - left - 2 * gap) + 2 * gap,
                    fm.getHeight() + UIScale.scale(4));
            g.setColor(muted);
            FlatUIUtils.drawString(this, g, emptySentence, sx, sy);
            return;
        }
        int margin = UIScale.scale(3);
        g.clipRect(left, plotTop - margin, right - left + margin, bottom - plotTop + 2 * margin);
        float stroke = UIScale.scale(1.5f);
        float dot = UIScale.scale(3f);
        g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Series s : series) {
            Color c = color(s.colorKey(), text);
            g.setColor(c);
            drawSeries(g, s.values(), n, left, right, top, plotTop, bottom, dot);
            if (s.area()) {
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 56));
                g.fill(shade);
            }
        }
    }

    /** One series as a polyline broken at missing values, and a dot for each point alone. */
    private void drawSeries(Graphics2D g, double[] values, int n, int left, int right, double top, int plotTop,
            int bottom, float dot) {
        path.reset();
        shade.reset();
        float lastX = 0;
        int count = values.length;
        int offset = n - count;
        boolean down = false;
        double xStep = (double) (right - left) / n;
        for (int i = 0; i < count; i++) {
            double v = values[i];
            if (Double.isNaN(v)) {
                if (down) {
                    shade.lineTo(lastX, bottom);
                    shade.closePath();
                }
                down = false;
                continue;
            }
            float px = (float) (left + (offset + i + 1) * xStep);
            float py = (float) (bottom - v / top * (bottom - plotTop));
            lastX = px;
            if (down) {
                path.lineTo(px, py);
                shade.lineTo(px, py);
            } else {
                path.moveTo(px, py);
                shade.moveTo(px, bottom);
                shade.lineTo(px, py);
                down = true;
                boolean alone = (i + 1 >= count || Double.isNaN(values[i + 1]));
                if (alone) {
                    g.fill(new Ellipse2D.Float(px - dot / 2, py - dot / 2, dot, dot));
                }
            }
        }
        if (down) {
            shade.lineTo(lastX, bottom);
            shade.closePath();
        }
        g.draw(path);
    }

    private static int yOf(double v, double top, int plotTop, int bottom) {
        return bottom - (int) Math.round(v / top * (bottom - plotTop));
    }

    private static Color color(String key, Color fallback) {
        Color c = UIManager.getColor(key);
        return c != null ? c : fallback;
    }
}
