package dev.tincan.ui.listen;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.ui.StateDot;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Font;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.ListCellRenderer;
import javax.swing.UIManager;

/**
 * Draws a client of the list on two lines: its state dot and label ({@code #3
 * 127.0.0.1:53122}), bold while frames wait unread, and under it its frames in and out. A
 * client whose connection ended is greyed. Never renders HTML: a label is a remote address,
 * but nothing a client sends should ever be markup. Confined to the EDT.
 */
final class ClientRenderer extends JPanel implements ListCellRenderer<ClientRow> {
    private final JLabel label = new JLabel();
    private final JLabel counts = new JLabel();

    ClientRenderer() {
        super(new BorderLayout(0, 1));
        setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        label.putClientProperty("html.disable", Boolean.TRUE);
        counts.putClientProperty("html.disable", Boolean.TRUE);
        counts.putClientProperty(FlatClientProperties.STYLE_CLASS, "small");
        counts.setBorder(BorderFactory.createEmptyBorder(0, 12, 0, 0));
        add(label, BorderLayout.NORTH);
        add(counts, BorderLayout.SOUTH);
    }

    @Override
    public Component getListCellRendererComponent(JList<? extends ClientRow> list, ClientRow row, int index,
            boolean selected, boolean focused) {
        boolean gone = row.gone();
        label.setText(row.label());
        label.setIcon(new StateDot(row.state()));
        counts.setText(row.counts());
        Font base = list.getFont();
        label.setFont(row.tab().unread() > 0 && !gone ? base.deriveFont(Font.BOLD) : base);
        Color fg = selected ? list.getSelectionForeground() : list.getForeground();
        Color dim = UIManager.getColor("Label.disabledForeground");
        label.setForeground(gone && !selected ? dim : fg);
        counts.setForeground(selected ? fg : dim);
        setBackground(selected ? list.getSelectionBackground() : list.getBackground());
        setToolTipText(gone ? row.label() + ": its connection ended; Remove gone clients takes it off the list"
                : row.label());
        return this;
    }
}
