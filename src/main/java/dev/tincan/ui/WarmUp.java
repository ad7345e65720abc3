package dev.tincan.ui;

import java.awt.AWTError;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.LoggerFactory;

/**
 * Work the window's first paint waits for that need not be done on the event thread: done
 * on a daemon thread of its own, on the other core, from before the display is opened and
 * while the event thread installs the look and feel and builds the window. It reads the font
 * configuration (the look and feel's fonts waited for it on the event thread, a few hundred
 * milliseconds on a busy machine), opens the fonts, draws antialiased shapes and text into an
 * image of its own, so that the font files are read, the rasteriser is set up and the glyphs
 * the first paint draws are already in the fonts' caches, and reads the time zone and the
 * number and date formats; once the look and feel is installed the event thread hands it the
 * fonts it chose ({@link #fontsChosen}), whose glyphs it then draws in the same sizes and with
 * the same text antialiasing. It creates no Swing object and
 * changes nothing anyone sees: whatever it has not done when the event thread gets there,
 * the event thread does as before. A failure here is logged at debug level and ends it.
 */
final class WarmUp {
    /** How long the thread waits for the look and feel's fonts before it ends without them. */
    static final long FONTS_WAIT_SECONDS = 20;
    /** What the first paint writes most: the printable ASCII characters. */
    static final String GLYPHS;

    static {
        StringBuilder s = new StringBuilder();
        for (char c = ' '; c < 0x7f; c++) {
            s.append(c);
        }
        // And the marks of the window's own text: ellipses, dashes, arrows and multiplication signs.
        GLYPHS = s.append("…—▸×").toString();
    }

    /** The fonts the first paint draws with, and the text antialiasing it uses. */
    record Fonts(List<Font> fonts, Object textAntialiasing, Object lcdContrast) {
    }

    private final CompletableFuture<Fonts> chosen = new CompletableFuture<>();
    private final Thread thread = new Thread(this::run, "tincan-warm-up");

    private WarmUp() {
        thread.setDaemon(true);
        // Below the event thread, so that on a busy machine it only takes time the window does not.
        thread.setPriority(Thread.NORM_PRIORITY - 1);
    }

    /** Starts warming up; returns at once. */
    static WarmUp start() {
        WarmUp warm = new WarmUp();
        warm.thread.start();
        return warm;
    }

    /**
     * Hands over the fonts the look and feel chose and its text antialiasing hints (either
     * may be null); the first call counts. Any thread; the event thread calls it.
     */
    void fontsChosen(List<Font> fonts, Object textAntialiasing, Object lcdContrast) {
        chosen.complete(new Fonts(List.copyOf(fonts), textAntialiasing, lcdContrast));
    }

    /** Waits up to {@code millis} for the warm-up to end; true if it did. For tests. */
    boolean await(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    private void run() {
        try {
            // The font configuration first: reading it takes longest, and the look and feel
            // waits for it.
            for (Font f : List.of(new Font(Font.SANS_SERIF, Font.PLAIN, 13), new Font(Font.MONOSPACED, Font.PLAIN, 13))) {
                f.canDisplay('a');
                f.deriveFont(Font.BOLD).canDisplay('a');
                f.deriveFont(Font.ITALIC).canDisplay('a');
            }
            BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                shapes(g);
                text(g, List.of(new Font(Font.SANS_SERIF, Font.PLAIN, 13), new Font(Font.MONOSPACED, Font.PLAIN, 13)),
                        RenderingHints.VALUE_TEXT_ANTIALIAS_ON, null);
                formats();
                Fonts fonts = chosen.get(FONTS_WAIT_SECONDS, TimeUnit.SECONDS);
                text(g, fonts.fonts(), fonts.textAntialiasing(), fonts.lcdContrast());
            } finally {
                g.dispose();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LoggerFactory.getLogger(WarmUp.class).debug("the look and feel's fonts did not come: warm-up ends", e);
        } catch (ExecutionException | RuntimeException | AWTError | LinkageError e) {
            LoggerFactory.getLogger(WarmUp.class).debug("warming up failed; the window does this work itself", e);
        }
    }

    /** The time zone, times as the transcript shows them, and numbers as the status line and spinners do. */
    private static void formats() {
        LocalTime.ofInstant(Instant.now(), ZoneId.systemDefault())
                .format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT));
        String.format(Locale.ROOT, "%.1f %,d", 1.5, 12345);
        NumberFormat.getInstance().format(12345.5);
        NumberFormat.getIntegerInstance().format(12345);
    }

    /** Antialiased rounded rectangles and circles, as the look and feel's borders and the activity indicator draw. */
    private static void shapes(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_NORMALIZE);
        g.fill(new RoundRectangle2D.Float(1, 1, 30, 20, 6, 6));
        g.draw(new RoundRectangle2D.Float(1.5f, 1.5f, 29, 19, 6, 6));
        g.fill(new Ellipse2D.Float(34, 4, 12, 12));
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    }

    /** Draws {@link #GLYPHS} in each of {@code fonts}, plain and bold, with the text hints given. */
    private static void text(Graphics2D g, List<Font> fonts, Object antialiasing, Object lcdContrast) {
        if (antialiasing != null) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, antialiasing);
        }
        if (lcdContrast != null) {
            g.setRenderingHint(RenderingHints.KEY_TEXT_LCD_CONTRAST, lcdContrast);
        }
        for (Font f : fonts) {
            if (f == null) {
                continue;
            }
            for (Font face : List.of(f, f.deriveFont(Font.BOLD))) {
                g.setFont(face);
                g.getFontMetrics().stringWidth(GLYPHS);
                g.drawString(GLYPHS, 0, 20);
            }
        }
    }
}
