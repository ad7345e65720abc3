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
import java.awt.GraphicsConfiguration;
import java.awt.RenderingHints;
import java.awt.Transparency;
import java.awt.event.MouseEvent;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;
import javax.accessibility.AccessibleContext;
import javax.accessibility.AccessibleRole;
import javax.swing.JComponent;
import javax.swing.UIManager;

/**
 * One chart of the traffic strip: a title and a legend with the newest values above, a
 * value axis with round steps on the left, the time axis ("−5 min" … "now") below, and
 * one line per series, a point a second; a second without a value breaks its line, and a
 * point alone shows as a dot. With nothing to draw it says so in one sentence.
 *
 * <p>It draws what it was last {@link #show shown} and holds no reference to the traffic.
 * Painting is kept cheap for the event thread: what changes only with the size, the scale of
 * the value axis or the theme (title, axes, grid, labels) is drawn once into an image and
 * copied; the lines are reduced to at most four points per pixel column (first, least,
 * greatest, last) and drawn as integer polylines, so a 15-minute chart costs about what a
 * 1-minute one does. Colours come from the theme ({@code Tincan.chart.*}). Confined to the EDT.
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

    /** What the cached backdrop was drawn for; another key draws it again. */
    private record BackdropKey(int width, int height, double scaleX, double scaleY, double top, Ticks.Unit unit,
            ChartSpan span, String title, String sentence) {
    }

    /** Where things go in the chart, in component pixels. */
    private record Layout(int pad, int gap, int baseline, int titleRight, int left, int right, int plotTop,
            int bottom, double top, double step) {
        boolean hasRoom() {
            return right - left >= UIScale.scale(40) && bottom - plotTop >= UIScale.scale(20);
        }
    }

    private String title = "";
    private Ticks.Unit unit = Ticks.Unit.PER_SECOND;
    private ChartSpan span = ChartSpan.FIVE_MINUTES;
    private List<Series> series = List.of();
    private String emptySentence = "";
    /** Whether no series has a value above zero: the sentence is drawn instead of lines. */
    private boolean empty = true;
    /** The top of the value axis and the step between its marks. */
    private double axisTop = 1;
    private double axisStep = 1;
    private Ticks.Unit axisUnit;
    /** The title's font, derived from {@link #boldOf}. */
    private Font bold;
    private Font boldOf;
    private BufferedImage backdrop;
    /** The whole chart as last drawn, for {@link #pictureVersion} at this scale. */
    private BufferedImage picture;
    private long pictureVersion = -1;
    private double pictureScaleX;
    private double pictureScaleY;
    /** Counts the calls of {@link #show}: a picture of an older version is drawn again. */
    private long version;
    /** How many pictures were drawn, rather than copied. */
    private long pictures;
    /** Where the last picture put things, for the tooltip; null before the first. */
    private Layout lastLayout;
    private BackdropKey backdropKey;
    /** Reused polyline buffers: four points per pixel column at most. */
    private int[] xs = new int[0];
    private int[] ys = new int[0];

    LineChart() {
        setOpaque(true);
        updateUI();
        // Hovering a second shows its figures.
        setToolTipText("");
    }

    @Override
    public String getToolTipText(MouseEvent e) {
        Layout at = lastLayout;
        if (at == null || series.isEmpty() || e.getX() < at.left() || e.getX() > at.right()) {
            return null;
        }
        int n = span.seconds();
        int count = series.get(0).values().length;
        int offset = n - count;
        int i = (int) Math.round((double) (e.getX() - at.left()) * n / (at.right() - at.left())) - 1 - offset;
        if (i < 0 || i >= count) {
            return null;
        }
        int ago = count - i;
        StringBuilder b = new StringBuilder(ago == 1 ? "the last second" : "the second " + ago + " s ago").append(':');
        for (Series s : series) {
            double v = s.values()[i];
            b.append("  ").append(s.name()).append(' ').append(Double.isNaN(v) ? "–" : Ticks.format(v, unit));
        }
        return b.toString();
    }

    @Override
    public AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJComponent() {
                @Override
                public AccessibleRole getAccessibleRole() {
                    return AccessibleRole.LABEL;
                }

                @Override
                public String getAccessibleName() {
                    return describe();
                }
            };
        }
        return accessibleContext;
    }

    /**
     * Draws {@code series} under {@code title} from now on, over {@code span}, on an axis of
     * {@code unit}; when no series has a value above zero, {@code emptySentence} is drawn
     * instead of lines.
     */
    void show(String title, Ticks.Unit unit, ChartSpan span, List<Series> series, String emptySentence) {
        this.title = Objects.requireNonNull(title, "title");
        this.unit = Objects.requireNonNull(unit, "unit");
        this.span = Objects.requireNonNull(span, "span");
        this.series = List.copyOf(series);
        this.emptySentence = Objects.requireNonNull(emptySentence, "emptySentence");
        double greatest = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (v > greatest) {
                    greatest = v;
                }
            }
        }
        // The axis grows at once but shrinks only when the lines have fallen below a third of
        // it: it does not jump with every spike, and its labels are not drawn again each second.
        if (axisUnit != unit || greatest > axisTop || greatest < axisTop / 3) {
            axisStep = Ticks.step(greatest, unit);
            axisTop = Ticks.top(greatest, axisStep);
            axisUnit = unit;
        }
        this.empty = greatest <= 0;
        version++;
        repaint();
    }

    /** The top of the value axis now. */
    double axisTop() {
        return axisTop;
    }

    /** How many times the chart was drawn anew (not copied from its picture) so far. */
    long pictures() {
        return pictures;
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
        backdrop = null;
        backdropKey = null;
        picture = null;
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
            AffineTransform t = g2.getTransform();
            double sx = t.getScaleX();
            double sy = t.getScaleY();
            if (picture == null || pictureVersion != version || pictureScaleX != sx || pictureScaleY != sy
                    || picture.getWidth() != pixels(getWidth(), sx) || picture.getHeight() != pixels(getHeight(), sy)) {
                drawPicture(g2, sx, sy);
            }
            if (sx == 1 && sy == 1) {
                g2.drawImage(picture, 0, 0, null);
            } else {
                g2.drawImage(picture, 0, 0, getWidth(), getHeight(), null);
            }
        } finally {
            g2.dispose();
        }
    }

    /** Draws the whole chart into {@link #picture}: a repaint with nothing new only copies it. */
    private void drawPicture(Graphics2D g, double sx, double sy) {
        Layout at = layout(g);
        lastLayout = at;
        BufferedImage backdropNow = backdrop(at, sx, sy);
        picture = image(picture, pixels(getWidth(), sx), pixels(getHeight(), sy));
        Graphics2D p = picture.createGraphics();
        try {
            p.drawImage(backdropNow, 0, 0, null);
            p.scale(sx, sy);
            if (at.hasRoom()) {
                FlatUIUtils.setRenderingHints(p);
                paintLegend(p, at);
                if (!empty) {
                    paintLines(p, at);
                }
            }
        } finally {
            p.dispose();
        }
        pictureVersion = version;
        pictures++;
        pictureScaleX = sx;
        pictureScaleY = sy;
    }

    private static int pixels(int size, double scale) {
        return Math.max(1, (int) Math.ceil(size * scale));
    }

    /** {@code old} if it has this size, else a new opaque image like the screen's. */
    private BufferedImage image(BufferedImage old, int width, int height) {
        if (old != null && old.getWidth() == width && old.getHeight() == height) {
            return old;
        }
        GraphicsConfiguration gc = getGraphicsConfiguration();
        return gc != null ? gc.createCompatibleImage(width, height, Transparency.OPAQUE)
                : new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    @Override
    public void removeNotify() {
        // Hidden charts keep no pictures.
        picture = null;
        backdrop = null;
        backdropKey = null;
        super.removeNotify();
    }

    /** The title's font: the component's, bold. */
    private Font bold() {
        Font font = getFont();
        if (bold == null || boldOf != font) {
            bold = font.deriveFont(Font.BOLD);
            boldOf = font;
        }
        return bold;
    }

    private Layout layout(Graphics2D g) {
        Font font = getFont();
        FontMetrics fm = g.getFontMetrics(font);
        FontMetrics tfm = g.getFontMetrics(bold());
        int pad = UIScale.scale(4);
        int gap = UIScale.scale(6);
        double step = axisStep;
        double top = axisTop;
        int steps = (int) Math.round(top / step);
        int labelWidth = 0;
        for (int k = 0; k <= steps; k++) {
            labelWidth = Math.max(labelWidth, fm.stringWidth(Ticks.axisLabel(k * step, unit, top)));
        }
        int baseline = pad + tfm.getAscent();
        int left = pad + labelWidth + gap;
        int right = getWidth() - pad - UIScale.scale(2);
        int plotTop = baseline + tfm.getDescent() + gap + fm.getAscent() / 2;
        int bottom = getHeight() - pad - fm.getHeight() - UIScale.scale(2);
        return new Layout(pad, gap, baseline, pad + tfm.stringWidth(title), left, right, plotTop, bottom, top, step);
    }

    /** The backdrop, drawn again only when the size, the value axis, the span or the theme changed. */
    private BufferedImage backdrop(Layout at, double sx, double sy) {
        BackdropKey key = new BackdropKey(getWidth(), getHeight(), sx, sy, at.top(), unit, span, title,
                empty ? emptySentence : null);
        if (backdrop == null || !key.equals(backdropKey)) {
            backdrop = image(backdrop, pixels(getWidth(), sx), pixels(getHeight(), sy));
            Graphics2D b = backdrop.createGraphics();
            try {
                b.scale(sx, sy);
                FlatUIUtils.setRenderingHints(b);
                drawBackdrop(b, at);
            } finally {
                b.dispose();
            }
            backdropKey = key;
        }
        return backdrop;
    }

    private void drawBackdrop(Graphics2D g, Layout at) {
        Font font = getFont();
        FontMetrics fm = g.getFontMetrics(font);
        Color text = color("Label.foreground", Color.BLACK);
        Color muted = color("Tincan.chart.axis", color("Label.disabledForeground", Color.GRAY));
        Color plot = color("Tincan.chart.background", color("TextField.background", Color.WHITE));
        Color grid = color("Tincan.chart.grid", color("Component.borderColor", Color.LIGHT_GRAY));
        g.setColor(getBackground());
        g.fillRect(0, 0, getWidth(), getHeight());
        g.setFont(bold());
        g.setColor(text);
        FlatUIUtils.drawString(this, g, title, at.pad(), at.baseline());
        if (!at.hasRoom()) {
            return;
        }
        g.setFont(font);
        int left = at.left();
        int right = at.right();
        int plotTop = at.plotTop();
        int bottom = at.bottom();
        int gap = at.gap();
        g.setColor(plot);
        g.fillRect(left, plotTop, right - left, bottom - plotTop);
        g.setStroke(new BasicStroke(1f));
        int steps = (int) Math.round(at.top() / at.step());
        for (int k = 0; k <= steps; k++) {
            int y = yOf(k * at.step(), at);
            g.setColor(grid);
            g.drawLine(left, y, right, y);
            String label = Ticks.axisLabel(k * at.step(), unit, at.top());
            g.setColor(muted);
            FlatUIUtils.drawString(this, g, label, left - gap - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
        }
        // The time axis: "now" at the right edge, marks every tickSeconds before it.
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
            g.setColor(plot);
            g.fillRect(sx - gap, sy - fm.getAscent() - UIScale.scale(2), Math.min(sw, right - left - 2 * gap) + 2 * gap,
                    fm.getHeight() + UIScale.scale(4));
            g.setColor(muted);
            FlatUIUtils.drawString(this, g, emptySentence, sx, sy);
        }
    }

    /** The legend, right-aligned on the title's line, as far as there is room beside the title. */
    private void paintLegend(Graphics2D g, Layout at) {
        Font font = getFont();
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        Color text = color("Label.foreground", Color.BLACK);
        int swatch = UIScale.scale(12);
        int gap = at.gap();
        int x = getWidth() - at.pad();
        g.setStroke(new BasicStroke(UIScale.scale(2f)));
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            String label = s.name() + " " + s.newest();
            int lw = fm.stringWidth(label);
            x -= lw;
            if (x - swatch - gap < at.titleRight() + gap) {
                break;
            }
            g.setColor(text);
            FlatUIUtils.drawString(this, g, label, x, at.baseline());
            x -= UIScale.scale(3) + swatch;
            g.setColor(color(s.colorKey(), text));
            int y = at.baseline() - fm.getAscent() / 2 + UIScale.scale(1);
            g.drawLine(x, y, x + swatch, y);
            x -= gap * 2;
        }
    }

    private void paintLines(Graphics2D g, Layout at) {
        int margin = UIScale.scale(3);
        g.clipRect(at.left(), at.plotTop() - margin, at.right() - at.left() + margin,
                at.bottom() - at.plotTop() + 2 * margin);
        // Thin, unsmoothed lines: smoothing costs the event thread twice as much, even for 60 points.
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_DEFAULT);
        g.setStroke(new BasicStroke(Math.max(1, UIScale.scale(1))));
        Color text = color("Label.foreground", Color.BLACK);
        for (Series s : series) {
            Color c = color(s.colorKey(), text);
            drawSeries(g, s, c, at);
        }
    }

    /**
     * One series: each run of values between gaps becomes a polyline of at most four points
     * per pixel column, its area shaded if asked; a run of one point is a dot.
     */
    private void drawSeries(Graphics2D g, Series s, Color c, Layout at) {
        double[] values = s.values();
        int count = values.length;
        int n = span.seconds();
        int offset = n - count;
        int left = at.left();
        int width = at.right() - left;
        int capacity = 4 * (width + 2);
        if (xs.length < capacity + 2) {
            xs = new int[capacity + 2];
            ys = new int[capacity + 2];
        }
        Color shade = s.area() ? mix(c, color("Tincan.chart.background", Color.WHITE), 0.22) : null;
        int points = 0;
        int column = Integer.MIN_VALUE;
        int first = 0;
        int least = 0;
        int greatest = 0;
        int last = 0;
        for (int i = 0; i <= count; i++) {
            double v = i < count ? values[i] : Double.NaN;
            int x = i < count ? left + (int) ((long) (offset + i + 1) * width / n) : Integer.MAX_VALUE;
            if (column != Integer.MIN_VALUE && (x != column || Double.isNaN(v))) {
                points = addColumn(points, column, first, least, greatest, last);
                column = Integer.MIN_VALUE;
            }
            if (Double.isNaN(v)) {
                if (points > 0) {
                    drawRun(g, c, shade, points, at.bottom());
                    points = 0;
                }
                continue;
            }
            int y = yOf(v, at);
            if (column == Integer.MIN_VALUE) {
                column = x;
                first = y;
                least = y;
                greatest = y;
            } else {
                least = Math.min(least, y);
                greatest = Math.max(greatest, y);
            }
            last = y;
        }
    }

    private int addColumn(int points, int x, int first, int least, int greatest, int last) {
        int p = add(points, x, first);
        if (least != first && least != last) {
            p = add(p, x, least);
        }
        if (greatest != first && greatest != last) {
            p = add(p, x, greatest);
        }
        return add(p, x, last);
    }

    private int add(int points, int x, int y) {
        if (points > 0 && xs[points - 1] == x && ys[points - 1] == y) {
            return points;
        }
        xs[points] = x;
        ys[points] = y;
        return points + 1;
    }

    private void drawRun(Graphics2D g, Color c, Color shade, int points, int bottom) {
        if (shade != null && points > 1) {
            xs[points] = xs[points - 1];
            ys[points] = bottom;
            xs[points + 1] = xs[0];
            ys[points + 1] = bottom;
            g.setColor(shade);
            g.fillPolygon(xs, ys, points + 2);
        }
        g.setColor(c);
        if (xs[0] == xs[points - 1]) {
            // One second alone (or one column): a dot, with its spread if the column holds more.
            int r = Math.max(2, UIScale.scale(2));
            int top = Math.min(ys[0], ys[points - 1]);
            int low = Math.max(ys[0], ys[points - 1]);
            for (int i = 0; i < points; i++) {
                top = Math.min(top, ys[i]);
                low = Math.max(low, ys[i]);
            }
            g.fillRect(xs[0] - r + 1, top - r + 1, 2 * r - 1, low - top + 2 * r - 1);
            return;
        }
        g.drawPolyline(xs, ys, points);
    }

    /**
     * {@code share} of {@code c} over {@code under}, as one opaque colour: shading filled
     * opaque costs a fraction of blending it, and it lies on the plain plot background anyway.
     */
    private static Color mix(Color c, Color under, double share) {
        return new Color((int) Math.round(c.getRed() * share + under.getRed() * (1 - share)),
                (int) Math.round(c.getGreen() * share + under.getGreen() * (1 - share)),
                (int) Math.round(c.getBlue() * share + under.getBlue() * (1 - share)));
    }

    private static int yOf(double v, Layout at) {
        return at.bottom() - (int) Math.round(v / at.top() * (at.bottom() - at.plotTop()));
    }

    private static Color color(String key, Color fallback) {
        Color c = UIManager.getColor(key);
        return c != null ? c : fallback;
    }
}
