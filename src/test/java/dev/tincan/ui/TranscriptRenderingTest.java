package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.codec.Bytes;
import dev.tincan.session.TranscriptRow;
import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import javax.swing.JLabel;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import javax.swing.plaf.basic.BasicHTML;
import org.junit.jupiter.api.Test;

/**
 * What the transcript paints for frames a hostile peer could send, laid out and painted
 * into an image: works without a display.
 */
class TranscriptRenderingTest {

    @Test
    void aFrameThatLooksLikeHtmlIsPaintedAsTheCharactersItHolds() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            TranscriptModel model = new TranscriptModel(new WallClock(), 1000, Long.MAX_VALUE);
            model.append(List.of(
                    TranscriptRow.received(Bytes.utf8("<html><img src=http://example.invalid/x.png><b>bold"), 1),
                    TranscriptRow.received(Bytes.of(new byte[] {'a', 0x1b, '[', '2', 'J', 0x07, '\r', 'b'}), 2)));
            JTable table = new JTable(model);
            table.setDefaultRenderer(Object.class, new TranscriptCellRenderer());
            table.setSize(900, 200);
            table.doLayout();

            JLabel html = render(table, 0);
            assertThat(html.getText()).isEqualTo("<html><img src=http://example.invalid/x.png><b>bold");
            assertThat(html.getClientProperty(TranscriptCellRenderer.HTML_DISABLE)).isEqualTo(Boolean.TRUE);
            assertThat(html.getClientProperty(BasicHTML.propertyKey)).as("an HTML view").isNull();

            JLabel controls = render(table, 1);
            assertThat(controls.getText()).isEqualTo("a\\x1b[2J\\x07\\rb");

            BufferedImage image = new BufferedImage(900, 200, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = image.createGraphics();
            table.paint(g);
            g.dispose();
            assertThat(hasInk(image)).as("the table painted something").isTrue();
        });
    }

    @Test
    void aMarkedRowHasTheThemesMarkBackgroundAndTheRowAfterItDoesNotAndANoteHasItsColour() throws Exception {
        java.awt.Color mark = new java.awt.Color(0xfff1bf);
        java.awt.Color note = new java.awt.Color(0x8a5a00);
        Object oldMark = javax.swing.UIManager.put("Tincan.marked.background", mark);
        Object oldNote = javax.swing.UIManager.put("Tincan.note.foreground", note);
        try {
            SwingUtilities.invokeAndWait(() -> {
                TranscriptModel model = new TranscriptModel(new WallClock(), 1000, Long.MAX_VALUE);
                model.append(List.of(TranscriptRow.received(Bytes.utf8("ALARM"), 1).withMark(),
                        TranscriptRow.note("rule 'alarm': seen", 1), TranscriptRow.received(Bytes.utf8("calm"), 2)));
                JTable table = new JTable(model);
                table.setDefaultRenderer(Object.class, new TranscriptCellRenderer());
                table.setSize(900, 200);
                table.doLayout();

                assertThat(render(table, 0).getBackground()).isEqualTo(mark);
                assertThat(render(table, 1).getForeground()).isEqualTo(note);
                assertThat(render(table, 1).getBackground()).isNotEqualTo(mark);
                assertThat(render(table, 2).getBackground()).isNotEqualTo(mark);
            });
        } finally {
            javax.swing.UIManager.put("Tincan.marked.background", oldMark);
            javax.swing.UIManager.put("Tincan.note.foreground", oldNote);
        }
    }

    private static JLabel render(JTable table, int row) {
        int col = TranscriptModel.COL_PREVIEW;
        Component c = table.prepareRenderer(table.getCellRenderer(row, col), row, col);
        assertThat(c).isInstanceOf(JLabel.class);
        return (JLabel) c;
    }

    private static boolean hasInk(BufferedImage image) {
        int first = image.getRGB(0, 0);
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                if (image.getRGB(x, y) != first) {
                    return true;
                }
            }
        }
        return false;
    }
}
