package dev.tincan.ui;

import com.formdev.flatlaf.util.UIScale;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.LayoutManager;

/**
 * Two components in a column, such as the transcript above the composer. The top one
 * keeps its minimum height; when the container is short, the bottom one gives up height,
 * down to its own minimum, before the top one does. Stateless apart from its two children.
 */
final class TopKeepsMinimumLayout implements LayoutManager {
    private final Component top;
    private final Component bottom;

    TopKeepsMinimumLayout(Component top, Component bottom) {
        this.top = top;
        this.bottom = bottom;
    }

    @Override
    public void addLayoutComponent(String name, Component comp) {
        // children are known fields
    }

    @Override
    public void removeLayoutComponent(Component comp) {
        // children are known fields
    }

    private static int gap() {
        return UIScale.scale(8);
    }

    @Override
    public Dimension preferredLayoutSize(Container parent) {
        Dimension t = top.getPreferredSize();
        Dimension b = bottom.getPreferredSize();
        return new Dimension(Math.max(t.width, b.width), t.height + gap() + b.height);
    }

    @Override
    public Dimension minimumLayoutSize(Container parent) {
        Dimension t = top.getMinimumSize();
        Dimension b = bottom.getMinimumSize();
        return new Dimension(Math.max(t.width, b.width), t.height + gap() + b.height);
    }

    @Override
    public void layoutContainer(Container parent) {
        int w = parent.getWidth();
        int h = parent.getHeight();
        int bottomHeight = Math.max(bottom.getMinimumSize().height,
                Math.min(bottom.getPreferredSize().height, h - gap() - top.getMinimumSize().height));
        top.setBounds(0, 0, w, Math.max(0, h - gap() - bottomHeight));
        bottom.setBounds(0, h - bottomHeight, w, bottomHeight);
    }
}
