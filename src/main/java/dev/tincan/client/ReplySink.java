package dev.tincan.client;

import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * Where a client's threads post replies: the caller's bounded queue, in batches when it is
 * a {@link BatchQueue}, one by one otherwise. Blocks while the queue is full, which is what
 * stops the reader and pushes back on the server. Thread-safe.
 */
final class ReplySink {
    private final BlockingQueue<ClientReply> queue;
    private final BatchQueue<ClientReply> batches;

    @SuppressWarnings("unchecked")
    ReplySink(BlockingQueue<ClientReply> queue) {
        this.queue = queue;
        this.batches = queue instanceof BatchQueue ? (BatchQueue<ClientReply>) queue : null;
    }

    void put(ClientReply reply) throws InterruptedException {
        queue.put(reply);
    }

    /** Posts every reply in order. */
    void putAll(List<? extends ClientReply> replies) throws InterruptedException {
        if (batches != null) {
            batches.putAll(replies);
        } else {
            for (ClientReply reply : replies) {
                queue.put(reply);
            }
        }
    }
}
