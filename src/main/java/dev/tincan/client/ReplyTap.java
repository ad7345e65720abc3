package dev.tincan.client;

/**
 * Sees every reply of a {@link SocketClientThread} the moment it is made: on the engine
 * thread that made it (the reader for frames, the client thread for the rest), in
 * {@link ClientReply#seq()} order, before it is put on the reply queue. This is where
 * whatever must see every frame hooks in (a recorder, rules that answer back, counters),
 * so it keeps up however slowly the queue is drained and works the same with or without a
 * window.
 *
 * <pre>
 *   reader / client thread ──► taps (in order) ──► reply queue ──► drainer
 * </pre>
 *
 * <p>A tap runs while the client's replies are held in order, so it must be quick, and it
 * must never wait for the client's own queues (offer to the command queue, never put): the
 * client thread may be waiting for the tap to finish. Blocking on a slow disk is allowed and
 * is the point: it holds the reader, which pushes back on the server exactly as a full reply
 * queue does, and nothing is dropped. A tap that throws is logged and removed; the
 * connection goes on.
 */
@FunctionalInterface
public interface ReplyTap {
    /** Sees {@code reply}, which nothing has seen yet but the taps before this one. */
    void tapped(ClientReply reply);
}
