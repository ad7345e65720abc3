package dev.tincan.ui;

import java.awt.Component;
import java.awt.EventQueue;
import java.awt.Toolkit;
import java.awt.event.KeyEvent;

/**
 * Types keys as a keyboard does: the press, the character and the release are posted to the
 * system event queue, so each goes through the focus manager and every key binding on its
 * way, as a real key would. Any thread.
 */
public final class Keys {
    private Keys() {
    }

    /** Posts pressing and releasing {@code code} (typing {@code c}, or none) to {@code target}, which should have the focus. */
    public static void type(Component target, int code, char c) {
        EventQueue queue = Toolkit.getDefaultToolkit().getSystemEventQueue();
        long now = System.currentTimeMillis();
        queue.postEvent(new KeyEvent(target, KeyEvent.KEY_PRESSED, now, 0, code, c));
        if (c != KeyEvent.CHAR_UNDEFINED) {
            queue.postEvent(new KeyEvent(target, KeyEvent.KEY_TYPED, now, 0, KeyEvent.VK_UNDEFINED, c));
        }
        queue.postEvent(new KeyEvent(target, KeyEvent.KEY_RELEASED, now, 0, code, c));
    }
}
