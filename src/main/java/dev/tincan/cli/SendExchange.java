package dev.tincan.cli;

import dev.tincan.client.ClientReply;
import dev.tincan.client.Failure;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.session.Pairer;
import dev.tincan.session.Pairing;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The conversation of {@code send}: sends the payloads, prints replies as they arrive and
 * returns once {@code expected} replies have been printed and every payload was sent.
 * Framed, all payloads go out at once; raw, they go one at a time, each after the reply to
 * the one before (or at once when no more replies are expected), and a reply is the bytes
 * that arrive until an idle gap or until the server closes. Over UDP each datagram is one
 * reply, printed with the address it came from, and a datagram lost on the way ends the
 * wait at the timeout like any missing reply. Any failure or the timeout throws
 * {@link CommandFailedException}. Used by one thread, once.
 */
final class SendExchange {
    private final ClientHandle client;
    private final List<Bytes> payloads;
    private final int expected;
    private final Duration timeout;
    /** The idle gap that ends a raw reply, or null when frames are framed. */
    private final Duration rawIdle;
    private final int maxFrame;
    private final FramePrinter printer;
    private final Pairer pairer;
    private final PrintWriter err;

    private int sendsQueued;
    private int sendsDone;
    private int received;
    private final ByteArrayOutputStream rawReply = new ByteArrayOutputStream();
    /** The pair of the raw reply being gathered: its first chunk decides it. */
    private Pairer.Pair rawPair;
    private long rawLastNanos;
    private boolean rawPending;
    private boolean serverClosed;

    SendExchange(ClientHandle client, List<Bytes> payloads, int expected, Duration timeout, Duration rawIdle,
            int maxFrame, FramePrinter printer, Pairing pairing, PrintWriter err) {
        this.client = client;
        this.payloads = List.copyOf(payloads);
        this.expected = expected;
        this.timeout = timeout;
        this.rawIdle = rawIdle;
        this.maxFrame = maxFrame;
        this.printer = printer;
        this.pairer = new Pairer(pairing);
        this.err = err;
    }

    /** Runs the conversation to its end. */
    void run() throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        sendWhatIsDue();
        while (received < expected || sendsDone < payloads.size()) {
            long waitUntil = rawPending ? Math.min(deadline, rawLastNanos + rawIdle.toNanos()) : deadline;
            ClientReply reply = client.replies().poll(waitUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (reply != null) {
                handle(reply);
            } else if (rawPending) {
                finishRawReply();
                if (deadline - System.nanoTime() <= 0 && received < expected) {
                    throw timedOut();
                }
            } else {
                throw timedOut();
            }
        }
    }

    private void handle(ClientReply reply) throws InterruptedException {
        if (reply instanceof ClientReply.Sent s) {
            sendsDone++;
            pairer.sent(sendsDone, s.command().payload(), s.nanos());
        } else if (reply instanceof ClientReply.Received r) {
            if (rawIdle != null) {
                addRawChunk(r);
            } else if (received < expected) {
                received++;
                printer.print(received, r.frame(), pairer.received(r.frame(), r.nanos()), r.source());
            }
        } else if (reply instanceof ClientReply.Closed closed) {
            serverClosed = closed.by() == ClientReply.By.SERVER;
            if (rawPending) {
                finishRawReply();
            }
            if (serverClosed) {
                // Payloads already queued still get their outcome; nothing else can come.
                if (received < expected || sendsQueued < payloads.size()) {
                    throw new CommandFailedException(client.address() + " closed the connection " + progress());
                }
            } else {
                throw new CommandFailedException(closed.reason());
            }
        } else if (reply instanceof ClientReply.Error error && error.command() == null
                && error.cause() == Failure.FRAME_TOO_LONG) {
            // Skipped on request (--skip-too-long): worth a line, not a failure.
            err.println("skipped: " + Escapes.oneLine(error.message()));
            err.flush();
        } else if (reply instanceof ClientReply.Error error) {
            throw new CommandFailedException(error.message());
        } else {
            throw new IllegalStateException("unexpected reply " + reply);
        }
    }

    private void addRawChunk(ClientReply.Received r) {
        if (received >= expected) {
            return;
        }
        if (!rawPending) {
            rawPending = true;
            rawPair = pairer.received(r.frame(), r.nanos());
            rawReply.reset();
        }
        rawLastNanos = r.nanos();
        if ((long) rawReply.size() + r.frame().length() > maxFrame) {
            throw new CommandFailedException("reply " + (received + 1) + " from " + client.address()
                    + " is longer than the max frame length of " + SizeConverter.format(maxFrame)
                    + ": raise --max-frame, or use --idle to end replies sooner.");
        }
        rawReply.writeBytes(r.frame().toByteArray());
    }

    private void finishRawReply() throws InterruptedException {
        rawPending = false;
        received++;
        printer.print(received, Bytes.adopt(rawReply.toByteArray()), rawPair);
        sendWhatIsDue();
    }

    /** Framed: every payload. Raw: the next one once the reply to the one before is in. */
    private void sendWhatIsDue() throws InterruptedException {
        while (sendsQueued < payloads.size() && !serverClosed
                && (rawIdle == null || received >= sendsQueued || received >= expected)) {
            client.send(payloads.get(sendsQueued++));
        }
    }

    private String progress() {
        if (received < expected) {
            return received == 0 ? "before reply 1 of " + expected : "after reply " + received + " of " + expected;
        }
        return "before message " + (sendsQueued + 1) + " of " + payloads.size() + " was sent";
    }

    /** What to do when a TCP reply does not come, for every send that times out waiting for one. */
    static final String NO_REPLY = ": the server did not answer, or answered in a framing other than "
            + "--framing; check the framing, or raise --timeout if it is only slow.";

    private CommandFailedException timedOut() {
        String waitingFor = received < expected
                ? "reply " + (received + 1) + " of " + expected + " from "
                : "message " + (sendsDone + 1) + " of " + payloads.size() + " to be sent to ";
        if (client.udp() && received < expected) {
            return new CommandFailedException("timed out after " + DurationConverter.format(timeout) + " waiting for "
                    + waitingFor + "udp " + client.address() + ": a datagram or its answer may have been lost, and "
                    + "UDP does not send it again; try again, or raise --timeout.");
        }
        return new CommandFailedException("timed out after " + DurationConverter.format(timeout) + " waiting for "
                + waitingFor + client.address() + (received < expected ? NO_REPLY : ": the server is not reading "
                        + "what is sent; raise --timeout if it is only slow."));
    }
}
