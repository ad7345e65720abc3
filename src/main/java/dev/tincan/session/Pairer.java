package dev.tincan.session;

import dev.tincan.codec.Bytes;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Pairs received frames with the sends they answer, by a {@link Pairing} rule, and gives
 * the round-trip time of each pair. It is fed in the order the engine decided (sends and
 * frames by their sequence numbers), so a pair's round trip is never negative. At most
 * {@link #MAX_WAITING} unanswered sends are remembered; older ones are forgotten (and
 * counted) so memory stays bounded. {@link #reset()} starts a new connection: nothing pairs
 * across connections. Not thread-safe: one conversation, one thread.
 */
public final class Pairer {
    /** The most unanswered sends remembered. */
    public static final int MAX_WAITING = 4096;

    /**
     * A received frame answers a send.
     *
     * @param sendId the id the send was given in {@link #sent}
     * @param rttNanos the time from the send to the frame, never negative
     */
    public record Pair(long sendId, long rttNanos) {
    }

    /** One unanswered send; {@code answered} once paired, so it can be skipped where it still waits. */
    private static final class Waiting {
        final long id;
        final long nanos;
        final Object key;
        boolean answered;

        Waiting(long id, long nanos, Object key) {
            this.id = id;
            this.nanos = nanos;
            this.key = key;
        }
    }

    private Pairing rule;
    /** Every unanswered send, oldest first; answered ones are removed lazily. */
    private final ArrayDeque<Waiting> order = new ArrayDeque<>();
    /** Unanswered sends by key (echo and match rules), oldest first per key. */
    private final Map<Object, ArrayDeque<Waiting>> byKey = new HashMap<>();
    private int waiting;
    private long forgotten;

    /** A pairer using {@code rule}. */
    public Pairer(Pairing rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** The rule in use. */
    public Pairing rule() {
        return rule;
    }

    /** Uses {@code rule} from now on; sends waiting under the old rule are forgotten. */
    public void setRule(Pairing rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
        clearWaiting();
    }

    /** A new connection: no send made before it can be answered after it. */
    public void reset() {
        clearWaiting();
    }

    /** How many unanswered sends wait for a reply. */
    public int waiting() {
        return waiting;
    }

    /** How many unanswered sends were forgotten because {@link #MAX_WAITING} were waiting. */
    public long forgotten() {
        return forgotten;
    }

    /**
     * A frame was sent at {@code nanos}; {@code id} names it in the {@link Pair} that
     * answers it. Under a {@code match:} rule, a send whose bytes hold no match can never be
     * answered and is not remembered.
     */
    public void sent(long id, Bytes payload, long nanos) {
        Object key = keyOf(payload);
        if (key == null) {
            return;
        }
        if (waiting == MAX_WAITING) {
            forgetOldest();
        }
        Waiting w = new Waiting(id, nanos, key);
        order.addLast(w);
        if (!(rule instanceof Pairing.NextFrame)) {
            byKey.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(w);
        }
        waiting++;
    }

    /** A frame arrived at {@code nanos}: the send it answers, or {@code null} if the rule pairs it with none. */
    public Pair received(Bytes frame, long nanos) {
        if (waiting == 0) {
            return null;
        }
        Waiting w;
        if (rule instanceof Pairing.NextFrame) {
            w = pollLive(order);
        } else {
            Object key = keyOf(frame);
            ArrayDeque<Waiting> same = key == null ? null : byKey.get(key);
            w = same == null ? null : pollLive(same);
            if (same != null && same.isEmpty()) {
                byKey.remove(key);
            }
        }
        if (w == null || nanos - w.nanos < 0) {
            return null;
        }
        w.answered = true;
        waiting--;
        trimAnswered();
        return new Pair(w.id, nanos - w.nanos);
    }

    private Object keyOf(Bytes payload) {
        if (rule instanceof Pairing.Correlation c) {
            Matcher m = c.pattern().matcher(new Latin1(payload, Math.min(payload.length(), Pairing.MATCH_LIMIT)));
            return m.find() ? m.group(1) : null;
        }
        if (rule instanceof Pairing.SameBytes) {
            return payload;
        }
        return Boolean.TRUE;
    }

    private static Waiting pollLive(ArrayDeque<Waiting> queue) {
        Waiting w;
        while ((w = queue.pollFirst()) != null) {
            if (!w.answered) {
                return w;
            }
        }
        return null;
    }

    private void forgetOldest() {
        Waiting oldest = pollLive(order);
        if (oldest == null) {
            return;
        }
        oldest.answered = true;
        waiting--;
        forgotten++;
        ArrayDeque<Waiting> same = byKey.get(oldest.key);
        if (same != null) {
            same.remove(oldest);
            if (same.isEmpty()) {
                byKey.remove(oldest.key);
            }
        }
    }

    /**
     * Drops answered sends from the front of the order, and from anywhere in it when they
     * pile up behind an old unanswered one, so it never holds more than twice what waits.
     */
    private void trimAnswered() {
        while (!order.isEmpty() && order.peekFirst().answered) {
            order.pollFirst();
        }
        if (order.size() > 2 * MAX_WAITING) {
            order.removeIf(w -> w.answered);
        }
    }

    private void clearWaiting() {
        order.clear();
        byKey.clear();
        waiting = 0;
    }

    /**
     * The first {@code length} bytes of a frame as characters, one per byte (ISO-8859-1),
     * read in place: a pattern looks at the frame without copying it.
     */
    private record Latin1(Bytes bytes, int length) implements CharSequence {
        @Override
        public char charAt(int index) {
            return (char) (bytes.get(index) & 0xff);
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
}
