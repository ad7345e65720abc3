package dev.tincan.server;

import java.net.InetSocketAddress;

/**
 * Told each time the {@link CompanionServer} drops a client for a reason of its own: a frame
 * too long or a broken framing, a connection reset, a chat client too slow, the server full.
 * A client that closes, or a server that stops, is no drop. Called on the server's threads,
 * once per dropped client; it must return quickly and not throw.
 */
@FunctionalInterface
public interface DropListener {
    /** A listener that does nothing. */
    DropListener NONE = (client, why) -> { };

    /**
     * {@code client} was dropped.
     *
     * @param why one sentence, e.g. {@code frame too long: 300 bytes without a line delimiter, ...}
     */
    void dropped(InetSocketAddress client, String why);
}
