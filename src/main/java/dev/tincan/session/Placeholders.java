package dev.tincan.session;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Placeholders in a payload, filled in when it is sent: the bytes sent are the expanded
 * bytes, so the transcript shows what really went out.
 *
 * <pre>
 *   {{counter}}            1, 2, 3, ... one number per message that uses it, in this conversation
 *   {{counter:5}}          the same, zero-padded to 5 digits: 00001
 *   {{time}}               local time, 14:03:27.415
 *   {{time:yyyy-MM-dd}}    local time in any java.time DateTimeFormatter pattern
 *   {{time:epoch}}         seconds since 1970: 1764482607
 *   {{time:epochms}}       milliseconds since 1970: 1764482607415
 *   {{random:N}}           N random bytes
 *   {{digits:N}}           N random decimal digits
 *   {{field:REGEX}}        the first group of REGEX (or the whole match, without a group)
 *                          found in the text of the last frame received
 *   {{hexfield:REGEX}}     the same, but the group holds hex digits and the bytes they
 *                          spell are inserted: {{hexfield:token=([0-9a-f]+)}}
 *   {{{{                   a literal {{
 * </pre>
 *
 * <p>A placeholder ends at the first <code>&#125;&#125;</code>; when more closing braces follow,
 * at the last of them, so {@code {{field:x{2}}}} reads the pattern {@code x{2}}. Text between
 * placeholders is read as usual (escapes, or hex digits in hex mode); each placeholder
 * gives the same bytes in both modes: text such as a counter or a time as UTF-8, random and
 * hex fields as raw bytes. All {@code {{counter}}} in one message show the same number.
 *
 * <p>Everything that can be checked without sending is checked by {@link #parse}: unknown
 * names, bad patterns, sizes. A field with no frame received yet, or no match, is refused by
 * {@link Template#expand}, before anything is sent. Field patterns look at the first
 * {@link #FIELD_WINDOW} bytes of the frame. Stateless; the state of a conversation is its
 * {@link Context}.
 */
public final class Placeholders {
    /** The most bytes one {@code random} or {@code digits} placeholder makes, and the widest counter. */
    public static final int MAX_COUNT = 65_536;
    /** The most placeholders in one message. */
    public static final int MAX_PLACEHOLDERS = 1_000;
    /** The longest expanded message. */
    public static final int MAX_EXPANDED = 16 * 1024 * 1024;
    /** How much of the last frame field patterns search. */
    public static final int FIELD_WINDOW = 64 * 1024;
    /** The widest counter, in digits. */
    public static final int MAX_COUNTER_WIDTH = 19;

    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";
    private static final String NAMES = "counter, time, random, digits, field, hexfield";

    /**
     * The format of a plain {@code {{time}}}, made at its first use: building a formatter
     * starts the JDK's date and time formatting, some 50 classes a message without a time
     * placeholder has no use for.
     */
    private static final class DefaultTime {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    }

    private Placeholders() {
    }

    /**
     * Whether {@code text} contains something that looks like a placeholder; a quick test that
     * lets a caller skip {@link #parse}.
     */
    public static boolean mayContain(String text) {
        return text.contains(OPEN);
    }

    /**
     * Reads {@code text} (escaped text, or hex when {@code hex}) into a template.
     *
     * @throws IllegalArgumentException with one sentence naming the bad placeholder or text
     */
    public static Template parse(String text, boolean hex) {
        Objects.requireNonNull(text, "text");
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int count = 0;
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf(OPEN, i);
            if (open < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, open);
            if (text.startsWith(OPEN + OPEN, open)) {
                flush(literal, hex, parts);
                parts.add(new Literal(Bytes.utf8(OPEN)));
                i = open + 4;
                continue;
            }
            int close = text.indexOf(CLOSE, open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("placeholder at character " + (open + 1)
                        + " has no closing }}: write {{name}}, or {{{{ for a literal {{.");
            }
            while (close + 2 < text.length() && text.charAt(close + 2) == '}') {
                close++;
            }
            if (++count > MAX_PLACEHOLDERS) {
                throw new IllegalArgumentException("more than " + MAX_PLACEHOLDERS + " placeholders in one message.");
            }
            flush(literal, hex, parts);
            parts.add(placeholder(text.substring(open + 2, close), open + 1));
            i = close + 2;
        }
        flush(literal, hex, parts);
        return new Template(parts);
    }

    /**
     * Parses and expands {@code text} in one go.
     *
     * @throws IllegalArgumentException with one sentence saying what cannot be filled in
     */
    public static Bytes expand(String text, boolean hex, Context context) {
        return parse(text, hex).expand(context);
    }

    private static void flush(StringBuilder literal, boolean hex, List<Part> parts) {
        if (literal.length() > 0) {
            String s = literal.toString();
            literal.setLength(0);
            parts.add(new Literal(Bytes.adopt(hex ? Hex.parse(s) : Escapes.parse(s))));
        }
    }

    private static Part placeholder(String body, int at) {
        int colon = body.indexOf(':');
        String name = (colon < 0 ? body : body.substring(0, colon)).trim();
        String arg = colon < 0 ? null : body.substring(colon + 1);
        String where = "{{" + Escapes.oneLine(body.length() > 40 ? body.substring(0, 40) + "..." : body)
                + "}} at character " + at;
        switch (name) {
            case "counter":
                return new Counter(arg == null ? 0 : count(arg, where, "a width", MAX_COUNTER_WIDTH));
            case "time":
                return time(arg, where);
            case "random":
                return new RandomBytes(count(required(arg, where, "N bytes, e.g. {{random:4}}"), where, "a byte count",
                        MAX_COUNT));
            case "digits":
                return new Digits(count(required(arg, where, "N digits, e.g. {{digits:6}}"), where, "a digit count",
                        MAX_COUNT));
            case "field":
            case "hexfield":
                String regex = required(arg, where, "a pattern, e.g. {{" + name + ":id=(\\d+)}}");
                try {
                    return new Field(Pattern.compile(regex), name.equals("hexfield"), where);
                } catch (PatternSyntaxException e) {
                    String near = e.getIndex() < 0 ? "" : e.getIndex() >= regex.length() ? " at the end of the pattern"
                            : " near character " + (e.getIndex() + 1) + " of the pattern";
                    throw new IllegalArgumentException(where + " has a bad pattern: "
                            + Escapes.oneLine(e.getDescription()) + near + ".");
                }
            default:
                throw new IllegalArgumentException(where + " is not a placeholder: use " + NAMES
                        + ", or {{{{ for a literal {{.");
        }
    }

    private static String required(String arg, String where, String what) {
        if (arg == null || arg.isEmpty()) {
            throw new IllegalArgumentException(where + " needs " + what + ".");
        }
        return arg;
    }

    private static int count(String arg, String where, String what, int max) {
        int n;
        try {
            n = Integer.parseInt(arg.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > max) {
            throw new IllegalArgumentException(where + " needs " + what + " from 1 to " + max + ", not \""
                    + Escapes.oneLine(arg) + "\".");
        }
        return n;
    }

    private static Part time(String arg, String where) {
        if (arg == null || arg.isEmpty()) {
            return new Time(DefaultTime.FORMAT, 0);
        }
        if (arg.equals("epoch")) {
            return new Time(null, 1);
        }
        if (arg.equals("epochms")) {
            return new Time(null, 2);
        }
        try {
            return new Time(DateTimeFormatter.ofPattern(arg, Locale.ROOT), 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " has a bad time pattern: " + Escapes.oneLine(e.getMessage())
                    + " (use letters such as HH:mm:ss.SSS, or epoch, or epochms).");
        }
    }

    /** One piece of a template. */
    private sealed interface Part permits Literal, Counter, Time, RandomBytes, Digits, Field {
    }

    private record Literal(Bytes bytes) implements Part {
    }

    private record Counter(int width) implements Part {
    }

    /** {@code epoch} 0: formatted; 1: seconds; 2: milliseconds. */
    private record Time(DateTimeFormatter format, int epoch) implements Part {
    }

    private record RandomBytes(int n) implements Part {
    }

    private record Digits(int n) implements Part {
    }

    private record Field(Pattern pattern, boolean hex, String where) implements Part {
    }

    /**
     * A parsed payload: literal bytes and placeholders. Immutable and so safe to share; expand
     * it as often as it is sent.
     */
    public static final class Template {
        private final List<Part> parts;

        private Template(List<Part> parts) {
            this.parts = List.copyOf(parts);
        }

        /** Whether it holds any placeholder, so that every send may differ. */
        public boolean hasPlaceholders() {
            return parts.size() > count(Literal.class);
        }

        /** Whether it reads the last frame received ({@code {{field}}}, {@code {{hexfield}}}). */
        public boolean readsLastFrame() {
            return count(Field.class) > 0;
        }

        /**
         * How many parts are of {@code kind}. A loop, not a stream: every one-shot send asks,
         * and the JVM's first stream costs it some 10 ms.
         */
        private int count(Class<? extends Part> kind) {
            int n = 0;
            for (Part part : parts) {
                if (kind.isInstance(part)) {
                    n++;
                }
            }
            return n;
        }

        /**
         * The bytes to send now. Takes a counter value from {@code context} only when the
         * template has a counter and everything else could be filled in.
         *
         * @throws IllegalArgumentException with one sentence when a field cannot be filled
         *     in or the result is too long
         */
        public Bytes expand(Context context) {
            Objects.requireNonNull(context, "context");
            if (parts.isEmpty()) {
                return Bytes.EMPTY;
            }
            if (parts.size() == 1 && parts.get(0) instanceof Literal only) {
                return only.bytes();
            }
            boolean counts = count(Counter.class) > 0;
            long counter = counts ? context.peekCounter() : 0;
            ZonedDateTime now = ZonedDateTime.now(context.clock());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Part part : parts) {
                byte[] b = bytes(part, context, counter, now);
                if ((long) out.size() + b.length > MAX_EXPANDED) {
                    throw new IllegalArgumentException("the message would be longer than "
                            + MAX_EXPANDED / (1024 * 1024) + " MiB once its placeholders are filled in.");
                }
                out.write(b, 0, b.length);
            }
            if (counts) {
                context.takeCounter(counter);
            }
            return Bytes.adopt(out.toByteArray());
        }

        private static byte[] bytes(Part part, Context context, long counter, ZonedDateTime now) {
            if (part instanceof Literal l) {
                return l.bytes().toByteArray();
            } else if (part instanceof Counter c) {
                String digits = Long.toString(counter);
                return ascii("0".repeat(Math.max(0, c.width() - digits.length())) + digits);
            } else if (part instanceof Time t) {
                if (t.epoch() == 1) {
                    return ascii(Long.toString(now.toEpochSecond()));
                } else if (t.epoch() == 2) {
                    return ascii(Long.toString(now.toInstant().toEpochMilli()));
                }
                return t.format().format(now).getBytes(StandardCharsets.UTF_8);
            } else if (part instanceof RandomBytes r) {
                byte[] b = new byte[r.n()];
                context.random().nextBytes(b);
                return b;
            } else if (part instanceof Digits d) {
                byte[] b = new byte[d.n()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) ('0' + context.random().nextInt(10));
                }
                return b;
            } else if (part instanceof Field f) {
                return field(f, context.lastFrame());
            }
            throw new IllegalStateException("unknown part " + part);
        }

        private static byte[] field(Field f, Bytes frame) {
            if (frame == null) {
                throw new IllegalArgumentException(f.where() + " needs a received frame, and none has arrived yet.");
            }
            int n = Math.min(frame.length(), FIELD_WINDOW);
            byte[] head = new byte[n];
            for (int i = 0; i < n; i++) {
                head[i] = frame.get(i);
            }
            String text = new String(head, StandardCharsets.UTF_8);
            Matcher m = f.pattern().matcher(text);
            if (!m.find()) {
                throw new IllegalArgumentException(f.where() + " found no match in the last frame received, \""
                        + Escapes.escape(frame, 40) + "\".");
            }
            String value = m.groupCount() > 0 ? m.group(1) : m.group();
            if (value == null) {
                value = "";
            }
            if (!f.hex()) {
                return value.getBytes(StandardCharsets.UTF_8);
            }
            try {
                return Hex.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(f.where() + " matched \"" + Escapes.oneLine(value)
                        + "\", which is not hex: " + e.getMessage());
            }
        }

        private static byte[] ascii(String s) {
            return s.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * What placeholders need from one conversation: its counter, the last frame received,
     * a clock and a source of random bytes. Thread-safe: one thread sends while another
     * receives.
     */
    public static final class Context {
        /** Null until the first time placeholder, when made by {@link #Context()}. */
        private Clock clock;
        /** Null until the first random placeholder, when made by {@link #Context()}. */
        private Random random;
        private long nextCounter = 1;
        private volatile Bytes lastFrame;

        /**
         * A context with the system clock, secure random bytes and the counter at 1. Both are
         * made when a placeholder first asks for them: seeding the random source costs a
         * one-shot {@code tincan send} some 20 ms, and reading the time zone's rules about
         * 10 ms, that it mostly has no use for.
         */
        public Context() {
        }

        /** A context with the given clock and random source, for tests. */
        public Context(Clock clock, Random random) {
            this.clock = Objects.requireNonNull(clock, "clock");
            this.random = Objects.requireNonNull(random, "random");
        }

        /** Remembers {@code frame} as the last frame received, for field placeholders. */
        public void received(Bytes frame) {
            lastFrame = Objects.requireNonNull(frame, "frame");
        }

        /** The last frame received, or {@code null} before the first. */
        public Bytes lastFrame() {
            return lastFrame;
        }

        /** Sets the number the next {@code {{counter}}} shows. */
        public synchronized void restartCounter(long next) {
            nextCounter = next;
        }

        /** The number the next {@code {{counter}}} shows. */
        public synchronized long peekCounter() {
            return nextCounter;
        }

        /** Uses {@code value}: the next message shows one more. */
        synchronized void takeCounter(long value) {
            nextCounter = Math.max(nextCounter, value + 1);
        }

        synchronized Clock clock() {
            if (clock == null) {
                clock = Clock.systemDefaultZone();
            }
            return clock;
        }

        synchronized Random random() {
            if (random == null) {
                random = new SecureRandom();
            }
            return random;
        }
    }
}
