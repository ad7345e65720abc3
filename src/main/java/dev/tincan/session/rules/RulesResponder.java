package dev.tincan.session.rules;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.server.Responder;
import dev.tincan.session.record.RecordFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The companion server answering by rules, a fake device without code: each client gets
 * its own {@link RuleEngine} over the same rules (its own counts, loop guard, delayed
 * replies and snapshots), and frames no rule answers get no answer. What would be a note
 * or a mark in a transcript becomes a line for {@code notes}, prefixed with the client.
 * Frames are numbered per client from 1 in the order the server saw them, both directions.
 * Thread-safe.
 */
public final class RulesResponder implements Responder {
    private final List<Rule> rules;
    private final Framing framing;
    private final int maxFrame;
    private final Path snapshotFolder;
    private final Consumer<String> notes;

    /**
     * @param rules the rules every client is answered by
     * @param framing and {@code maxFrame}: the server's, for snapshot headers
     * @param snapshotFolder where snapshots with a relative name go
     * @param notes takes each note as one line; called from the server's threads
     * @throws IllegalArgumentException with one sentence when the rules cannot run together
     */
    public RulesResponder(List<Rule> rules, Framing framing, int maxFrame, Path snapshotFolder,
            Consumer<String> notes) {
        RuleEngine.check(rules);
        this.rules = List.copyOf(rules);
        this.framing = Objects.requireNonNull(framing, "framing");
        this.maxFrame = maxFrame;
        this.snapshotFolder = Objects.requireNonNull(snapshotFolder, "snapshotFolder");
        this.notes = Objects.requireNonNull(notes, "notes");
    }

    @Override
    public Conversation open(String client, Answers answers) {
        return new ClientRules(client, answers);
    }

    /** One client's rules. */
    private final class ClientRules implements Conversation, RuleHost {
        private final String client;
        private final Answers answers;
        private final RuleEngine engine;
        private final AtomicLong seq = new AtomicLong();

        ClientRules(String client, Answers answers) {
            this.client = client;
            this.answers = answers;
            this.engine = new RuleEngine(this, snapshotFolder);
            engine.setRules(rules);
        }

        @Override
        public void received(byte[] frame) {
            engine.received(seq.incrementAndGet(), System.nanoTime(), Bytes.adopt(frame));
        }

        @Override
        public void closed() {
            engine.close();
        }

        @Override
        public String send(Bytes payload) {
            long n = seq.incrementAndGet();
            long nanos = System.nanoTime();
            String why = answers.send(payload.toByteArray());
            if (why == null) {
                engine.sent(n, nanos, payload);
            }
            return why;
        }

        @Override
        public void annotate(long frameSeq, boolean mark, String note) {
            if (mark) {
                notes.accept("client " + client + ": frame " + frameSeq + " marked.");
            }
            if (note != null) {
                notes.accept("client " + client + ": " + note);
            }
        }

        @Override
        public void note(String note) {
            notes.accept("client " + client + ": " + note);
        }

        @Override
        public int stopRepeats() {
            return 0;
        }

        @Override
        public RecordFormat.Header header(Instant started) {
            int colon = client.lastIndexOf(':');
            String host = colon > 0 ? client.substring(0, colon) : client;
            int port = colon > 0 ? Integer.parseInt(client.substring(colon + 1)) : 0;
            return new RecordFormat.Header(started, host, port, framing.spec(), maxFrame);
        }
    }
}
