package dev.tincan.server;

import dev.tincan.codec.FrameDecoder;
import dev.tincan.codec.FrameException;
import dev.tincan.codec.HostPort;
import dev.tincan.codec.TlsPeerFailure;
import dev.tincan.codec.TooLongFrameException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client: its socket, the reader loop its {@code tincan-server-client-N}
 * thread runs, and in chat and ticker modes the {@link Outbox} its
 * {@code tincan-server-writer-N} thread drains.
 *
 * <p>The reader reads up to 64 KiB at a time, decodes every frame in it, and answers all of
 * them in one write (echo, upper, you-sent, flood) or one chunk handed on (chat, ticker).
 * In the direct modes the reader writes itself, so a client that does not read its answers
 * stops being read: TCP pushes back, and nothing piles up in the server. A paced flood over
 * plain TCP is the exception: the server's {@link FloodPacer} writes it while the reader
 * waits, parked, then reads and echoes as usual.
 *
 * <p>Thread-safe: {@link #close} and {@link #deliver} may be called from any thread.
 */
final class ClientConnection {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

    /** How much one read takes, and how much one write of gathered answers holds. */
    static final int BUFFER_SIZE = 64 * 1024;
    /** How many bytes may wait in a chat or ticker client's outbox. */
    static final long OUTBOX_BUDGET = 4L * 1024 * 1024;
    /** How long a chat frame waits for room in a recipient's outbox before the recipient is dropped. */
    static final long CHAT_STALL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int id;
    private final Socket socket;
    /** The TCP socket under {@link #socket}; the same socket without TLS. */
    private final Socket tcp;
    private final ServerConfig config;
    private final Replies replies;
    private final ChatRoom room;
    private final Outbox outbox;
    private final String label;
    private final Consumer<ClientConnection> onEnd;
    private final AtomicInteger liveThreads;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String closedBecause;
    /** Why the server dropped this client, for its {@link DropListener}; null if it did not. */
    private volatile String dropped;
    private boolean warnedUnframable;
    /** Answers frames instead of the mode, or null. */
    private final Responder responder;
    /** Where a paced flood over plain TCP goes, or null. */
    private final Pacers pacers;

    /** Gives the server's one flood pacer, started the first time it is asked for. */
    @FunctionalInterface
    interface Pacers {
        /** The pacer. */
        FloodPacer get() throws IOException;
    }

    /**
     * @param room the chat room in chat mode, null otherwise
     * @param onEnd called once, by the last of the connection's threads to end
     */
    ClientConnection(int id, Socket socket, ServerConfig config, ChatRoom room, Consumer<ClientConnection> onEnd) {
        this(id, socket, config, room, onEnd, null);
    }

    /**
     * @param room the chat room in chat mode, null otherwise
     * @param onEnd called once, by the last of the connection's threads to end
     * @param responder answers frames in place of the mode, or null for the mode
     */
    ClientConnection(int id, Socket socket, ServerConfig config, ChatRoom room, Consumer<ClientConnection> onEnd,
            Responder responder) {
        this(id, socket, socket, config, room, onEnd, responder);
    }

    /**
     * @param socket what frames are read from and written to: {@code tcp} itself, or TLS over it
     * @param tcp the accepted TCP socket; closing it ends the connection without waiting
     * @param room the chat room in chat mode, null otherwise
     * @param onEnd called once, by the last of the connection's threads to end
     * @param responder answers frames in place of the mode, or null for the mode
     */
    ClientConnection(int id, Socket socket, Socket tcp, ServerConfig config, ChatRoom room,
            Consumer<ClientConnection> onEnd, Responder responder) {
        this(id, socket, tcp, config, room, onEnd, responder, null);
    }

    /**
     * @param socket what frames are read from and written to: {@code tcp} itself, or TLS over it
     * @param tcp the accepted TCP socket; closing it ends the connection without waiting
     * @param room the chat room in chat mode, null otherwise
     * @param onEnd called once, by the last of the connection's threads to end
     * @param responder answers frames in place of the mode, or null for the mode
     * @param pacers the server's flood pacer, for a paced flood over plain TCP; null to pace on this thread
     */
    ClientConnection(int id, Socket socket, Socket tcp, ServerConfig config, ChatRoom room,
            Consumer<ClientConnection> onEnd, Responder responder, Pacers pacers) {
        this.id = id;
        this.pacers = pacers;
        this.responder = responder;
        this.socket = socket;
        this.tcp = tcp;
        this.config = config;
        this.replies = new Replies(config.mode(), config.framing());
        this.room = room;
        this.onEnd = onEnd;
        this.label = "client " + id + " (" + describe(socket.getRemoteSocketAddress()) + ")";
        if (responder != null || config.mode() == Mode.CHAT) {
            this.outbox = new Outbox(OUTBOX_BUDGET, 0, null);
        } else if (config.mode() == Mode.TICKER) {
            this.outbox = new Outbox(OUTBOX_BUDGET, config.tickInterval().toNanos(),
                    n -> replies.frame(("tick " + n).getBytes(StandardCharsets.US_ASCII)));
        } else {
            this.outbox = null;
        }
        this.liveThreads = new AtomicInteger(outbox == null ? 1 : 2);
    }

    int id() {
        return id;
    }

    /** "client 3 (127.0.0.1:40312)", for log lines. */
    String label() {
        return label;
    }

    /** The client's address. */
    InetSocketAddress remote() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    /** Why the server dropped this client, or null when it closed or the server stopped. */
    String dropReason() {
        return dropped;
    }

    private void drop(String why) {
        if (dropped == null) {
            dropped = why;
        }
    }

    /** Whether the connection needs a writer thread running {@link #runWriter}. */
    boolean hasWriter() {
        return outbox != null;
    }

    /** The body of the reader thread. Never throws; ends when the client or the server closes. */
    void runReader() {
        boolean handedOver = false;
        try {
            if (responder != null) {
                handedOver = converse();
            } else {
                if (config.mode() == Mode.FLOOD) {
                    flood();
                }
                handedOver = readUntilEnd();
            }
            log.info("{} disconnected", label);
        } catch (FrameException e) {
            log.warn("{} sent a frame the server cannot take, so it was disconnected: {}", label, e.getMessage());
            drop(e.getMessage());
        } catch (IllegalArgumentException e) {
            log.warn("{} was disconnected: a frame for it cannot be framed as {}: {}", label,
                    config.framing().spec(), e.getMessage());
            drop("a frame for it cannot be framed as " + config.framing().spec() + ": " + e.getMessage());
        } catch (IOException e) {
            logEnd(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.debug("{}: reader interrupted", label);
        } catch (RuntimeException | Error e) {
            log.error("{} failed unexpectedly and was disconnected", label, e);
            drop("it failed unexpectedly; the details are in the log.");
        } finally {
            if (room != null) {
                room.leave(this);
            }
            if (!handedOver) {
                close(null);
            }
            threadEnded();
        }
    }

    /** The body of the writer thread (chat and ticker). Never throws. */
    void runWriter() {
        try {
            outbox.writeTo(socket.getOutputStream(), BUFFER_SIZE);
        } catch (IOException e) {
            logEnd(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.debug("{}: writer interrupted", label);
        } catch (IllegalArgumentException e) {
            log.warn("{} was disconnected: a tick cannot be framed as {}: {}", label, config.framing().spec(),
                    e.getMessage());
            drop("a tick cannot be framed as " + config.framing().spec() + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            log.error("{} failed unexpectedly in its writer and was disconnected", label, e);
            drop("it failed unexpectedly; the details are in the log.");
        } finally {
            close(null);
            threadEnded();
        }
    }

    /** Counts a thread of this connection that could not be started as ended. */
    void threadDidNotStart() {
        drop("its thread could not be started.");
        close("its thread could not be started");
        threadEnded();
    }

    /**
     * Queues a chat chunk for this client. If it has had no room for {@value #CHAT_STALL_NANOS}
     * ns the client is too slow, and is disconnected so that it holds up nobody else.
     */
    void deliver(byte[] chunk) throws InterruptedException {
        if (!outbox.put(chunk, CHAT_STALL_NANOS)) {
            log.warn("{} is too slow: it read nothing for {} ms while chat frames piled up, so it was disconnected",
                    label, TimeUnit.NANOSECONDS.toMillis(CHAT_STALL_NANOS));
            drop("too slow: it read nothing for " + TimeUnit.NANOSECONDS.toMillis(CHAT_STALL_NANOS)
                    + " ms while chat frames piled up.");
            close("it was too slow");
        }
    }

    /**
     * Closes the socket, which ends a read or write in progress at once, and the outbox.
     * Idempotent.
     *
     * @param because why, for the log; null when the connection simply ended
     */
    void close(String because) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closedBecause = because;
        if (outbox != null) {
            outbox.close();
        }
        try {
            // Closing TLS itself would first wait to send close_notify, behind a write that may be stalled.
            tcp.close();
        } catch (IOException e) {
            log.debug("{}: closing the socket failed", label, e);
        }
    }

    /**
     * Reads and answers frames until the client closes its side.
     *
     * @return true when a writer thread still has queued frames to send and will close the connection
     */
    private boolean readUntilEnd() throws IOException, InterruptedException {
        InputStream in = socket.getInputStream();
        FrameDecoder decoder = config.framing().newDecoder(config.maxFrameLength());
        FrameBatch batch = new FrameBatch(answerTarget(), BUFFER_SIZE);
        byte[] buffer = new byte[BUFFER_SIZE];
        List<byte[]> frames = new ArrayList<>();
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                if (outbox == null) {
                    return false;
                }
                outbox.finish();
                return true;
            }
            FrameException broken = decode(decoder, buffer, n, frames);
            for (byte[] frame : frames) {
                byte[] wire = answer(frame);
                if (wire != null) {
                    batch.add(wire);
                }
            }
            frames.clear();
            batch.flush();
            if (broken != null) {
                throw broken;
            }
        }
    }

    /**
     * Reads frames until the client closes its side and hands each to the responder's
     * conversation, whose answers go through the outbox.
     *
     * @return true: the writer thread sends what is queued and closes the connection
     */
    private boolean converse() throws IOException {
        Responder.Conversation conversation = responder.open(describe(socket.getRemoteSocketAddress()),
                this::respond);
        try {
            InputStream in = socket.getInputStream();
            FrameDecoder decoder = config.framing().newDecoder(config.maxFrameLength());
            byte[] buffer = new byte[BUFFER_SIZE];
            List<byte[]> frames = new ArrayList<>();
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    outbox.finish();
                    return true;
                }
                FrameException broken = decode(decoder, buffer, n, frames);
                for (byte[] frame : frames) {
                    conversation.received(frame);
                }
                frames.clear();
                if (broken != null) {
                    throw broken;
                }
            }
        } finally {
            conversation.closed();
        }
    }

    /** A responder's answer: framed and queued for the writer; null when queued, else why not. */
    private String respond(byte[] payload) {
        if (closed.get()) {
            return "the client " + label + " has gone.";
        }
        byte[] wire;
        try {
            wire = replies.frame(payload);
        } catch (IllegalArgumentException e) {
            return "it cannot be framed as " + config.framing().spec() + ": " + e.getMessage();
        }
        if (wire == null) {
            return null;
        }
        try {
            if (!outbox.put(wire, CHAT_STALL_NANOS)) {
                log.warn("{} is too slow: it read nothing for {} ms while answers piled up, so it was disconnected",
                        label, TimeUnit.NANOSECONDS.toMillis(CHAT_STALL_NANOS));
                drop("too slow: it read nothing for " + TimeUnit.NANOSECONDS.toMillis(CHAT_STALL_NANOS)
                        + " ms while answers piled up.");
                close("it was too slow");
                return "the client " + label + " read nothing for " + TimeUnit.NANOSECONDS.toMillis(CHAT_STALL_NANOS)
                        + " ms, so it was disconnected.";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the server is stopping.";
        }
        return null;
    }

    /** The wire bytes answering {@code frame}, or null when there is none to send. */
    private byte[] answer(byte[] frame) {
        try {
            return replies.reply(frame);
        } catch (IllegalArgumentException e) {
            if (!warnedUnframable) {
                warnedUnframable = true;
                log.warn("{}: an answer cannot be framed as {}, so it was dropped (and so will be any like it): {}",
                        label, config.framing().spec(), e.getMessage());
            }
            return null;
        }
    }

    /** Where gathered answers go: the socket, or in chat and ticker mode chunks for an outbox. */
    /**
     * Decodes {@code n} bytes of {@code buffer} into {@code frames}; returns the failure that
     * ends the client, or null. A frame too long ends it where it stands in the stream: the
     * frames after it in the same read are dropped, with a line in the log, and get no answer.
     */
    private FrameException decode(FrameDecoder decoder, byte[] buffer, int n, List<byte[]> frames) {
        try {
            decoder.decode(buffer, 0, n, frames);
            return null;
        } catch (FrameException e) {
            int dropped = TooLongFrameException.dropAfter(e, frames);
            if (dropped > 0) {
                log.info("{}: {} frames after the one too long were read but not answered: the client is dropped "
                        + "at that frame", label, dropped);
            }
            return e;
        }
    }

    private OutputStream answerTarget() throws IOException {
        if (config.mode() == Mode.CHAT) {
            return new ChunkStream(chunk -> room.broadcast(this, chunk));
        }
        if (outbox != null) {
            return new ChunkStream(chunk -> outbox.put(chunk, Long.MAX_VALUE));
        }
        return socket.getOutputStream();
    }

    private void flood() throws IOException, InterruptedException {
        FloodFrames frames = new FloodFrames(config.framing(), config.floodSize());
        SocketChannel channel = tcp.getChannel();
        if (pacers != null && config.floodRate() > 0 && socket == tcp && channel != null) {
            // One thread paces every such flood: this one waits, parked, until its flood is out.
            pacers.get().flood(channel, frames, config.floodCount(), config.floodRate());
            log.debug("{} got its flood of {} frames of {} bytes", label, config.floodCount(), frames.size());
            return;
        }
        FrameBatch batch = new FrameBatch(socket.getOutputStream(), BUFFER_SIZE);
        long count = config.floodCount();
        long rate = config.floodRate();
        // Paced floods go out in a burst per millisecond, each when its time has come.
        long burst = rate > 0 ? Math.max(1, rate / 1000) : Long.MAX_VALUE;
        long start = System.nanoTime();
        for (long i = 1; i <= count; i++) {
            batch.add(frames.frame(i));
            if (i % burst == 0) {
                batch.flush();
                long due = start + (long) (i * 1e9 / rate);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        batch.flush();
        log.debug("{} got its flood of {} frames of {} bytes", label, count, frames.size());
    }

    private void logEnd(IOException e) {
        String because = closedBecause;
        if (closed.get()) {
            log.debug("{} disconnected: {}", label, because == null ? "closed" : because);
        } else {
            log.info("{} disconnected: {}", label, e.getMessage());
            String why = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            String handshake = socket != tcp ? TlsPeerFailure.asServer(e, "this server's", "serve without --tls")
                    : null;
            drop(handshake != null ? "the TLS handshake failed: " + handshake + "."
                    : why.contains("reset") || why.contains("broken pipe") ? "the connection was reset by the client."
                    : "the connection failed: " + e.getMessage() + ".");
        }
    }

    private void threadEnded() {
        if (liveThreads.decrementAndGet() == 0) {
            onEnd.accept(this);
        }
    }

    /** {@code host:port} by the one rule (IPv6 in brackets), or the address as it prints itself. */
    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return HostPort.of(inet);
        }
        return String.valueOf(address);
    }

    /** Something that takes a chunk of encoded frames; the chunk is never changed afterwards. */
    private interface ChunkSink {
        void take(byte[] chunk) throws InterruptedException;
    }

    /** An output stream that hands each write on as one fresh chunk. */
    private static final class ChunkStream extends OutputStream {
        private final ChunkSink sink;

        ChunkStream(ChunkSink sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                sink.take(Arrays.copyOfRange(b, off, off + len));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while handing on frames");
            }
        }
    }
}
