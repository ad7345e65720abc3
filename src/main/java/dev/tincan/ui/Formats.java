package dev.tincan.ui;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers and times as a person reads them: sizes, durations, rates, times of day. */
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    private Formats() {
    }

    /** {@code 12:34:56.789} in the local time zone. */
    public static String timeOfDay(long epochMillis) {
        return LocalTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneId.systemDefault()).format(TIME);
    }

    /** {@code 5 B}, {@code 1.5 KiB}, {@code 16.0 MiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
    }

    /** A round-trip time: {@code 85 µs}, {@code 0.42 ms}, {@code 12.3 ms}, {@code 1.25 s}. */
    public static String duration(long nanos) {
        if (nanos < 1_000_000) {
            return Math.max(0, nanos / 1_000) + " µs";
        }
        if (nanos < 10_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** A count with thin grouping: {@code 100 000}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }

    /** A count and the word that goes with it: {@code 1 frame}, {@code 2 frames}, {@code 0 frames}. */
    public static String count(long n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }

    /** A per-second rate: {@code 0}, {@code 12}, {@code 3.4k}, {@code 1.2M}. */
    public static String rate(double perSecond) {
        if (perSecond < 1000) {
            return String.valueOf(Math.round(perSecond));
        }
        if (perSecond < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
    }
}
