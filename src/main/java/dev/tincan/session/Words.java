package dev.tincan.session;

import java.time.Duration;
import java.util.Locale;

/**
 * How durations, sizes and rates read in the sentences of this package, and in the command
 * line's progress lines: {@code 250ms}, {@code 2s}, {@code 1.5 MiB}, {@code 12.0 MiB/s}.
 * Stateless.
 */
public final class Words {
    private Words() {
    }

    /** {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 3m}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return d.toNanos() % 1_000_000 == 0 || ms > 0 ? ms + "ms" : String.format(Locale.ROOT, "%.2fms",
                    d.toNanos() / 1e6);
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    /** A time left, rounded for reading at a glance: {@code <1s}, {@code 12s}, {@code 2m 27s}, {@code 1h 5m}. */
    public static String eta(long millis) {
        long s = (millis + 500) / 1000;
        if (s < 1) {
            return "<1s";
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s / 3600 + "h " + s / 60 % 60 + "m";
    }

    /** {@code 512 B}, {@code 4.0 KiB}, {@code 1.5 MiB}, {@code 2.0 GiB}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** {@code n} and a noun, plural unless n is 1: {@code 1 frame}, {@code 3 frames}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
