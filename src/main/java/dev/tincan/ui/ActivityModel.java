package dev.tincan.ui;

/**
 * What the activity indicator shows: the connection's state and the ripples that traffic
 * in and out leaves behind. Time comes in as {@link System#nanoTime()} readings, so the
 * animation depends on the clock, not on how often it is painted. Confined to the EDT.
 */
public final class ActivityModel {
    /** The most ripples alive at once. */
    static final int MAX_RIPPLES = 8;
    /** How long a ripple takes to spread and fade. */
    static final long RIPPLE_NANOS = 700_000_000L;
    /** The least time between two ripples of one direction, however fast frames arrive. */
    static final long RIPPLE_GAP_NANOS = 110_000_000L;
    /** How long after a frame the indicator still says "traffic". */
    static final long TRAFFIC_NANOS = 400_000_000L;

    /** The connection's state, each with its own pace. */
    public enum State {
        /** Not connected. */
        IDLE("idle", 0.12, 0.25),
        /** A connect is under way. */
        CONNECTING("connecting", 1.1, 1.2),
        /** Connected. */
        CONNECTED("connected", 0.35, 0.5),
        /** The last attempt or connection failed. */
        ERROR("error", 0.08, 0.9);

        private final String word;
        private final double turnsPerSecond;
        private final double breathsPerSecond;

        State(String word, double turnsPerSecond, double breathsPerSecond) {
            this.word = word;
            this.turnsPerSecond = turnsPerSecond;
            this.breathsPerSecond = breathsPerSecond;
        }

        /** The state in one word. */
        public String word() {
            return word;
        }

        /** How fast the orbit of dots turns. */
        double turnsPerSecond() {
            return turnsPerSecond;
        }

        /** How fast the core swells and shrinks. */
        double breathsPerSecond() {
            return breathsPerSecond;
        }
    }

    private final long[] rippleStart = new long[MAX_RIPPLES];
    private final boolean[] rippleIn = new boolean[MAX_RIPPLES];
    private int nextRipple;
    private int liveRipples;
    private State state = State.IDLE;
    private long lastIn = Long.MIN_VALUE;
    private long lastOut = Long.MIN_VALUE;
    private long lastRippleIn = Long.MIN_VALUE;
    private long lastRippleOut = Long.MIN_VALUE;

    State state() {
        return state;
    }

    void setState(State state) {
        this.state = state;
    }

    /** Frames went in ({@code in}) or out at {@code nowNanos}; starts a ripple unless one just started. */
    void traffic(boolean in, long nowNanos) {
        if (in) {
            lastIn = nowNanos;
            if (lastRippleIn == Long.MIN_VALUE || nowNanos - lastRippleIn >= RIPPLE_GAP_NANOS) {
                lastRippleIn = nowNanos;
                addRipple(true, nowNanos);
            }
        } else {
            lastOut = nowNanos;
            if (lastRippleOut == Long.MIN_VALUE || nowNanos - lastRippleOut >= RIPPLE_GAP_NANOS) {
                lastRippleOut = nowNanos;
                addRipple(false, nowNanos);
            }
        }
    }

    private void addRipple(boolean in, long nowNanos) {
        rippleStart[nextRipple] = nowNanos;
        rippleIn[nextRipple] = in;
        nextRipple = (nextRipple + 1) % MAX_RIPPLES;
        liveRipples = Math.min(MAX_RIPPLES, liveRipples + 1);
    }

    /**
     * The ripples alive at {@code nowNanos}, oldest first: fills {@code progress} (0 just
     * started, towards 1 faded) and {@code in}, both at least {@link #MAX_RIPPLES} long, and
     * returns how many.
     */
    int ripples(long nowNanos, float[] progress, boolean[] in) {
        int n = 0;
        for (int k = 0; k < liveRipples; k++) {
            int i = Math.floorMod(nextRipple - liveRipples + k, MAX_RIPPLES);
            long age = nowNanos - rippleStart[i];
            if (age >= 0 && age < RIPPLE_NANOS) {
                progress[n] = age / (float) RIPPLE_NANOS;
                in[n] = rippleIn[i];
                n++;
            }
        }
        return n;
    }

    /** The state and recent traffic in words: "connected, traffic in and out". */
    String describe(long nowNanos) {
        boolean in = lastIn != Long.MIN_VALUE && nowNanos - lastIn < TRAFFIC_NANOS;
        boolean out = lastOut != Long.MIN_VALUE && nowNanos - lastOut < TRAFFIC_NANOS;
        if (in && out) {
            return state.word() + ", traffic in and out";
        }
        if (in || out) {
            return state.word() + ", traffic " + (in ? "in" : "out");
        }
        return state.word();
    }
}
