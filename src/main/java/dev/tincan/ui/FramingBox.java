package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Framing;
import java.awt.Component;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JTextField;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The framing picker: an editable combo box of the framing specs, each listed with its
 * description ("len32le — length prefix, 32-bit little-endian"), that also takes any
 * other spec typed in, such as {@code delim:0d0a} or {@code fixed:16}. A hint label
 * beside it describes the current spec or says what is wrong with it. Confined to the EDT.
 */
final class FramingBox extends JComboBox<String> {
    private final JLabel hint = new JLabel();

    FramingBox(String initial) {
        super(Framing.EXAMPLES.toArray(new String[0]));
        setName("framing");
        setEditable(true);
        setSelectedItem(initial);
        setPrototypeDisplayValue("delim:0d0a0d0a");
        setMaximumRowCount(Framing.EXAMPLES.size());
        setToolTipText("How messages are delimited on the wire: pick one or type e.g. delim:0d0a or fixed:16");
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
                    text = text + "  —  " + describe(text);
                }
                return super.getListCellRendererComponent(list, text, index, selected, focused);
            }
        });
        hint.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
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

    private void updateHint() {
        if (hint == null) {
            return;
        }
        String spec = spec();
        try {
            hint.setText(Framing.parse(spec).description());
            hint.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        } catch (IllegalArgumentException e) {
            hint.setText(spec.isBlank() ? "pick a framing" : "not a framing: try line, len32 or delim:0d0a");
            hint.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");
        }
    }

    /** The spec as typed or picked, trimmed. */
    String spec() {
        Object typed = isEditable() ? editorField().getText() : getSelectedItem();
        return typed == null ? "" : typed.toString().strip();
    }

    /**
     * The framing for the current spec.
     *
     * @throws IllegalArgumentException with one sentence when the spec is not valid
     */
    Framing framing() {
        return Framing.parse(spec());
    }

    /** The label that describes the current spec. */
    JLabel hint() {
        return hint;
    }
}
