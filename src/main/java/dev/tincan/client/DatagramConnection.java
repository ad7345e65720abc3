package dev.tincan.client;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.HostPort;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP conversation: a {@link DatagramChannel} connected to one peer, and its reader
 * thread. Every payload goes out as one datagram and every datagram that arrives is one
 * frame; no framing is applied either way, since a datagram keeps its own boundaries.
 *
 * <pre>
 *   owner ──write──► channel       one Send = one datagram, at most 65 507 bytes (IPv4)
 *   replies ◄── tincan-reader-N ◄──read── channel   one datagram = one Received, with its source
 * </pre>
 *
 * <ul>
 * <li>Nothing is cut silently. The reader's buffer is larger than any UDP datagram can be,
 *     so every datagram is read whole; one longer than the max frame length is skipped with
 *     an {@link ClientReply.Error} ({@link Failure#FRAME_TOO_LONG}) that names its size, and
 *     reading goes on. A payload longer than a datagram can carry is refused before anything
 *     is sent ({@link Failure#DATAGRAM_TOO_LONG}).
 * <li>Connected, the channel hears only its peer, and the system reports an ICMP port
 *     unreachable from it: that is an {@link ClientReply.Error} ({@link Failure#UNREACHABLE})
 *     saying nothing is listening there, and the channel stays open, since a server may start
 *     later.
 * <li>When the reply queue is full the reader stops reading, as over TCP. UDP has no flow
 *     control, so datagrams that arrive meanwhile wait in the system's receive buffer, and
 *     the system drops what does not fit; nothing is dropped here.
 * </ul>
 *
 * <p>As with {@link Connection}, whoever ends it first, the owner or the reader, wins
 * {@link #endByOwner} and posts the one {@link ClientReply.Closed}.
 */
final class DatagramConnection {
    private static final Logger log = LoggerFactory.getLogger(DatagramConnection.class);
    /** The longest UDP payload over IPv4: 65 535 less the IP and UDP headers. */
    static final int MAX_DATAGRAM_IPV4 = 65_507;
    /** The longest UDP payload over IPv6 without jumbograms. */
    static final int MAX_DATAGRAM_IPV6 = 65_527;
    /** Larger than any UDP payload, so a read never cuts a datagram. */
    private static final int RECEIVE_BUFFER = 65_536;
    private static final long READER_JOIN_MILLIS = 2000;

    private final DatagramChannel channel;
    private final ReplySink replies;
    private final String peer;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final int maxFrameLength;
    private final int maxDatagram;
    private final boolean pull;
    private final BlockingQueue<ClientCommand.Receive> receives;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Thread reader;
    /** Reports a silent peer; null without an idle timeout. */
    private final IdleWatch idle;
    /** Datagrams skipped for being too long; reader thread only. */
    private long skipped;
    /** Pull mode: the receive the reader is serving; reader thread, then the owner after join. */
    private ClientCommand.Receive inFlight;

    /**
     * Opens a channel from {@code options}' local address (any, by default), connected to
     * {@code remote}, which must be resolved. Nothing is sent.
     *
     * @throws IOException if the channel cannot be opened, bound or connected; the channel is closed
     */
    static DatagramConnection open(InetSocketAddress remote, ConnectOptions options, ReplySink replies, String peer,
            int id) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            if (options.localAddress() != null) {
                try {
                    channel.bind(options.localAddress());
                } catch (IOException e) {
                    throw new Dialer.LocalAddressException(bindPhrase(options.localAddress(), e), e);
                }
            }
            channel.connect(remote);
            return new DatagramConnection(channel, options, replies, peer, id);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private DatagramConnection(DatagramChannel channel, ConnectOptions options, ReplySink replies, String peer,
            int id) throws IOException {
        this.channel = channel;
        this.replies = replies;
        this.peer = peer;
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.maxFrameLength = options.maxFrameLength();
        this.maxDatagram = maxDatagram(remote);
        this.pull = options.pull();
        this.receives = pull ? new ArrayBlockingQueue<>(Connection.MAX_PENDING_RECEIVES) : null;
        this.reader = new Thread(this::readLoop, "tincan-reader-" + id);
        this.reader.setDaemon(true);
        this.idle = options.reportsIdle() ? new IdleWatch(options.idleTimeout().toNanos(), "udp " + peer,
                this::reportIdle) : null;
        if (idle != null) {
            WriteWatchdog.watch(idle);
        }
    }

    private static String bindPhrase(InetSocketAddress local, IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("in use")) {
            return "the local udp port " + local.getPort() + " is in use (choose another, or leave the port out)";
        }
        if (message.contains("assign")) {
            return "the local address " + HostPort.of(local) + " is not an address of this machine";
        }
        return "cannot send from " + HostPort.of(local) + ": " + NetworkErrors.describe(e);
    }

    /** The longest payload one datagram to {@code remote} can carry. */
    static int maxDatagram(InetSocketAddress remote) {
        return remote.getAddress() instanceof Inet6Address ? MAX_DATAGRAM_IPV6 : MAX_DATAGRAM_IPV4;
    }

    void start() {
        reader.start();
    }

    /** The peer as the person named it, "host:port", for sentences. */
    String peer() {
        return peer;
    }

    InetSocketAddress remote() {
        return remote;
    }

    InetSocketAddress local() {
        return local;
    }

    boolean isEnded() {
        return ended.get();
    }

    boolean isPull() {
        return pull;
    }

    /** The longest payload one datagram to the peer can carry. */
    int maxDatagram() {
        return maxDatagram;
    }

    /** Queues a pull-mode receive; false when too many are waiting. */
    boolean requestReceive(ClientCommand.Receive receive) {
        return receives.offer(receive);
    }

    /**
     * Sends {@code payload} as one datagram. Owner thread only; the caller has checked it is
     * no longer than {@link #maxDatagram()}.
     */
    void write(Bytes payload) throws IOException {
        int n = channel.write(ByteBuffer.wrap(payload.toByteArray()));
        if (n != payload.length()) {
            // A blocking datagram channel sends all or nothing; this would be a broken promise.
            throw new IOException("only " + n + " of " + payload.length() + " bytes went out as a datagram");
        }
    }

    /** Whether {@code e} is the system saying a datagram is too long for the path (EMSGSIZE). */
    static boolean tooLong(IOException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("message too long");
    }

    /** The sentence for an ICMP port unreachable from the peer, without its period. */
    String unreachable() {
        return "nothing is listening on udp " + HostPort.of(remote) + " (the host answered port unreachable)";
    }

    /**
     * Ends it from the owner's side: closes the channel, stops the reader and waits for it,
     * bounded. Returns false if the reader had ended it first.
     */
    boolean endByOwner() {
        boolean won = ended.compareAndSet(false, true);
        closeChannel();
        if (won) {
            // It may be waiting for room in the reply queue rather than in a read.
            reader.interrupt();
        }
        awaitReader();
        return won;
    }

    /** Waits for the reader to finish, bounded; it is ending or has ended. */
    void awaitReader() {
        if (Thread.currentThread() == reader) {
            return;
        }
        try {
            reader.join(READER_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            log.warn("{} did not stop within {} ms of its udp channel to {} closing", reader.getName(),
                    READER_JOIN_MILLIS, peer);
        }
    }

    /** Pull-mode receives still unanswered: the one being served, then those queued. */
    List<ClientCommand.Receive> drainReceives() {
        List<ClientCommand.Receive> left = new ArrayList<>();
        if (inFlight != null) {
            left.add(inFlight);
            inFlight = null;
        }
        if (receives != null) {
            receives.drainTo(left);
        }
        return left;
    }

    private boolean reportIdle(String sentence) {
        if (ended.get()) {
            return true;
        }
        try {
            return replies.offer((seq, nanos) -> new ClientReply.Error(null, Failure.IDLE, sentence, seq, nanos), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void closeChannel() {
        if (idle != null) {
            WriteWatchdog.unwatch(idle);
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing the udp channel to {} failed", peer, e);
        }
    }

    private void readLoop() {
        try {
            ByteBuffer buf = ByteBuffer.allocate(RECEIVE_BUFFER);
            while (true) {
                if (pull) {
                    inFlight = receives.take();
                }
                byte[] frame = null;
                while (frame == null) {
                    frame = read(buf);
                    if (ended.get()) {
                        return;
                    }
                }
                ClientCommand.Receive receive = inFlight;
                byte[] got = frame;
                replies.post((seq, nanos) -> new ClientReply.Received(receive, Bytes.adopt(got), remote, seq, nanos));
                inFlight = null;
            }
        } catch (InterruptedException e) {
            // The owner is ending the conversation; it posts the reply.
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.error("the reader of the udp channel to {} failed", peer, e);
            try {
                endByReader(Failure.INTERNAL, "the udp channel to " + peer + " failed unexpectedly: " + e
                        + " (see the log).");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Reads one datagram: its bytes, or null when it was reported instead (too long, port
     * unreachable) or the channel ended.
     */
    private byte[] read(ByteBuffer buf) throws InterruptedException {
        buf.clear();
        int n;
        try {
            if (idle != null) {
                idle.reading();
            }
            n = channel.read(buf);
        } catch (PortUnreachableException e) {
            String sentence = unreachable() + ".";
            log.info("{}", sentence);
            replies.post((seq, nanos) -> new ClientReply.Error(null, Failure.UNREACHABLE, sentence, seq, nanos));
            return null;
        } catch (ClosedChannelException e) {
            if (!ended.get()) {
                // Only the owner closes the channel, and says so; anything else is a surprise.
                log.warn("the udp channel to {} was closed under its reader", peer, e);
                endByReader(Failure.IO, "the udp channel to " + peer + " was closed.");
            }
            return null;
        } catch (IOException e) {
            if (!ended.get()) {
                log.info("reading from udp {} failed: {}", peer, e.toString());
                endByReader(NetworkErrors.causeOf(e), "the udp channel to " + peer + " failed: "
                        + NetworkErrors.describe(e) + ".");
            }
            return null;
        } finally {
            if (idle != null) {
                idle.read();
            }
        }
        if (n > maxFrameLength) {
            reportSkipped(n);
            return null;
        }
        return Arrays.copyOf(buf.array(), n);
    }

    private void reportSkipped(int n) throws InterruptedException {
        skipped++;
        String sentence = "a datagram of " + n + " bytes from " + HostPort.of(remote)
                + " is longer than the max frame length of " + maxFrameLength + " bytes. It was skipped (" + skipped
                + (skipped == 1 ? " datagram" : " datagrams") + " skipped so far); raise the max frame length to "
                + "read such datagrams.";
        log.info("{}", sentence);
        replies.post((seq, nanos) -> new ClientReply.Error(null, Failure.FRAME_TOO_LONG, sentence, seq, nanos));
    }

    /** Ends it from the reader's side, by a failure. */
    private void endByReader(Failure cause, String reason) throws InterruptedException {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        closeChannel();
        for (ClientCommand.Receive receive : drainReceives()) {
            replies.post((seq, nanos) -> new ClientReply.Error(receive, cause, "receive failed: " + reason, seq,
                    nanos));
        }
        replies.post((seq, nanos) -> new ClientReply.Closed(null, ClientReply.By.ERROR, cause, reason, seq, nanos));
    }
}
