package dev.tincan.server;

import dev.tincan.codec.HostPort;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The companion server's UDP side: echoes every datagram back to its sender, whole, from
 * one thread. No framing applies: a datagram is its own frame. Started beside a
 * {@link CompanionServer} in echo mode, on the same port number.
 *
 * <pre>
 * peer ──datagram──► channel ──► tincan-server-udp ──same bytes──► peer
 * </pre>
 *
 * <p>The buffer is larger than any datagram, so nothing is cut. A datagram longer than the
 * max frame length is not echoed and is counted in the log, as a TCP client with such a
 * frame is dropped. One thread holds no state per peer, so nothing grows with the peers.
 * {@link #close()} closes the channel, which ends the thread at once. Thread-safe.
 */
public final class DatagramEcho implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatagramEcho.class);
    /** Larger than any UDP payload, so a read never cuts a datagram. */
    private static final int RECEIVE_BUFFER = 65_536;
    private static final long JOIN_MILLIS = 2000;

    private final DatagramChannel channel;
    private final InetSocketAddress address;
    private final int maxFrameLength;
    private final Thread thread;
    private volatile boolean closed;

    private DatagramEcho(DatagramChannel channel, int maxFrameLength) throws IOException {
        this.channel = channel;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.maxFrameLength = maxFrameLength;
        this.thread = new Thread(this::echoLoop, "tincan-server-udp");
        thread.setDaemon(true);
    }

    /**
     * Binds {@code bind}:{@code port} for UDP and starts echoing.
     *
     * @throws IOException with one sentence when the port cannot be bound
     */
    public static DatagramEcho start(InetAddress bind, int port, int maxFrameLength) throws IOException {
        Objects.requireNonNull(bind, "bind");
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(bind, port));
        } catch (IOException e) {
            channel.close();
            throw new IOException(bindFailure(bind, port, e), e);
        }
        DatagramEcho echo = new DatagramEcho(channel, maxFrameLength);
        echo.thread.start();
        log.info("companion server echoing udp on {}", HostPort.of(echo.address));
        return echo;
    }

    /** The bound port. */
    public int port() {
        return address.getPort();
    }

    /** Stops echoing: closes the channel and waits, bounded, for the thread. Idempotent. */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing the udp channel on {} failed", address, e);
        }
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("{} did not stop within {} ms of closing", thread.getName(), JOIN_MILLIS);
        }
    }

    private void echoLoop() {
        ByteBuffer buf = ByteBuffer.allocate(RECEIVE_BUFFER);
        while (!closed) {
            try {
                buf.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(buf);
                buf.flip();
                if (buf.remaining() > maxFrameLength) {
                    log.info("a datagram of {} bytes from {} is longer than the max frame length of {} bytes; it "
                            + "was not echoed", buf.remaining(), HostPort.of(from), maxFrameLength);
                    continue;
                }
                channel.send(buf, from);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                // One peer's trouble (its port gone) must not end the echo for the others.
                log.info("echoing udp on {} failed once: {}", HostPort.of(address), e.toString());
            } catch (RuntimeException | Error e) {
                log.error("the udp echo on {} stopped after an unexpected failure", HostPort.of(address), e);
                return;
            }
        }
    }

    private static String bindFailure(InetAddress bind, int port, IOException e) {
        String where = "udp port " + port + " on " + bind.getHostAddress();
        String why = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (e instanceof BindException && why.contains("in use")) {
            return where + " is already in use: stop what holds it, pick another port with --port, or leave out "
                    + "--udp.";
        }
        return "cannot listen on " + where + ": " + e.getMessage() + ".";
    }
}
