package dev.tincan.ui;

import com.formdev.flatlaf.util.UIScale;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.event.HierarchyEvent;
import java.awt.event.MouseEvent;
import java.util.function.LongConsumer;
import javax.accessibility.AccessibleContext;
import javax.accessibility.AccessibleRole;
import javax.swing.JComponent;
import javax.swing.Timer;
import javax.swing.UIManager;

/**
 * The animated activity indicator: pulsing circles whose colour and pace say idle,
 * connecting, connected, traffic in, traffic out or error. Its own {@link Timer} repaints
 * it about 60 times a second, and only while it is showing; each paint touches only this
 * small opaque square. Because the animation runs on the EDT, its smoothness is the visible
 * proof that the EDT is free. Each paint is counted and can be reported to a listener, so a
 * benchmark can measure frames per second. Confined to the EDT, except the paint count.
 */
final class ActivityIndicator extends JComponent {
    /** Milliseconds between frames. */
    static final int FRAME_MS = 16;

    private final ActivityModel model;
    private final ActivityRenderer renderer = new ActivityRenderer();
    private final Timer timer;
    private volatile long paintCount;
    private volatile LongConsumer paintListener;

    ActivityIndicator(ActivityModel model) {
        this.model = model;
        this.timer = new Timer(FRAME_MS, e -> repaint());
        timer.setCoalesce(true);
        setOpaque(true);
        setToolTipText("");
        addHierarchyListener(e -> {
            if ((e.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0) {
                runWhileShowing();
            }
        });
    }

    private void runWhileShowing() {
        if (isShowing()) {
            timer.start();
        } else {
            timer.stop();
        }
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
                    return "Connection activity";
                }

                @Override
                public String getAccessibleDescription() {
                    return model.describe(System.nanoTime());
                }
            };
        }
        return accessibleContext;
    }

    @Override
    public void removeNotify() {
        timer.stop();
        super.removeNotify();
    }

    @Override
    public void updateUI() {
        super.updateUI();
        if (renderer != null) {
            renderer.updateColors();
        }
    }

    @Override
    public Dimension getPreferredSize() {
        int size = UIScale.scale(Math.max(16, UIManager.getInt("Tincan.activity.size")));
        return new Dimension(size, size);
    }

    @Override
    public Dimension getMinimumSize() {
        return getPreferredSize();
    }

    @Override
    public Dimension getMaximumSize() {
        return getPreferredSize();
    }

    @Override
    protected void paintComponent(Graphics g) {
        long now = System.nanoTime();
        g.setColor(getBackground());
        g.fillRect(0, 0, getWidth(), getHeight());
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            float size = Math.min(getWidth(), getHeight());
            g2.translate((getWidth() - size) / 2.0, (getHeight() - size) / 2.0);
            renderer.paint(g2, size, model, now);
        } finally {
            g2.dispose();
        }
        paintCount++;
        LongConsumer listener = paintListener;
        if (listener != null) {
            listener.accept(now);
        }
    }

    @Override
    public String getToolTipText(MouseEvent event) {
        return "Activity: " + model.describe(System.nanoTime());
    }

    /** Whether the animation timer runs (only while showing). */
    boolean isAnimating() {
        return timer.isRunning();
    }

    /** How many times the indicator has been painted. Any thread. */
    long paintCount() {
        return paintCount;
    }

    /** Called on the EDT with the {@code System.nanoTime()} of every paint; {@code null} for none. */
    void setPaintListener(LongConsumer listener) {
        this.paintListener = listener;
    }

    ActivityModel model() {
        return model;
    }
}
