package dev.tincan.cli;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.Failure;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.session.FrameListener;
import dev.tincan.session.Pairer;
import dev.tincan.session.Placeholders;
import dev.tincan.session.Session;
import dev.tincan.session.TranscriptRow;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The printing side of {@code connect}: drains the {@link Session} on the command's own
 * thread and prints each frame the moment it arrives (one line, flushed), with the pair the
 * session's rule made; keeps the last frame for placeholders; reports failures on stderr as
 * {@code error:} lines, and says when the server closed. The rows, the pairing and the
 * status are the session's, as in the window; this class only words them for a terminal.
 * Not thread-safe: the draining thread calls everything but {@link #failed()}.
 */
final class ReplyPrinter implements FrameListener {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyPrinter.class);
    /** Replies taken from the session per drain. */
    private static final int TAKE = 256;

    private final Session session;
    private final String address;
    private final FramePrinter frames;
    private final PrintWriter err;
    private final Placeholders.Context context;
    /**
     * The message number (from 1) of each send the pairing rule may still pair, by the row the
     * session gave it; the eldest go first, as the pairer forgets its eldest.
     */
    private final Map<Long, Long> messageByRow = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > Pairer.MAX_WAITING;
        }
    };
    private volatile boolean failed;
    private boolean ending;
    private boolean closed;
    private int received;
    private long sent;
    private int unanswered;
    /** The sentence of a failed connect, as the engine gave it. */
    private String connectFailure;
    /** Over UDP, the peer every datagram comes from, shown before each; null over TCP. */
    private java.net.InetSocketAddress datagramSource;

    ReplyPrinter(Session session, String address, FramePrinter frames, PrintWriter err,
            Placeholders.Context context) {
        this.session = session;
        this.address = address;
        this.frames = frames;
        this.err = err;
        this.context = context;
    }

    /** Whether a failure was reported. Any thread. */
    boolean failed() {
        return failed;
    }

    /** Whether the connection has closed, by either side. */
    boolean connectionClosed() {
        return closed;
    }

    /** The connection opened again after it closed (a reconnect). Draining thread only. */
    void reopened() {
        closed = false;
    }

    /** Over UDP: prints each frame as a datagram from {@code source}. Draining thread only. */
    void datagramsFrom(java.net.InetSocketAddress source) {
        datagramSource = source;
    }

    /** The session whose replies this prints. */
    Session session() {
        return session;
    }

    /** The engine's sentence for a failed connect, or {@code null}. */
    String connectFailure() {
        return connectFailure;
    }

    /**
     * Says that {@code connect} is ending on its own: frames still asked for (pull mode) will
     * not come, and are counted into one sentence instead of one error each.
     */
    void ending() {
        ending = true;
    }

    /**
     * Takes what the session has, waiting up to {@code timeoutMillis} when nothing is there,
     * and prints it. Returns how many replies were taken.
     */
    int drain(long timeoutMillis) throws InterruptedException {
        int n = session.take(TAKE, timeoutMillis);
        if (n > 0 || session.hasChanges()) {
            Session.Changes changes = session.changes();
            print(changes.rows(), changes.firstSeq());
        }
        return n;
    }

    /** Once the session has stopped: the frames asked for that never came, in one sentence. */
    void finish() {
        if (unanswered > 0) {
            report((unanswered == 1 ? "1 frame" : unanswered + " frames")
                    + " asked for had not arrived when connect ended.");
        }
    }

    private void print(List<TranscriptRow> rows, long firstSeq) {
        long seq = firstSeq;
        for (TranscriptRow row : rows) {
            if (row.kind() == TranscriptRow.Kind.SENT) {
                // Quiet: what was typed is on the screen already.
                messageByRow.put(seq, ++sent);
            } else if (row.kind() == TranscriptRow.Kind.RECEIVED) {
                received++;
                Long message = row.pair() == 0 ? null : messageByRow.remove(row.pair());
                frames.print(received, row.payload(), message == null ? null : new Pairer.Pair(message, row.rttNanos()),
                        datagramSource);
            } else if (row.kind() == TranscriptRow.Kind.NOTE) {
                // A rule's note: a sentence, as the other events on stderr are.
                err.println(Escapes.oneLine(row.message()));
                err.flush();
            }
            seq++;
        }
    }

    @Override
    public void received(Bytes frame, long nanos) {
        context.received(frame);
    }

    @Override
    public void failed(ClientReply.Error e) {
        if (e.command() instanceof ClientCommand.Connect) {
            connectFailure = e.message();
            if (closed || (session.reconnectPolicy() != null && e.cause().retryable())) {
                // A reconnect attempt failed, or the first connect will be tried again: the wait follows.
                err.println(Escapes.oneLine(e.message()));
                err.flush();
            }
        } else if (e.command() == null && e.cause() == Failure.IDLE) {
            // The connection stays open: worth a line, not a failure.
            err.println(Escapes.oneLine(e.message()));
            err.flush();
        } else if (e.command() == null && e.cause() == Failure.FRAME_TOO_LONG) {
            // Skipped on request: worth a line, not a failure.
            err.println("skipped: " + Escapes.oneLine(e.message()));
            err.flush();
        } else if (ending && !closed && e.command() instanceof ClientCommand.Receive) {
            unanswered++;
        } else if (closed) {
            LOG.info("{}: after the close: {}", address, e.message());
        } else {
            report(e.message());
        }
    }

    @Override
    public void closed(ClientReply.Closed c) {
        closed = true;
        if (c.by() == ClientReply.By.SERVER) {
            err.println(address + " closed the connection.");
            err.flush();
        } else if (c.by() == ClientReply.By.ERROR) {
            report(c.reason());
        }
    }

    /** Reports {@code sentence} on stderr as an {@code error:} line and marks the run failed. */
    void report(String sentence) {
        failed = true;
        err.println("error: " + Escapes.oneLine(sentence));
        err.flush();
    }
}
