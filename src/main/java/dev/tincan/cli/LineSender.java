package dev.tincan.cli;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Placeholders;
import dev.tincan.session.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typing side of {@code connect}: reads standard input line by line (UTF-8) and sends
 * each line as one frame, its placeholders filled in as it is sent (field placeholders from
 * the last frame the {@link ReplyPrinter} saw); in pull mode an empty line asks for one frame instead. A line that
 * cannot be sent (a bad escape, bad hex, a delimiter inside the message) is reported on
 * stderr and skipped; the connection goes on. A full command queue makes it wait, so a fast
 * input goes at the connection's pace; once the connection has ended it sends nothing more.
 * Runs on its own thread; {@link #stop()} and {@link #failed()} may be called from another.
 */
final class LineSender implements Runnable {
    /** How long one wait for room in the command queue lasts before the connection is looked at again. */
    private static final long ROOM_WAIT_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(LineSender.class);

    private final InputStream in;
    private final Session session;
    private final Framing framing;
    private final boolean hex;
    private final boolean pull;
    private final PrintWriter err;
    private final Runnable inputEnded;
    private final Placeholders.Context context;
    private volatile boolean stopped;
    private volatile boolean failed;

    /** @param pull whether an empty line asks for one frame rather than sending an empty one */
    LineSender(InputStream in, Session session, Framing framing, boolean hex, boolean pull, PrintWriter err,
            Placeholders.Context context, Runnable inputEnded) {
        this.in = in;
        this.session = session;
        this.framing = framing;
        this.hex = hex;
        this.pull = pull;
        this.err = err;
        this.inputEnded = inputEnded;
        this.context = context;
    }

    /** Sends nothing more, even if more lines arrive. */
    void stop() {
        stopped = true;
    }

    /** Whether a line could not be sent or the input could not be read. */
    boolean failed() {
        return failed;
    }

    @Override
    public void run() {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null && !stopped; line = reader.readLine()) {
                lineNumber++;
                if (pull && line.isEmpty()) {
                    if (!handedOver(null)) {
                        break;
                    }
                    continue;
                }
                Bytes payload;
                try {
                    payload = Payloads.parse(line, hex, framing, context);
                } catch (IllegalArgumentException e) {
                    report("line " + lineNumber + " was not sent: " + e.getMessage());
                    continue;
                }
                if (!handedOver(payload)) {
                    break;
                }
            }
        } catch (IOException e) {
            if (!stopped) {
                report("reading standard input failed: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inputEnded.run();
        }
    }

    /**
     * Hands {@code payload} to the session, or asks for one frame when it is null, waiting
     * while the command queue is full. Returns false once the connection has ended.
     */
    private boolean handedOver(Bytes payload) throws InterruptedException {
        while (!stopped) {
            String why = payload == null ? session.receiveOne(ROOM_WAIT_MILLIS)
                    : session.put(payload, ROOM_WAIT_MILLIS);
            if (why == null) {
                return true;
            }
            if (!session.status().isConnected()) {
                LOG.info("input not sent after the connection ended: {}", why);
                return false;
            }
        }
        return false;
    }

    private void report(String sentence) {
        failed = true;
        err.println("error: " + Escapes.oneLine(sentence));
        err.flush();
    }
}
