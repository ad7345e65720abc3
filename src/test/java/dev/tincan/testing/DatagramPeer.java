package dev.tincan.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A UDP peer on 127.0.0.1 for tests: a real {@link DatagramChannel} bound to an ephemeral
 * port. Receive with a timeout that fails loudly, send to any address, or {@link #echo}
 * every datagram back to its sender from a thread of its own, swallowing those a predicate
 * picks (a datagram lost on the way). Failures in the echo thread are rethrown by
 * {@link #close()}.
 */
public final class DatagramPeer implements AutoCloseable {
    /** One datagram and where it came from. */
    public record Datagram(InetSocketAddress source, byte[] bytes) {
        /** The bytes as UTF-8. */
        public String utf8() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final DatagramChannel channel;
    private final Selector selector;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<String> swallowed = new CopyOnWriteArrayList<>();
    private Thread echo;

    private DatagramPeer() throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    /** A peer bound to 127.0.0.1 on a free port. */
    public static DatagramPeer open() throws IOException {
        return new DatagramPeer();
    }

    /** A peer that echoes every datagram to its sender, except those {@code swallow} picks. */
    public static DatagramPeer echo(Predicate<String> swallow) throws IOException {
        DatagramPeer peer = new DatagramPeer();
        peer.echo = new Thread(() -> peer.echoLoop(swallow), "test-udp-echo");
        peer.echo.setDaemon(true);
        peer.echo.start();
        return peer;
    }

    /** The port bound. */
    public int port() {
        return address().getPort();
    }

    /** The address bound, 127.0.0.1 and its port. */
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The datagrams an echoing peer swallowed, as UTF-8. */
    public List<String> swallowed() {
        return swallowed;
    }

    /** The next datagram, failing after {@link ReplyRecorder#TIMEOUT_MILLIS}. Not for an echoing peer. */
    public Datagram receive() throws IOException {
        Datagram d = receive(ReplyRecorder.TIMEOUT_MILLIS);
        if (d == null) {
            fail("no datagram within " + ReplyRecorder.TIMEOUT_MILLIS + " ms");
        }
        return d;
    }

    private Datagram receive(long millis) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(65_536);
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            SocketAddress from = channel.receive(buf);
            if (from != null) {
                return new Datagram((InetSocketAddress) from, Arrays.copyOf(buf.array(), buf.position()));
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0 || !channel.isOpen()) {
                return null;
            }
            selector.select(left);
            selector.selectedKeys().clear();
        }
    }

    /** Sends {@code bytes} as one datagram to {@code to}. */
    public void send(InetSocketAddress to, byte[] bytes) throws IOException {
        int n = channel.send(ByteBuffer.wrap(bytes), to);
        if (n != bytes.length) {
            fail("the datagram of " + bytes.length + " bytes did not go out");
        }
    }

    /** Sends {@code text} as UTF-8 in one datagram to {@code to}. */
    public void send(InetSocketAddress to, String text) throws IOException {
        send(to, text.getBytes(StandardCharsets.UTF_8));
    }

    private void echoLoop(Predicate<String> swallow) {
        try {
            while (channel.isOpen()) {
                Datagram d = receive(100);
                if (d == null) {
                    continue;
                }
                if (swallow.test(d.utf8())) {
                    swallowed.add(d.utf8());
                } else {
                    send(d.source(), d.bytes());
                }
            }
        } catch (java.nio.channels.ClosedChannelException | java.nio.channels.ClosedSelectorException e) {
            // Closed: the end.
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        selector.close();
        if (echo != null) {
            Threads.awaitEnded(echo);
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("the udp peer failed", failures.get(0));
        }
    }
}
