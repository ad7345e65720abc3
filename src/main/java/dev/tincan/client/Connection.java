package dev.tincan.client;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.FrameDecoder;
import dev.tincan.codec.FrameException;
import dev.tincan.codec.Framing;
import dev.tincan.codec.TooLongFrameException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open connection: the socket and its reader thread. Writes happen on the owning
 * {@link SocketClientThread}; reads on the reader thread, which decodes continuously (push
 * mode) or one frame per {@link ClientCommand.Receive} (pull mode) and posts each frame the
 * moment it is complete.
 *
 * <p>Whoever ends the connection first, the owner or the reader, wins {@link #end} and
 * posts the one {@link ClientReply.Closed}; the other stays quiet.
 */
final class Connection {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final int READ_BUFFER = 64 * 1024;
    /** Pull-mode receives waiting for a frame; more than this is refused. */
    static final int MAX_PENDING_RECEIVES = 1024;
    private static final long READER_JOIN_MILLIS = 2000;

    private final Socket socket;
    /** The TCP socket under {@link #socket}; the same socket without TLS. */
    private final Socket tcp;
    /** Explains TLS failures; null without TLS. */
    private final TlsConnector tls;
    private final InputStream in;
    private final Framing framing;
    /** Reader thread only; dropped when the reader ends, so a closed connection holds no frame buffer. */
    private FrameDecoder decoder;
    private final ReplySink replies;
    private final String peer;
    private final boolean pull;
    private final boolean skipTooLong;
    /** Frames skipped for being too long; reader thread only. */
    private long skipped;
    private final BlockingQueue<ClientCommand.Receive> receives;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Thread reader;
    private final TimedWriter writer;
    /** Reports a silent peer; null without an idle timeout. */
    private final IdleWatch idle;
    /** Pull mode: the receive the reader is serving; reader thread, then the owner after join. */
    private ClientCommand.Receive inFlight;

    Connection(Socket socket, ConnectOptions options, ReplySink replies, String peer, int id)
            throws IOException {
        this(socket, socket, options, replies, peer, id, null);
    }

    /**
     * A connection that reads and writes {@code socket}, which may be TLS layered over
     * {@code tcp}; ending it closes {@code tcp}, which never waits, not even for a TLS
     * close_notify behind a stalled write. {@code tls} explains TLS failures, or is null.
     */
    Connection(Socket socket, Socket tcp, ConnectOptions options, ReplySink replies, String peer, int id,
            TlsConnector tls) throws IOException {
        this.socket = socket;
        this.tcp = tcp;
        this.tls = tls;
        this.in = socket.getInputStream();
        this.framing = options.framing();
        this.decoder = framing.newDecoder(options.maxFrameLength());
        this.replies = replies;
        this.peer = peer;
        this.pull = options.pull();
        this.skipTooLong = options.skipTooLong();
        this.receives = pull ? new ArrayBlockingQueue<>(MAX_PENDING_RECEIVES) : null;
        this.writer = new TimedWriter(socket.getOutputStream(), options.writeTimeout().toNanos(), peer,
                this::closeSocket);
        this.reader = new Thread(this::readLoop, "tincan-reader-" + id);
        this.reader.setDaemon(true);
        tcp.setKeepAlive(options.keepAlive());
        this.idle = options.reportsIdle() ? new IdleWatch(options.idleTimeout().toNanos(), peer, this::reportIdle)
                : null;
        // Watched from the start, so no write can go unbounded; closing the socket unwatches.
        WriteWatchdog.watch(writer);
        if (idle != null) {
            WriteWatchdog.watch(idle);
        }
    }

    void start() {
        reader.start();
    }

    /** The peer as the person named it, "host:port", for sentences. */
    String peer() {
        return peer;
    }

    InetSocketAddress remote() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    InetSocketAddress local() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    boolean isEnded() {
        return ended.get();
    }

    boolean isPull() {
        return pull;
    }

    /**
     * The payload framed for the wire, header and payload in one array.
     *
     * @throws IllegalArgumentException with a sentence when the framing cannot carry it
     */
    byte[] encode(Bytes payload) {
        return framing.encode(payload);
    }

    /**
     * Writes {@code len} bytes of {@code wire}, {@code frames} whole frames, with a write
     * timeout that measures progress (see {@link TimedWriter}). Owner thread only.
     */
    void write(byte[] wire, int len, int frames) throws IOException {
        writer.write(wire, len, frames);
    }

    /** Queues a pull-mode receive; false when too many are waiting. */
    boolean requestReceive(ClientCommand.Receive receive) {
        return receives.offer(receive);
    }

    /**
     * Ends the connection from the owner's side: closes the socket, stops the reader and
     * waits for it, bounded. Returns false if the reader had ended it first.
     */
    boolean endByOwner() {
        boolean won = ended.compareAndSet(false, true);
        closeSocket();
        if (won) {
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
            log.warn("{} did not stop within {} ms of its connection to {} closing", reader.getName(),
                    READER_JOIN_MILLIS, peer);
        }
    }

    /**
     * Pull-mode receives still unanswered when the connection ended, for their error
     * replies: the one the reader was serving, then those queued. Called by the reader as it
     * ends, or by the owner after the reader has ended.
     */
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

    /** Why {@code e} happened, when TLS explains it better than the exception's words; null otherwise. */
    TlsConnector.Verdict tlsVerdict(IOException e) {
        return tls == null ? null : tls.failure(e, 0);
    }

    /** Posts the idle report from the watchdog thread, without waiting on a full reply queue. */
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

    private void closeSocket() {
        WriteWatchdog.unwatch(writer);
        if (idle != null) {
            WriteWatchdog.unwatch(idle);
        }
        try {
            tcp.close();
        } catch (IOException e) {
            log.debug("closing the socket to {} failed", peer, e);
        }
    }

    private void readLoop() {
        try {
            readFrames();
        } finally {
            // The owner may keep this connection until its next command: let the
            // partial frame (up to the max frame length) go now.
            decoder = null;
        }
    }

    private void readFrames() {
        try {
            if (pull) {
                pullLoop();
            } else {
                pushLoop();
            }
        } catch (InterruptedException e) {
            // The owner is closing the connection; it posts the reply.
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.error("the reader of the connection to {} failed", peer, e);
            try {
                endByReader(Failure.INTERNAL, "the connection to " + peer + " failed unexpectedly: " + e
                        + " (see the log).");
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pushLoop() throws InterruptedException {
        byte[] buf = new byte[READ_BUFFER];
        List<byte[]> frames = new ArrayList<>();
        while (true) {
            int n = read(buf);
            if (n < 0) {
                return;
            }
            FrameException failure = decode(buf, n, frames);
            keepBeforeTheEnd(frames, failure);
            while (failure instanceof TooLongFrameException tooLong && skipTooLong) {
                // In stream order: the frames before the skipped one, the skip, the frames after.
                int before = Math.min(tooLong.framesBefore(), frames.size());
                postFrames(frames.subList(0, before));
                reportSkipped(tooLong);
                // The decoder goes on after a too-long frame; an error it held back comes now.
                failure = decode(buf, 0, frames);
            }
            postFrames(frames);
            if (failure != null) {
                endByFrameError(failure);
                return;
            }
        }
    }

    private void pullLoop() throws InterruptedException {
        byte[] buf = new byte[READ_BUFFER];
        List<byte[]> frames = new ArrayList<>();
        ArrayDeque<byte[]> ready = new ArrayDeque<>();
        while (true) {
            inFlight = receives.take();
            while (ready.isEmpty()) {
                int n = read(buf);
                if (n < 0) {
                    return;
                }
                FrameException failure = decode(buf, n, frames);
                keepBeforeTheEnd(frames, failure);
                ready.addAll(frames);
                frames.clear();
                while (failure instanceof TooLongFrameException tooLong && skipTooLong) {
                    reportSkipped(tooLong);
                    failure = decode(buf, 0, frames);
                    ready.addAll(frames);
                    frames.clear();
                }
                if (failure != null) {
                    deliverThenFail(ready, failure);
                    return;
                }
            }
            deliver(ready.poll());
            inFlight = null;
        }
    }

    /**
     * Without {@code --skip-too-long}, a frame too long ends the connection where it stands in
     * the stream: the frames {@code decode} went on to find after it, in the same read, are
     * dropped (and counted in the log), not handed over ahead of the close. Otherwise a send
     * waiting for one reply took the frame after the too-long one as its answer.
     */
    private void keepBeforeTheEnd(List<byte[]> frames, FrameException failure) {
        if (!skipTooLong) {
            int dropped = TooLongFrameException.dropAfter(failure, frames);
            if (dropped > 0) {
                log.info("{}: {} frames after the one too long were read but not handed over: the connection "
                        + "ends at that frame", peer, dropped);
            }
        }
    }

    /** Pull mode: answers waiting receives with the frames decoded before a framing error. */
    private void deliverThenFail(ArrayDeque<byte[]> ready, FrameException failure) throws InterruptedException {
        while (!ready.isEmpty() && inFlight != null) {
            deliver(ready.poll());
            inFlight = receives.poll();
        }
        if (!ready.isEmpty()) {
            log.info("{} frames from {} were decoded but not asked for before the connection failed", ready.size(),
                    peer);
        }
        endByFrameError(failure);
    }

    /**
     * Posts and forgets {@code frames}: every frame of one read in one hand-over, so one lock
     * and one wake-up, not one per frame.
     */
    private void postFrames(List<byte[]> frames) throws InterruptedException {
        if (!frames.isEmpty()) {
            replies.postFrames(frames);
            frames.clear();
        }
    }

    /** Pull mode: answers the receive in flight with {@code frame}. */
    private void deliver(byte[] frame) throws InterruptedException {
        ClientCommand.Receive receive = inFlight;
        replies.post((seq, nanos) -> new ClientReply.Received(receive, Bytes.adopt(frame), seq, nanos));
    }

    /** With skipping: says a frame was skipped, and how many so far; the connection stays open. */
    private void reportSkipped(TooLongFrameException e) throws InterruptedException {
        skipped += e.frames();
        String which = e.frames() == 1 ? "It was skipped" : "It and " + (e.frames() - 1) + " more were skipped";
        String sentence = e.getMessage() + " " + which + " (" + skipped + (skipped == 1 ? " frame" : " frames")
                + " skipped on this connection so far); the connection stays open.";
        log.info("{}: {}", peer, sentence);
        replies.post((seq, nanos) -> new ClientReply.Error(null, Failure.FRAME_TOO_LONG, sentence, seq, nanos));
    }

    /** Reads into {@code buf}; at end of stream or on failure ends the connection and returns -1. */
    private int read(byte[] buf) throws InterruptedException {
        int n;
        try {
            if (idle != null) {
                idle.reading();
            }
            n = in.read(buf);
        } catch (IOException e) {
            if (writer.stalled()) {
                // The owner's write failed too; it reports the stall, then the close.
                return -1;
            }
            if (!ended.get()) {
                log.info("reading from {} failed: {}", peer, e.toString());
                TlsConnector.Verdict verdict = tlsVerdict(e);
                if (verdict != null) {
                    endByReader(verdict.cause(), "the connection to " + peer + " failed: " + verdict.phrase() + ".");
                } else {
                    endByReader(NetworkErrors.causeOf(e), "the connection to " + peer + " failed: "
                            + NetworkErrors.describe(e) + ".");
                }
            }
            return -1;
        } finally {
            if (idle != null) {
                idle.read();
            }
        }
        if (n > 0 && tls != null) {
            tls.received();
        }
        if (n < 0) {
            long pending = decoder.pending();
            if (pending > 0) {
                endByReader(Failure.TRUNCATED_FRAME, "the server closed the connection in the middle of a frame ("
                        + pending + " bytes of an unfinished " + framing.spec() + " frame were lost).");
            } else {
                endByReader(null, "closed by the server.");
            }
        }
        return n;
    }

    private FrameException decode(byte[] buf, int n, List<byte[]> frames) {
        try {
            decoder.decode(buf, 0, n, frames);
            return null;
        } catch (FrameException e) {
            return e;
        }
    }

    private void endByFrameError(FrameException e) throws InterruptedException {
        log.info("closing the connection to {}: {}", peer, e.getMessage());
        // Only a frame too long is helped by a larger max; a broken stream needs another framing.
        boolean tooLong = e instanceof TooLongFrameException;
        String hint = tooLong ? "check the framing, or raise the max frame length." : "check the framing.";
        endByReader(tooLong ? Failure.FRAME_TOO_LONG : Failure.CORRUPT_FRAME,
                e.getMessage() + " The connection was closed: " + hint);
    }

    /** Ends the connection from the reader's side: by the server when {@code cause} is null, else by a failure. */
    private void endByReader(Failure cause, String reason) throws InterruptedException {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        closeSocket();
        Failure receiveCause = cause != null ? cause : Failure.CONNECTION_ENDED;
        String receiveMessage = "receive failed: " + lowerFirst(reason);
        for (ClientCommand.Receive receive : drainReceives()) {
            replies.post((seq, nanos) -> new ClientReply.Error(receive, receiveCause, receiveMessage, seq, nanos));
        }
        ClientReply.By by = cause == null ? ClientReply.By.SERVER : ClientReply.By.ERROR;
        replies.post((seq, nanos) -> new ClientReply.Closed(null, by, cause, reason, seq, nanos));
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

}
