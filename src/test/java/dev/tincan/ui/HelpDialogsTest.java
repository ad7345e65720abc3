package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Component;
import java.awt.Dimension;
import java.awt.Toolkit;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shortcuts window (F1): every key and every sentence whole in its column, and the list
 * no taller than the screen, so its OK button never hangs off the bottom. Needs a display.
 */
@ExtendWith(NeedsDisplay.class)
class HelpDialogsTest {

    @Test
    void everyShortcutCellIsWholeAndTheListFitsTheScreen() throws Exception {
        onEdt(() -> {
            JScrollPane scroll = HelpDialogs.shortcutsView(null);
            JTable table = (JTable) scroll.getViewport().getView();
            for (int col = 0; col < table.getColumnCount(); col++) {
                int width = table.getColumnModel().getColumn(col).getPreferredWidth();
                for (int row = 0; row < table.getRowCount(); row++) {
                    Component c = table.prepareRenderer(table.getCellRenderer(row, col), row, col);
                    assertThat(c.getPreferredSize().width).as("row %d column %d: %s", row, col,
                            table.getValueAt(row, col)).isLessThanOrEqualTo(width);
                }
            }
            Dimension screen = Toolkit.getDefaultToolkit().getScreenSize();
            assertThat(scroll.getPreferredSize().height).isLessThan(screen.height - 150);
            return null;
        });
    }
}
