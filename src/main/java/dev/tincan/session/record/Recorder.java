package dev.tincan.session.record;

import dev.tincan.client.ClientReply;
import dev.tincan.client.ReplyTap;
import dev.tincan.codec.HostPort;
import dev.tincan.session.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every frame and event of a connection to a recording ({@link RecordFormat}) as it
 * happens: a {@link ReplyTap}, so it sees each reply on the engine's thread, in order, before
 * any window or command line drains it, frames the window's transcript later drops included.
 *
 * <pre>
 *   reader / client thread ──► tapped ──► lines pending ──(64 KiB, or 50 ms)──► file
 *   tincan-recorder-N      ──every 50 ms──────────────────┘
 * </pre>
 *
 * <p>Lines gather in memory and reach the file (the operating system, which keeps them if
 * this process is killed) as soon as {@link #FLUSH_BYTES} are pending, on the engine's
 * thread, and otherwise at most {@link #FLUSH_MILLIS} after they were tapped, by this
 * recorder's own timer thread. A slow disk therefore holds the reader, which pushes back on
 * the server: nothing is dropped. Only whole lines are written, so a killed process leaves
 * at most one partial last line, and loses at most the last 50 ms.
 *
 * <p>A write that fails (a full disk, a file that can no longer be written) stops the
 * recording for good with one sentence, given once to the failure listener and, when the
 * recorder was {@linkplain #start(Session, Path, RecordFormat.Header, Consumer) started on a
 * session}, added after the next frame's row as a note. Thread-safe.
 */
public final class Recorder implements ReplyTap, AutoCloseable {
    /** Pending bytes that are written at once, on the thread that tapped them. */
    public static final int FLUSH_BYTES = 64 * 1024;
    /** The longest a tapped line waits before it is written. */
    public static final long FLUSH_MILLIS = 50;

    private static final Logger log = LoggerFactory.getLogger(Recorder.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Path file;
    private final RecordFormat.Header header;
    private final long startNanos;
    private final FileChannel channel;
    private final Consumer<String> onFailure;
    private final ScheduledExecutorService timer;
    private final ReentrantLock lock = new ReentrantLock();
    /** Whole lines not yet written; guarded by {@link #lock}. */
    private final StringBuilder pending = new StringBuilder(FLUSH_BYTES + 4096);
    private final LineWriter lines;
    private volatile Session session;
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** Why recording stopped, or {@code null}; guarded by {@link #lock}, read anywhere. */
    private volatile String failure;
    /** Whether the failure still has to be added to the transcript; guarded by {@link #lock}. */
    private boolean failureToAnnotate;
    private volatile long frames;
    private volatile long written;

    private Recorder(Path file, RecordFormat.Header header, long startNanos, FileChannel channel,
            Consumer<String> onFailure) {
        this.file = file;
        this.header = header;
        this.startNanos = startNanos;
        this.channel = channel;
        this.onFailure = onFailure;
        this.lines = new LineWriter(header.started());
        pending.append(RecordFormat.header(header)).append('\n');
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tincan-recorder-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Creates (or empties) {@code file} and records into it from now: the header says
     * {@code host}, {@code port}, {@code framing} and {@code maxFrame}, and times count from
     * this call. Add the recorder as a tap yourself, or use {@link #start}.
     *
     * @param onFailure told the one sentence when a write fails and recording stops; any thread
     * @throws RecorderException with one sentence when the file cannot be created
     */
    public static Recorder open(Path file, String host, int port, String framing, int maxFrame,
            Consumer<String> onFailure) throws RecorderException {
        Objects.requireNonNull(file, "file");
        long nanos = System.nanoTime();
        RecordFormat.Header header = new RecordFormat.Header(Instant.now(), host, port, framing, maxFrame);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            log.warn("could not create recording {}", file, e);
            throw new RecorderException("could not record to " + file + ": " + reason(e) + ".", e);
        }
        return new Recorder(file, header, nanos, channel, onFailure == null ? s -> { } : onFailure);
    }

    /**
     * Opens a recorder like {@link #open} and taps {@code session} with it; a failure is also
     * added to the session's transcript, as a note after the next frame. Stop it with
     * {@link #stop()}, which removes the tap.
     */
    public static Recorder start(Session session, Path file, String host, int port, String framing, int maxFrame,
            Consumer<String> onFailure) throws RecorderException {
        Recorder r = open(file, host, port, framing, maxFrame, onFailure);
        r.session = session;
        session.addTap(r);
        return r;
    }

    /** The file recorded to. */
    public Path file() {
        return file;
    }

    /** The header written first. */
    public RecordFormat.Header header() {
        return header;
    }

    /** Frames recorded so far, both directions. Any thread. */
    public long frames() {
        return frames;
    }

    /** Bytes written to the file so far. Any thread. */
    public long bytesWritten() {
        return written;
    }

    /** Why recording stopped on its own, in one sentence, or {@code null} while all is well. Any thread. */
    public String failure() {
        return failure;
    }

    /** Whether lines are still being recorded: not closed and no write has failed. Any thread. */
    public boolean isRecording() {
        lock.lock();
        try {
            return !closed && failure == null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void tapped(ClientReply reply) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (failure != null) {
                annotateFailure(reply);
                return;
            }
            if (!append(reply, Math.max(0, reply.nanos() - startNanos))) {
                return;
            }
            if (reply instanceof ClientReply.Received || reply instanceof ClientReply.Sent) {
                frames++;
            }
            if (pending.length() >= FLUSH_BYTES) {
                flush();
                if (failure != null) {
                    annotateFailure(reply);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records one line that is no client's reply, such as a frame or event of a relay's link,
     * with the same buffering and failure as {@link #tapped}. Its time counts from the start
     * of the recording: see {@link #since}. Nothing is recorded once stopped or failed. Any
     * thread, one at a time in the order the lines are to appear.
     */
    public void record(RecordFormat.Line line) {
        Objects.requireNonNull(line, "line");
        lock.lock();
        try {
            if (closed || failure != null) {
                return;
            }
            lines.append(pending, line).append('\n');
            if (line.dir().isFrame()) {
                frames++;
            }
            if (pending.length() >= FLUSH_BYTES) {
                flush();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The nanoseconds from the start of this recording to {@code stampNanos}, a
     * {@link System#nanoTime()} reading; 0 for an earlier one.
     */
    public long since(long stampNanos) {
        return Math.max(0, stampNanos - startNanos);
    }

    /**
     * {@code file} with {@code -n} before its extension ({@code talk.jsonl} becomes
     * {@code talk-2.jsonl}), or at its end when it has none: the file of the n-th of many
     * recordings asked for under one name.
     */
    public static Path numbered(Path file, int n) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
        return file.resolveSibling(numbered);
    }

    /** Under the lock: the failure's note after {@code reply}'s row, once. */
    private void annotateFailure(ClientReply reply) {
        Session s = session;
        if (failureToAnnotate && s != null) {
            failureToAnnotate = false;
            s.annotate(reply.seq(), false, failure);
        }
    }

    /**
     * Writes what is pending now, without waiting for the timer. Returns whether all is well
     * (false once a write has failed). Any thread.
     */
    public boolean flushNow() {
        lock.lock();
        try {
            if (!closed) {
                flush();
            }
            return failure == null;
        } finally {
            lock.unlock();
        }
    }

    private void flushQuietly() {
        try {
            flushNow();
        } catch (RuntimeException e) {
            log.error("the recorder's timer failed on {}", file, e);
        }
    }

    /** Under the lock: writes the pending lines, or fails the recording. */
    private void flush() {
        if (pending.length() == 0 || failure != null) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
        pending.setLength(0);
        try {
            while (buf.hasRemaining()) {
                written += channel.write(buf);
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private void fail(IOException e) {
        log.warn("recording to {} failed", file, e);
        String sentence = "recording to " + file + " stopped: " + reason(e) + "; the frames before it are in the "
                + "file.";
        failure = sentence;
        failureToAnnotate = true;
        pending.setLength(0);
        try {
            onFailure.accept(sentence);
        } catch (RuntimeException ex) {
            log.error("a recorder's failure listener failed", ex);
        }
    }

    /**
     * Stops recording: removes the tap (if {@link #start} added it), writes what is pending,
     * makes it durable and closes the file. Returns the failure sentence if recording had
     * stopped on its own or the last write fails, else {@code null}. Any thread; idempotent.
     */
    public String stop() {
        Session s = session;
        if (s != null) {
            s.removeTap(this);
        }
        lock.lock();
        try {
            if (!closed) {
                flush();
                closed = true;
                try {
                    if (failure == null && Files.isRegularFile(file)) {
                        channel.force(false);
                    }
                    channel.close();
                } catch (IOException e) {
                    if (failure == null) {
                        fail(e);
                    }
                }
            }
        } finally {
            lock.unlock();
            timer.shutdownNow();
        }
        return failure;
    }

    /** The same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** The reason in an I/O failure, in words: "the disk is full", "permission denied", .... */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException n) {
            Path missing = n.getFile() == null ? null : Path.of(n.getFile()).toAbsolutePath().getParent();
            return missing != null && Files.isDirectory(missing) ? "there is no such file" : "its folder does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        if (m.contains("No space left")) {
            return "the disk is full";
        }
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /** Under the lock: appends {@code reply}'s line to {@link #pending}; returns false when it makes no line. */
    private boolean append(ClientReply reply, long nanos) {
        RecordFormat.Line line;
        if (reply instanceof ClientReply.Received r) {
            line = RecordFormat.Line.frame(r.seq(), nanos, RecordFormat.Dir.IN, r.frame());
        } else if (reply instanceof ClientReply.Sent s) {
            line = RecordFormat.Line.frame(s.seq(), nanos, RecordFormat.Dir.OUT, s.command().payload());
        } else if (reply instanceof ClientReply.Connected c) {
            line = RecordFormat.Line.words(c.seq(), nanos, RecordFormat.Dir.EVENT, "connected to "
                    + HostPort.of(c.remote()) + " (from local port " + c.local().getPort() + ")");
        } else if (reply instanceof ClientReply.Closed c) {
            boolean failed = c.by() == ClientReply.By.ERROR;
            String words = c.by() == ClientReply.By.CLIENT && header.host() != null
                    ? "disconnected from " + HostPort.of(header.host(), header.port()) : c.reason();
            line = RecordFormat.Line.words(c.seq(), nanos, failed ? RecordFormat.Dir.ERROR : RecordFormat.Dir.EVENT,
                    words);
        } else if (reply instanceof ClientReply.Error e) {
            line = RecordFormat.Line.words(e.seq(), nanos, RecordFormat.Dir.ERROR, e.message());
        } else {
            return false;
        }
        lines.append(pending, line).append('\n');
        return true;
    }
}
