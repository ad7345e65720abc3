package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ClientReply.By;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.testing.PacedReader;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.Threads;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The write timeout measures progress: a peer that keeps reading, however slowly, keeps
 * its connection through a frame that takes many timeouts to send; a peer that reads
 * nothing for a whole timeout loses it within the timeout plus the watchdog's bound.
 */
@Timeout(30)
class WriteTimeoutTest {
    private static final long TIMEOUT_MILLIS = 500;
    /** How late past the timeout a stall may be reported: the watchdog's bound, encoding and filling the buffers. */
    private static final long BOUND_MILLIS = 250;
    /** The peers' pace: fast enough that the kernel frees room (about 1.4 MiB) well within the timeout. */
    private static final long RATE = 8 << 20;
    /**
     * How long before a peer stops reading the stalled write may have last moved: the kernel
     * lets a blocked write go on in steps of about 1.4 MiB, 175 ms at {@link #RATE}; up to
     * 210 ms was seen.
     */
    private static final long KERNEL_STEP_MILLIS = 250;
    private static final Pattern STALL = Pattern.compile("for 0\\.5 s the server did not read enough to take any "
            + "more of the frame being sent \\(at least (\\d+) of (\\d+) bytes written\\), so the connection was "
            + "given up\\.");

    private final ReplyRecorder recorder = new ReplyRecorder();
    private PacedReader peer;

    @AfterEach
    void tearDown() throws Exception {
        recorder.shutdown();
        if (peer != null) {
            peer.close();
        }
        Threads.assertNoneLeft("tincan-");
    }

    private void connect() {
        recorder.send(new ClientCommand.Connect("127.0.0.1", peer.port(), ConnectOptions.builder()
                .framing(Framing.parse("len32")).writeTimeout(Duration.ofMillis(TIMEOUT_MILLIS)).build()));
        recorder.next(ClientReply.Connected.class);
    }

    @Test
    void aSlowButSteadyReaderGetsAFrameThatTakesManyTimeoutsToSend() throws Exception {
        // 16 MiB at 8 MiB/s: 2 s, four timeouts; the socket buffers (at most 4 MiB here)
        // take their share at once and the write waits for the rest.
        int size = 16 << 20;
        peer = PacedReader.steady(RATE);
        connect();
        long start = System.nanoTime();
        ClientCommand.Send big = recorder.send(new ClientCommand.Send(Bytes.of(new byte[size])));
        long read = peer.awaitRead(size + 4, 10_000);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(read).as("bytes the peer read").isEqualTo(size + 4);
        assertThat(millis).as("the transfer took %d ms", millis).isGreaterThan(3 * TIMEOUT_MILLIS);
        assertThat(recorder.next(ClientReply.Sent.class).command()).isSameAs(big);
        recorder.assertExhausted();
        // Still connected and writable.
        ClientCommand.Send small = recorder.send(new ClientCommand.Send(Bytes.utf8("still here")));
        assertThat(recorder.next(ClientReply.Sent.class).command()).isSameAs(small);
    }

    /**
     * The frame is committed ({@code Sent}), then the connection ends with a stalled write;
     * returns the stall sentence without the part about what may not have arrived.
     */
    private String stalled(ClientCommand.Send big) {
        assertThat(recorder.next(ClientReply.Sent.class).command()).isSameAs(big);
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.by()).isEqualTo(By.ERROR);
        assertThat(closed.cause()).isEqualTo(Failure.WRITE_STALLED);
        String tail = "; the frame may not have reached the server in full.";
        assertThat(closed.reason()).endsWith(tail);
        return closed.reason().substring(0, closed.reason().length() - tail.length()) + ".";
    }

    @Test
    void aPeerThatReadsNothingFailsTheSendWithinTheTimeoutPlusTheBound() throws Exception {
        peer = PacedReader.silent();
        connect();
        // Far more than the socket buffers between the client and a peer that reads nothing hold.
        int size = 16 << 20;
        // The clock starts before the send: the client may begin the write before send returns.
        long start = System.nanoTime();
        ClientCommand.Send big = recorder.send(new ClientCommand.Send(Bytes.of(new byte[size])));
        String error = stalled(big);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Matcher m = STALL.matcher(error);
        assertThat(m.matches()).as(error).isTrue();
        assertThat(Long.parseLong(m.group(1))).as("bytes written").isLessThan(size);
        assertThat(Long.parseLong(m.group(2))).as("bytes in the write").isEqualTo(size + 4);
        assertThat(millis).as("stall reported after %d ms", millis)
                .isBetween(TIMEOUT_MILLIS, TIMEOUT_MILLIS + BOUND_MILLIS);
    }

    @Test
    void aPeerThatStopsReadingFailsATimeoutAfterItStoppedNotATimeoutAfterTheWriteBegan() throws Exception {
        // Reads 8 MiB at 8 MiB/s (1 s, two timeouts), then nothing.
        long stopAfter = 8 << 20;
        peer = PacedReader.stoppingAfter(RATE, stopAfter);
        connect();
        ClientCommand.Send big = recorder.send(new ClientCommand.Send(Bytes.of(new byte[16 << 20])));
        String error = stalled(big);
        long failedAt = System.nanoTime();
        long stoppedAt = peer.awaitStopped(1000);
        long millis = TimeUnit.NANOSECONDS.toMillis(failedAt - stoppedAt);
        assertThat(millis).as("failed %d ms after the peer stopped reading", millis)
                .isBetween(TIMEOUT_MILLIS - KERNEL_STEP_MILLIS, TIMEOUT_MILLIS + BOUND_MILLIS);
        assertThat(peer.bytesRead()).as("bytes the peer read before the send failed").isEqualTo(stopAfter);
        Matcher m = STALL.matcher(error);
        assertThat(m.matches()).as(error).isTrue();
        assertThat(Long.parseLong(m.group(1))).as("bytes written").isGreaterThanOrEqualTo(stopAfter);
    }

    @Test
    void aShortTimeoutIsKeptWhileAnotherConnectionHasALongOne() throws Exception {
        // The watchdog sleeps towards the long timeout's deadline; a new connection must wake it.
        try (PacedReader patient = PacedReader.silent(); ReplyRecorder other = new ReplyRecorder()) {
            other.send(new ClientCommand.Connect("127.0.0.1", patient.port(), ConnectOptions.builder()
                    .framing(Framing.parse("len32")).writeTimeout(Duration.ofMinutes(1)).build()));
            other.next(ClientReply.Connected.class);
            peer = PacedReader.silent();
            connect();
            // The clock starts before the send: the client may begin the write before send returns.
            long start = System.nanoTime();
            ClientCommand.Send big = recorder.send(new ClientCommand.Send(Bytes.of(new byte[16 << 20])));
            String error = stalled(big);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(STALL.matcher(error).matches()).as(error).isTrue();
            assertThat(millis).as("stall reported after %d ms", millis)
                    .isBetween(TIMEOUT_MILLIS, TIMEOUT_MILLIS + BOUND_MILLIS);
            other.shutdown();
        }
    }
}
