package dev.tincan.codec;

import java.util.List;
import java.util.Locale;

/**
 * How messages are delimited on the wire, written as one spec string that the GUI, the
 * command line and the server all share:
 *
 * <pre>
 * raw                      no framing: each read is one chunk
 * line                     LF-terminated; a CR before the LF is stripped on decode
 * crlf                     CRLF-terminated
 * nul                      NUL-terminated
 * delim:HEX                any delimiter bytes, e.g. delim:0d0a
 * len8 len16 len24 len32 len64   length prefix, big-endian
 * len16le len32le len64le  length prefix, little-endian
 * fixed:N                  every frame is N bytes
 * </pre>
 *
 * <p>{@code Framing.parse(spec).spec()} gives back the spec in its canonical form.
 * Implementations are immutable and thread-safe; the decoders they make are not.
 */
public sealed interface Framing permits RawFraming, DelimiterFraming, LengthPrefixFraming, FixedLengthFraming {

    /** The maximum frame length when none is given: 16 MiB. */
    int DEFAULT_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

    /** The largest max frame length, and the largest {@code fixed:N}: the largest Java array. */
    int MAX_FRAME_LENGTH_LIMIT = Integer.MAX_VALUE - 8;

    /** The valid forms, as listed in error messages and help texts. */
    String VALID_FORMS = "raw, line, crlf, nul, delim:HEX, len8, len16, len24, len32, len64, "
            + "len16le, len32le, len64le or fixed:N";

    /** One example of each kind of spec, in the order a person would pick from. */
    List<String> EXAMPLES = List.of("line", "crlf", "nul", "raw", "len8", "len16", "len24", "len32", "len64",
            "len16le", "len32le", "len64le", "delim:0d0a", "fixed:16");

    /**
     * Parses a framing spec, case-insensitively.
     *
     * @throws IllegalArgumentException with one sentence listing the valid forms
     */
    static Framing parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no framing given: use " + VALID_FORMS + ".");
        }
        String s = spec.strip().toLowerCase(Locale.ROOT);
        switch (s) {
            case "raw":
                return RawFraming.INSTANCE;
            case "line":
                return DelimiterFraming.LINE;
            case "crlf":
                return DelimiterFraming.CRLF;
            case "nul":
                return DelimiterFraming.NUL;
            case "len8":
                return new LengthPrefixFraming(1, false);
            case "len16":
                return new LengthPrefixFraming(2, false);
            case "len24":
                return new LengthPrefixFraming(3, false);
            case "len32":
                return new LengthPrefixFraming(4, false);
            case "len64":
                return new LengthPrefixFraming(8, false);
            case "len16le":
                return new LengthPrefixFraming(2, true);
            case "len32le":
                return new LengthPrefixFraming(4, true);
            case "len64le":
                return new LengthPrefixFraming(8, true);
            default:
                break;
        }
        if (s.startsWith("delim:")) {
            String hex = s.substring("delim:".length());
            byte[] delimiter;
            try {
                delimiter = Hex.parse(hex);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad framing " + quote(spec)
                        + ": the delimiter must be hex bytes, e.g. delim:0d0a.");
            }
            if (delimiter.length == 0 || delimiter.length > DelimiterFraming.MAX_DELIMITER_LENGTH) {
                throw new IllegalArgumentException("bad framing " + quote(spec) + ": the delimiter must be 1 to "
                        + DelimiterFraming.MAX_DELIMITER_LENGTH + " bytes, e.g. delim:0d0a.");
            }
            return new DelimiterFraming(delimiter, false, "delim:" + Hex.encode(delimiter));
        }
        if (s.startsWith("fixed:")) {
            String n = s.substring("fixed:".length());
            long size;
            try {
                size = n.matches("[0-9]{1,10}") ? Long.parseLong(n) : -1;
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_FRAME_LENGTH_LIMIT) {
                throw new IllegalArgumentException("bad framing " + quote(spec) + ": fixed:N needs a frame size N from 1 to "
                        + MAX_FRAME_LENGTH_LIMIT + " bytes, e.g. fixed:16.");
            }
            return new FixedLengthFraming((int) size);
        }
        throw new IllegalArgumentException("unknown framing " + quote(spec) + ": use " + VALID_FORMS + ".");
    }

    /** A spec as typed, quoted and escaped so that the message stays one short line. */
    private static String quote(String spec) {
        return "\"" + Escapes.escape(Bytes.utf8(spec.strip()), 40) + "\"";
    }

    /** The canonical spec string; {@code parse(spec())} returns an equal framing. */
    String spec();

    /** A short description for people, e.g. "length prefix, 32-bit little-endian". */
    String description();

    /** The longest payload this framing can carry in one frame. */
    long maxPayloadLength();

    /**
     * The payload as it goes on the wire, header and payload in one new array.
     *
     * @throws IllegalArgumentException with one sentence when the payload cannot be framed:
     *     too long for the length prefix, containing the delimiter, not the fixed size, or
     *     empty where the framing cannot carry an empty message
     */
    byte[] encode(Bytes payload);

    /**
     * Checks that this framing can carry {@code payload} as one frame, without encoding it:
     * {@link #encode} refuses exactly the payloads this refuses, with the same sentence.
     *
     * @throws IllegalArgumentException with one sentence when the payload cannot be framed
     */
    void check(Bytes payload);

    /**
     * A new decoder that enforces {@code maxFrameLength}.
     *
     * @throws IllegalArgumentException if {@code maxFrameLength} is not positive, or the
     *     framing's own size does not fit in it
     */
    FrameDecoder newDecoder(int maxFrameLength);

    /** Checks a max frame length given by a person; returns it when valid. */
    static int checkMaxFrameLength(long maxFrameLength) {
        if (maxFrameLength < 1 || maxFrameLength > MAX_FRAME_LENGTH_LIMIT) {
            throw new IllegalArgumentException("max frame length " + maxFrameLength
                    + " is out of range: use 1 to " + MAX_FRAME_LENGTH_LIMIT + " bytes (just under 2GiB), e.g. 16MiB.");
        }
        return (int) maxFrameLength;
    }
}
