package dev.tincan.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults a relay adds to one direction on demand, to test how a program copes with a slow or
 * broken network: a delay on every chunk, a bandwidth cap, writes sliced into small pieces,
 * and a reset after a number of bytes. All zero is a clean pass-through. Immutable.
 *
 * @param latency how long each chunk waits before it is written; zero for none
 * @param bytesPerSecond the most bytes written per second; 0 for no cap
 * @param sliceBytes write at most this many bytes per write call; 0 for whole chunks
 * @param resetAfterBytes reset both sides of the link (RST) once this many bytes have gone
 *     this way; 0 for never
 */
public record Toxics(Duration latency, long bytesPerSecond, int sliceBytes, long resetAfterBytes) {
    /** No faults. */
    public static final Toxics NONE = new Toxics(Duration.ZERO, 0, 0, 0);

    /** Rejects negative values with a sentence naming them. */
    public Toxics {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency " + latency.toMillis() + " ms is negative: use 0 or more.");
        }
        if (bytesPerSecond < 0 || sliceBytes < 0 || resetAfterBytes < 0) {
            throw new IllegalArgumentException("a bandwidth, slice or reset size is negative: use 0 (off) or more.");
        }
    }

    /** The form {@link #parse} reads, for help texts and sentences. */
    public static final String FORM = "latency=200ms,bandwidth=64k,slice=16,reset=4096 (any of them, or none)";

    private static final java.util.regex.Pattern DURATION =
            java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?");
    private static final java.util.regex.Pattern SIZE =
            java.util.regex.Pattern.compile("(\\d{1,12})\\s*([kmg]?)(i?b)?(/s)?");

    /**
     * Reads faults written as {@code name=value} pairs separated by commas, e.g.
     * {@code latency=200ms,bandwidth=64k,slice=16,reset=4096}: latency in ms (or s, m), the
     * bandwidth in bytes per second and the slice and reset sizes in bytes, each with an
     * optional k, m or g (times 1024); {@code none} or an empty text is no faults.
     *
     * @throws IllegalArgumentException with one sentence naming the bad part
     */
    public static Toxics parse(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("none")) {
            return NONE;
        }
        Duration latency = Duration.ZERO;
        long bandwidth = 0;
        long slice = 0;
        long reset = 0;
        for (String part : text.split(",")) {
            String p = part.strip().toLowerCase(java.util.Locale.ROOT);
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("bad fault \"" + part.strip() + "\": write name=value, e.g. " + FORM
                        + ".");
            }
            String name = p.substring(0, eq).strip();
            String value = p.substring(eq + 1).strip();
            switch (name) {
                case "latency":
                case "delay":
                    java.util.regex.Matcher m = DURATION.matcher(value);
                    if (!m.matches()) {
                        throw new IllegalArgumentException("bad latency \"" + value
                                + "\": write milliseconds, e.g. latency=200ms or latency=1s.");
                    }
                    long n = Long.parseLong(m.group(1));
                    String unit = m.group(2) == null ? "ms" : m.group(2);
                    latency = unit.equals("ms") ? Duration.ofMillis(n)
                            : unit.equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
                    break;
                case "bandwidth":
                case "rate":
                    bandwidth = size(name, value, "bandwidth=64k (bytes per second)");
                    break;
                case "slice":
                    slice = size(name, value, "slice=16 (bytes per write)");
                    if (slice > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("slice " + value + " is too large: use at most 2GiB.");
                    }
                    break;
                case "reset":
                    reset = size(name, value, "reset=4096 (bytes before the reset)");
                    break;
                default:
                    throw new IllegalArgumentException("unknown fault \"" + name
                            + "\": use latency, bandwidth, slice or reset, e.g. " + FORM + ".");
            }
        }
        return new Toxics(latency, bandwidth, (int) slice, reset);
    }

    private static long size(String name, String value, String example) {
        java.util.regex.Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad " + name + " \"" + value + "\": write a size in bytes with an "
                    + "optional k, m or g, e.g. " + example + ".");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("bad " + name + " \"" + value + "\": it is too large.");
        }
        return n << shift;
    }

    /** The faults as {@link #parse} reads them, e.g. {@code latency=200ms,slice=16}; {@code none} when off. */
    public String spec() {
        if (isNone()) {
            return "none";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!latency.isZero()) {
            parts.add("latency=" + latency.toMillis() + "ms");
        }
        if (bytesPerSecond > 0) {
            parts.add("bandwidth=" + bytesPerSecond);
        }
        if (sliceBytes > 0) {
            parts.add("slice=" + sliceBytes);
        }
        if (resetAfterBytes > 0) {
            parts.add("reset=" + resetAfterBytes);
        }
        return String.join(",", parts);
    }

    /** Whether every fault is off. */
    public boolean isNone() {
        return latency.isZero() && bytesPerSecond == 0 && sliceBytes == 0 && resetAfterBytes == 0;
    }
}
