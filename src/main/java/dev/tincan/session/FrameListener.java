package dev.tincan.session;

import dev.tincan.client.ClientReply;
import dev.tincan.codec.Bytes;

/**
 * Hears every frame a {@link Session} sends and receives, in the engine's order, on the
 * thread that drains the session: a sequence waiting for its reply, a file send counting its
 * frames out, the last frame received for a placeholder. Each method must return quickly;
 * the default does nothing, so a listener overrides only what it needs.
 */
public interface FrameListener {
    /** A frame went out: its payload (without framing) and when, from {@link System#nanoTime()}. */
    default void sent(Bytes payload, long nanos) {
    }

    /** A frame came in: its payload (without framing) and when, from {@link System#nanoTime()}. */
    default void received(Bytes frame, long nanos) {
    }

    /**
     * A frame that came in at {@code nanos} answers a send made {@code rttNanos} earlier, by the
     * session's pairing rule. Told just before {@link #received} for the same frame.
     */
    default void roundTrip(long rttNanos, long nanos) {
    }

    /** The connection closed, by either side or by a failure; nothing more comes on it. */
    default void closed() {
    }

    /**
     * The connection closed, with the engine's account of it: who closed it and why. The
     * session's status already says so. The default calls {@link #closed()}.
     */
    default void closed(ClientReply.Closed closed) {
        closed();
    }

    /**
     * The engine reported a failure that is not a close: a command it could not carry out
     * (its {@code command()} says which; {@code null} for one of its own, such as a frame
     * skipped for being too long), with its cause and sentence. The session has made it an
     * error row already.
     */
    default void failed(ClientReply.Error error) {
    }
}
