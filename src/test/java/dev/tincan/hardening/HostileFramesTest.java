package dev.tincan.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ClientReply.By;
import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.Hex;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.testing.LoopbackServer;
import dev.tincan.testing.ReplyRecorder;
import dev.tincan.testing.TincanProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servers that send what no client should have to take: absurd length prefixes, endless
 * streams, floods, terminal escapes. For each: one plain sentence or a safe display, the
 * heap stays within {@value #HEAP_BUDGET_MIB} MiB of where it was (measured after full
 * collections), and the same client connects again and echoes.
 */
class HostileFramesTest {
    private static final Logger log = LoggerFactory.getLogger(HostileFramesTest.class);
    private static final long HEAP_BUDGET_MIB = 64;
    private static final long MIB = 1024 * 1024;
    private static final String CLOSED_HINT = " The connection was closed: check the framing, or raise the max frame "
            + "length.";

    private final ReplyRecorder recorder = new ReplyRecorder();
    private CompanionServer echo;
    private LoopbackServer hostile;
    private long heapBefore;

    @BeforeEach
    void startEchoServerAndMeasureHeap() throws Exception {
        echo = new CompanionServer(ServerConfig.builder().port(0).build()).start();
        heapBefore = Resources.usedHeap();
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            recorder.shutdown();
        } finally {
            recorder.close();
            echo.close();
            if (hostile != null) {
                hostile.close();
            }
        }
        Resources.assertNoThreadsLeft();
    }

    private void connect(String framing, int maxFrameLength) {
        ConnectOptions options = ConnectOptions.builder().framing(Framing.parse(framing))
                .maxFrameLength(maxFrameLength).build();
        ClientCommand.Connect connect = recorder.send(new ClientCommand.Connect("127.0.0.1", hostile.port(), options));
        assertThat(recorder.next(ClientReply.Connected.class).command()).isSameAs(connect);
    }

    private String closedByError() {
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.by()).isEqualTo(By.ERROR);
        assertThat(closed.command()).isNull();
        return closed.reason();
    }

    /** Used heap after full collections has grown by less than the budget; logs and returns the growth. */
    private long heapStaysBounded(String what) {
        long growth = Resources.usedHeap() - heapBefore;
        log.info("heap growth after {}: {} KiB", what, growth / 1024);
        assertThat(growth).as("heap growth after %s, bytes", what).isLessThan(HEAP_BUDGET_MIB * MIB);
        return growth;
    }

    /** The same client connects to a well-behaved server and gets its echo. */
    private void stillUsable() {
        recorder.send(new ClientCommand.Connect("127.0.0.1", echo.port(), ConnectOptions.defaults()));
        recorder.next(ClientReply.Connected.class);
        Conversation.Result result = Conversation.pingPong(recorder, List.of(Bytes.utf8("still here")));
        assertThat(result.echoed()).isEqualTo(1);
        ClientCommand.Close close = recorder.send(new ClientCommand.Close());
        assertThat(recorder.next(ClientReply.Closed.class).command()).isSameAs(close);
    }

    private static void silent(Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[1024];
        while (in.read(sink) >= 0) {
            // Reads and never answers.
        }
    }

    @Test
    void aLen32PrefixOfAllOnesIsRefusedBeforeAllocating() throws Exception {
        hostile = LoopbackServer.start(socket -> {
            socket.getOutputStream().write(Hex.parse("ffffffff616263"));
            silent(socket);
        });
        connect("len32", Framing.DEFAULT_MAX_FRAME_LENGTH);
        assertThat(closedByError()).isEqualTo("frame too long: the len32 prefix says 4294967295 bytes, over the max "
                + "frame length of 16777216 bytes." + CLOSED_HINT);
        heapStaysBounded("a len32 prefix of ffffffff");
        stillUsable();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8000000000000000", "ffffffffffffffff"})
    void aNegativeLen64PrefixIsCalledABrokenStream(String prefix) throws Exception {
        hostile = LoopbackServer.start(socket -> {
            socket.getOutputStream().write(Hex.parse(prefix + "616263"));
            silent(socket);
        });
        connect("len64", Framing.DEFAULT_MAX_FRAME_LENGTH);
        long value = Long.parseUnsignedLong(prefix, 16);
        assertThat(closedByError()).isEqualTo("length prefix " + prefix + " is a negative 64-bit length (" + value
                + "): the stream is not len64 framed. The connection was closed: check the framing.");
        heapStaysBounded("a len64 prefix of " + prefix);
        stillUsable();
    }

    @Test
    void aLengthOneOverTheMaxIsRefusedAfterAFrameOfExactlyTheMax() throws Exception {
        byte[] fits = new byte[1024];
        Arrays.fill(fits, (byte) 'a');
        hostile = LoopbackServer.start(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write(Framing.parse("len32").encode(Bytes.of(fits)));
            out.write(Hex.parse("00000401"));
            out.write(new byte[1025]);
            silent(socket);
        });
        connect("len32", 1024);
        assertThat(recorder.next(ClientReply.Received.class).frame()).isEqualTo(Bytes.of(fits));
        assertThat(closedByError()).isEqualTo("frame too long: the len32 prefix says 1025 bytes, over the max frame "
                + "length of 1024 bytes." + CLOSED_HINT);
        heapStaysBounded("a len32 frame of max + 1");
        stillUsable();
    }

    @Test
    void aLineOneOverTheMaxIsRefusedAfterALineOfExactlyTheMax() throws Exception {
        byte[] fits = new byte[1024];
        Arrays.fill(fits, (byte) 'a');
        byte[] over = new byte[1025];
        Arrays.fill(over, (byte) 'b');
        hostile = LoopbackServer.start(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write(fits);
            out.write('\n');
            out.write(over);
            silent(socket);
        });
        connect("line", 1024);
        assertThat(recorder.next(ClientReply.Received.class).frame()).isEqualTo(Bytes.of(fits));
        assertThat(closedByError()).isEqualTo("frame too long: 1025 bytes without a line delimiter, over the max frame "
                + "length of 1024 bytes." + CLOSED_HINT);
        heapStaysBounded("a line of max + 1");
        stillUsable();
    }

    /**
     * A too-long frame ends the connection where it stands in the stream: the frames after it,
     * read in the same chunk, are not handed over ahead of the close. They were, so a send
     * waiting for one reply took the line after the too-long one as its answer and exited 0.
     */
    @Test
    void noFrameAfterATooLongOneIsHandedOverBeforeTheClose() throws Exception {
        hostile = LoopbackServer.start(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write("ok\n0123456789\nab\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            silent(socket);
        });
        connect("line", 4);
        assertThat(recorder.next(ClientReply.Received.class).frame()).isEqualTo(Bytes.utf8("ok"));
        assertThat(closedByError()).isEqualTo("frame too long: 5 bytes without a line delimiter, over the max frame "
                + "length of 4 bytes." + CLOSED_HINT);
        stillUsable();
    }

    @Test
    void aGigabyteWithoutADelimiterIsCutOffAtTheMaxFrameLength() throws Exception {
        long gigabyte = 1L << 30;
        AtomicLong written = new AtomicLong();
        CountDownLatch stopped = new CountDownLatch(1);
        hostile = LoopbackServer.start(socket -> {
            try {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'A');
                OutputStream out = socket.getOutputStream();
                while (written.get() < gigabyte) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } finally {
                stopped.countDown();
            }
        });
        connect("line", Framing.DEFAULT_MAX_FRAME_LENGTH);
        assertThat(closedByError()).isEqualTo("frame too long: 16777217 bytes without a line delimiter, over the max "
                + "frame length of 16777216 bytes." + CLOSED_HINT);
        assertThat(stopped.await(ReplyRecorder.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .as("the server's writes failed once the client closed").isTrue();
        log.info("the endless stream server wrote {} MiB before the client closed", written.get() / MIB);
        assertThat(written.get()).as("bytes the server wrote").isLessThan(gigabyte / 8);
        long growth = heapStaysBounded("a 1 GiB stream without a delimiter");
        assertThat(growth).as("heap kept once the 16 MiB partial frame was refused").isLessThan(4 * MIB);
        stillUsable();
    }

    @Test
    void aServerFloodingAnIdleClientIsPushedBackAndLosesNothing() throws Exception {
        int size = 1024;
        AtomicLong written = new AtomicLong();
        hostile = LoopbackServer.start(socket -> {
            byte[] frame = new byte[size + 1];
            Arrays.fill(frame, (byte) '.');
            frame[size] = '\n';
            OutputStream out = socket.getOutputStream();
            for (long i = 0; ; i++) {
                byte[] number = String.format("%010d", i).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(number, 0, frame, 0, number.length);
                out.write(frame);
                written.addAndGet(frame.length);
            }
        });
        connect("line", Framing.DEFAULT_MAX_FRAME_LENGTH);
        Resources.await("the reply queue to fill", 10_000, () -> recorder.client().replies().remainingCapacity() == 0);
        long[] last = {-1};
        int[] still = {0};
        Resources.await("the server to be pushed back (its writes to stop)", 10_000, () -> {
            long now = written.get();
            still[0] = now == last[0] ? still[0] + 1 : 0;
            last[0] = now;
            return still[0] >= 20;
        });
        log.info("the flooding server was pushed back after writing {} KiB", written.get() / 1024);
        assertThat(written.get()).as("bytes written before the server was pushed back").isLessThan(64 * MIB);
        heapStaysBounded("a flood into a full reply queue");

        long drained = 0;
        for (; drained < 3000; drained++) {
            assertFrame(recorder.next(ClientReply.Received.class), drained, size);
        }
        ClientCommand.Close close = recorder.send(new ClientCommand.Close());
        ClientReply reply;
        while ((reply = recorder.next()) instanceof ClientReply.Received received) {
            assertFrame(received, drained++, size);
        }
        assertThat(reply).isInstanceOf(ClientReply.Closed.class);
        assertThat(((ClientReply.Closed) reply).command()).isSameAs(close);
        log.info("{} flood frames taken in order after the push-back", drained);
        stillUsable();
    }

    private static void assertFrame(ClientReply.Received received, long index, int size) {
        String frame = received.frame().utf8();
        assertThat(frame).as("flood frame %d", index).hasSize(size).startsWith(String.format("%010d.", index));
    }

    /** Frames a hostile server sends, each with the line a terminal must show for it. */
    private static final String[][] HOSTILE_TEXT = {
        {"<html><body><h1>big</h1><img src=x></body></html>", "<html><body><h1>big</h1><img src=x></body></html>"},
        {"\u001b[2J\u001b[Hwiped", "\\x1b[2J\\x1b[Hwiped"},
        {"bell\u0007\u0007", "bell\\x07\\x07"},
        {"abc\b\b\bxyz", "abc\\x08\\x08\\x08xyz"},
        {"over\rwrite\r", "over\\rwrite\\r"},
        {"\u001b]0;owned\u0007", "\\x1b]0;owned\\x07"},
        {"\u202etxt.exe", "\\xe2\\x80\\xaetxt.exe"},
        {"del\u007f nul\u0000", "del\\x7f nul\\0"},
        {"line\nbreak\u2028sep", "line\\nbreak\\xe2\\x80\\xa8sep"},
    };
    /** An 8-bit CSI, which some terminals obey like ESC [. */
    private static final byte[] CSI8 = {(byte) 0x9b, '2', 'J'};

    /** A server that sends every hostile frame in {@code len32} framing, then closes its side. */
    private static LoopbackServer hostileTextServer() throws Exception {
        Framing len32 = Framing.parse("len32");
        return LoopbackServer.start(socket -> {
            OutputStream out = socket.getOutputStream();
            for (String[] c : HOSTILE_TEXT) {
                out.write(len32.encode(Bytes.utf8(c[0])));
            }
            out.write(len32.encode(Bytes.of(CSI8)));
            socket.shutdownOutput();
            silent(socket);
        });
    }

    @Test
    void htmlAndTerminalControlsArriveByteForByteAndTheConnectionStaysSound() throws Exception {
        hostile = hostileTextServer();
        connect("len32", Framing.DEFAULT_MAX_FRAME_LENGTH);
        for (String[] c : HOSTILE_TEXT) {
            assertThat(recorder.next(ClientReply.Received.class).frame()).isEqualTo(Bytes.utf8(c[0]));
        }
        assertThat(recorder.next(ClientReply.Received.class).frame()).isEqualTo(Bytes.of(CSI8));
        ClientReply.Closed closed = recorder.next(ClientReply.Closed.class);
        assertThat(closed.by()).isEqualTo(By.SERVER);
        assertThat(closed.reason()).isEqualTo("closed by the server.");
        heapStaysBounded("frames with HTML and terminal controls");
        stillUsable();
    }

    /**
     * What reaches the terminal when {@code tincan send} or {@code tincan connect}, run as a
     * person runs them, prints frames with HTML and terminal controls: one line per frame,
     * every control escaped, and not one byte a terminal would act on.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"send --replies 10", "connect"})
    void htmlAndTerminalControlsReachTheTerminalAsOneLineOfTextEach(String command) throws Exception {
        hostile = hostileTextServer();
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--framing", "len32", "127.0.0.1", String.valueOf(hostile.port())));

        // connect ends when the server closes, not when its input ends.
        String[] argv = args.toArray(String[]::new);
        TincanProcess.Result run = command.equals("connect") ? TincanProcess.runWithInputOpen(argv)
                : TincanProcess.run(argv);

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> expected = new ArrayList<>();
        for (String[] c : HOSTILE_TEXT) {
            expected.add(c[1]);
        }
        expected.add("\\x9b2J");
        assertThat(run.outLines()).containsExactlyElementsOf(expected);
        assertOnlyPrintableAsciiAndLineEnds(run.out());
    }

    @Test
    void htmlAndTerminalControlsInJsonOutputAreEscapedToo() throws Exception {
        hostile = hostileTextServer();

        TincanProcess.Result run = TincanProcess.run("send", "--replies", "10", "--out", "json", "--framing", "len32",
                "127.0.0.1", String.valueOf(hostile.port()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(HOSTILE_TEXT.length + 1);
        assertThat(run.outLines().get(1)).contains("\"text\":\"\\u001b[2J\\u001b[Hwiped\"");
        // Printable non-ASCII may stay (a malformed byte becomes U+FFFD); nothing else may.
        assertThat(run.outText().codePoints().filter(cp -> cp != '\n' && (Character.isISOControl(cp)
                || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.LINE_SEPARATOR
                || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR)))
                .as("control, format or separator characters in%n%s", run.outText()).isEmpty();
    }

    private static void assertOnlyPrintableAsciiAndLineEnds(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            int b = out[i] & 0xff;
            if (b != '\n' && (b < 0x20 || b > 0x7e)) {
                throw new AssertionError(String.format("byte %d of the output is 0x%02x, which a terminal may act "
                        + "on:%n%s", i, b, new String(out, StandardCharsets.UTF_8)));
            }
        }
    }
}
