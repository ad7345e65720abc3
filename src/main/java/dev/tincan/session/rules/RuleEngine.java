package dev.tincan.session.rules;

import dev.tincan.codec.Bytes;
import dev.tincan.session.Placeholders;
import dev.tincan.session.record.RecordFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One conversation's rules at work: each frame received is shown to the rules in order,
 * and every enabled rule that matches fires, its actions in the order listed, unless a
 * rule above it said {@code stop here}. That is what Docklight does with its receive
 * sequences: each one that matches answers; first-match-wins is one {@link Action.StopRules}
 * away.
 *
 * <pre>
 *   reader thread ──received()──► rules in order ──match──► reply now  ──► host.send
 *                                                   │       reply later ──► DelayedReplies ──► host.send
 *                                                   │       note, mark  ──► host.annotate
 *                                                   └─────  snapshot    ──► Snapshots (own thread) ──► file
 * </pre>
 *
 * <p>{@link #received} and {@link #sent} run on the engine's threads, quick and without
 * waiting: a reply goes out from the same call that matched its frame. A rule that fires
 * more than its {@link Rule#maxPerSecond()} within a second is paused with a note, and
 * fires again once {@link #resume}d or its rule set again. The rules may be replaced at
 * any time from any thread ({@link #setRules}); the counts of a rule carry over while its
 * name stays. Thread-safe.
 */
public final class RuleEngine implements AutoCloseable {
    /** The most rules in one set. */
    public static final int MAX_RULES = 1000;

    /** A rule ready to run: its reply templates read and its match compiled. */
    private record Armed(Rule rule, Match.Compiled match, List<Object> steps, RuleStats stats) {
    }

    private final RuleHost host;
    private final Path snapshotFolder;
    private final Placeholders.Context placeholders = new Placeholders.Context();
    private final History history = new History();
    private final DelayedReplies later = new DelayedReplies();
    private final Snapshots snapshots;
    private final Map<String, RuleStats> stats = new ConcurrentHashMap<>();
    private volatile List<Armed> armed = List.of();
    private volatile boolean keepHistory;

    /**
     * An engine without rules.
     *
     * @param host where replies, notes and marks go
     * @param snapshotFolder where snapshots with a relative name are written
     */
    public RuleEngine(RuleHost host, Path snapshotFolder) {
        this.host = Objects.requireNonNull(host, "host");
        this.snapshotFolder = Objects.requireNonNull(snapshotFolder, "snapshotFolder");
        this.snapshots = new Snapshots(host::note);
    }

    /**
     * Runs {@code rules} from the next frame on. Counts carry over for the names kept.
     *
     * @throws IllegalArgumentException with one sentence when two rules share a name or
     *     there are more than {@link #MAX_RULES}
     */
    public void setRules(List<Rule> rules) {
        check(rules);
        List<Armed> next = new ArrayList<>(rules.size());
        boolean history = false;
        for (Rule r : rules) {
            List<Object> steps = new ArrayList<>();
            for (Action a : r.actions()) {
                if (a instanceof Action.Reply reply) {
                    steps.add(new Step.Reply(new ReplyTemplate(reply.template(), reply.hex(), r.match()),
                            reply.delay()));
                } else {
                    steps.add(a);
                    history |= a instanceof Action.Snapshot;
                }
            }
            RuleStats s = stats.computeIfAbsent(r.name(), n -> new RuleStats());
            next.add(new Armed(r, r.match().compile(), List.copyOf(steps), s));
        }
        Set<String> names = new HashSet<>();
        rules.forEach(r -> names.add(r.name()));
        stats.keySet().retainAll(names);
        keepHistory = history;
        if (!history) {
            this.history.clear();
        }
        armed = List.copyOf(next);
    }

    /**
     * Checks that {@code rules} can run together: names differ, and there are not too many.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    public static void check(List<Rule> rules) {
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException(rules.size() + " rules is too many: at most " + MAX_RULES + ".");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Integer before = seen.put(rules.get(i).name(), i + 1);
            if (before != null) {
                throw new IllegalArgumentException("rules " + before + " and " + (i + 1) + " are both called '"
                        + Match.shorten(rules.get(i).name()) + "': give each rule its own name.");
            }
        }
    }

    /** The rules running, in order. */
    public List<Rule> rules() {
        List<Rule> out = new ArrayList<>();
        for (Armed a : armed) {
            out.add(a.rule());
        }
        return out;
    }

    /** How the rule called {@code name} has fared, or null when there is none. Any thread. */
    public RuleStats stats(String name) {
        return stats.get(name);
    }

    /** Lets the rule called {@code name} fire again after its loop guard paused it. Any thread. */
    public void resume(String name) {
        RuleStats s = stats.get(name);
        if (s != null) {
            s.resume();
        }
    }

    /** How many delayed replies wait. */
    public int pendingReplies() {
        return later.pending();
    }

    /** Records a frame this end sent, for snapshots. Engine thread. */
    public void sent(long seq, long nanos, Bytes payload) {
        if (keepHistory) {
            history.add(seq, nanos, RecordFormat.Dir.OUT, payload);
        }
    }

    /**
     * Shows a received frame to the rules and does what those that match say. Engine
     * thread, which is held meanwhile: only matching, filling in templates and handing on.
     */
    public void received(long seq, long nanos, Bytes frame) {
        if (keepHistory) {
            history.add(seq, nanos, RecordFormat.Dir.IN, frame);
        }
        List<Armed> rules = armed;
        if (rules.isEmpty()) {
            return;
        }
        placeholders.received(frame);
        for (Armed a : rules) {
            Rule rule = a.rule();
            if (!rule.enabled() || a.stats().isPaused()) {
                continue;
            }
            Match.Groups groups = a.match().match(frame);
            if (groups == null) {
                continue;
            }
            String name = Match.shorten(rule.name());
            if (!a.stats().fire(nanos, rule.maxPerSecond(), System.currentTimeMillis(), paused(name, rule))) {
                host.annotate(seq, false, a.stats().paused());
                continue;
            }
            if (fire(a, name, seq, nanos, frame, groups)) {
                break;
            }
        }
    }

    private static String paused(String name, Rule rule) {
        return "rule '" + name + "' paused: it fired more than " + count(rule.maxPerSecond())
                + " times within a second, which looks like a loop; switch it back on to resume.";
    }

    /** Does the rule's actions; returns whether the rules below should not look at the frame. */
    private boolean fire(Armed a, String name, long seq, long nanos, Bytes frame, Match.Groups groups) {
        boolean stop = false;
        for (Object step : a.steps()) {
            if (step instanceof Step.Reply r) {
                reply(r, name, seq, nanos, frame, groups);
            } else if (step instanceof Action.Note n) {
                host.annotate(seq, false, "rule '" + name + "': " + n.text());
            } else if (step instanceof Action.Mark) {
                host.annotate(seq, true, null);
            } else if (step instanceof Action.StopRepeat) {
                int stopped = host.stopRepeats();
                host.annotate(seq, false, "rule '" + name + "' stopped " + (stopped == 0 ? "no repeat: none was "
                        + "running" : stopped == 1 ? "the repeat" : stopped + " repeats") + ".");
            } else if (step instanceof Action.Snapshot s) {
                snapshot(s, name, seq, nanos);
            } else if (step instanceof Action.StopRules) {
                stop = true;
            }
        }
        return stop;
    }

    private void reply(Step.Reply r, String name, long seq, long nanos, Bytes frame, Match.Groups groups) {
        Bytes payload;
        try {
            payload = r.template().expand(frame, groups, placeholders);
        } catch (IllegalArgumentException e) {
            host.annotate(seq, false, "rule '" + name + "' could not reply: " + e.getMessage());
            return;
        }
        if (r.delay().isZero()) {
            String why = host.send(payload);
            if (why != null) {
                host.annotate(seq, false, "rule '" + name + "' could not reply: " + why);
            }
            return;
        }
        boolean queued = later.schedule(nanos + r.delay().toNanos(), () -> {
            String why = host.send(payload);
            if (why != null) {
                host.note("rule '" + name + "' could not send its delayed reply: " + why);
            }
        });
        if (!queued) {
            host.annotate(seq, false, "rule '" + name + "' could not reply after " + r.delay().toMillis()
                    + " ms: " + count(DelayedReplies.MAX_PENDING) + " delayed replies are waiting already, the most "
                    + "allowed; this frame gets none.");
        }
    }

    private void snapshot(Action.Snapshot s, String name, long seq, long nanos) {
        List<History.Frame> frames = history.last(s.frames());
        long start = frames.isEmpty() ? nanos : frames.get(0).nanos();
        Instant started = Instant.now().minusNanos(Math.max(0, System.nanoTime() - start));
        Path file;
        try {
            String named = new String(Placeholders.expand(s.file(), false, placeholders).toByteArray(),
                    java.nio.charset.StandardCharsets.UTF_8);
            file = snapshotFolder.resolve(named);
        } catch (RuntimeException e) {
            host.annotate(seq, false, "rule '" + name + "' could not name its snapshot file: " + e.getMessage());
            return;
        }
        Snapshots.Job job = new Snapshots.Job(frames, host.header(started), start, file, name, s.frames());
        if (!snapshots.offer(job)) {
            host.annotate(seq, false, "rule '" + name + "' took no snapshot: " + Snapshots.MAX_WAITING
                    + " are waiting to be written already.");
        }
    }

    /** Drops the delayed replies not yet sent and the snapshots not yet written, and ends their threads. */
    @Override
    public void close() {
        later.close();
        snapshots.close();
        history.clear();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }

    /** What a rule's action becomes once armed. */
    private static final class Step {
        private Step() {
        }

        /** A reply whose template is read. */
        record Reply(ReplyTemplate template, Duration delay) {
        }
    }
}
