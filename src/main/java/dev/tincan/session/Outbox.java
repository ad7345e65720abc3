package dev.tincan.session;

import dev.tincan.codec.Bytes;

/**
 * Where repeats, sequences and file sends put their frames: a session's connection. The
 * frame goes to the engine's bounded command queue; nothing here touches a socket.
 */
public interface Outbox {
    /**
     * Offers one frame without blocking. Returns {@code null} when it is on its way, or one
     * sentence saying why not (not connected, the queue is full).
     */
    String offer(Bytes payload);

    /**
     * Offers one frame, waiting up to {@code timeoutMillis} for room in the queue: this is
     * how a long send lets TCP push back. Returns {@code null} when it is on its way, or one
     * sentence saying why not.
     */
    String put(Bytes payload, long timeoutMillis) throws InterruptedException;
}
