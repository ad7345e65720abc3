package dev.tincan.ui.send;

import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.swing.Icon;
import javax.swing.JComponent;
import javax.swing.TransferHandler;
import org.slf4j.LoggerFactory;

/**
 * Lets a file dropped on a component (the composer, say) start a file send, while text
 * still pastes, copies and drops as before: the component's own transfer handler keeps
 * everything but file lists. Text dragged out of the component is copied, not moved (the
 * old handler's move clean-up is not reachable from here). One file at a time; dropping
 * several says so instead of sending any.
 */
public final class FileDrop {
    private FileDrop() {
    }

    /**
     * Makes {@code target} take dropped files and hand the first to {@code onFile} (on the
     * EDT); {@code onMany} hears a sentence when several are dropped. Call on the EDT.
     */
    public static void install(JComponent target, Consumer<Path> onFile, Consumer<String> onMany) {
        Objects.requireNonNull(onFile, "onFile");
        Objects.requireNonNull(onMany, "onMany");
        target.setTransferHandler(new Handler(target.getTransferHandler(), onFile, onMany));
    }

    /** Files here, everything else to the handler that was there before. */
    private static final class Handler extends TransferHandler {
        private static final long serialVersionUID = 1L;
        private final TransferHandler before;
        private final transient Consumer<Path> onFile;
        private final transient Consumer<String> onMany;

        Handler(TransferHandler before, Consumer<Path> onFile, Consumer<String> onMany) {
            this.before = before;
            this.onFile = onFile;
            this.onMany = onMany;
        }

        @Override
        public boolean canImport(TransferSupport support) {
            if (support.isDataFlavorSupported(DataFlavor.javaFileListFlavor)) {
                if (support.isDrop()) {
                    support.setDropAction(COPY);
                }
                return true;
            }
            return before != null && before.canImport(support);
        }

        @Override
        public boolean importData(TransferSupport support) {
            if (!support.isDataFlavorSupported(DataFlavor.javaFileListFlavor)) {
                return before != null && before.importData(support);
            }
            try {
                List<?> files = (List<?>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
                if (files.size() != 1) {
                    onMany.accept(files.size() + " files were dropped: drop one file at a time.");
                    return false;
                }
                onFile.accept(((File) files.get(0)).toPath());
                return true;
            } catch (UnsupportedFlavorException | IOException e) {
                LoggerFactory.getLogger(FileDrop.class).warn("reading a dropped file list failed", e);
                onMany.accept("the dropped file could not be read: try File… instead.");
                return false;
            }
        }

        @Override
        public int getSourceActions(JComponent c) {
            return before == null ? NONE : before.getSourceActions(c) & COPY;
        }

        /** What the old handler would export, taken through a private clipboard. */
        @Override
        protected Transferable createTransferable(JComponent c) {
            if (before == null) {
                return null;
            }
            Clipboard scratch = new Clipboard("tincan-drag");
            before.exportToClipboard(c, scratch, COPY);
            return scratch.getContents(null);
        }

        @Override
        public Icon getVisualRepresentation(Transferable t) {
            return before == null ? null : before.getVisualRepresentation(t);
        }

        @Override
        public void exportToClipboard(JComponent comp, Clipboard clip, int action) {
            if (before != null) {
                before.exportToClipboard(comp, clip, action);
            }
        }
    }
}
