package dev.tincan.ui.library;

import com.formdev.flatlaf.FlatClientProperties;
import javax.swing.JTextArea;
import javax.swing.UIManager;

/** A read-only, wrapping line for one sentence in a dialog: an error that may be long. */
public final class Sentences {
    private Sentences() {
    }

    /** An empty error line that wraps at its width and looks like a label. */
    public static JTextArea area() {
        JTextArea a = new JTextArea(2, 30);
        a.setEditable(false);
        a.setFocusable(false);
        a.setLineWrap(true);
        a.setWrapStyleWord(true);
        a.setOpaque(false);
        a.setBorder(null);
        a.setFont(UIManager.getFont("Label.font"));
        a.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        return a;
    }
}
