package dev.tincan.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients of a server in {@link Mode#CHAT} mode: what one sends goes to all the others.
 * Thread-safe.
 */
final class ChatRoom {
    private final Set<ClientConnection> members = ConcurrentHashMap.newKeySet();

    void join(ClientConnection client) {
        members.add(client);
    }

    void leave(ClientConnection client) {
        members.remove(client);
    }

    /**
     * Hands {@code chunk} (encoded frames, never changed afterwards) to every member but
     * {@code sender}. A member with no room for it in time is disconnected.
     */
    void broadcast(ClientConnection sender, byte[] chunk) throws InterruptedException {
        for (ClientConnection member : members) {
            if (member != sender) {
                member.deliver(chunk);
            }
        }
    }
}
