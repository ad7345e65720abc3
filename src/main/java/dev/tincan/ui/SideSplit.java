package dev.tincan.ui;

import java.awt.BorderLayout;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.plaf.basic.BasicSplitPaneUI;

/**
 * The window's content: the tabs, and at times a side panel at their left in a split the
 * person can drag. The tabs keep their least width; the side panel gives way to them. The
 * side panel is the window's, not a tab's: it reaches the tab in front by itself. Confined
 * to the EDT.
 */
final class SideSplit {
    private final JComponent main;
    private final JPanel work = new JPanel(new BorderLayout());
    private JSplitPane split;

    /** A content pane showing {@code main} alone. */
    SideSplit(JComponent main) {
        this.main = main;
        work.add(main, BorderLayout.CENTER);
    }

    JPanel panel() {
        return work;
    }

    /** Puts {@code side} at the left of the tabs, in a split the person can drag; {@code null} takes it away. */
    void setSide(JComponent side) {
        work.removeAll();
        split = null;
        if (side == null) {
            work.add(main, BorderLayout.CENTER);
        } else {
            JSplitPane s = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, side, main);
            s.setBorder(BorderFactory.createEmptyBorder());
            s.setContinuousLayout(true);
            s.setResizeWeight(0);
            // The tabs keep their least width: in a narrow window the side panel starts
            // narrower, down to nothing, gives up width when the window shrinks and takes back
            // what the person last chose (at first its preferred width) when it grows.
            int[] wanted = {side.getPreferredSize().width};
            if (s.getUI() instanceof BasicSplitPaneUI ui) {
                ui.getDivider().addMouseListener(new MouseAdapter() {
                    @Override
                    public void mouseReleased(MouseEvent e) {
                        wanted[0] = s.getDividerLocation();
                    }
                });
            }
            s.addComponentListener(new ComponentAdapter() {
                @Override
                public void componentResized(ComponentEvent e) {
                    int at = Math.min(wanted[0], sideRoom(s, s.getWidth()));
                    if (at != s.getDividerLocation()) {
                        s.setDividerLocation(at);
                    }
                }
            });
            work.add(s, BorderLayout.CENTER);
            split = s;
        }
        work.revalidate();
        work.repaint();
    }

    boolean hasSide() {
        return split != null;
    }

    /** How wide the side panel may be now, leaving the tabs their least width; 0 with none shown. */
    int sideRoom() {
        return split == null ? 0 : sideRoom(split, work.getWidth());
    }

    /** How wide the side panel may be in a split {@code width} wide, leaving the tabs their least width. */
    private int sideRoom(JSplitPane s, int width) {
        return Math.max(0, width - main.getMinimumSize().width - s.getDividerSize());
    }
}
