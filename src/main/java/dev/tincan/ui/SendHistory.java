package dev.tincan.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Messages sent before, walked with Up and Down like a shell's history. Walking away from
 * the text being typed keeps it as a draft and Down past the newest entry brings it back.
 * Holds at most {@code capacity} entries and never the same one twice in a row. Confined to
 * the EDT.
 */
final class SendHistory {
    private final int capacity;
    private final List<String> entries = new ArrayList<>();
    private int cursor;
    private String draft = "";

    SendHistory(int capacity, List<String> initial) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity : " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
        for (String e : initial) {
            add(e);
        }
        cursor = entries.size();
    }

    /** Remembers a sent message and goes back to a fresh draft. */
    void add(String text) {
        if (!text.isEmpty() && (entries.isEmpty() || !entries.get(entries.size() - 1).equals(text))) {
            entries.add(text);
            if (entries.size() > capacity) {
                entries.remove(0);
            }
        }
        cursor = entries.size();
        draft = "";
    }

    /** The entry before the current one, or {@code null} at the oldest; {@code current} is kept as the draft. */
    String previous(String current) {
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
    String next() {
        if (cursor >= entries.size()) {
            return null;
        }
        cursor++;
        return cursor == entries.size() ? draft : entries.get(cursor);
    }

    /** All entries, oldest first. */
    List<String> entries() {
        return List.copyOf(entries);
    }
}
