package dev.tincan.relay;

/** Which way a frame travels through a relay. */
public enum Direction {
    /** From the client that connected to the relay, towards the server. */
    UP("→", "client → server"),
    /** From the server back to the client. */
    DOWN("←", "server → client");

    private final String arrow;
    private final String words;

    Direction(String arrow, String words) {
        this.arrow = arrow;
        this.words = words;
    }

    /** One character for a transcript column: {@code →} or {@code ←}. */
    public String arrow() {
        return arrow;
    }

    /** The direction in words, e.g. {@code client → server}. */
    public String words() {
        return words;
    }

    /** The other direction. */
    public Direction opposite() {
        return this == UP ? DOWN : UP;
    }
}
