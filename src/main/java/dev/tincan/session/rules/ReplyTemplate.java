package dev.tincan.session.rules;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;
import dev.tincan.session.Placeholders;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The payload a rule replies with: text with escapes (or hex), the library's placeholders,
 * and these, which read the frame that matched:
 *
 * <pre>
 *   {{0}}             what the pattern matched (for exact, prefix and contains: the pattern's bytes)
 *   {{1}} {{2}} ...   group 1, 2, ... of a regex; for a hex pattern each ?? and * in order
 *   {{group:NAME}}    the regex group (?&lt;NAME&gt;...)
 *   {{frame}}         the whole frame, byte for byte
 *   {{frame:hex}}     the frame as lower-case hex digits, 0241 03 written 024103
 * </pre>
 *
 * <p>Everything else is as in {@link Placeholders}: {@code {{counter}}}, {@code {{time:..}}},
 * {@code {{random:N}}}, {@code {{field:REGEX}}} (which reads the frame that matched), and
 * {@code {{{{}} for a literal {@code {{}. A group that took no part in the match gives no
 * bytes. Each stretch between frame placeholders is expanded on its own, so two
 * {@code {{counter}}} on either side of a {@code {{1}}} show two numbers. Checked when made,
 * against the match it belongs to: a group the pattern does not have is refused. Immutable.
 */
public final class ReplyTemplate {
    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";
    private static final Pattern DIGITS = Pattern.compile("\\d{1,3}");
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final String text;
    private final boolean hex;
    private final List<Object> parts;

    /**
     * Reads {@code text} (escaped text, or hex when {@code hex}) for replies to frames that
     * {@code match} matched.
     *
     * @throws IllegalArgumentException with one sentence naming the bad placeholder
     */
    public ReplyTemplate(String text, boolean hex, Match match) {
        this.text = Objects.requireNonNull(text, "text");
        this.hex = hex;
        int groups = groupCount(match);
        List<Object> read = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf(OPEN, i);
            if (open < 0) {
                segment.append(text, i, text.length());
                break;
            }
            if (text.startsWith(OPEN + OPEN, open)) {
                segment.append(text, i, open + 4);
                i = open + 4;
                continue;
            }
            int close = text.indexOf(CLOSE, open + 2);
            if (close < 0) {
                segment.append(text, i, text.length());
                break;
            }
            while (close + 2 < text.length() && text.charAt(close + 2) == '}') {
                close++;
            }
            String body = text.substring(open + 2, close);
            Object ref = frameRef(body.strip(), groups, match, open + 1);
            if (ref == null) {
                segment.append(text, i, close + 2);
            } else {
                segment.append(text, i, open);
                flush(segment, read);
                read.add(ref);
            }
            i = close + 2;
        }
        flush(segment, read);
        this.parts = List.copyOf(read);
    }

    /** The text as written. */
    public String text() {
        return text;
    }

    /** Whether the text is hex. */
    public boolean hex() {
        return hex;
    }

    private void flush(StringBuilder segment, List<Object> read) {
        if (segment.length() == 0) {
            return;
        }
        read.add(Placeholders.parse(segment.toString(), hex));
        segment.setLength(0);
    }

    /** A frame placeholder for {@code body}, or null when it is one of the library's. */
    private static Object frameRef(String body, int groups, Match match, int at) {
        if (DIGITS.matcher(body).matches()) {
            int n = Integer.parseInt(body);
            if (n > groups) {
                throw new IllegalArgumentException("{{" + n + "}} at character " + at + " needs group " + n
                        + ", but the " + match.kind().word() + " pattern has " + (groups == 0 ? "no groups"
                                : groups == 1 ? "1 group" : groups + " groups") + ".");
            }
            return new Group(n, null);
        }
        if (body.equals("frame")) {
            return new WholeFrame(false);
        }
        if (body.equals("frame:hex")) {
            return new WholeFrame(true);
        }
        if (body.startsWith("frame:")) {
            throw new IllegalArgumentException("{{" + Escapes.oneLine(body) + "}} at character " + at
                    + " is not a frame placeholder: use {{frame}} or {{frame:hex}}.");
        }
        if (body.startsWith("group:")) {
            String name = body.substring(6).strip();
            boolean known = match.kind() == Match.Kind.REGEX && NAMED_GROUP.matcher(match.pattern()).results()
                    .anyMatch(r -> r.group(1).equals(name));
            if (!known) {
                throw new IllegalArgumentException("{{group:" + Escapes.oneLine(name) + "}} at character " + at
                        + " needs a regex with a group (?<" + Escapes.oneLine(name) + ">...), and the pattern has "
                        + "none by that name.");
            }
            return new Group(-1, name);
        }
        return null;
    }

    /** How many groups frames matched by {@code match} have, besides group 0. */
    static int groupCount(Match match) {
        Match.Compiled c = match.compile();
        if (c instanceof Match.Regex r) {
            return r.groupCount();
        }
        return 0;
    }

    /**
     * The bytes to send for a frame that matched with {@code groups}; {@code context} fills
     * in the library's placeholders and should have the frame as its last frame received.
     *
     * @throws IllegalArgumentException with one sentence when something cannot be filled in
     *     or the reply is too long
     */
    public Bytes expand(Bytes frame, Match.Groups groups, Placeholders.Context context) {
        if (parts.size() == 1 && parts.get(0) instanceof Placeholders.Template t) {
            return t.expand(context);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            Bytes b;
            if (part instanceof Placeholders.Template t) {
                b = t.expand(context);
            } else if (part instanceof Group g) {
                b = g.name() != null ? groups.group(g.name()) : groups.group(g.n());
            } else {
                WholeFrame f = (WholeFrame) part;
                b = f.hex() ? Bytes.utf8(Hex.encode(frame.toByteArray())) : frame;
            }
            if (b == null) {
                continue;
            }
            if ((long) out.size() + b.length() > Placeholders.MAX_EXPANDED) {
                throw new IllegalArgumentException("the reply would be longer than "
                        + Placeholders.MAX_EXPANDED / (1024 * 1024) + " MiB once its placeholders are filled in.");
            }
            byte[] a = b.toByteArray();
            out.write(a, 0, a.length);
        }
        return Bytes.adopt(out.toByteArray());
    }

    /** The text as written. */
    @Override
    public String toString() {
        return text;
    }

    /** Group {@code n}, or the group called {@code name} when it is not null. */
    private record Group(int n, String name) {
    }

    /** The whole frame, as bytes or as hex text. */
    private record WholeFrame(boolean hex) {
    }
}
