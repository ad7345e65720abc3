package dev.tincan.relay;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.HostPort;
import dev.tincan.session.record.RecordFormat;
import dev.tincan.session.record.Recorder;
import dev.tincan.session.record.RecorderException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Records each link of a relay to a recording of its own ({@link RecordFormat}): link N to
 * the file with {@code -N} before the extension ({@link Recorder#numbered}). The recording is
 * the client's: what reached the server (UP) is {@code out}, what reached the client (DOWN)
 * is {@code in}, and the header names the relay's server and the framing of UP, so
 * {@code tincan replay} plays the client's side again against a server.
 *
 * <pre>
 *   relay events ──► record(event) ──► link #N's Recorder ──(64 KiB, or 50 ms)──► FILE-N
 * </pre>
 *
 * <p>A frame is recorded as it went: passed, rewritten by a rule (the new payload), injected,
 * or forwarded from the hold (as edited, when it was); a held frame only once it is
 * forwarded. Frames dropped, bytes that frame nothing and the relay's notices are notes;
 * opening and closing are events. A frame passes the recorder's buffer on the thread that
 * gives the event, which a slow disk therefore holds: the relay's events wait, then its
 * links, and nothing is dropped. A write that fails stops that link's recording with one
 * sentence to {@code warn}; the link goes on. Feed it the events in order, from one thread.
 */
public final class RelayRecording implements AutoCloseable {
    private final Path file;
    private final RelayConfig config;
    private final Consumer<String> say;
    private final Consumer<String> warn;
    /** The recordings of the links open now: as many as the relay lets be open at once. */
    private final Map<Integer, Recorder> open = new HashMap<>();

    /**
     * Records the links of a relay started with {@code config}, each to {@code file} numbered.
     *
     * @param say told one sentence for each recording finished, on the thread that gives the events
     * @param warn told one sentence for each recording that could not be made or stopped on a
     *     failed write; any thread
     */
    public RelayRecording(Path file, RelayConfig config, Consumer<String> say, Consumer<String> warn) {
        this.file = Objects.requireNonNull(file, "file");
        this.config = Objects.requireNonNull(config, "config");
        this.say = Objects.requireNonNull(say, "say");
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /** Where link {@code link} is recorded. */
    public Path file(int link) {
        return Recorder.numbered(file, link);
    }

    /**
     * Records {@code event} in its link's recording: opens the file on {@link RelayEvent.Opened},
     * closes it on {@link RelayEvent.Closed}.
     */
    public void record(RelayEvent event) {
        if (event instanceof RelayEvent.Opened o) {
            opened(o);
            return;
        }
        if (event instanceof RelayEvent.Refused) {
            return;
        }
        int link = link(event);
        Recorder r = open.get(link);
        if (r == null) {
            return;
        }
        RecordFormat.Line line = line(r, event);
        if (line != null) {
            r.record(line);
        }
        if (event instanceof RelayEvent.Closed) {
            open.remove(link);
            finish(link, r);
        }
    }

    /** Ends every recording still open (the relay closed): writes what is pending and closes the files. */
    @Override
    public void close() {
        for (Map.Entry<Integer, Recorder> e : open.entrySet()) {
            finish(e.getKey(), e.getValue());
        }
        open.clear();
    }

    private void opened(RelayEvent.Opened o) {
        Path to = file(o.link());
        Recorder r;
        try {
            r = Recorder.open(to, config.targetHost(), config.targetPort(), config.up().spec(),
                    config.maxFrameLength(), warn);
        } catch (RecorderException e) {
            warn.accept("#" + o.link() + " is not recorded: " + e.getMessage());
            return;
        }
        open.put(o.link(), r);
        r.record(RecordFormat.Line.words(o.seq(), r.since(o.nanos()), RecordFormat.Dir.EVENT, "client "
                + HostPort.of(o.client()) + " linked through the relay to " + HostPort.of(o.server())));
    }

    private void finish(int link, Recorder r) {
        String failure = r.stop();
        if (failure == null) {
            say.accept("#" + link + " recorded " + r.frames() + (r.frames() == 1 ? " frame" : " frames") + " to "
                    + r.file() + ".");
        }
    }

    private static int link(RelayEvent event) {
        if (event instanceof RelayEvent.Frame f) {
            return f.link();
        }
        if (event instanceof RelayEvent.Released r) {
            return r.link();
        }
        if (event instanceof RelayEvent.Broken b) {
            return b.link();
        }
        if (event instanceof RelayEvent.Notice n) {
            return n.link();
        }
        if (event instanceof RelayEvent.InjectWait w) {
            return w.link();
        }
        if (event instanceof RelayEvent.Closed c) {
            return c.link();
        }
        return 0;
    }

    /** The line for {@code event}, or null when it makes none (a frame still held). */
    private static RecordFormat.Line line(Recorder r, RelayEvent event) {
        long ns = r.since(event.nanos());
        if (event instanceof RelayEvent.Frame f) {
            switch (f.fate()) {
                case HELD:
                    return null;
                case DROPPED_BY_RULE:
                    return note(f.seq(), ns, "a rule dropped a frame " + f.direction().words() + ": "
                            + Escapes.escape(f.payload()));
                default:
                    return frame(f.seq(), ns, f.direction(), f.payload());
            }
        }
        if (event instanceof RelayEvent.Released rel) {
            if (rel.payload() == null || rel.outcome() == RelayEvent.Outcome.DROPPED) {
                return note(rel.seq(), ns, "held frame " + rel.id() + " was dropped " + rel.direction().words()
                        + ".");
            }
            return frame(rel.seq(), ns, rel.direction(), rel.payload());
        }
        if (event instanceof RelayEvent.Broken b) {
            return note(b.seq(), ns, b.bytes().length() + " bytes " + b.direction().words()
                    + " were no frame and passed on as they came: " + b.why());
        }
        if (event instanceof RelayEvent.Notice n) {
            return note(n.seq(), ns, n.sentence());
        }
        if (event instanceof RelayEvent.InjectWait w) {
            return note(w.seq(), ns, w.sentence());
        }
        RelayEvent.Closed c = (RelayEvent.Closed) event;
        return RecordFormat.Line.words(c.seq(), ns, c.failed() ? RecordFormat.Dir.ERROR : RecordFormat.Dir.EVENT,
                c.sentence());
    }

    private static RecordFormat.Line frame(long seq, long ns, Direction direction, Bytes payload) {
        return RecordFormat.Line.frame(seq, ns, direction == Direction.UP ? RecordFormat.Dir.OUT
                : RecordFormat.Dir.IN, payload);
    }

    private static RecordFormat.Line note(long seq, long ns, String text) {
        return RecordFormat.Line.words(seq, ns, RecordFormat.Dir.NOTE, text);
    }
}
