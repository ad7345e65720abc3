package dev.tincan.session;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Hex;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds frames in a transcript, in slices. {@link #step(long)} scans rows oldest first
 * until its time budget is spent and can be called again to go on, so the thread that owns
 * the rows (the window's event thread) runs a search between paints without ever copying
 * the transcript or locking it. A worker over a snapshot would need that copy, and a way
 * to hand back results for rows that changed meanwhile; slices need neither, and the scan
 * simply goes on into rows appended after it started: the results are live, not a
 * snapshot, and {@link #isCaughtUp()} says when every row held has been looked at.
 *
 * <pre>
 *   rows held:   firstSeq ─────────────── cursor ──────── nextSeq
 *                │ scanned: matches kept  │ not yet looked at │
 * </pre>
 *
 * <p>Matches are kept by running number, so they survive the oldest rows leaving: a match
 * whose row left is dropped, and the count is always of rows still held. At most
 * {@code maxMatches} are kept, the newest; past that the count is a lower bound
 * ({@link #isAtLeast()}). Events and errors are not frames and never match.
 *
 * <p>Text and patterns are matched against the frame's escaped text
 * ({@link Escapes#escape(Bytes)}), the first {@link #TEXT_LIMIT} bytes of it, so a
 * person finds what the transcript shows them ({@code \x00}, {@code \r\n}); hex is found
 * anywhere in the payload. Not thread-safe: use it on the thread that owns the rows.
 */
public final class TranscriptSearch {
    /** Payload bytes of each frame that text and patterns look at: what the detail pane shows. */
    public static final int TEXT_LIMIT = 256 * 1024;
    /** Matches kept when nothing else is set: as many as the transcript keeps rows. */
    public static final int DEFAULT_MAX_MATCHES = 100_000;
    /** Rows scanned between two looks at the clock, unless a big frame comes first. */
    static final int ROWS_PER_CLOCK_READ = 16;
    /** Payload bytes scanned between two looks at the clock. */
    static final int BYTES_PER_CLOCK_READ = 16 * 1024;

    private final SearchableRows rows;
    private final int maxMatches;
    private final LongSupplier clock;
    private SearchQuery query;
    private RowTest test;
    private long cursor;
    /** The kept matches, a ring of running numbers in increasing order. */
    private long[] found = new long[256];
    private int head;
    private int size;
    /** The highest running number dropped to keep {@code maxMatches}, or -1. */
    private long evictedUpTo = -1;
    private long slices;
    private long rowsScanned;
    private int lastSliceRows;
    private long lastSliceNanos;
    private long maxSliceNanos;

    /** A search over {@code rows} keeping {@link #DEFAULT_MAX_MATCHES}, timed by {@link System#nanoTime()}. */
    public TranscriptSearch(SearchableRows rows) {
        this(rows, DEFAULT_MAX_MATCHES, System::nanoTime);
    }

    /** A search over {@code rows} keeping at most {@code maxMatches}, timing its slices by {@code clock}. */
    public TranscriptSearch(SearchableRows rows, int maxMatches, LongSupplier clock) {
        this.rows = Objects.requireNonNull(rows, "rows");
        if (maxMatches < 1) {
            throw new IllegalArgumentException("maxMatches : " + maxMatches + " (expected: > 0)");
        }
        this.maxMatches = maxMatches;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts over with {@code next}: forgets every match and scans from the oldest row
     * again. An empty query finds nothing and is not an error.
     *
     * @return {@code null}, or one sentence saying why the query cannot be searched (a bad
     *     pattern, bad hex); the search then finds nothing
     */
    public String setQuery(SearchQuery next) {
        query = Objects.requireNonNull(next, "next");
        forget();
        test = null;
        if (next.isEmpty()) {
            return null;
        }
        try {
            test = compile(next);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    /** Forgets the query and every match. */
    public void clearQuery() {
        query = null;
        test = null;
        forget();
    }

    private void forget() {
        cursor = rows.firstSeq();
        head = 0;
        size = 0;
        evictedUpTo = -1;
    }

    /** The query in use, or {@code null}. */
    public SearchQuery query() {
        return query;
    }

    /** Whether a query that can find something is in use. */
    public boolean isActive() {
        return test != null;
    }

    private static RowTest compile(SearchQuery q) {
        switch (q.mode()) {
            case HEX:
                byte[] needle = Hex.parse(q.text());
                if (needle.length == 0) {
                    throw new IllegalArgumentException("no hex bytes to find: type two digits per byte, e.g. 0d 0a.");
                }
                return payload -> indexOf(payload, needle);
            case REGEX:
                Pattern p;
                try {
                    p = Pattern.compile(q.text(), q.matchCase() ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(badPattern(e), e);
                }
                Matcher m = p.matcher("");
                ShownText shown = new ShownText();
                return payload -> m.reset(shown.of(payload)).find();
            default:
                String text = q.text();
                boolean matchCase = q.matchCase();
                ShownText in = new ShownText();
                return payload -> contains(in.of(payload), text, !matchCase);
        }
    }

    /** One sentence for a pattern that does not compile, pointing at where it went wrong. */
    static String badPattern(PatternSyntaxException e) {
        String what = e.getDescription().toLowerCase(Locale.ROOT);
        int at = e.getIndex();
        String where = at < 0 ? "" : at >= e.getPattern().length() ? " at the end" : " at character " + (at + 1);
        return "bad pattern: " + what + where + " (a regular expression, e.g. id=\\d+; Text mode finds it as typed).";
    }

    /** Whether {@code hay} holds {@code needle}, telling case apart or not as {@link String#regionMatches} does. */
    static boolean contains(CharSequence hay, String needle, boolean ignoreCase) {
        int n = needle.length();
        if (n == 0) {
            return true;
        }
        char first = needle.charAt(0);
        char lower = Character.toLowerCase(first);
        char upper = Character.toUpperCase(first);
        char folded = Character.toLowerCase(upper);
        for (int i = 0, last = hay.length() - n; i <= last; i++) {
            char c = hay.charAt(i);
            boolean start = c == first || ignoreCase && (c == lower || c == upper
                    || c >= 0x80 && Character.toLowerCase(Character.toUpperCase(c)) == folded);
            if (start && regionMatches(hay, i, needle, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionMatches(CharSequence hay, int at, String needle, boolean ignoreCase) {
        for (int k = 1; k < needle.length(); k++) {
            char a = hay.charAt(at + k);
            char b = needle.charAt(k);
            if (a == b) {
                continue;
            }
            if (!ignoreCase) {
                return false;
            }
            char ua = Character.toUpperCase(a);
            char ub = Character.toUpperCase(b);
            if (ua != ub && Character.toLowerCase(ua) != Character.toLowerCase(ub)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A frame's text as the transcript shows it, up to {@link #TEXT_LIMIT} bytes: the
     * frame's own bytes read in place when every one is printable ASCII other than a
     * backslash (the escaped text is then the same characters), else the escaped text.
     * One per query, reused frame after frame, so the common case allocates nothing.
     */
    private static final class ShownText implements CharSequence {
        private Bytes bytes;
        private int length;

        CharSequence of(Bytes payload) {
            int n = Math.min(payload.length(), TEXT_LIMIT);
            for (int i = 0; i < n; i++) {
                int b = payload.get(i);
                if (b < 0x20 || b > 0x7e || b == '\\') {
                    return Escapes.escape(n == payload.length() ? payload : Bytes.of(payload.toByteArray(), 0, n));
                }
            }
            bytes = payload;
            length = n;
            return this;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return (char) bytes.get(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            char[] chars = new char[end - start];
            for (int i = start; i < end; i++) {
                chars[i - start] = charAt(i);
            }
            return new String(chars);
        }

        @Override
        public String toString() {
            return subSequence(0, length).toString();
        }
    }

    static boolean indexOf(Bytes hay, byte[] needle) {
        byte first = needle[0];
        for (int i = 0, last = hay.length() - needle.length; i <= last; i++) {
            if (hay.get(i) != first) {
                continue;
            }
            int k = 1;
            while (k < needle.length && hay.get(i + k) == needle[k]) {
                k++;
            }
            if (k == needle.length) {
                return true;
            }
        }
        return false;
    }

    /**
     * Scans rows not yet looked at until about {@code budgetNanos} have passed (the clock
     * is read every {@link #ROWS_PER_CLOCK_READ} rows, or sooner after a big frame), and
     * keeps their matches. Call it again to go on; rows appended meanwhile are scanned too.
     *
     * @return whether every row held has now been looked at
     */
    public boolean step(long budgetNanos) {
        if (test == null) {
            return true;
        }
        prune();
        long end = rows.nextSeq();
        if (cursor >= end) {
            return true;
        }
        long start = clock.getAsLong();
        long now = start;
        int scanned = 0;
        int sinceRead = 0;
        long bytesSinceRead = 0;
        while (cursor < end) {
            Bytes payload = rows.payload(cursor);
            if (payload != null && wanted(cursor) && test.matches(payload)) {
                keep(cursor);
            }
            cursor++;
            scanned++;
            sinceRead++;
            bytesSinceRead += payload == null ? 0 : Math.min(payload.length(), TEXT_LIMIT);
            if (sinceRead >= ROWS_PER_CLOCK_READ || bytesSinceRead >= BYTES_PER_CLOCK_READ) {
                sinceRead = 0;
                bytesSinceRead = 0;
                now = clock.getAsLong();
                if (now - start >= budgetNanos) {
                    break;
                }
            }
        }
        if (sinceRead > 0) {
            now = clock.getAsLong();
        }
        slices++;
        rowsScanned += scanned;
        lastSliceRows = scanned;
        lastSliceNanos = now - start;
        maxSliceNanos = Math.max(maxSliceNanos, lastSliceNanos);
        return cursor >= end;
    }

    private boolean wanted(long seq) {
        switch (query.direction()) {
            case SENT:
                return rows.isSent(seq);
            case RECEIVED:
                return !rows.isSent(seq);
            default:
                return true;
        }
    }

    /** Whether the frame in row {@code seq} matches the query, tested now, whether scanned yet or not. */
    private boolean test(long seq) {
        Bytes payload = rows.payload(seq);
        return payload != null && wanted(seq) && test.matches(payload);
    }

    private void keep(long seq) {
        if (size == maxMatches) {
            evictedUpTo = seqAt(0);
            head = (head + 1) % found.length;
            size--;
        }
        if (size == found.length) {
            long[] bigger = new long[(int) Math.min(maxMatches, found.length * 2L)];
            for (int i = 0; i < size; i++) {
                bigger[i] = seqAt(i);
            }
            found = bigger;
            head = 0;
        }
        found[(head + size) % found.length] = seq;
        size++;
    }

    /** Drops matches whose rows left, and scans on from the oldest row held if the cursor fell behind it. */
    private void prune() {
        long first = rows.firstSeq();
        while (size > 0 && found[head] < first) {
            head = (head + 1) % found.length;
            size--;
        }
        if (cursor < first) {
            cursor = first;
        }
    }

    private long seqAt(int i) {
        return found[(head + i) % found.length];
    }

    /** The index of the first kept match at or after {@code seq}; {@code size} when none. */
    private int lowerBound(long seq) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (seqAt(mid) < seq) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether every row held has been looked at. */
    public boolean isCaughtUp() {
        return test == null || Math.max(cursor, rows.firstSeq()) >= rows.nextSeq();
    }

    /** How many matches are kept among the rows held. */
    public int count() {
        prune();
        return size;
    }

    /** Whether more rows held match than are kept: the count is then a lower bound. */
    public boolean isAtLeast() {
        return evictedUpTo >= rows.firstSeq();
    }

    /** The running numbers of the kept matches, oldest first. */
    public long[] matches() {
        prune();
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = seqAt(i);
        }
        return out;
    }

    /**
     * The first match after row {@code fromSeq}, or the oldest match when none is after it
     * (the search wraps around); -1 when nothing matches. Pass 0 to get the oldest.
     */
    public long next(long fromSeq) {
        prune();
        if (size == 0) {
            return -1;
        }
        int i = lowerBound(fromSeq + 1);
        return i < size ? seqAt(i) : seqAt(0);
    }

    /**
     * The last match before row {@code fromSeq}, or the newest match when none is before it
     * (the search wraps around); -1 when nothing matches. Pass {@link Long#MAX_VALUE} to get the newest.
     */
    public long previous(long fromSeq) {
        prune();
        if (size == 0) {
            return -1;
        }
        int i = lowerBound(fromSeq) - 1;
        return i >= 0 ? seqAt(i) : seqAt(size - 1);
    }

    /** Which match row {@code seq} is, counting the oldest kept as 1; 0 when it is not a kept match. */
    public int ordinal(long seq) {
        prune();
        int i = lowerBound(seq);
        return i < size && seqAt(i) == seq ? i + 1 : 0;
    }

    /**
     * Whether row {@code seq} matches: looked up among the kept matches once scanned,
     * tested on the spot when not scanned yet (or when its match was not kept). For a
     * filter that must decide about a row as it arrives. Does not drop rows that left.
     */
    public boolean matches(long seq) {
        if (test == null || seq < rows.firstSeq() || seq >= rows.nextSeq()) {
            return false;
        }
        if (seq >= cursor || seq <= evictedUpTo) {
            return test(seq);
        }
        int i = lowerBound(seq);
        return i < size && seqAt(i) == seq;
    }

    /** The running number up to which (not including) rows have been looked at. */
    public long scannedUpTo() {
        return cursor;
    }

    /**
     * The index among the kept matches of the first one at or after row {@code seq}, or
     * the number kept when none is. Unlike the other reads, it drops nothing, so indices
     * stay put between two calls; for a view that maps its rows onto the matches.
     */
    public int keptAtOrAfter(long seq) {
        return lowerBound(seq);
    }

    /** The running number of kept match {@code index} (0 is the oldest); drops nothing. */
    public long kept(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("match " + index + " of " + size);
        }
        return seqAt(index);
    }

    /** Slices that scanned at least one row since this search was made. */
    public long slices() {
        return slices;
    }

    /** Rows scanned since this search was made, over every query. */
    public long rowsScanned() {
        return rowsScanned;
    }

    /** Rows the last slice scanned. */
    public int lastSliceRows() {
        return lastSliceRows;
    }

    /** How long the last slice took by the search's clock, in nanoseconds. */
    public long lastSliceNanos() {
        return lastSliceNanos;
    }

    /** The longest slice so far by the search's clock, in nanoseconds. */
    public long maxSliceNanos() {
        return maxSliceNanos;
    }

    @Override
    public String toString() {
        return "TranscriptSearch[" + query + ", " + size + " matches kept, scanned up to #" + cursor + "]";
    }

    /** Whether one frame's payload matches. */
    @FunctionalInterface
    private interface RowTest {
        boolean matches(Bytes payload);
    }
}
