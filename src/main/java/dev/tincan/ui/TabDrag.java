package dev.tincan.ui;

import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;

/**
 * Reorders tabs by dragging a title over another: the tab moves there as soon as the
 * pointer crosses into the other title. Confined to the EDT.
 */
final class TabDrag extends MouseAdapter {
    /** Moves the tab at the first index to the second. */
    interface Mover {
        void move(int from, int to);
    }

    private final JTabbedPane pane;
    private final Mover mover;
    private int dragging = -1;

    TabDrag(JTabbedPane pane, Mover mover) {
        this.pane = pane;
        this.mover = mover;
        pane.addMouseListener(this);
        pane.addMouseMotionListener(this);
    }

    @Override
    public void mousePressed(MouseEvent e) {
        dragging = SwingUtilities.isLeftMouseButton(e) ? pane.indexAtLocation(e.getX(), e.getY()) : -1;
    }

    @Override
    public void mouseDragged(MouseEvent e) {
        if (dragging < 0) {
            return;
        }
        int over = pane.indexAtLocation(e.getX(), e.getY());
        if (over >= 0 && over != dragging) {
            mover.move(dragging, over);
            dragging = over;
        }
    }

    @Override
    public void mouseReleased(MouseEvent e) {
        dragging = -1;
    }
}
