package dev.tincan.ui;

import java.awt.Component;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import javax.swing.JSplitPane;
import javax.swing.plaf.basic.BasicSplitPaneUI;

/**
 * Keeps a vertical split's divider where the person wants it, as a share of the height
 * (the share given until they drag the divider), but never above the top component's
 * minimum. JSplitPane alone hands out each change of size by weight from wherever its
 * first layout left it, so an early small layout would starve the bottom component for
 * good. Confined to the EDT.
 */
final class DividerKeeper {
    private final JSplitPane split;
    private final Component top;
    private final MouseAdapter dragged = new MouseAdapter() {
        @Override
        public void mouseReleased(MouseEvent e) {
            learnShare();
        }
    };
    private double share;

    /** Keeps {@code split}'s divider at {@code share} of its height, {@code top} at least at its minimum. */
    DividerKeeper(JSplitPane split, Component top, double share) {
        this.split = split;
        this.top = top;
        this.share = share;
        split.addComponentListener(new ComponentAdapter() {
            @Override
            public void componentResized(ComponentEvent e) {
                place();
            }
        });
        // Only a drag of the divider is the person's choice; the split moves it by itself too.
        hookDivider();
        split.addPropertyChangeListener("UI", e -> hookDivider());
    }

    private void hookDivider() {
        if (split.getUI() instanceof BasicSplitPaneUI ui && ui.getDivider() != null) {
            ui.getDivider().removeMouseListener(dragged);
            ui.getDivider().addMouseListener(dragged);
        }
    }

    private void learnShare() {
        if (room() > 0) {
            share = Math.max(0, Math.min(1, split.getDividerLocation() / (double) room()));
        }
    }

    private int room() {
        return split.getHeight() - split.getDividerSize();
    }

    /** Puts the divider at the share, or lower when the top would fall below its minimum. */
    void place() {
        int room = room();
        if (room <= 0) {
            return;
        }
        split.setDividerLocation(Math.min(room, Math.max(top.getMinimumSize().height,
                (int) Math.round(share * room))));
    }
}
