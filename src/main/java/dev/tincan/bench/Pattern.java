package dev.tincan.bench;

import java.util.Locale;

/** A traffic pattern the benchmark runs. */
public enum Pattern {
    /** One frame in flight: round trips per second and round-trip times. */
    PINGPONG(64, 1),
    /** Many small frames in flight: frames per second. */
    PIPELINE(64, 256),
    /** Large frames: megabytes per second. */
    BULK(1024 * 1024, 1);

    private final int defaultSize;
    private final int window;

    Pattern(int defaultSize, int window) {
        this.defaultSize = defaultSize;
        this.window = window;
    }

    /** The payload size used when none is given. */
    public int defaultSize() {
        return defaultSize;
    }

    /**
     * Frames in flight per connection. Bounded so that a window of frames fits in the
     * socket buffers: a single-threaded raw client writes a whole window before it reads.
     */
    public int window(int frameBytes) {
        if (this != PIPELINE) {
            return window;
        }
        return Math.max(1, Math.min(window, 64 * 1024 / Math.max(1, frameBytes)));
    }

    /** The lower-case name used on the command line. */
    public String spec() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a name such as {@code pingpong}, with a sentence listing the valid names if unknown. */
    public static Pattern parse(String s) {
        for (Pattern p : values()) {
            if (p.spec().equalsIgnoreCase(s.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pattern \"" + s + "\": use pingpong, pipeline or bulk.");
    }
}
