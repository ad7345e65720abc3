package dev.tincan.ui;

import java.awt.Dimension;
import java.awt.GraphicsConfiguration;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Insets;
import java.awt.Rectangle;
import java.awt.Toolkit;

/**
 * Where the window opens: on a screen, inside the part of it that panels and docks leave
 * free, so that its right and bottom edges (Disconnect, Send, the status bar) are on screen
 * on a small laptop as on the screen the size was saved on. The window is never made smaller
 * than its minimum: on a screen narrower or shorter than that, it opens at its minimum
 * against the screen's left or top edge, and only its right or bottom edge is beyond reach.
 */
final class ScreenFit {
    private ScreenFit() {
    }

    /**
     * The free part of the screen that holds the centre of {@code bounds}, or of the default
     * screen when {@code bounds} is null or on no screen now (a monitor since unplugged).
     */
    static Rectangle usableAround(Rectangle bounds) {
        GraphicsEnvironment env = GraphicsEnvironment.getLocalGraphicsEnvironment();
        GraphicsConfiguration chosen = env.getDefaultScreenDevice().getDefaultConfiguration();
        if (bounds != null) {
            for (GraphicsDevice device : env.getScreenDevices()) {
                GraphicsConfiguration gc = device.getDefaultConfiguration();
                if (gc.getBounds().contains(bounds.getCenterX(), bounds.getCenterY())) {
                    chosen = gc;
                    break;
                }
            }
        }
        Rectangle screen = chosen.getBounds();
        Insets in = Toolkit.getDefaultToolkit().getScreenInsets(chosen);
        return new Rectangle(screen.x + in.left, screen.y + in.top, screen.width - in.left - in.right,
                screen.height - in.top - in.bottom);
    }

    /** {@code wanted} cut to {@code usable}'s size, but not below {@code least}, and moved inside it. */
    static Rectangle fitted(Rectangle wanted, Rectangle usable, Dimension least) {
        int w = Math.max(least.width, Math.min(wanted.width, usable.width));
        int h = Math.max(least.height, Math.min(wanted.height, usable.height));
        return new Rectangle(within(wanted.x, w, usable.x, usable.width), within(wanted.y, h, usable.y, usable.height),
                w, h);
    }

    /** A window of {@code size}, cut to {@code usable} but not below {@code least}, in the middle of it. */
    static Rectangle centred(Dimension size, Rectangle usable, Dimension least) {
        Rectangle r = fitted(new Rectangle(0, 0, size.width, size.height), usable, least);
        r.x = Math.max(usable.x, usable.x + (usable.width - r.width) / 2);
        r.y = Math.max(usable.y, usable.y + (usable.height - r.height) / 2);
        return r;
    }

    /** Where a span of {@code length} wanted at {@code at} starts so as to lie inside {@code from..from+room}. */
    private static int within(int at, int length, int from, int room) {
        return Math.max(from, Math.min(at, from + room - length));
    }
}
