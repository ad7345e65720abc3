package dev.tincan.ui;

import java.awt.Component;
import javax.swing.JOptionPane;

/** Asks how many of the newest rows the transcript keeps. */
final class RowsDialog {
    /** The most rows a person may ask to keep. */
    static final int MAX_ROWS = 10_000_000;

    private RowsDialog() {
    }

    /** Shows the question; returns the answer as typed, or {@code null} when cancelled. */
    static String ask(Component parent, int current) {
        Object answer = JOptionPane.showInputDialog(parent,
                "Keep the newest how many rows? (" + Formats.count(TranscriptModel.MIN_MAX_ROWS) + " to "
                        + Formats.count(MAX_ROWS) + "; older rows leave the view)",
                "Rows to keep", JOptionPane.QUESTION_MESSAGE, null, null, String.valueOf(current));
        return answer == null ? null : answer.toString();
    }

    /**
     * Reads a row count; spaces and thousands separators are allowed.
     *
     * @throws IllegalArgumentException with one sentence when it is not a count in range
     */
    static int parse(String text) {
        String digits = text.replaceAll("[\\s,_'.\u00a0\u202f]", "");
        if (!digits.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("\"" + text.strip() + "\" is not a number of rows: use e.g. 100000.");
        }
        int rows = Integer.parseInt(digits);
        if (rows < TranscriptModel.MIN_MAX_ROWS || rows > MAX_ROWS) {
            throw new IllegalArgumentException("keep " + Formats.count(TranscriptModel.MIN_MAX_ROWS) + " to "
                    + Formats.count(MAX_ROWS) + " rows (asked for " + Formats.count(rows) + ").");
        }
        return rows;
    }
}
