package dev.tincan.session;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a file on its own thread: as one frame, one frame per line, or in chunks of a fixed
 * size. The file is streamed, read a frame at a time, never held whole (except as the one
 * frame of {@link Mode#WHOLE}, which is at most the max frame length).
 *
 * <p>Nothing is sent unless all of it can be: {@link #of} refuses a missing or empty file,
 * a whole file longer than the max frame length, and a chunk size below 1 or above it; then
 * the thread reads the file once through, checking every frame against the max frame
 * length and the framing (a line longer than the max, a chunk holding the line framing's
 * delimiter), before the first frame goes out. A file that changes under the send and no
 * longer fits ends it with a sentence.
 *
 * <p>Progress counts frames handed to the wire, not merely queued: the session calls
 * {@link #sent} for each {@code Sent} reply, and a frame counts once the very {@link Bytes}
 * instance this send put in the outbox comes back there. At most {@link #WINDOW_FRAMES}
 * frames or {@link #WINDOW_BYTES} bytes (whichever comes first; always at least one frame)
 * are put and not yet confirmed, so a slow peer slows the send through TCP rather than
 * filling queues. If no frame is confirmed for {@link #STALL_MILLIS}, the send gives up
 * with a sentence.
 *
 * <p>The listener is called on the send's thread; {@link #progress()} and the control
 * methods are safe from any thread. One send runs once.
 */
public final class FileSend extends Job {
    /** The most frames put and not yet confirmed sent. */
    public static final int WINDOW_FRAMES = 128;
    /** The most bytes put and not yet confirmed sent (at least one frame always goes). */
    public static final long WINDOW_BYTES = 1 << 20;
    /** How long the send waits for a confirmation before it gives up. */
    public static final long STALL_MILLIS = 20_000;
    /** How long one frame waits for room in a full queue before the send gives up. */
    public static final long PUSHBACK_MILLIS = 2000;
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final Logger LOG = LoggerFactory.getLogger(FileSend.class);

    /** How the file is cut into frames. */
    public enum Mode {
        /** The whole file as one frame. */
        WHOLE,
        /** One frame per line: split at LF, a CR before the LF removed; the line end is not part of the frame. */
        LINES,
        /** Frames of a fixed number of bytes; the last one may be shorter. */
        CHUNKS
    }

    /**
     * How far a send has come: {@code bytesDone} file bytes (line ends included) in
     * {@code framesDone} frames of {@code framesTotal}, confirmed sent; the rate so far in
     * bytes per second and the time left at that rate, or -1 while unknown.
     */
    public record Progress(long bytesDone, long bytesTotal, long framesDone, long framesTotal, double bytesPerSecond,
            long etaMillis) {
        /** The fraction done, 0 to 1. */
        public double fraction() {
            return bytesTotal == 0 ? 1 : (double) bytesDone / bytesTotal;
        }

        /** One short line for a person: {@code 1.5 MiB of 4.0 MiB, 3.2 MiB/s, 1s left}. */
        public String describe() {
            String rate = bytesPerSecond > 0 ? ", " + Words.size((long) bytesPerSecond) + "/s" : "";
            String eta = etaMillis >= 0 ? ", " + Words.eta(etaMillis) + " left" : "";
            return Words.size(bytesDone) + " of " + Words.size(bytesTotal) + rate + eta;
        }

        /** The frames as a person reads them: {@code 12 of 32 frames}. */
        public String frames() {
            return framesDone + " of " + framesTotal + " frames";
        }
    }

    /** Hears how a send goes, on its thread. */
    public interface Listener {
        /** Progress, at most every 100 ms and once more at the end. */
        default void progress(Progress progress) {
        }

        /**
         * The send ended, with one sentence saying how; {@code failed} when something other
         * than finishing or {@link #cancel()} ended it. The last call the listener gets.
         */
        void finished(String sentence, boolean failed);
    }

    /** Ends the send with a sentence. */
    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String sentence) {
            super(sentence, null, false, false);
        }
    }

    /** One frame and the file bytes it stands for (its line end included). */
    private record Frame(Bytes payload, long fileBytes) {
    }

    private final Path file;
    private final String name;
    private final Mode mode;
    private final int chunkSize;
    private final int maxFrame;
    private final Framing framing;
    private final Outbox out;
    private final Listener listener;
    private final long size;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition confirmed = lock.newCondition();
    /** Guarded by lock: frames put and not confirmed, oldest first. */
    private final ArrayDeque<Frame> inFlight = new ArrayDeque<>();
    private long inFlightBytes;
    private long bytesDone;
    private long framesDone;
    private long framesTotal = -1;
    private long startNanos;
    private volatile boolean cancelled;

    private FileSend(Path file, Mode mode, int chunkSize, int maxFrame, Framing framing, Outbox out,
            Listener listener, long size) {
        super("tincan-file-send");
        this.file = file;
        this.name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        this.mode = mode;
        this.chunkSize = chunkSize;
        this.maxFrame = maxFrame;
        this.framing = framing;
        this.out = out;
        this.listener = listener;
        this.size = size;
    }

    /**
     * A send of {@code file}, checked and not yet started.
     *
     * @param chunkSize the bytes per frame for {@link Mode#CHUNKS}; ignored otherwise
     * @param maxFrame the longest frame the connection may send
     * @param framing the connection's framing, to check each frame before anything is sent;
     *     null to leave that to the engine
     * @throws IllegalArgumentException with one sentence when the file cannot be sent this way
     */
    public static FileSend of(Path file, Mode mode, int chunkSize, int maxFrame, Framing framing, Outbox out,
            Listener listener) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(listener, "listener");
        long size = check(file, mode, chunkSize, maxFrame);
        return new FileSend(file, mode, chunkSize, maxFrame, framing, out, listener, size);
    }

    /**
     * Checks that {@code file} can be sent as {@code mode} says, without reading it, as
     * {@link #of} does; returns its size. For refusing before connecting.
     *
     * @throws IllegalArgumentException with one sentence when it cannot
     */
    public static long check(Path file, Mode mode, int chunkSize, int maxFrame) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mode, "mode");
        long size;
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(file + " is a folder: pick a file.");
            }
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no file " + file + ": check the name and folder.");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage() + ".");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file + ": permission denied.");
        }
        if (size == 0) {
            throw new IllegalArgumentException(file + " is empty: there is nothing to send.");
        }
        if (mode == Mode.WHOLE && size > maxFrame) {
            throw new IllegalArgumentException(file + " is " + Words.size(size) + ", more than the max frame length of "
                    + Words.size(maxFrame) + ": send it in chunks or as lines, or raise the max frame length.");
        }
        if (mode == Mode.CHUNKS && chunkSize < 1) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " is too small: give 1 byte or more.");
        }
        if (mode == Mode.CHUNKS && chunkSize > maxFrame) {
            throw new IllegalArgumentException("chunk size " + Words.size(chunkSize) + " is more than the max frame "
                    + "length of " + Words.size(maxFrame) + ": give a smaller chunk size.");
        }
        return size;
    }

    /** Ends the send within milliseconds; the listener hears "cancelled". Safe from any thread. */
    public void cancel() {
        cancelled = true;
        interrupt();
    }

    /**
     * The session's hook: {@code payload} was handed to the wire (a {@code Sent} reply). Only
     * payloads this send put count, matched by identity. Safe from any thread.
     */
    public void sent(Bytes payload) {
        lock.lock();
        try {
            for (var it = inFlight.iterator(); it.hasNext();) {
                Frame f = it.next();
                if (f.payload == payload) {
                    it.remove();
                    inFlightBytes -= f.payload.length();
                    bytesDone += f.fileBytes;
                    framesDone++;
                    confirmed.signalAll();
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** How far the send has come. Safe from any thread. */
    public Progress progress() {
        lock.lock();
        try {
            long now = System.nanoTime();
            double seconds = startNanos == 0 ? 0 : (now - startNanos) / 1e9;
            double rate = seconds > 0.05 && bytesDone > 0 ? bytesDone / seconds : 0;
            long eta = rate > 0 ? (long) ((size - bytesDone) / rate * 1000) : -1;
            return new Progress(bytesDone, size, framesDone, Math.max(framesTotal, 0), rate, eta);
        } finally {
            lock.unlock();
        }
    }

    /** The file's size in bytes. */
    public long size() {
        return size;
    }

    @Override
    void run() {
        String sentence;
        boolean failed = false;
        try {
            long total = readThrough();
            lock.lock();
            try {
                framesTotal = total;
                startNanos = System.nanoTime();
            } finally {
                lock.unlock();
            }
            send();
            Progress p = progress();
            listener.progress(p);
            sentence = "sent " + name + ": " + what(p.framesDone()) + ", " + Words.size(size) + " in "
                    + Words.duration(Duration.ofNanos(System.nanoTime() - startNanos)) + ".";
        } catch (InterruptedException e) {
            Progress p = progress();
            sentence = "cancelled the send of " + name + " after " + p.framesDone() + " of " + p.framesTotal()
                    + " frames (" + Words.size(p.bytesDone()) + " of " + Words.size(size) + ").";
        } catch (Failed e) {
            sentence = e.getMessage();
            failed = true;
        } catch (IOException e) {
            LOG.warn("reading {} failed", file, e);
            sentence = "stopped sending " + name + " after " + progress().framesDone() + " frames: reading the file "
                    + "failed: " + e.getMessage() + ".";
            failed = true;
        } catch (RuntimeException e) {
            LOG.error("sending {} failed", file, e);
            sentence = "stopped sending " + name + " because of an internal error; the details are in the log.";
            failed = true;
        }
        if (cancelled && !failed) {
            Progress p = progress();
            if (p.framesDone() < p.framesTotal() || p.framesTotal() <= 0) {
                sentence = "cancelled the send of " + name + " after " + p.framesDone() + " of "
                        + Math.max(p.framesTotal(), 0) + " frames (" + Words.size(p.bytesDone()) + " of "
                        + Words.size(size) + ").";
            }
        }
        listener.finished(sentence, failed);
    }

    /** Reads the file once through and checks every frame; returns how many there are. */
    private long readThrough() throws IOException, Failed, InterruptedException {
        long frames = 0;
        try (FrameReader reader = new FrameReader()) {
            for (Frame f = reader.next(); f != null; f = reader.next()) {
                frames++;
                checkFrame(f, frames, "nothing was sent");
                if (cancelled || Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
        return frames;
    }

    private void checkFrame(Frame f, long n, String consequence) throws Failed {
        if (f.payload == null) {
            throw new Failed(name + ": " + label(n) + " is longer than the max frame length of "
                    + Words.size(maxFrame) + "; " + consequence + ".");
        }
        if (framing != null) {
            try {
                framing.check(f.payload);
            } catch (IllegalArgumentException e) {
                throw new Failed(name + ": " + label(n) + " cannot be framed: " + e.getMessage()
                        + (e.getMessage().endsWith(".") ? " " : ". ") + capital(consequence) + ".");
            }
        }
    }

    private void send() throws IOException, Failed, InterruptedException {
        long n = 0;
        long lastProgress = System.nanoTime();
        try (FrameReader reader = new FrameReader()) {
            for (Frame f = reader.next(); f != null; f = reader.next()) {
                n++;
                checkFrame(f, n, "the file changed while it was sent; " + (n - 1) + " frames were sent");
                lastProgress = waitForRoom(f.payload.length(), lastProgress);
                lock.lock();
                try {
                    inFlight.add(f);
                    inFlightBytes += f.payload.length();
                } finally {
                    lock.unlock();
                }
                String why = out.put(f.payload, PUSHBACK_MILLIS);
                if (why != null) {
                    throw new Failed("stopped sending " + name + " after " + progress().framesDone() + " of "
                            + framesTotal + " frames because: " + why);
                }
                if (cancelled) {
                    throw new InterruptedException();
                }
            }
        }
        lastProgress = waitForRoom(-1, lastProgress);
    }

    /**
     * Waits until a frame of {@code bytes} fits the window, or with {@code bytes} -1 until
     * every frame is confirmed; reports progress meanwhile. Returns when progress was last
     * reported.
     */
    private long waitForRoom(long bytes, long lastProgress) throws InterruptedException, Failed {
        lock.lock();
        try {
            long stallDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
            long confirmedBefore = framesDone;
            while (!inFlight.isEmpty() && (bytes < 0 || inFlight.size() >= WINDOW_FRAMES
                    || inFlightBytes + bytes > WINDOW_BYTES)) {
                if (cancelled) {
                    throw new InterruptedException();
                }
                long now = System.nanoTime();
                if (framesDone != confirmedBefore) {
                    confirmedBefore = framesDone;
                    stallDeadline = now + TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS);
                }
                if (now - stallDeadline >= 0) {
                    throw new Failed("stopped sending " + name + " after " + framesDone + " of " + framesTotal
                            + " frames: none was confirmed sent for " + Words.duration(Duration.ofMillis(STALL_MILLIS))
                            + "; is the connection still open?");
                }
                if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
                    lastProgress = now;
                    lock.unlock();
                    try {
                        listener.progress(progress());
                    } finally {
                        lock.lock();
                    }
                    continue;
                }
                confirmed.awaitNanos(Math.min(stallDeadline - now, PROGRESS_EVERY_NANOS));
            }
        } finally {
            lock.unlock();
        }
        long now = System.nanoTime();
        if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
            listener.progress(progress());
            return now;
        }
        return lastProgress;
    }

    private String label(long n) {
        return mode == Mode.LINES ? "line " + n : mode == Mode.CHUNKS ? "chunk " + n : "the file";
    }

    private String what(long frames) {
        switch (mode) {
            case LINES:
                return Words.count(frames, "line");
            case CHUNKS:
                return Words.count(frames, "chunk") + " of up to " + Words.size(chunkSize);
            default:
                return "one frame";
        }
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /** Reads the file a frame at a time; a frame too long comes back with a null payload. */
    private final class FrameReader implements AutoCloseable {
        private final InputStream in;
        private boolean done;

        FrameReader() throws IOException {
            in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        }

        Frame next() throws IOException {
            if (done) {
                return null;
            }
            switch (mode) {
                case WHOLE: {
                    done = true;
                    byte[] all = in.readNBytes(maxFrame + 1);
                    return all.length > maxFrame ? new Frame(null, all.length) : new Frame(Bytes.adopt(all), all.length);
                }
                case CHUNKS: {
                    byte[] chunk = in.readNBytes(chunkSize);
                    if (chunk.length == 0) {
                        done = true;
                        return null;
                    }
                    return new Frame(Bytes.adopt(chunk), chunk.length);
                }
                default:
                    return nextLine();
            }
        }

        private Frame nextLine() throws IOException {
            byte[] buf = new byte[Math.min(maxFrame + 1, 256)];
            int len = 0;
            long consumed = 0;
            boolean tooLong = false;
            int b;
            while ((b = in.read()) != -1) {
                consumed++;
                if (b == '\n') {
                    break;
                }
                if (len <= maxFrame) {
                    if (len == buf.length) {
                        buf = Arrays.copyOf(buf, (int) Math.min((long) maxFrame + 1, buf.length * 2L));
                    }
                    buf[len++] = (byte) b;
                } else {
                    tooLong = true;
                }
            }
            if (b == -1) {
                done = true;
                if (consumed == 0) {
                    return null;
                }
            }
            if (len > 0 && buf[len - 1] == '\r') {
                len--;
            }
            if (tooLong || len > maxFrame) {
                return new Frame(null, consumed);
            }
            return new Frame(Bytes.of(buf, 0, len), consumed);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
