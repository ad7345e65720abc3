package dev.tincan.ui.library;

import dev.tincan.codec.Escapes;
import dev.tincan.session.SavedMessage;

/**
 * One row of the library list: a folder's heading, or a message with its quick key (1 to 9,
 * or 0 for none). Immutable.
 */
record LibraryRow(String folder, SavedMessage message, int quickKey, int count) {
    /** The longest preview shown, in characters. */
    static final int PREVIEW_CHARS = 60;

    static LibraryRow heading(String folder, int count) {
        return new LibraryRow(folder, null, 0, count);
    }

    static LibraryRow message(SavedMessage message, int quickKey) {
        return new LibraryRow(message.folder(), message, quickKey, 0);
    }

    boolean isHeading() {
        return message == null;
    }

    /**
     * The start of the payload as typed, on one line, marked with the framing it is saved
     * for (so a message meant for another framing is seen before it is refused) and hex.
     */
    String preview() {
        String payload = message.payload();
        String cut = payload.length() > PREVIEW_CHARS ? payload.substring(0, PREVIEW_CHARS) + "…" : payload;
        String line = Escapes.oneLine(cut);
        String marks = (message.framing() == null ? "" : message.framing() + "  ") + (message.hex() ? "hex  " : "");
        return marks + line;
    }

    /** The heading's text: the folder's name, or "Unfiled" for the top level. */
    String title() {
        return folder.isEmpty() ? "Unfiled" : folder;
    }
}
