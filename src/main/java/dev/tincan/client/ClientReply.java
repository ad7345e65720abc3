package dev.tincan.client;

import dev.tincan.codec.Bytes;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A reply from a {@link SocketClientThread}, taken from its reply queue. Outcomes of
 * commands point back to their command; frames and closes that the peer causes arrive on
 * their own. Every reply carries {@link #nanos()}, a {@link System#nanoTime()} reading
 * taken when the event happened, so round-trip times can be computed from replies alone.
 */
public sealed interface ClientReply {

    /** When the event happened, from {@link System#nanoTime()}. */
    long nanos();

    /** The connection is open. */
    record Connected(ClientCommand.Connect command, InetSocketAddress remote, InetSocketAddress local, long nanos)
            implements ClientReply {
    }

    /**
     * A payload was written as one frame of {@code wireBytes} bytes (header and delimiter
     * included); {@code nanos} is when the write began. Reading and writing run on separate
     * threads, so the reply to a frame can be posted before its {@code Sent}; its
     * {@code nanos} is never earlier, so round-trip times are never negative.
     */
    record Sent(ClientCommand.Send command, int wireBytes, long nanos) implements ClientReply {
    }

    /**
     * A frame arrived. {@code command} is the {@link ClientCommand.Receive} it answers in pull
     * mode, or {@code null} for a frame that arrived on its own in push mode.
     */
    record Received(ClientCommand.Receive command, Bytes frame, long nanos) implements ClientReply {
        /** Rejects a null frame. */
        public Received {
            Objects.requireNonNull(frame, "frame");
        }
    }

    /** Who ended a connection. */
    enum By {
        /** A {@code Close} or {@code Shutdown} command. */
        CLIENT,
        /** The peer closed the connection cleanly. */
        SERVER,
        /** A failure: reset, broken framing, a frame too long. */
        ERROR
    }

    /**
     * The connection ended. {@code command} is the {@code Close} or {@code Shutdown} that
     * ended it, or {@code null} when the peer or a failure did; {@code reason} is one
     * sentence, e.g. "closed by the server".
     */
    record Closed(ClientCommand command, By by, String reason, long nanos) implements ClientReply {
        /** Rejects a null cause or reason. */
        public Closed {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Something failed. {@code command} is the command that failed, or {@code null} for a
     * failure nobody asked for (for example a frame too long, when the connection stays
     * open); {@code message} is one sentence for a person,
     * e.g. "connect to 127.0.0.1:50007 failed: connection refused".
     */
    record Error(ClientCommand command, String message, long nanos) implements ClientReply {
        /** Rejects a null message. */
        public Error {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The thread has ended after a {@code Shutdown}; nothing follows this reply. */
    record Stopped(ClientCommand.Shutdown command, long nanos) implements ClientReply {
    }
}
