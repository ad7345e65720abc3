package dev.tincan.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that reads one direction of every link of a relay in pass-through: a
 * selector wakes it for whichever sockets have bytes, and it decodes and passes each chunk
 * on in turn, straight from one read buffer. A relay with a hundred busy links thus costs a
 * thread per direction and a wake-up per round of chunks, instead of two blocked threads per
 * link and a wake-up per chunk.
 *
 * <p>A direction that is held or has rules is handed to a thread of its own before its next
 * read ({@link Link}), since deciding each frame may wait for room in the hold; so may a
 * direction whose writes queue past {@link Outbound#STREAM_LIMIT}, which this loop stops
 * reading until the queue drains, so TCP pushes back on that side alone. A link with a side
 * that speaks TLS never joins the loop: its handshakes run before, on the client's connect
 * thread, and its readers have threads of their own, since a TLS read may wait for the rest
 * of a record where no selector sees it. The loop itself
 * waits only where every link waits anyway: for room in the relay's event queue.
 */
final class ReadLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ReadLoop.class);

    /** What the loop reads for: one direction of one link. */
    interface Side {
        /** The channel to read. */
        SocketChannel channel();

        /**
         * The channel is readable: reads once into {@code buffer} and passes the chunk on, on
         * the loop's thread. Returns false when the loop is to stop reading it: it ended,
         * failed or was handed to a thread of its own (the key is then cancelled), or it waits
         * for its writes to drain (it set the key's interest to none, and {@link #resume} follows).
         */
        boolean readable(ByteBuffer buffer, SelectionKey key) throws InterruptedException;
    }

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean closing;

    ReadLoop() throws IOException {
        this.selector = Selector.open();
    }

    /** Starts reading {@code side}; any thread. */
    void add(Side side) {
        run(() -> {
            try {
                side.channel().register(selector, SelectionKey.OP_READ, side);
            } catch (ClosedChannelException e) {
                // The link closed before its first read: its end was said already.
            }
        });
    }

    /** Reads {@code key}'s side again after {@link Side#readable} paused it; any thread. */
    void resume(SelectionKey key) {
        run(() -> {
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        });
    }

    /** Wakes the loop so a closed link's socket is let go at once; any thread. */
    void wakeup() {
        selector.wakeup();
    }

    /** Stops the loop; its thread closes the selector on its way out. */
    void close() {
        closing = true;
        selector.wakeup();
    }

    /** Lets the selector go when the loop never ran. */
    void discard() {
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("closing the relay's selector", e);
        }
    }

    private void run(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    @Override
    public void run() {
        ByteBuffer buffer = ByteBuffer.allocate(Link.BUFFER);
        try {
            while (!closing && !Thread.currentThread().isInterrupted()) {
                selector.select();
                for (Runnable task; (task = tasks.poll()) != null;) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    try {
                        if (!((Side) key.attachment()).readable(buffer, key) && key.isValid()
                                && key.interestOps() != 0) {
                            key.cancel();
                        }
                    } catch (CancelledKeyException e) {
                        // The link closed while its chunk was passed on.
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.warn("the relay's read loop failed", e);
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                log.debug("closing the relay's selector", e);
            }
        }
    }
}
