package dev.tincan.ui.chart;

/**
 * How far back the charts look: the last 1, 5 or 15 minutes, one point a second, with the
 * time axis marked every 10 seconds, every minute or every 3 minutes.
 */
public enum ChartSpan {
    /** The last minute. */
    ONE_MINUTE(1, 10),
    /** The last five minutes. */
    FIVE_MINUTES(5, 60),
    /** The last fifteen minutes. */
    FIFTEEN_MINUTES(15, 180);

    private final int minutes;
    private final int tickSeconds;

    ChartSpan(int minutes, int tickSeconds) {
        this.minutes = minutes;
        this.tickSeconds = tickSeconds;
    }

    /** How many minutes it covers. */
    public int minutes() {
        return minutes;
    }

    /** How many seconds, and so how many points, it covers. */
    public int seconds() {
        return minutes * 60;
    }

    /** Seconds between two marks on the time axis. */
    int tickSeconds() {
        return tickSeconds;
    }

    /** The label of a button and of a sentence: "1 min", "5 min", "15 min". */
    public String label() {
        return minutes + " min";
    }

    /** The span of {@code minutes}, or {@code fallback} when no span has that many. */
    public static ChartSpan ofMinutes(int minutes, ChartSpan fallback) {
        for (ChartSpan s : values()) {
            if (s.minutes == minutes) {
                return s;
            }
        }
        return fallback;
    }

    /** The label of a mark {@code secondsAgo} before now: "now", "−30 s", "−4 min". */
    String tickLabel(int secondsAgo) {
        if (secondsAgo == 0) {
            return "now";
        }
        if (tickSeconds < 60) {
            return "\u2212" + secondsAgo + " s";
        }
        return "\u2212" + secondsAgo / 60 + " min";
    }
}
