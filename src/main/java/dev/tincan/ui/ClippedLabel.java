package dev.tincan.ui;

import java.awt.event.MouseEvent;
import javax.swing.JLabel;
import javax.swing.JToolTip;
import javax.swing.ToolTipManager;

/**
 * A one-line label for sentences that may not fit: when its text is cut, hovering shows
 * the whole text as a tooltip. Never renders HTML. Confined to the EDT.
 */
public final class ClippedLabel extends JLabel {
    /** An empty label. */
    public ClippedLabel() {
        putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        ToolTipManager.sharedInstance().registerComponent(this);
    }

    /** Whether the text is wider than the room the label has. */
    boolean isCut() {
        String text = getText();
        return text != null && !text.isEmpty() && getPreferredSize().width > getWidth();
    }

    @Override
    public JToolTip createToolTip() {
        JToolTip tip = super.createToolTip();
        tip.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        return tip;
    }

    @Override
    public String getToolTipText(MouseEvent event) {
        String own = super.getToolTipText(event);
        return own != null ? own : isCut() ? getText() : null;
    }
}
