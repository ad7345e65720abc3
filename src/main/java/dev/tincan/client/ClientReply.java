package dev.tincan.client;

import dev.tincan.codec.Bytes;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A reply from a {@link SocketClientThread}, taken from its reply queue. Outcomes of
 * commands point back to their command; frames and closes that the peer causes arrive on
 * their own.
 *
 * <p>Order is decided where the events happen, not repaired by whoever reads them. Every
 * reply carries {@link #seq()}, its place among all replies of its client thread (1, 2, 3,
 * ... with no gaps), and {@link #nanos()}, a {@link System#nanoTime()} reading. Both are
 * taken in the same step that puts the reply on the queue, so the queue's order, the
 * {@code seq} order and the {@code nanos} order are one and the same: a reply never
 * arrives before a reply that happened earlier, and the time between any two replies is
 * never negative. A {@link Sent} is posted before the frame's first byte is written, so
 * the reply to a frame always comes after the frame's {@code Sent}.
 */
public sealed interface ClientReply {

    /** This reply's place among all replies of its client thread, from 1, without gaps. */
    long seq();

    /** When the event happened, from {@link System#nanoTime()}; never earlier than the reply before. */
    long nanos();

    /**
     * The connection is open: {@code command} is the {@code Connect} that opened it or the
     * {@code Adopt} that handed it over; {@code tls} is what the TLS handshake settled, or null
     * for plain TCP.
     */
    record Connected(ClientCommand.Opening command, InetSocketAddress remote, InetSocketAddress local,
            TlsSession tls, long seq, long nanos) implements ClientReply {
        /** A plain TCP connection. */
        public Connected(ClientCommand.Opening command, InetSocketAddress remote, InetSocketAddress local, long seq,
                long nanos) {
            this(command, remote, local, null, seq, nanos);
        }
    }

    /**
     * A payload was committed to the connection as one frame of {@code wireBytes} bytes
     * (header and delimiter included), and {@code nanos} is taken before its first byte is
     * written. If the write then fails, the connection ends and the {@link Closed} that
     * follows says why, with a {@link Failure} cause.
     */
    record Sent(ClientCommand.Send command, int wireBytes, long seq, long nanos) implements ClientReply {
    }

    /**
     * A frame arrived. {@code command} is the {@link ClientCommand.Receive} it answers in pull
     * mode, or {@code null} for a frame that arrived on its own in push mode. {@code source}
     * is the address the datagram came from over UDP, or {@code null} over TCP, where every
     * frame comes from the connection's remote address.
     */
    record Received(ClientCommand.Receive command, Bytes frame, InetSocketAddress source, long seq, long nanos)
            implements ClientReply {
        /** Rejects a null frame. */
        public Received {
            Objects.requireNonNull(frame, "frame");
        }

        /** A frame read from a TCP connection, without a source of its own. */
        public Received(ClientCommand.Receive command, Bytes frame, long seq, long nanos) {
            this(command, frame, null, seq, nanos);
        }
    }

    /** Who ended a connection. */
    enum By {
        /** A {@code Close} or {@code Shutdown} command. */
        CLIENT,
        /** The peer closed the connection cleanly. */
        SERVER,
        /** A failure: reset, broken framing, a frame too long, a stalled write. */
        ERROR
    }

    /**
     * The connection ended. {@code command} is the {@code Close} or {@code Shutdown} that
     * ended it, or {@code null} when the peer or a failure did; {@code cause} says which
     * failure when {@code by} is {@link By#ERROR} and is {@code null} otherwise;
     * {@code reason} is one sentence, e.g. "closed by the server.".
     */
    record Closed(ClientCommand command, By by, Failure cause, String reason, long seq, long nanos)
            implements ClientReply {
        /** Checks that a cause is given exactly when a failure ended the connection. */
        public Closed {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(reason, "reason");
            if ((by == By.ERROR) != (cause != null)) {
                throw new IllegalArgumentException("cause : " + cause + " (expected: a cause exactly when by is "
                        + "ERROR, by is " + by + ")");
            }
        }
    }

    /**
     * Something failed. {@code command} is the command that failed, and this is its one
     * outcome; or {@code null} for the failures nobody asked for that do not end the
     * connection by themselves: a frame too long that was skipped
     * ({@link ConnectOptions#skipTooLong()}; cause {@link Failure#FRAME_TOO_LONG}), a peer
     * silent for the idle timeout ({@link ConnectOptions#idleTimeout()}; cause
     * {@link Failure#IDLE}), over UDP a datagram too long that was skipped
     * ({@link Failure#FRAME_TOO_LONG}) or a port unreachable answer ({@link Failure#UNREACHABLE}),
     * and a failure inside the client thread ({@link Failure#INTERNAL}), after which it stops.
     * Other failures nobody asked for (a reset, a frame too long without skipping) end the
     * connection and arrive as {@link Closed}. {@code cause} is the failure as a type;
     * {@code message} one sentence for a person, e.g. "connect to 127.0.0.1:50007 failed:
     * connection refused (is a server listening on port 50007?).".
     */
    record Error(ClientCommand command, Failure cause, String message, long seq, long nanos)
            implements ClientReply {
        /** Rejects a null cause or message. */
        public Error {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The thread has ended after a {@code Shutdown}; nothing follows this reply. */
    record Stopped(ClientCommand.Shutdown command, long seq, long nanos) implements ClientReply {
    }
}
