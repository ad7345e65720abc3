package dev.tincan.ui.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.Transferable;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;
import org.junit.jupiter.api.Test;

/** {@link FileDrop} on a text area, driven on the EDT without a window. */
class FileDropTest {
    private final List<Path> files = new ArrayList<>();
    private final List<String> sentences = new ArrayList<>();

    /** A file list, as a file manager hands it over. */
    private static Transferable fileList(File... list) {
        return new Transferable() {
            @Override
            public DataFlavor[] getTransferDataFlavors() {
                return new DataFlavor[] {DataFlavor.javaFileListFlavor};
            }

            @Override
            public boolean isDataFlavorSupported(DataFlavor flavor) {
                return DataFlavor.javaFileListFlavor.equals(flavor);
            }

            @Override
            public Object getTransferData(DataFlavor flavor) {
                return List.of(list);
            }
        };
    }

    private JTextArea installed() {
        JTextArea area = new JTextArea();
        FileDrop.install(area, files::add, sentences::add);
        return area;
    }

    @Test
    void aFileHandedToTheComponentStartsAFileSend() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            JTextArea area = installed();
            TransferHandler.TransferSupport support = new TransferHandler.TransferSupport(area,
                    fileList(new File("/tmp/a.bin")));

            assertThat(area.getTransferHandler().canImport(support)).isTrue();
            assertThat(area.getTransferHandler().importData(support)).isTrue();
            assertThat(files).containsExactly(Path.of("/tmp/a.bin"));
            assertThat(area.getText()).isEmpty();
        });
    }

    @Test
    void severalFilesAreRefusedWithASentence() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            JTextArea area = installed();
            TransferHandler.TransferSupport support = new TransferHandler.TransferSupport(area,
                    fileList(new File("/tmp/a"), new File("/tmp/b")));

            assertThat(area.getTransferHandler().importData(support)).isFalse();
            assertThat(files).isEmpty();
            assertThat(sentences).containsExactly("2 files were dropped: drop one file at a time.");
        });
    }

    @Test
    void textStillPastesThroughTheComponentsOwnHandler() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            JTextArea area = installed();
            TransferHandler.TransferSupport support = new TransferHandler.TransferSupport(area,
                    new StringSelection("hello"));

            assertThat(area.getTransferHandler().importData(support)).isTrue();
            assertThat(area.getText()).isEqualTo("hello");
            assertThat(files).isEmpty();
        });
    }
}
