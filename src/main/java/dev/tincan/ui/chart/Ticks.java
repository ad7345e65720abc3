package dev.tincan.ui.chart;

/**
 * The value axis of a chart: a round top above the greatest value and three or four round
 * steps under it (1, 2 or 5 times a power of ten), and short labels for them, such as
 * {@code 250 µs}, {@code 1.5 ms}, {@code 12k/s} or {@code 3 MiB/s}. Stateless.
 */
final class Ticks {
    /** What the numbers on an axis are. */
    enum Unit {
        /** Milliseconds. */
        MILLIS,
        /** Frames (or anything counted) per second. */
        PER_SECOND,
        /** Bytes per second. */
        BYTES_PER_SECOND
    }

    private Ticks() {
    }

    /**
     * The step between marks for values up to {@code max}: about a quarter of it, rounded to
     * 1, 2 or 5 x 10^n, counted in the axis's unit for bytes (0.5 MiB, not 500 KiB).
     */
    static double step(double max, Unit unit) {
        double target = max > 0 ? max / 4 : 1;
        if (unit == Unit.BYTES_PER_SECOND) {
            double power = binaryUnit(max);
            return Math.max(1, power * nice(target / power));
        }
        double step = nice(target);
        return unit == Unit.PER_SECOND ? Math.max(1, step) : step;
    }

    /** The binary unit an axis up to {@code max} bytes counts in: 1, 1024 or 1024^2 (and up). */
    private static double binaryUnit(double max) {
        double power = 1;
        while (max >= power * 1024 && power < 1L << 40) {
            power *= 1024;
        }
        return power;
    }

    /**
     * A value as the axis up to {@code top} labels it: bytes in the one unit the top is
     * counted in ({@code 0.5 MiB/s}, {@code 1 MiB/s}), everything else as {@link #format}.
     */
    static String axisLabel(double v, Unit unit, double top) {
        if (v == 0) {
            return "0";
        }
        if (unit != Unit.BYTES_PER_SECOND) {
            return format(v, unit);
        }
        double power = binaryUnit(top);
        String name = power >= 1L << 40 ? " TiB" : power >= 1L << 30 ? " GiB" : power >= 1 << 20 ? " MiB"
                : power >= 1024 ? " KiB" : " B";
        return trim(v / power) + name + "/s";
    }

    /** The top of the axis: the first whole step at or above {@code max}, at least one step. */
    static double top(double max, double step) {
        return Math.max(step, Math.ceil(max / step - 1e-9) * step);
    }

    private static double nice(double x) {
        double power = Math.pow(10, Math.floor(Math.log10(x)));
        double f = x / power;
        double n = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return n * power;
    }

    /** A value as an axis or a legend shows it. */
    static String format(double v, Unit unit) {
        switch (unit) {
            case MILLIS:
                return millis(v);
            case BYTES_PER_SECOND:
                return bytes(v) + "/s";
            default:
                return count(v) + "/s";
        }
    }

    /** Milliseconds: {@code 0}, {@code 250 µs}, {@code 1.5 ms}, {@code 40 ms}, {@code 1.2 s}. */
    static String millis(double ms) {
        if (ms == 0) {
            return "0";
        }
        if (ms < 1) {
            return trim(ms * 1000) + " µs";
        }
        if (ms >= 1000) {
            return trim(ms / 1000) + " s";
        }
        return trim(ms) + " ms";
    }

    private static String count(double v) {
        if (v >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (v >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String bytes(double v) {
        if (v >= 1024 * 1024) {
            return trim(v / (1024 * 1024)) + " MiB";
        }
        if (v >= 1024) {
            return trim(v / 1024) + " KiB";
        }
        return trim(v) + " B";
    }

    /**
     * Up to three significant figures, without trailing zeros: 1.5, 12.5, 250. Written out by
     * hand, not with a format and patterns: labels are made on the event thread every second.
     */
    static String trim(double v) {
        int decimals = v >= 100 ? 0 : v >= 10 ? 1 : 2;
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
        long r = Math.round(Math.abs(v) * scale);
        String sign = v < 0 && r != 0 ? "-" : "";
        long whole = r / scale;
        long frac = r % scale;
        if (frac == 0) {
            return sign + whole;
        }
        if (decimals == 2) {
            return sign + whole + (frac % 10 == 0 ? "." + frac / 10 : frac < 10 ? ".0" + frac : "." + frac);
        }
        return sign + whole + "." + frac;
    }
}
