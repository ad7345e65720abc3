package dev.tincan.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Messages sent before, walked with Up and Down like a shell's history. Each entry keeps
 * the input mode it was written in, so a hex message comes back as hex. Walking away from
 * the text being typed keeps it, with its mode, as a draft and Down past the newest entry
 * brings it back. Holds at most {@code capacity} entries and never the same one twice in a
 * row. Confined to the EDT.
 */
final class SendHistory {
    /**
     * One message as it was typed.
     *
     * @param text the text in the composer
     * @param hex whether it was typed as hex rather than as escaped text
     */
    record Entry(String text, boolean hex) {
        /** Checks the text is there. */
        Entry {
            Objects.requireNonNull(text, "text");
        }

        /** Escaped text. */
        static Entry text(String text) {
            return new Entry(text, false);
        }
    }

    private final int capacity;
    private final List<Entry> entries = new ArrayList<>();
    private int cursor;
    private Entry draft = Entry.text("");

    SendHistory(int capacity, List<Entry> initial) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity : " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
        for (Entry e : initial) {
            add(e);
        }
        cursor = entries.size();
    }

    /** Remembers a sent message and goes back to a fresh draft. */
    void add(Entry entry) {
        if (!entry.text().isEmpty() && (entries.isEmpty() || !entries.get(entries.size() - 1).equals(entry))) {
            entries.add(entry);
            if (entries.size() > capacity) {
                entries.remove(0);
            }
        }
        cursor = entries.size();
        draft = Entry.text("");
    }

    /** The entry before the current one, or {@code null} at the oldest; {@code current} is kept as the draft. */
    Entry previous(Entry current) {
        if (cursor == 0) {
            return null;
        }
        if (cursor == entries.size()) {
            draft = current;
        }
        cursor--;
        return entries.get(cursor);
    }

    /** The entry after the current one, the draft past the newest, or {@code null} when already at the draft. */
    Entry next() {
        if (cursor >= entries.size()) {
            return null;
        }
        cursor++;
        return cursor == entries.size() ? draft : entries.get(cursor);
    }

    /** All entries, oldest first. */
    List<Entry> entries() {
        return List.copyOf(entries);
    }
}
