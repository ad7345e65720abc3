package dev.tincan.ui;

import com.formdev.flatlaf.util.SystemInfo;
import java.awt.AWTError;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * Work the window's first paint waits for that need not be done on the event thread, done on
 * a daemon thread of its own from before the display is opened: it reads the font
 * configuration and opens the fonts the look and feel picks (on the event thread the look and
 * feel waited for them, a few hundred milliseconds on a busy machine), makes the screen's
 * default configuration once the display has opened (the look and feel's first question
 * about the screen, which on X11 asks the display for its visuals), looks up the family the
 * transcript's bytes font asks for first, then reads the time zone and the number and date
 * formats the status line and transcript use. It creates no Swing object and draws nothing:
 * drawing glyphs here as well held the fonts' locks while the event thread measured text, and
 * made the first paint later. It leaves the log alone: a logger asked for on another thread
 * while this one set the log up would be a stand-in that holds its lines back and then has
 * SLF4J say so on the console. Whatever it has not done when the event thread gets there,
 * the event thread does as before. A failure here ends it, and is logged at debug level
 * once a thread that may log has logged ({@link #logFailure}).
 */
final class WarmUp {
    /**
     * The family FlatLaf's monospaced font (the transcript's bytes font) asks for first on
     * Linux. A family that is not installed makes the JDK register every font file and read
     * every font's names in every language before it falls back: about 0.1 s, which the
     * transcript's renderer waited for on the event thread. Asked here first, it takes the
     * event thread microseconds; when the family is installed, asking opens it, which the
     * renderer would do too.
     */
    static final String LINUX_MONOSPACED = "Liberation Mono";

    /** {@link #FAILURE} once {@link #logFailure} has run: a later failure logs itself. */
    private static final Object LOGGED = new Object();
    /** Why the warm-up failed, held for {@link #logFailure}; then {@link #LOGGED}. */
    private static final AtomicReference<Object> FAILURE = new AtomicReference<>();

    private WarmUp() {
    }

    /** Starts warming up on a daemon thread; returns at once. */
    static void start() {
        Thread thread = new Thread(WarmUp::run, "tincan-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            for (String family : List.of(Font.SANS_SERIF, Font.MONOSPACED)) {
                new Font(family, Font.PLAIN, 12).canDisplay('a');
            }
            // Only once the display is known to open: a display that fails is reported by the
            // thread that opens it, with its own error.
            if (TincanApp.displayOpened()) {
                GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice().getDefaultConfiguration();
            }
            if (SystemInfo.isLinux) {
                new Font(LINUX_MONOSPACED, Font.PLAIN, 12).getFamily();
            }
            LocalTime.ofInstant(Instant.now(), ZoneId.systemDefault())
                    .format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT));
            String.format(Locale.ROOT, "%.1f %,d", 1.5, 12345);
            NumberFormat.getInstance().format(12345.5);
        } catch (RuntimeException | AWTError | LinkageError e) {
            // Without a display this fails while the main thread logs why: logging here too
            // would race it to start SLF4J, whose loser's line SLF4J holds back and then
            // announces on the console.
            if (!FAILURE.compareAndSet(null, e)) {
                debug(e);
            }
        }
    }

    /**
     * Logs why the warm-up failed, if it did, and lets a later failure log itself. Call it on
     * a thread that has logged already, so that the logging is started.
     */
    static void logFailure() {
        Object failure = FAILURE.getAndSet(LOGGED);
        if (failure instanceof Throwable e) {
            debug(e);
        }
    }

    private static void debug(Throwable e) {
        LoggerFactory.getLogger(WarmUp.class).debug("warming up failed; the window does this work itself", e);
    }
}
