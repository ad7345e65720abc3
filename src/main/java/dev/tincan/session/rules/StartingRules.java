package dev.tincan.session.rules;

import dev.tincan.codec.Bytes;
import dev.tincan.session.Session;
import dev.tincan.session.record.RecordFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The rules every new session starts with, such as each client a listening port accepts:
 * given to a listener as its per-client setup, {@link #accept} attaches a {@link SessionRules}
 * to the client's session on the accepting thread, before the session's connection is handed
 * over, so the rules see its first frame however soon it comes. Whoever shows the session
 * later takes those rules over with {@link #take}, counts and all, instead of attaching its own.
 *
 * <pre>
 *   StartingRules starting = new StartingRules(folder);
 *   starting.engine().setRules(rules);
 *   Listener.start(config.withSetup(starting));
 *   ...
 *   SessionRules its = starting.take(client.session());   // on the drainer's thread
 * </pre>
 *
 * <p>The rules are kept in {@link #engine()}, an engine that never sees a frame, so a rules
 * panel can edit them as it edits a session's; each session gets a copy as they are when it
 * comes, with counts of its own. Rules attached and not yet taken are bounded: beyond
 * {@link #MAX_UNTAKEN}, those of sessions that have stopped are closed and let go.
 * Thread-safe.
 */
public final class StartingRules implements Consumer<Session>, AutoCloseable {
    /** Sessions whose rules may wait to be taken before those of stopped sessions are let go. */
    public static final int MAX_UNTAKEN = 2048;

    private final Path snapshotFolder;
    private final RuleEngine engine;
    private final Map<Session, SessionRules> untaken = new ConcurrentHashMap<>();

    /** No rules yet; snapshots with a relative name go to {@code snapshotFolder}. */
    public StartingRules(Path snapshotFolder) {
        this.snapshotFolder = Objects.requireNonNull(snapshotFolder, "snapshotFolder");
        this.engine = new RuleEngine(new Unheard(), snapshotFolder);
    }

    /** The rules new sessions start with, to set and edit; it never sees a frame, so its counts stay at zero. */
    public RuleEngine engine() {
        return engine;
    }

    /** Starts new sessions with {@code rules} from now on; see {@link RuleEngine#setRules}. */
    public void setRules(List<Rule> rules) {
        engine.setRules(rules);
    }

    /**
     * Attaches the rules as they are now to {@code session}, to be taken with {@link #take}.
     * Called before the session reads its first frame: a listener's setup, on its accepting thread.
     */
    @Override
    public void accept(Session session) {
        SessionRules rules = SessionRules.attach(session, snapshotFolder);
        rules.setRules(engine.rules());
        if (untaken.size() >= MAX_UNTAKEN) {
            letGoOfStopped();
        }
        untaken.put(session, rules);
    }

    /**
     * The rules {@link #accept} attached to {@code session}, handed over once: from then on
     * they are the caller's to close. Null when it attached none or they were let go.
     */
    public SessionRules take(Session session) {
        return untaken.remove(session);
    }

    /** Closes the rules of sessions nobody took: the listener closed before they were shown. */
    @Override
    public void close() {
        for (Iterator<SessionRules> it = untaken.values().iterator(); it.hasNext();) {
            SessionRules r = it.next();
            it.remove();
            r.close();
        }
        engine.close();
    }

    private void letGoOfStopped() {
        for (Iterator<Map.Entry<Session, SessionRules>> it = untaken.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Session, SessionRules> e = it.next();
            if (!e.getKey().isAlive() && untaken.remove(e.getKey(), e.getValue())) {
                e.getValue().close();
            }
        }
    }

    /** The host of the rules as kept: they never run, so nothing reaches it. */
    private static final class Unheard implements RuleHost {
        @Override
        public String send(Bytes payload) {
            return "these rules only start new sessions; they answer nothing themselves.";
        }

        @Override
        public void annotate(long frameSeq, boolean mark, String note) {
            // never called: no frame reaches these rules
        }

        @Override
        public void note(String note) {
            // never called: no frame reaches these rules
        }

        @Override
        public int stopRepeats() {
            return 0;
        }

        @Override
        public RecordFormat.Header header(Instant started) {
            return new RecordFormat.Header(started, null, 0, "line", dev.tincan.codec.Framing.DEFAULT_MAX_FRAME_LENGTH);
        }
    }
}
