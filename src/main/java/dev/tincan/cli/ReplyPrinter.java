package dev.tincan.cli;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.Failure;
import dev.tincan.codec.Escapes;
import dev.tincan.session.Pairer;
import dev.tincan.session.Pairing;
import dev.tincan.session.Placeholders;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The printing side of {@code connect}: takes every reply from the client's reply queue until
 * {@link ClientReply.Stopped}, prints each frame the moment it arrives (one line, flushed) and
 * keeps it as the last frame for placeholders,
 * reports failures on stderr as {@code error:} lines, and says when the server closed.
 * Runs on its own thread; {@link #failed()} may be read by another once it has ended.
 */
final class ReplyPrinter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyPrinter.class);

    private final ClientHandle client;
    private final FramePrinter frames;
    private final PrintWriter err;
    private final Runnable connectionEnded;
    private volatile boolean failed;
    private volatile boolean ending;
    private boolean closed;
    private final Pairer pairer;
    private final Placeholders.Context context;
    private int received;
    private int sent;
    private int unanswered;

    ReplyPrinter(ClientHandle client, FramePrinter frames, Pairing pairing, PrintWriter err,
            Placeholders.Context context, Runnable connectionEnded) {
        this.client = client;
        this.frames = frames;
        this.pairer = new Pairer(pairing);
        this.err = err;
        this.connectionEnded = connectionEnded;
        this.context = context;
    }

    /** Whether a failure was reported. */
    boolean failed() {
        return failed;
    }

    /**
     * Says that {@code connect} is ending on its own: frames still asked for (pull mode) will
     * not come, and are counted into one sentence instead of one error each.
     */
    void ending() {
        ending = true;
    }

    @Override
    public void run() {
        try {
            for (ClientReply reply = client.replies().take(); !(reply instanceof ClientReply.Stopped);
                    reply = client.replies().take()) {
                handle(reply);
            }
            if (unanswered > 0) {
                report((unanswered == 1 ? "1 frame" : unanswered + " frames")
                        + " asked for had not arrived when connect ended.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{}: printing replies failed", client.address(), e);
            report("printing replies failed unexpectedly; the details are in " + Cli.logFile() + ".");
        } finally {
            connectionEnded.run();
        }
    }

    private void handle(ClientReply reply) {
        if (reply instanceof ClientReply.Received r) {
            received++;
            context.received(r.frame());
            frames.print(received, r.frame(), pairer.received(r.frame(), r.nanos()));
        } else if (reply instanceof ClientReply.Sent s) {
            // Quiet: what was typed is on the screen already.
            pairer.sent(++sent, s.command().payload(), s.nanos());
        } else if (reply instanceof ClientReply.Error e) {
            if (e.command() == null && e.cause() == Failure.FRAME_TOO_LONG) {
                // Skipped on request: worth a line, not a failure.
                err.println("skipped: " + Escapes.oneLine(e.message()));
                err.flush();
            } else if (ending && !closed && e.command() instanceof ClientCommand.Receive) {
                unanswered++;
            } else if (closed) {
                LOG.info("{}: after the close: {}", client.address(), e.message());
            } else {
                report(e.message());
            }
        } else if (reply instanceof ClientReply.Closed c) {
            closed = true;
            if (c.by() == ClientReply.By.SERVER) {
                err.println(client.address() + " closed the connection.");
                err.flush();
            } else if (c.by() == ClientReply.By.ERROR) {
                report(c.reason());
            }
            connectionEnded.run();
        } else {
            LOG.warn("{}: unexpected reply {}", client.address(), reply);
        }
    }

    private void report(String sentence) {
        failed = true;
        err.println("error: " + Escapes.oneLine(sentence));
        err.flush();
    }
}
