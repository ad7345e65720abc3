package dev.tincan.session.rules;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ReplyTap;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Session;
import dev.tincan.session.record.RecordFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A session's rules: a {@link RuleEngine} hooked into the session as a {@link ReplyTap}, so
 * it sees every frame on the engine's threads before the drainer does, answers with
 * {@link Session#sendAsap}, marks and notes with {@link Session#annotate}, and stops the
 * session's {@link Session#repeats()}. Works the same under the window and {@code connect}.
 *
 * <pre>
 *   Session session = new Session();
 *   SessionRules rules = SessionRules.attach(session, folder);
 *   rules.engine().setRules(RulesFile.read(file));
 *   session.start();
 * </pre>
 *
 * Thread-safe; {@link #close()} takes the tap away and ends the engine's threads.
 */
public final class SessionRules implements ReplyTap, RuleHost, AutoCloseable {
    private final Session session;
    private final RuleEngine engine;
    /** The connect the next frames belong to, for snapshot headers. */
    private volatile ClientCommand.Opening connect;

    private SessionRules(Session session, Path snapshotFolder) {
        this.session = Objects.requireNonNull(session, "session");
        this.engine = new RuleEngine(this, snapshotFolder);
    }

    /** Makes the rules of {@code session}, without rules yet, and adds their tap to it. */
    public static SessionRules attach(Session session, Path snapshotFolder) {
        SessionRules rules = new SessionRules(session, snapshotFolder);
        session.addTap(rules);
        return rules;
    }

    /** The engine, to set rules and read their counts. */
    public RuleEngine engine() {
        return engine;
    }

    /** Runs {@code rules} from the next frame on; see {@link RuleEngine#setRules}. */
    public void setRules(List<Rule> rules) {
        engine.setRules(rules);
    }

    @Override
    public void tapped(ClientReply reply) {
        if (reply instanceof ClientReply.Received r) {
            engine.received(r.seq(), r.nanos(), r.frame());
        } else if (reply instanceof ClientReply.Sent s) {
            engine.sent(s.seq(), s.nanos(), s.command().payload());
        } else if (reply instanceof ClientReply.Connected c) {
            connect = c.command();
        }
    }

    @Override
    public String send(Bytes payload) {
        return session.sendAsap(payload);
    }

    @Override
    public void annotate(long frameSeq, boolean mark, String note) {
        session.annotate(frameSeq, mark, note);
    }

    @Override
    public void note(String note) {
        session.note(note);
    }

    @Override
    public int stopRepeats() {
        return session.repeats().stopAll();
    }

    @Override
    public RecordFormat.Header header(Instant started) {
        ClientCommand.Opening c = connect;
        if (c == null) {
            Framing f = session.framing();
            return new RecordFormat.Header(started, null, 0, f == null ? "line" : f.spec(), Framing.DEFAULT_MAX_FRAME_LENGTH);
        }
        return new RecordFormat.Header(started, c.host(), c.port(), c.options().framing().spec(),
                c.options().maxFrameLength());
    }

    /** Takes the tap away from the session and ends the engine's threads; delayed replies not yet sent are dropped. */
    @Override
    public void close() {
        session.removeTap(this);
        engine.close();
    }
}
