package dev.tincan.codec;

import java.util.Arrays;
import java.util.List;

/**
 * Each frame ends with a delimiter: LF ({@code line}), CRLF ({@code crlf}), NUL
 * ({@code nul}) or any bytes ({@code delim:HEX}).
 *
 * <pre>
 * line    wire: | h i \r \n | y o \n |   frames: "hi", "yo"   (a CR before the LF is stripped)
 * nul     wire: | h i 00 | y o 00 |      frames: "hi", "yo"
 * </pre>
 *
 * <p>The decoder holds at most the max frame length plus the delimiter. A run longer than
 * that without a delimiter is an error raised at the first byte past the limit; the rest
 * of the run is discarded up to the next delimiter, and decoding goes on after it. With
 * {@code line}, a frame of exactly the max length may still end in CR LF.
 *
 * <p>The encoder refuses a message that contains the delimiter, and a message whose last
 * bytes would run into the delimiter after them (possible only with a delimiter that
 * overlaps itself, such as {@code delim:616261}). With {@code line}, a message that ends
 * in CR goes out as it is; a {@code line} decoder, as said above, drops that CR again.
 */
public final class DelimiterFraming implements Framing {
    /** The longest delimiter {@code delim:HEX} accepts. */
    static final int MAX_DELIMITER_LENGTH = 16;

    static final DelimiterFraming LINE = new DelimiterFraming(new byte[] {'\n'}, true, "line");
    static final DelimiterFraming CRLF = new DelimiterFraming(new byte[] {'\r', '\n'}, false, "crlf");
    static final DelimiterFraming NUL = new DelimiterFraming(new byte[] {0}, false, "nul");

    private final byte[] delimiter;
    private final boolean stripCr;
    private final String spec;
    /** KMP failure function of the delimiter, so a partial match survives chunk borders. */
    private final int[] fallback;

    DelimiterFraming(byte[] delimiter, boolean stripCr, String spec) {
        if (delimiter.length == 0) {
            throw new IllegalArgumentException("delimiter : empty (expected: at least 1 byte)");
        }
        this.delimiter = delimiter.clone();
        this.stripCr = stripCr;
        this.spec = spec;
        this.fallback = failureFunction(this.delimiter);
    }

    /** The delimiter bytes. */
    public Bytes delimiter() {
        return Bytes.of(delimiter);
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public String description() {
        switch (spec) {
            case "line":
                return "lines ending in LF (\\n); a CR before it is dropped";
            case "crlf":
                return "lines ending in CRLF (\\r\\n)";
            case "nul":
                return "messages ending in a NUL byte (\\0)";
            default:
                return "messages ending in the bytes " + Hex.encode(delimiter);
        }
    }

    @Override
    public long maxPayloadLength() {
        return MAX_FRAME_LENGTH_LIMIT - delimiter.length;
    }

    @Override
    public byte[] encode(Bytes payload) {
        check(payload);
        byte[] wire = new byte[payload.length() + delimiter.length];
        payload.copyTo(wire, 0);
        System.arraycopy(delimiter, 0, wire, payload.length(), delimiter.length);
        return wire;
    }

    @Override
    public void check(Bytes payload) {
        int at = indexOfDelimiter(payload);
        if (at + delimiter.length <= payload.length()) {
            throw new IllegalArgumentException("the message contains the " + delimiterName() + " delimiter at byte "
                    + at + ", which would end the frame early: remove it or pick a length-prefixed framing.");
        }
        if (at < payload.length()) {
            throw new IllegalArgumentException("the message ends in the first " + (payload.length() - at)
                    + " bytes of the " + delimiterName() + " delimiter, so the delimiter would be seen at byte " + at
                    + " and end the frame early: change the end of the message or pick a length-prefixed framing.");
        }
    }

    private String delimiterName() {
        switch (spec) {
            case "line":
                return "line (\\n)";
            case "crlf":
                return "crlf (\\r\\n)";
            case "nul":
                return "nul (\\0)";
            default:
                return spec;
        }
    }

    /**
     * The index of the first occurrence of the delimiter in the payload followed by the
     * delimiter, as it would go on the wire; there is always one.
     */
    private int indexOfDelimiter(Bytes payload) {
        int k = 0;
        int n = payload.length();
        for (int i = 0; i < n + delimiter.length; i++) {
            byte b = i < n ? payload.get(i) : delimiter[i - n];
            while (k > 0 && b != delimiter[k]) {
                k = fallback[k - 1];
            }
            if (b == delimiter[k]) {
                k++;
            }
            if (k == delimiter.length) {
                return i + 1 - k;
            }
        }
        throw new IllegalStateException("no delimiter after " + n + " bytes of payload");
    }

    @Override
    public FrameDecoder newDecoder(int maxFrameLength) {
        return new Decoder(Framing.checkMaxFrameLength(maxFrameLength));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DelimiterFraming f && f.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        return spec;
    }

    private static int[] failureFunction(byte[] pattern) {
        int[] f = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = f[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            f[i] = k;
        }
        return f;
    }

    private final class Decoder implements FrameDecoder {
        /** A carry buffer larger than this is let go once its frame is out. */
        private static final int KEEP_CARRY_UP_TO = 64 * 1024;

        private final int maxFrameLength;
        /** Bytes of the current frame carried over from earlier chunks (may end in a partial delimiter). */
        private byte[] carry = new byte[0];
        private int carried;
        /** How many delimiter bytes the stream has matched so far. */
        private int matched;
        /** Whether the current run went past the limit and is being skipped to the next delimiter. */
        private boolean discarding;
        /** Length of the run being discarded so far. */
        private long discardedRun;

        Decoder(int maxFrameLength) {
            this.maxFrameLength = maxFrameLength;
        }

        @Override
        public void decode(byte[] in, int off, int len, List<byte[]> out) throws TooLongFrameException {
            TooLongFrameException tooLong = null;
            int outStart = out.size();
            int end = off + len;
            int segStart = off;
            int countFrom = off;
            int d = delimiter.length;
            byte first = delimiter[0];
            for (int i = off; i < end; i++) {
                if (matched == 0 && !discarding) {
                    // Skip at once the bytes that can neither start the delimiter nor pass the limit
                    // (nor be a CR the limit treats apart): the loop below would do nothing with them.
                    long room = (long) segStart - carried + maxFrameLength;
                    int stop = (int) Math.min(end, Math.max(i, room));
                    while (i < stop && in[i] != first && in[i] != '\r') {
                        i++;
                    }
                    if (i == end) {
                        break;
                    }
                }
                byte b = in[i];
                while (matched > 0 && b != delimiter[matched]) {
                    matched = fallback[matched - 1];
                }
                if (b == delimiter[matched]) {
                    matched++;
                }
                if (matched == d) {
                    matched = 0;
                    if (discarding) {
                        discarding = false;
                        discardedRun = 0;
                    } else {
                        out.add(frame(in, segStart, carried + (i + 1 - segStart) - d));
                        if (carry.length > KEEP_CARRY_UP_TO) {
                            carry = new byte[0];
                        }
                    }
                    carried = 0;
                    segStart = i + 1;
                } else if (!discarding) {
                    long content = (long) carried + (i + 1 - segStart) - matched;
                    // A CR just past the limit may still be stripped by the LF after it.
                    long limit = stripCr && b == '\r' ? maxFrameLength + 1L : maxFrameLength;
                    if (content > limit) {
                        discarding = true;
                        discardedRun = content + matched;
                        countFrom = i + 1;
                        carried = 0;
                        if (tooLong == null) {
                            tooLong = new TooLongFrameException(content, maxFrameLength, "frame too long: " + content
                                    + " bytes without a " + spec + " delimiter, over the max frame length of "
                                    + maxFrameLength + " bytes.").at(out.size() - outStart);
                        } else {
                            tooLong.alsoSkipped();
                        }
                    }
                }
            }
            if (discarding) {
                discardedRun += end - countFrom;
            } else if (segStart < end) {
                keep(in, segStart, end - segStart);
            }
            if (tooLong != null) {
                throw tooLong;
            }
        }

        /**
         * The frame ending just before a delimiter; {@code total} counts carried bytes plus
         * bytes of this chunk up to the delimiter's start (which may lie inside the carry).
         */
        private byte[] frame(byte[] in, int segStart, int total) {
            int length = total;
            if (stripCr && length > 0) {
                byte last = length > carried ? in[segStart + length - carried - 1] : carry[length - 1];
                if (last == '\r') {
                    length--;
                }
            }
            byte[] frame = new byte[length];
            int fromCarry = Math.min(length, carried);
            System.arraycopy(carry, 0, frame, 0, fromCarry);
            if (length > fromCarry) {
                System.arraycopy(in, segStart, frame, fromCarry, length - fromCarry);
            }
            return frame;
        }

        private void keep(byte[] in, int from, int n) {
            int need = carried + n;
            if (need > carry.length) {
                int grown = (int) Math.min((long) maxFrameLength + delimiter.length,
                        Math.max(need, Math.max(256L, carry.length * 2L)));
                carry = Arrays.copyOf(carry, Math.max(grown, need));
            }
            System.arraycopy(in, from, carry, carried, n);
            carried += n;
        }

        @Override
        public long pending() {
            return discarding ? discardedRun : carried;
        }
    }
}
