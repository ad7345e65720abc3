package dev.tincan.ui.library;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;
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
        String text = message.hex() ? printable() : "";
        return marks + (text.isEmpty() ? line : line.stripTrailing() + "  \"" + text + "\"");
    }

    /**
     * A hex message's bytes as text with escapes when every one is printable ASCII, a CR, LF
     * or tab (as most Packet Sender packets are), so "68 65 6C 6C 6F" reads "hello" too;
     * otherwise, or when the hex holds placeholders, "".
     */
    private String printable() {
        byte[] bytes;
        try {
            bytes = Hex.parse(message.payload());
        } catch (IllegalArgumentException e) {
            return "";
        }
        if (bytes.length == 0) {
            return "";
        }
        for (byte b : bytes) {
            if ((b < 0x20 || b > 0x7e) && b != '\r' && b != '\n' && b != '\t') {
                return "";
            }
        }
        return Escapes.escape(Bytes.of(bytes), PREVIEW_CHARS);
    }

    /** The heading's text: the folder's name, or "Unfiled" for the top level. */
    String title() {
        return folder.isEmpty() ? "Unfiled" : folder;
    }
}
