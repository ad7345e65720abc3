package dev.tincan.ui;

import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.util.SystemInfo;
import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import org.slf4j.LoggerFactory;

/**
 * The desktop application: sets up the look and feel and opens the main window on the
 * event dispatch thread. System properties are set first, then everything else happens in
 * {@link SwingUtilities#invokeLater}, while a {@link WarmUp} reads the fonts and formats on
 * another thread.
 */
public final class TincanApp {
    /** Who is told of the first paint instead of the log; null for the log. */
    private static volatile LongConsumer firstPaintListener;

    /** Held so the level set on it is not lost to garbage collection. */
    private static final Logger PREFS_LOG = Logger.getLogger("java.util.prefs");
    /** Names no way of starting Tincan: it may be the jar, the launcher or an installed image. */
    private static final String USE_THE_COMMAND_LINE = "run Tincan on a desktop, or give it a command "
            + "(--help lists them).";
    /** Whether {@link #warmUp()} has started the fonts and formats getting ready. */
    private static boolean warming;
    /** Why the window cannot open, once asked: "" when it can. */
    private static volatile String displayProblem;

    private TincanApp() {
    }

    /**
     * Opens the Tincan window with the person's saved settings; returns at once. Two system
     * properties serve demos and screenshots: {@code tincan.settings=memory} starts from
     * defaults and saves nothing, {@code tincan.theme=light|dark|system} picks the theme, and
     * {@code tincan.port} the port the window starts with.
     *
     * @throws IllegalStateException with one sentence when there is no display
     */
    public static void open() {
        checkDisplay();
        setSystemProperties();
        // A surprise on any thread goes to the log with its stack trace, never to the console.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                LoggerFactory.getLogger(TincanApp.class).error("unexpected failure on {}", thread.getName(), e));
        warmUp();
        SwingUtilities.invokeLater(() -> {
            UiPrefs prefs = "memory".equals(System.getProperty("tincan.settings")) ? UiPrefs.inMemory()
                    : UiPrefs.user();
            String theme = System.getProperty("tincan.theme");
            if (theme != null) {
                prefs.saveTheme(Theme.parse(theme, prefs.theme()));
            }
            // Straight in, not through installLookAndFeel: asking UIManager which look and feel
            // it has, in a JVM where none is set yet, makes it install its default (Metal) first,
            // about a twentieth of the event thread's way to the first paint.
            prefs.theme().install();
            WindowOptions saved = WindowOptions.from(prefs);
            int port = Integer.getInteger("tincan.port", saved.port());
            MainWindow window = new MainWindow(new WindowOptions(saved.host(), port, saved.framing(), prefs,
                    saved.library()));
            logFirstPaint(window.indicator());
            window.show();
        });
    }

    /**
     * Starts getting fonts and formats ready for the window on a thread of its own, once;
     * returns at once. {@link #open()} calls it too: calling it sooner, before the display is
     * opened, lets the fonts be read while the display's toolkit starts. Harmless when the
     * window then does not open.
     */
    public static synchronized void warmUp() {
        if (!warming) {
            warming = true;
            WarmUp.start();
        }
    }

    /**
     * Tells {@code millisAfterStart} how long after the JVM started the next window opened was
     * first painted, on the event thread, instead of logging it: for measuring start-up.
     */
    public static void onFirstPaint(LongConsumer millisAfterStart) {
        firstPaintListener = millisAfterStart;
    }

    /**
     * Logs, once, how long after the JVM started the window was first painted. The JVM's
     * start time comes from its management bean, which loads classes of its own: that
     * happens on a short-lived thread, not on the EDT.
     *
     * <p>When {@link #onFirstPaint} gave a listener, it is told instead.
     */
    private static void logFirstPaint(ActivityIndicator indicator) {
        indicator.setPaintListener(nanos -> {
            indicator.setPaintListener(null);
            long painted = System.currentTimeMillis();
            LongConsumer listener = firstPaintListener;
            if (listener != null) {
                long started = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli)
                        .orElse(painted);
                listener.accept(painted - started);
                return;
            }
            Thread log = new Thread(() -> {
                LoggerFactory.getLogger(TincanApp.class).info("the window was first painted {} ms after the JVM started",
                        painted - ManagementFactory.getRuntimeMXBean().getStartTime());
                WarmUp.logFailure();
            }, "tincan-startup-log");
            log.setDaemon(true);
            log.start();
        });
    }

    /**
     * Whether there is a display to open the window on, and it can be reached. The first
     * call connects to the display, which the window would do next anyway.
     */
    public static boolean hasDisplay() {
        return displayProblem().isEmpty();
    }

    /**
     * Checks there is a display the window can open on.
     *
     * @throws IllegalStateException with one sentence when there is none, or it cannot be reached
     */
    public static void checkDisplay() {
        String problem = displayProblem();
        if (!problem.isEmpty()) {
            throw new IllegalStateException(problem);
        }
    }

    /** Whether the display was asked for and opened; false until then. Any thread. */
    static boolean displayOpened() {
        return "".equals(displayProblem);
    }

    private static String displayProblem() {
        String problem = displayProblem;
        if (problem == null) {
            problem = findDisplayProblem();
            displayProblem = problem;
        }
        return problem;
    }

    private static String findDisplayProblem() {
        if (GraphicsEnvironment.isHeadless()) {
            return "there is no display to open the window on: " + USE_THE_COMMAND_LINE;
        }
        try {
            // Connects to the display; AWT reports a display it cannot reach with an Error.
            GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices();
            return "";
        } catch (AWTError | LinkageError e) {
            LoggerFactory.getLogger(TincanApp.class).info("the display cannot be opened", e);
            WarmUp.logFailure();
            String display = System.getenv("DISPLAY");
            return "the display " + (display == null || display.isBlank() ? "" : display + " ")
                    + "cannot be opened: " + USE_THE_COMMAND_LINE;
        }
    }

    /** Opens the window, as {@link #open()} does; for running the ui package on its own. */
    public static void main(String[] args) {
        open();
    }

    /** Properties that must be set before any AWT class loads. */
    static void setSystemProperties() {
        // The JDK's preferences store announces the directory it creates on first use; the
        // person has no use for that line.
        PREFS_LOG.setLevel(Level.WARNING);
        if (SystemInfo.isMacOS) {
            System.setProperty("apple.laf.useScreenMenuBar", "true");
            System.setProperty("apple.awt.application.name", "Tincan");
            System.setProperty("apple.awt.application.appearance", "system");
        }
        if (SystemInfo.isLinux) {
            // FlatLaf's own title bar, so the window looks the same with or without a window manager.
            JFrame.setDefaultLookAndFeelDecorated(true);
            JDialog.setDefaultLookAndFeelDecorated(true);
        }
    }

    /** Installs {@code theme} unless a FlatLaf theme is already installed. EDT. */
    static void installLookAndFeel(Theme theme) {
        if (!(UIManager.getLookAndFeel() instanceof FlatLaf)) {
            theme.install();
        }
    }
}
