package dev.tincan.cli;

import dev.tincan.client.ClientReply;
import dev.tincan.client.Failure;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Framing;
import dev.tincan.session.FileSend;
import dev.tincan.session.Outbox;
import dev.tincan.session.Pairer;
import dev.tincan.session.Pairing;
import dev.tincan.session.Repeater;
import dev.tincan.session.Words;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.LongSupplier;

/**
 * The conversation of {@code send --repeat} and {@code send --file}: a {@link Repeater} or
 * a {@link FileSend} puts frames in the connection's queue on its own thread while this one
 * reads the replies, prints each received frame as {@code send} does, tells the file send
 * which frames reached the wire, and ends with a summary line on stderr. By default it waits
 * for one reply per frame sent ({@code --replies} says otherwise; with raw framing it waits
 * for none, only for an idle gap). The timeout counts from the moment the last frame was
 * sent. Any failure throws {@link CommandFailedException}. Used by one thread, once.
 */
final class SendToolExchange {
    /** How often the reply loop looks whether the sender has finished. */
    private static final long TICK_MILLIS = 20;
    /** The least time between two updates of the repeat's progress line. */
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** How the sender ended. */
    private record Finish(String sentence, boolean failed) {
    }

    private final ClientHandle client;
    private final Integer replies;
    private final Duration timeout;
    /** With raw framing: the quiet time that ends the wait for replies; else null. */
    private final Duration rawIdle;
    private final FramePrinter printer;
    private final Pairer pairer;
    private final PrintWriter err;
    private final BlockingQueue<Finish> finish = new ArrayBlockingQueue<>(1);
    private volatile boolean closed;
    private int sent;
    private int received;
    private long lastReceivedNanos;

    SendToolExchange(ClientHandle client, Integer replies, Duration timeout, Duration rawIdle, FramePrinter printer,
            Pairing pairing, PrintWriter err) {
        this.client = client;
        this.replies = replies;
        this.timeout = timeout;
        this.rawIdle = rawIdle;
        this.printer = printer;
        this.pairer = new Pairer(pairing);
        this.err = err;
    }

    /** The connection as an {@link Outbox}: refuses once the connection has closed. */
    static Outbox outbox(ClientHandle client, SendToolExchange exchange) {
        return new Outbox() {
            @Override
            public String offer(Bytes payload) {
                try {
                    return put(payload, 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted.";
                }
            }

            @Override
            public String put(Bytes payload, long timeoutMillis) throws InterruptedException {
                if (exchange.closed) {
                    return "the connection to " + client.address() + " is closed.";
                }
                return client.offer(payload, timeoutMillis) != null ? null
                        : "the send queue stayed full for " + DurationConverter.format(Duration.ofMillis(timeoutMillis))
                                + ": " + client.address() + " is not reading.";
            }
        };
    }

    /**
     * Sends {@code payload} {@code count} times, {@code interval} apart, with a progress line
     * on {@code progress} a few times a second once it has run for a moment.
     */
    void repeat(Supplier<Bytes> payload, long count, Duration interval, Consumer<String> progress)
            throws InterruptedException {
        long start = System.nanoTime();
        Repeater repeater = new Repeater(payload, count, interval, outbox(client, this),
                (sentence, failed) -> finish.add(new Finish(sentence, failed)));
        repeater.start();
        long[] shown = {start};
        try {
            converse(repeater::sent, payloadSent -> { }, progress, () -> {
                long now = System.nanoTime();
                if (now - shown[0] >= PROGRESS_EVERY_NANOS) {
                    shown[0] = now;
                    progress.accept(repeatLine(count, interval, now - start));
                }
            });
        } finally {
            repeater.stop();
            repeater.await(2000);
            progress.accept("");
        }
        long late = repeater.lateSends();
        err.println("sent " + (count == 1 ? "once" : count + " times")
                + (interval.isZero() ? "" : " every " + DurationConverter.format(interval)) + " in "
                + DurationConverter.format(Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)))
                + "; " + replyCount()
                + (late == 0 ? "" : "; fell behind " + (late == 1 ? "once" : late + " times")
                        + ", so some sends went later than due") + ".");
        err.flush();
    }

    /**
     * Sends {@code file} as {@code mode} says, with a progress line on {@code progress}.
     *
     * @throws IllegalArgumentException with one sentence when the file cannot be sent that way,
     *     before anything is sent
     */
    void file(Path file, FileSend.Mode mode, int chunk, int maxFrame, Framing framing, Consumer<String> progress)
            throws InterruptedException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        // The file send reports on its own thread; the line is drawn here, on the thread that
        // prints the replies, so a reply never lands in the middle of it.
        AtomicReference<String> latest = new AtomicReference<>();
        FileSend send = FileSend.of(file, mode, chunk, maxFrame, framing, outbox(client, this),
                new FileSend.Listener() {
                    @Override
                    public void progress(FileSend.Progress p) {
                        latest.set("sending " + name + ": " + p.describe());
                    }

                    @Override
                    public void finished(String sentence, boolean failed) {
                        finish.add(new Finish(sentence, failed));
                    }
                });
        send.start();
        Finish done;
        try {
            done = converse(() -> send.progress().framesDone(), send::sent, progress, () -> {
                String line = latest.getAndSet(null);
                if (line != null) {
                    progress.accept(line);
                }
            });
        } finally {
            send.cancel();
            send.await(2000);
            progress.accept("");
        }
        err.println(done.sentence().substring(0, done.sentence().length() - 1) + "; " + replyCount() + ".");
        err.flush();
    }

    /** The repeat's progress line: {@code sending 120 of 500, 118 replies, 2.5s, 8s left}. */
    private String repeatLine(long count, Duration interval, long elapsedNanos) {
        String left = interval.isZero() || sent >= count ? ""
                : ", " + Words.eta(interval.toMillis() * (count - sent)) + " left";
        return "sending " + sent + " of " + count + ", " + replyCount() + ", " + ProgressLine.elapsed(elapsedNanos)
                + left;
    }

    private String replyCount() {
        return received + (received == 1 ? " reply" : " replies");
    }

    /**
     * Reads replies until the sender has finished and the replies are in; returns how the
     * sender finished. Runs {@code tick} every time round, at least every 20 ms, and clears
     * the progress line on {@code progress} before each frame it prints, so the frame gets a
     * line of its own (the next tick puts the progress line back).
     */
    private Finish converse(LongSupplier produced, Consumer<Bytes> onSent, Consumer<String> progress, Runnable tick)
            throws InterruptedException {
        Finish done = null;
        long deadline = 0;
        while (true) {
            if (done == null) {
                done = finish.poll();
                if (done != null) {
                    if (done.failed()) {
                        throw new CommandFailedException(done.sentence());
                    }
                    deadline = System.nanoTime() + timeout.toNanos();
                }
            }
            if (done != null && sent >= produced.getAsLong()) {
                long expected = replies != null ? replies : rawIdle != null ? 0 : sent;
                boolean quiet = rawIdle == null || System.nanoTime() - lastReceivedNanos >= rawIdle.toNanos();
                if (received >= expected && quiet) {
                    return done;
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new CommandFailedException("timed out after " + DurationConverter.format(timeout)
                            + " waiting for reply " + (received + 1) + " of " + expected + " from " + client.address()
                            + SendExchange.NO_REPLY);
                }
            }
            ClientReply reply = client.replies().poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
            if (reply != null) {
                if (reply instanceof ClientReply.Received) {
                    progress.accept("");
                }
                handle(reply, onSent, done != null);
            }
            tick.run();
        }
    }

    private void handle(ClientReply reply, Consumer<Bytes> onSent, boolean senderDone) {
        if (reply instanceof ClientReply.Sent s) {
            sent++;
            pairer.sent(sent, s.command().payload(), s.nanos());
            onSent.accept(s.command().payload());
        } else if (reply instanceof ClientReply.Received r) {
            lastReceivedNanos = r.nanos();
            if (replies == null || received < replies) {
                received++;
                printer.print(received, r.frame(), pairer.received(r.frame(), r.nanos()));
            }
        } else if (reply instanceof ClientReply.Closed c) {
            closed = true;
            if (c.by() == ClientReply.By.SERVER) {
                boolean enough = senderDone && (replies == null ? received >= sent : received >= replies);
                if (!enough) {
                    throw new CommandFailedException(client.address() + " closed the connection after "
                            + sent + (sent == 1 ? " send" : " sends") + " and " + replyCount() + ".");
                }
            } else {
                throw new CommandFailedException(c.reason());
            }
        } else if (reply instanceof ClientReply.Error e && e.command() == null && e.cause() == Failure.FRAME_TOO_LONG) {
            err.println("skipped: " + Escapes.oneLine(e.message()));
            err.flush();
        } else if (reply instanceof ClientReply.Error e) {
            throw new CommandFailedException(e.message());
        } else {
            throw new IllegalStateException("unexpected reply " + reply);
        }
    }
}
