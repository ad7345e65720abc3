package dev.tincan.server;

import java.util.Locale;

/**
 * What the companion server does with the frames a client sends, written on the command
 * line as its {@link #spec()}: {@code echo}, {@code upper}, {@code you-sent}, {@code chat},
 * {@code ticker} or {@code flood}.
 */
public enum Mode {
    /** Each frame goes back to its sender unchanged. */
    ECHO("echo", "sends each frame back unchanged"),
    /** Each frame is answered with {@code "Hello "} and its text upper-cased. */
    UPPER("upper", "answers each frame with \"Hello \" and its text upper-cased"),
    /** Each frame is answered with {@code "You sent me: "} and the frame. */
    YOU_SENT("you-sent", "answers each frame with \"You sent me: \" and the frame"),
    /** Each frame goes to every other connected client, never back to its sender. */
    CHAT("chat", "passes each frame on to every other connected client"),
    /** A numbered frame ({@code tick 1}, {@code tick 2}, ...) every tick interval, unasked; frames sent are echoed. */
    TICKER("ticker", "sends \"tick N\" every tick interval unasked, and echoes each frame"),
    /**
     * On connect, a flood of numbered frames as fast as the client takes them, then echoes.
     * Frame {@code i} (from 1) carries {@code i} in decimal padded with {@code '.'} to the
     * flood size, e.g. {@code 42..............}; see {@link CompanionServer} for the details.
     */
    FLOOD("flood", "sends a flood of numbered frames on connect, then echoes each frame");

    /** The valid specs, as listed in error messages and help texts. */
    public static final String VALID_SPECS = "echo, upper, you-sent, chat, ticker or flood";

    private final String spec;
    private final String description;

    Mode(String spec, String description) {
        this.spec = spec;
        this.description = description;
    }

    /**
     * Parses a mode spec, case-insensitively; {@code you_sent} is accepted for {@code you-sent}.
     *
     * @throws IllegalArgumentException with one sentence listing the valid modes
     */
    public static Mode parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no mode given: use " + VALID_SPECS + ".");
        }
        String s = spec.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Mode mode : values()) {
            if (mode.spec.equals(s)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode \"" + spec.strip() + "\": use " + VALID_SPECS + ".");
    }

    /** The lower-case hyphenated name, e.g. {@code you-sent}; {@code parse(spec())} returns this mode. */
    public String spec() {
        return spec;
    }

    /** A short description for help texts and the window, e.g. "sends each frame back unchanged". */
    public String description() {
        return description;
    }
}
