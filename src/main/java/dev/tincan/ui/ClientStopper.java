package dev.tincan.ui;

import dev.tincan.client.ClientReply;
import dev.tincan.client.SocketClientThread;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, off the EDT, for a client thread that was asked to shut down, emptying its reply
 * queue meanwhile so that a thread blocked on a full queue can finish; if it has not ended
 * by the deadline it is closed from outside. Used once the window is gone.
 */
final class ClientStopper {
    private static final Logger log = LoggerFactory.getLogger(ClientStopper.class);

    private ClientStopper() {
    }

    /** Returns once {@code client} has ended, or after about {@code waitMillis} plus a last 500 ms. */
    static boolean stop(SocketClientThread client, BlockingQueue<ClientReply> replies, long waitMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (client.isAlive() && System.nanoTime() - deadline < 0) {
            replies.clear();
            client.join(20);
        }
        if (client.isAlive()) {
            log.warn("{} did not stop within {} ms of Shutdown; closing it", client.getName(), waitMillis);
            client.close();
            replies.clear();
            client.join(500);
        }
        return !client.isAlive();
    }
}
