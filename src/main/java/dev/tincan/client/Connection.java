package dev.tincan.client;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.FrameDecoder;
import dev.tincan.codec.FrameException;
import dev.tincan.codec.Framing;
import dev.tincan.codec.TooLongFrameException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
final class Connection implements WriteWatchdog.Watched {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final int READ_BUFFER = 64 * 1024;
    /** Pull-mode receives waiting for a frame; more than this is refused. */
    static final int MAX_PENDING_RECEIVES = 1024;
    private static final long READER_JOIN_MILLIS = 2000;
    /**
     * The most one write call hands the socket, as in Okio's timed sink, so that progress is
     * seen while a long frame goes out. 128 KiB is what the JDK's socket hands the kernel per
     * system call anyway, so slicing adds no system call. The kernel sets the finer limit: a
     * write blocked on a full send buffer is let go on only once about a third of that buffer
     * is free (about 1.4 MiB with Linux's default maximum of 4 MiB), so a peer keeps its
     * connection if it reads at least that much per write timeout: 90 KiB/s with the default
     * 15 s.
     */
    static final int SLICE = 128 * 1024;

    private final Socket socket;
    private final OutputStream out;
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
    private final long writeTimeoutNanos;
    /** Set by the watchdog when a write stayed blocked too long. */
    private volatile boolean stalled;
    /**
     * When the slice being written began (never 0), or 0 when no write is in progress; read
     * by the watchdog. Restamped per slice, so it measures how long the peer has taken
     * nothing, not how old the write is.
     */
    private final AtomicLong sliceStarted = new AtomicLong();
    /** Pull mode: the receive the reader is serving; reader thread, then the owner after join. */
    private ClientCommand.Receive inFlight;

    Connection(Socket socket, ConnectOptions options, ReplySink replies, String peer, int id)
            throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
        this.framing = options.framing();
        this.decoder = framing.newDecoder(options.maxFrameLength());
        this.replies = replies;
        this.peer = peer;
        this.pull = options.pull();
        this.skipTooLong = options.skipTooLong();
        this.receives = pull ? new ArrayBlockingQueue<>(MAX_PENDING_RECEIVES) : null;
        this.writeTimeoutNanos = options.writeTimeout().toNanos();
        this.reader = new Thread(this::readLoop, "tincan-reader-" + id);
        this.reader.setDaemon(true);
        // Watched from the start, so no write can go unbounded; closing the socket unwatches.
        WriteWatchdog.watch(this);
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
     * Writes {@code len} bytes of {@code wire}, whole frames, in slices of at most
     * {@link #SLICE} bytes, each stamped as it begins. Owner thread only. A slice still
     * blocked after the write timeout means the peer did not read enough for the socket to
     * take more for that long: the connection is closed and the write fails with a sentence
     * saying why. A peer that reads slowly but steadily (see {@link #SLICE} for how slowly)
     * never fails, however long the frame.
     */
    void write(byte[] wire, int len) throws IOException {
        write(wire, len, 1);
    }

    /** {@link #write(byte[], int)} of {@code frames} frames joined, for the failure sentence. */
    void write(byte[] wire, int len, int frames) throws IOException {
        int written = 0;
        IOException failure = null;
        boolean givenUp;
        try {
            while (written < len) {
                int n = Math.min(SLICE, len - written);
                long now = System.nanoTime();
                sliceStarted.set(now == 0 ? 1 : now);
                out.write(wire, written, n);
                written += n;
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            // Exactly one of this thread and the watchdog clears the stamp. If the watchdog
            // did, it is closing the socket, even if the write has just finished.
            givenUp = sliceStarted.getAndSet(0) == 0;
        }
        if (givenUp) {
            throw new WriteStalledException(stallReason(written, len, frames), failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public long check(long now) {
        while (true) {
            long started = sliceStarted.get();
            if (started == 0) {
                // A slice that begins from now on is due no earlier than this.
                return now + writeTimeoutNanos;
            }
            long due = started + writeTimeoutNanos;
            if (now - due < 0) {
                return due;
            }
            // Only if that slice is still the one in progress; a new stamp means bytes left.
            if (sliceStarted.compareAndSet(started, 0)) {
                writeStalled();
                return now + writeTimeoutNanos;
            }
        }
    }

    private void writeStalled() {
        stalled = true;
        log.info("a write to {} was blocked for {} ms without progress: closing the connection", peer,
                writeTimeoutNanos / 1_000_000);
        closeSocket();
    }

    /**
     * Why the connection ended when a write stalled; a sentence without the final period.
     * It says "did not read enough" rather than "read nothing": the kernel lets a blocked
     * write go on only once about a third of the send buffer is free, so a peer may have
     * read a little without the write seeing it. {@code written} counts the slices that went
     * out whole; the one that stalled may have gone out in part, hence "at least".
     */
    private String stallReason(int written, int len, int frames) {
        return "for " + writeTimeoutNanos / 1_000_000_000.0 + " s the server did not read enough to take any more of "
                + (frames == 1 ? "the frame" : "the " + frames + " frames") + " being sent (at least " + written
                + " of " + len + " bytes written), so the connection was given up";
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

    private void closeSocket() {
        WriteWatchdog.unwatch(this);
        try {
            socket.close();
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
            n = in.read(buf);
        } catch (IOException e) {
            if (stalled) {
                // The owner's write failed too; it reports the stall, then the close.
                return -1;
            }
            if (!ended.get()) {
                log.info("reading from {} failed: {}", peer, e.toString());
                endByReader(NetworkErrors.causeOf(e), "the connection to " + peer + " failed: "
                        + NetworkErrors.describe(e) + ".");
            }
            return -1;
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
