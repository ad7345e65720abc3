package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Framing;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FontMetrics;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JComboBox;
import javax.swing.JList;
import javax.swing.JTextField;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The framing picker: an editable combo box of the framing specs, each listed with its
 * description ("len32le — length prefix, 32-bit little-endian"), that also takes any
 * other spec typed in, such as {@code delim:0d0a} or {@code fixed:16}. The box is as wide
 * as a spec; its list opens as wide as the longest description. A hint label beside it
 * describes the current spec or says what is wrong with it, and shows all of it on hover
 * when cut; where there is no room for the hint and it is hidden, the box's tooltip begins
 * with it. A spec that is not valid outlines the box in the error colour, hint or no hint.
 * Confined to the EDT.
 */
public final class FramingBox extends JComboBox<String> {
    /** The widest spec the box itself makes room for. */
    static final String COMPACT_PROTOTYPE = "delim:0d0a0d0a";

    private final ClippedLabel hint = new ClippedLabel();
    private final String widestRow;
    /** What the hint says instead of describing the spec, while framing does not apply; or null. */
    private String instead;
    /** Why framing does not apply, the tooltip while it does not; or null. */
    private String why;

    /** A picker showing {@code initial}. */
    public FramingBox(String initial) {
        super(Framing.EXAMPLES.toArray(new String[0]));
        setName("framing");
        setEditable(true);
        setSelectedItem(initial);
        widestRow = widestRow();
        // The list's width follows the display size, which the prototype sets: the longest
        // row. The box's own width is cut back to a spec's in getPreferredSize.
        setPrototypeDisplayValue(widestRow);
        setMaximumRowCount(Framing.EXAMPLES.size());
        setToolTipText(TOOL_TIP);
        getAccessibleContext().setAccessibleName("Framing");
        setRenderer(new DefaultListCellRenderer() {
            {
                putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
            }

            @Override
            public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean selected,
                    boolean focused) {
                String text = String.valueOf(value);
                if (index >= 0) {
                    text = row(text);
                }
                return super.getListCellRendererComponent(list, text, index, selected, focused);
            }
        });
        hint.setName("framingHint");
        addActionListener(e -> updateHint());
        editorField().getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                updateHint();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                updateHint();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                updateHint();
            }
        });
        updateHint();
    }

    private static String widestRow() {
        String widest = COMPACT_PROTOTYPE;
        for (String spec : Framing.EXAMPLES) {
            String row = row(spec);
            if (row.length() > widest.length()) {
                widest = row;
            }
        }
        return widest;
    }

    private static String row(String spec) {
        return spec + "  —  " + describe(spec);
    }

    @Override
    public Dimension getPreferredSize() {
        Dimension d = super.getPreferredSize();
        if (isPreferredSizeSet() || widestRow == null) {
            return d;
        }
        FontMetrics fm = getFontMetrics(getFont());
        d.width -= fm.stringWidth(widestRow) - fm.stringWidth(COMPACT_PROTOTYPE);
        return d;
    }

    @Override
    public Dimension getMinimumSize() {
        return isMinimumSizeSet() ? super.getMinimumSize() : getPreferredSize();
    }

    private JTextField editorField() {
        return (JTextField) getEditor().getEditorComponent();
    }

    private static String describe(String spec) {
        try {
            return Framing.parse(spec).description();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Shows the hint beside the box ({@code true}) or hides it for want of room; while it is
     * hidden and framing applies, the box's tooltip begins with the hint's words.
     */
    void showHint(boolean shown) {
        if (hint.isVisible() != shown) {
            hint.setVisible(shown);
            updateToolTip();
        }
    }

    /**
     * The tooltip for the box and, through the combo box's UI, for its editor and arrow,
     * which are what the pointer rests on.
     */
    private void updateToolTip() {
        String tip = why != null ? why : hint.isVisible() || hint.getText().isEmpty() ? TOOL_TIP
                : hint.getText() + "\n" + TOOL_TIP;
        if (!tip.equals(getToolTipText())) {
            setToolTipText(tip);
        }
    }

    /** What the box's tooltip says while framing applies. */
    static final String TOOL_TIP = "How messages are delimited on the wire: pick one or type e.g. delim:0d0a or "
            + "fixed:16";

    /**
     * Says that framing does not apply, and why: {@code hint} beside the box and {@code why} on
     * hover, with the box greyed out; the spec stays as it is for when it applies again.
     * {@code null} shows the spec's description again, and leaves the box disabled or not to
     * the caller.
     */
    void notApplied(String hint, String why) {
        instead = hint;
        this.why = hint == null ? null : why;
        if (hint != null) {
            setEnabled(false);
        }
        updateHint();
    }

    private void updateHint() {
        if (hint == null) {
            return;
        }
        if (instead != null) {
            hint.setText(instead);
            hint.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
            putClientProperty(FlatClientProperties.OUTLINE, null);
            updateToolTip();
            return;
        }
        String spec = spec();
        try {
            hint.setText(Framing.parse(spec).description());
            hint.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
            putClientProperty(FlatClientProperties.OUTLINE, null);
        } catch (IllegalArgumentException e) {
            hint.setText(spec.isBlank() ? "pick a framing" : "not a framing: try line, len32 or delim:0d0a");
            hint.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
            // The hint may be hidden for want of room: the outline still says something is wrong.
            putClientProperty(FlatClientProperties.OUTLINE, FlatClientProperties.OUTLINE_ERROR);
        }
        updateToolTip();
    }

    /** The spec as typed or picked, trimmed. */
    public String spec() {
        Object typed = isEditable() ? editorField().getText() : getSelectedItem();
        return typed == null ? "" : typed.toString().strip();
    }

    /**
     * The framing for the current spec.
     *
     * @throws IllegalArgumentException with one sentence when the spec is not valid
     */
    public Framing framing() {
        return Framing.parse(spec());
    }

    /** The longest row of the list, spec and description, that the list opens wide enough for. */
    String widestRowText() {
        return widestRow;
    }

    /** The label that describes the current spec. */
    public ClippedLabel hint() {
        return hint;
    }
}
