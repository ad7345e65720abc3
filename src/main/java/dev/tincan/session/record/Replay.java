package dev.tincan.session.record;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.HostPort;
import dev.tincan.session.ConnectionStatus;
import dev.tincan.session.FrameListener;
import dev.tincan.session.Session;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends a recording's sent frames to a server again, with the recording's framing and max
 * frame length: with the original gaps between them, scaled by a speed, or as fast as the
 * connection takes them. With compare, every frame that comes back is checked, in order,
 * against the frames the recording received, and the first difference is kept: which
 * reply, what was expected, what came, and at which byte they part.
 *
 * <p>It drives a headless {@link Session} and drains it on the calling thread, which it
 * blocks until the replay ends; frames are read from the {@link RecordingFile} one at a
 * time, so a recording of any length replays in little memory. How far it has come goes to
 * a {@link Progress} listener on that same thread, a few times a second and once at the end.
 * Not thread-safe.
 */
public final class Replay {
    /** The longest a drain waits before the clock is looked at again. */
    private static final long POLL_MILLIS = 20;
    /** How long the connect and the close may take beyond their own timeouts. */
    private static final Duration GRACE = Duration.ofSeconds(5);
    /** Payloads are shown up to this many characters in a difference. */
    private static final int SHOWN = 120;
    /** The least time between two progress reports but the last. */
    static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /**
     * How to replay.
     *
     * @param speed how many times faster than recorded; 0 for as fast as possible
     * @param compare whether to check the replies against the recording
     * @param linger how long to wait after the last send for replies still to come, once no
     *     frame has arrived for that long
     */
    public record Options(double speed, boolean compare, Duration linger) {
        /** Rejects a negative or not-a-number speed and a negative wait. */
        public Options {
            if (!(speed >= 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException("speed : " + speed + " (expected: 0 for as fast as possible, or "
                        + "a positive number such as 2 or 0.5)");
            }
            Objects.requireNonNull(linger, "linger");
            if (linger.isNegative()) {
                throw new IllegalArgumentException("linger : " + linger + " (expected: not negative)");
            }
        }
    }

    /**
     * The first reply that was not as recorded.
     *
     * @param reply which reply, from 1, in the order they came
     * @param expected what the recording received there, or {@code null} when it received no more
     * @param got what came, or {@code null} when nothing came
     * @param at the index of the first byte that differs (the shorter length when one is the
     *     start of the other), or -1 when one side is missing
     */
    public record Difference(int reply, Bytes expected, Bytes got, int at) {
        /** The difference in one sentence. */
        public String sentence() {
            if (got == null) {
                return "reply " + reply + " did not come: expected " + shown(expected) + ".";
            }
            if (expected == null) {
                return "reply " + reply + " is not in the recording: got " + shown(got) + ".";
            }
            return "reply " + reply + " differs from the recording at byte " + at + ": expected " + shown(expected)
                    + ", got " + shown(got) + ".";
        }

        private static String shown(Bytes b) {
            return "\"" + Escapes.escape(b, SHOWN) + "\" (" + b.length() + (b.length() == 1 ? " byte)" : " bytes)");
        }
    }

    /**
     * How a replay went.
     *
     * @param sent frames sent
     * @param toSend frames the recording sent
     * @param received frames that came back
     * @param recorded frames the recording received
     * @param nanos how long it took, from connected to the end of the wait
     * @param difference the first difference when compared, or {@code null}
     * @param failure why the replay stopped early (connect refused, closed by the server), or {@code null}
     */
    public record Result(int sent, int toSend, int received, int recorded, long nanos, Difference difference,
            String failure) {
        /** Whether every frame was sent and, if compared, every reply was as recorded. */
        public boolean ok() {
            return failure == null && difference == null && sent == toSend;
        }
    }

    /**
     * How far a replay has come: {@code sent} frames of {@code toSend}, {@code received}
     * frames back, {@code elapsedNanos} since connected, and the time the sends still take at
     * the chosen speed (at the rate so far for as fast as possible, or when the sends fall
     * behind the recorded timing), 0 once all are sent, or -1 while unknown. Counts only
     * grow from one report to the next.
     */
    public record Progress(int sent, int toSend, int received, long elapsedNanos, long leftNanos) {
    }

    private final RecordingFile recording;
    private final String host;
    private final int port;
    private final Options options;
    private final Consumer<Progress> progress;
    /** The recorded times of the first and the last sent frame, or -1 while unknown. */
    private long firstOutAt = -1;
    private long lastOutAt = -1;
    private long began;
    private int sent;
    private long lastReport;
    /** Whether the connect has succeeded and the final report is still to come. */
    private boolean reporting;
    private final Session session = new Session();
    private int received;
    /** The line to look for the next recorded reply from. */
    private int nextIn;
    private Difference difference;
    private long lastFrameNanos;

    private Replay(RecordingFile recording, String host, int port, Options options, Consumer<Progress> progress) {
        this.recording = recording;
        this.host = host;
        this.port = port;
        this.options = options;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Replays {@code recording} to {@code host}:{@code port} and returns how it went; every
     * wait is bounded but the recording's own length.
     *
     * @throws RecorderException when a line of the recording cannot be read
     * @throws IllegalArgumentException when the recording's framing is not one this Tincan knows
     */
    public static Result run(RecordingFile recording, String host, int port, Options options)
            throws RecorderException, InterruptedException {
        return run(recording, host, port, options, p -> { });
    }

    /**
     * Replays as {@link #run(RecordingFile, String, int, Options)} does, telling {@code progress}
     * how far it has come: on the calling thread, at most every 200 ms while it runs and once
     * more, with the final counts, before it returns. The listener must be quick; it is not
     * called when the connect fails.
     */
    public static Result run(RecordingFile recording, String host, int port, Options options,
            Consumer<Progress> progress) throws RecorderException, InterruptedException {
        return new Replay(recording, host, port, options, progress).run();
    }

    private Result run() throws RecorderException, InterruptedException {
        RecordFormat.Header h = recording.header();
        Framing framing = Framing.parse(h.framing());
        ConnectOptions connect = ConnectOptions.builder().framing(framing).maxFrameLength(h.maxFrame()).build();
        session.addFrameListener(new FrameListener() {
            @Override
            public void received(Bytes frame, long nanos) {
                replied(frame, nanos);
            }
        });
        session.start();
        began = System.nanoTime();
        String failure = null;
        try {
            failure = open(connect);
            began = System.nanoTime();
            lastFrameNanos = began;
            lastReport = began;
            if (failure == null) {
                timeSpan();
                reporting = true;
            }
            long firstOut = -1;
            for (int i = 0; i < recording.size() && failure == null; i++) {
                RecordFormat.Dir dir = recording.dir(i);
                if (dir != null && dir != RecordFormat.Dir.OUT) {
                    continue;
                }
                RecordFormat.Line line = recording.line(i);
                if (line.dir() != RecordFormat.Dir.OUT) {
                    continue;
                }
                if (firstOut < 0) {
                    firstOut = line.nanos();
                }
                if (options.speed() > 0) {
                    long due = began + (long) ((line.nanos() - firstOut) / options.speed());
                    failure = drainUntil(due);
                }
                if (failure == null) {
                    failure = send(line.bytes());
                }
                if (failure == null) {
                    sent++;
                    report();
                }
            }
            if (failure == null) {
                failure = awaitReplies();
            }
        } finally {
            close();
        }
        long nanos = System.nanoTime() - began;
        if (reporting) {
            reporting = false;
            progress.accept(new Progress(sent, recording.framesOut(), received, nanos, left(recording.framesOut(),
                    nanos)));
        }
        if (options.compare() && difference == null && failure == null) {
            Bytes missing = nextRecordedReply();
            if (missing != null) {
                difference = new Difference(received + 1, missing, null, -1);
            }
        }
        return new Result(sent, recording.framesOut(), received, recording.framesIn(), nanos, difference, failure);
    }

    /** Connects; returns why not, or {@code null}. */
    private String open(ConnectOptions connect) throws InterruptedException {
        String refused = session.connect(host, port, connect);
        if (refused != null) {
            return refused;
        }
        long deadline = System.nanoTime() + connect.connectTimeout().plus(GRACE).toNanos();
        while (session.status().phase() == ConnectionStatus.Phase.CONNECTING) {
            if (System.nanoTime() - deadline > 0) {
                return "connect to " + HostPort.of(host, port) + " got no answer in time.";
            }
            drain(POLL_MILLIS);
        }
        return session.status().isConnected() ? null : ended();
    }

    /** Drains until {@code due}; returns why the connection ended meanwhile, or {@code null}. */
    private String drainUntil(long due) throws InterruptedException {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            drain(Math.max(1, Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
            if (!session.status().isConnected()) {
                return ended();
            }
        }
        return null;
    }

    /** Sends one frame, draining while the command queue is full; returns why not, or {@code null}. */
    private String send(Bytes payload) throws InterruptedException {
        while (true) {
            if (!session.status().isConnected()) {
                return ended();
            }
            String why = session.send(payload);
            if (why == null) {
                return null;
            }
            if (!why.startsWith("the connection is busy")) {
                return why;
            }
            drain(1);
        }
    }

    /**
     * After the last send: drains until every recorded reply has come (or, without compare,
     * as many frames as were recorded), until nothing has come for the wait, or until the
     * server closes.
     */
    private String awaitReplies() throws InterruptedException {
        long wait = options.linger().toNanos();
        lastFrameNanos = Math.max(lastFrameNanos, System.nanoTime());
        while (received < recording.framesIn() && difference == null) {
            long left = lastFrameNanos + wait - System.nanoTime();
            if (left <= 0 || !session.status().isConnected()) {
                return null;
            }
            drain(Math.max(1, Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left))));
        }
        return null;
    }

    private String ended() {
        return session.status().sentence() + (session.status().sentence().endsWith(".") ? "" : ".");
    }

    private void drain(long millis) throws InterruptedException {
        session.take(4096, millis);
        session.changes();
        if (reporting) {
            report();
        }
    }

    /**
     * Finds when the first and the last frame were sent in the recording, for the time left;
     * leaves it unknown when a line cannot be read (the replay itself then names it).
     */
    private void timeSpan() {
        try {
            for (int i = 0; i < recording.size() && firstOutAt < 0; i++) {
                firstOutAt = outAt(i);
            }
            for (int i = recording.size() - 1; i >= 0 && lastOutAt < 0; i--) {
                lastOutAt = outAt(i);
            }
        } catch (RecorderException e) {
            firstOutAt = -1;
            lastOutAt = -1;
        }
    }

    /** The recorded time of line {@code i} when it is a sent frame, else -1. */
    private long outAt(int i) throws RecorderException {
        RecordFormat.Dir dir = recording.dir(i);
        if (dir != null && dir != RecordFormat.Dir.OUT) {
            return -1;
        }
        RecordFormat.Line line = recording.line(i);
        return line.dir() == RecordFormat.Dir.OUT ? line.nanos() : -1;
    }

    /** Tells the listener how far the replay has come, if the last report is old enough. */
    private void report() {
        long now = System.nanoTime();
        if (now - lastReport < PROGRESS_EVERY_NANOS) {
            return;
        }
        lastReport = now;
        long elapsed = now - began;
        int toSend = recording.framesOut();
        progress.accept(new Progress(sent, toSend, received, elapsed, left(toSend, elapsed)));
    }

    /** The time the sends still take: by the recorded timing, or by the rate so far once behind it. */
    private long left(int toSend, long elapsed) {
        if (sent >= toSend) {
            return 0;
        }
        long byTiming = -1;
        if (options.speed() > 0 && firstOutAt >= 0 && lastOutAt >= firstOutAt) {
            byTiming = (long) ((lastOutAt - firstOutAt) / options.speed()) - elapsed;
        }
        if (byTiming > 0) {
            return byTiming;
        }
        return sent > 0 ? (long) ((double) elapsed / sent * (toSend - sent)) : -1;
    }

    private void replied(Bytes frame, long nanos) {
        received++;
        lastFrameNanos = System.nanoTime();
        if (!options.compare() || difference != null) {
            return;
        }
        Bytes expected;
        try {
            expected = nextRecordedReply();
        } catch (RecorderException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (expected == null) {
            difference = new Difference(received, null, frame, -1);
        } else if (!expected.equals(frame)) {
            difference = new Difference(received, expected, frame, firstDifference(expected, frame));
        }
    }

    /** The next frame the recording received, or {@code null} when there are no more. */
    private Bytes nextRecordedReply() throws RecorderException {
        for (; nextIn < recording.size(); nextIn++) {
            RecordFormat.Dir dir = recording.dir(nextIn);
            if (dir != null && dir != RecordFormat.Dir.IN) {
                continue;
            }
            RecordFormat.Line line = recording.line(nextIn);
            if (line.dir() == RecordFormat.Dir.IN) {
                nextIn++;
                return line.bytes();
            }
        }
        return null;
    }

    /** The index of the first byte where {@code a} and {@code b} differ. */
    static int firstDifference(Bytes a, Bytes b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.get(i) != b.get(i)) {
                return i;
            }
        }
        return n;
    }

    /** Closes the connection and stops the client thread, within bounded waits. */
    private void close() throws InterruptedException {
        long deadline = System.nanoTime() + GRACE.toNanos();
        if (session.status().isConnected()) {
            session.disconnect();
        }
        while (session.status().phase() == ConnectionStatus.Phase.CLOSING && System.nanoTime() - deadline < 0) {
            drain(POLL_MILLIS);
        }
        session.shutdown();
        session.awaitStopped(GRACE.toMillis());
    }

    /** A rate in words for a summary, e.g. {@code 1.2 s}. */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
