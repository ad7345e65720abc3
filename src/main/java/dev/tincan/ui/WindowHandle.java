package dev.tincan.ui;

import dev.tincan.session.Session;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import javax.swing.SwingUtilities;

/**
 * A window opened by a program rather than a person, as the GUI benchmark does: its methods
 * may be called from any thread and carry no AWT types. The window uses in-memory settings,
 * so it never changes what a person saved.
 */
public final class WindowHandle {
    private final MainWindow window;
    /** The session of the tab the window opened with; its counts are read from any thread. */
    private final Session session;
    private final AtomicLong firstPaintNanos = new AtomicLong();
    private final Object statusLock = new Object();
    private volatile LongConsumer paintListener;
    private boolean connected;

    private WindowHandle(MainWindow window) {
        this.window = window;
        this.session = window.session();
        session.addStatusListener(s -> {
            synchronized (statusLock) {
                connected = s.isConnected();
                statusLock.notifyAll();
            }
        });
        window.indicator().setPaintListener(nanos -> {
            firstPaintNanos.compareAndSet(0, nanos);
            LongConsumer l = paintListener;
            if (l != null) {
                l.accept(nanos);
            }
        });
    }

    /**
     * Opens a window pointed at {@code host:port} with {@code framing} (a framing spec) and
     * returns once it is built and shown. Call it off the EDT.
     *
     * @throws IllegalStateException if called on the EDT
     */
    public static WindowHandle open(String host, int port, String framing) throws InterruptedException {
        if (SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("WindowHandle.open waits for the EDT: call it from another thread.");
        }
        TincanApp.setSystemProperties();
        AtomicReference<WindowHandle> handle = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                UiPrefs prefs = UiPrefs.inMemory();
                TincanApp.installLookAndFeel(prefs.theme());
                MainWindow w = new MainWindow(new WindowOptions(host, port, framing, prefs));
                handle.set(new WindowHandle(w));
                w.show();
            });
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the window could not open: " + cause, cause);
        }
        return handle.get();
    }

    /** Presses Connect. */
    public void connect() {
        SwingUtilities.invokeLater(window::connect);
    }

    /** Presses Disconnect. */
    public void disconnect() {
        SwingUtilities.invokeLater(window::disconnect);
    }

    /** Sends {@code text} (with escapes) as if typed into the composer and sent. */
    public void send(String text) {
        SwingUtilities.invokeLater(() -> {
            window.composer().input().setText(text);
            window.composer().send();
        });
    }

    /** Closes the window as its close button does. */
    public void close() {
        SwingUtilities.invokeLater(window::close);
    }

    /** Waits until the window is connected, at most {@code timeout}; returns whether it is. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (statusLock) {
            while (!connected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(statusLock, left);
            }
            return true;
        }
    }

    /**
     * Waits until the window is closed, its client thread has ended and its built-in server
     * is closed, at most {@code timeout}; returns whether all happened.
     */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return window.awaitStopped(timeout.toMillis());
    }

    /** Frames received since the last connect. Any thread. */
    public long framesReceived() {
        return session.stats().framesIn();
    }

    /** Frames sent since the last connect. Any thread. */
    public long framesSent() {
        return session.stats().framesOut();
    }

    /** How many times the activity indicator has been painted. Any thread. */
    public long paintCount() {
        return window.indicator().paintCount();
    }

    /** The {@code System.nanoTime()} of the indicator's first paint, or 0 before it. Any thread. */
    public long firstPaintNanos() {
        return firstPaintNanos.get();
    }

    /** Called on the EDT with the {@code System.nanoTime()} of every indicator paint; {@code null} for none. */
    public void setPaintListener(LongConsumer listener) {
        this.paintListener = listener;
    }

    /** The window itself, for tests in this package. */
    MainWindow window() {
        return window;
    }

    /** Runs {@code task} on the EDT, after the events already queued: a probe for EDT delay. */
    public void invokeLater(Runnable task) {
        SwingUtilities.invokeLater(task);
    }
}
