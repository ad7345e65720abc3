package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.testing.Threads;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code tincan serve} run in-process on a free port, talked to with {@code tincan send}. */
class ServeCommandTest {
    private static final Pattern START = Pattern.compile(
            "tincan serve: (.+), (\\S+) framing, listening on 127\\.0\\.0\\.1:(\\d+) \\(Ctrl\\+C to stop\\)");

    @AfterEach
    void noThreadIsLeft() {
        Threads.assertNoneLeft("tincan-server");
        Threads.assertNoneLeft("tincan-client");
    }

    @Test
    void servesUntilInterruptedAndSaysWhatListensWhere() throws Exception {
        LineQueue out = new LineQueue();
        StringWriter err = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread serve = new Thread(() -> exitCode.set(CliRun.run(InputStream.nullInputStream(), out, err,
                "serve", "--port", "0", "--framing", "len32le", "--mode", "upper")), "test-serve");
        serve.start();
        try {
            Matcher start = START.matcher(out.next());
            assertThat(start.matches()).isTrue();
            assertThat(start.group(1)).isEqualTo("upper");
            assertThat(start.group(2)).isEqualTo("len32le");

            CliRun.Result r = CliRun.run("send", "--framing", "len32le", "127.0.0.1", start.group(3), "tincan");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines()).containsExactly("Hello TINCAN");
        } finally {
            serve.interrupt();
            Threads.awaitEnded(serve);
        }
        assertThat(exitCode.get()).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void tickerModeSaysHowOftenItTicks() throws Exception {
        LineQueue out = new LineQueue();
        Thread serve = new Thread(() -> CliRun.run(InputStream.nullInputStream(), out, new StringWriter(),
                "serve", "--port", "0", "--mode", "ticker", "--tick", "250ms"), "test-serve");
        serve.start();
        try {
            Matcher start = START.matcher(out.next());
            assertThat(start.matches()).isTrue();
            assertThat(start.group(1)).isEqualTo("ticker every 250ms");
        } finally {
            serve.interrupt();
            Threads.awaitEnded(serve);
        }
    }

    @Test
    void anIpv6BindAddressIsShownInBracketsOnce() throws Exception {
        LineQueue out = new LineQueue();
        Thread serve = new Thread(() -> CliRun.run(InputStream.nullInputStream(), out, new StringWriter(),
                "serve", "--port", "0", "--bind", "::1"), "test-serve");
        serve.start();
        try {
            assertThat(out.next()).matches("tincan serve: echo, line framing, listening on \\[0:0:0:0:0:0:0:1]:\\d+ "
                    + "\\(Ctrl\\+C to stop\\)");
        } finally {
            serve.interrupt();
            Threads.awaitEnded(serve);
        }
    }

    @Test
    void eachDroppedClientIsOneLineOnTheServersTerminalAndTheClientHasItsOwnSentence() throws Exception {
        LineQueue out = new LineQueue();
        LineQueue err = new LineQueue();
        Thread serve = new Thread(() -> CliRun.run(InputStream.nullInputStream(), out, err,
                "serve", "--port", "0", "--max-frame", "16"), "test-serve");
        serve.start();
        try {
            Matcher start = START.matcher(out.next());
            assertThat(start.matches()).isTrue();
            String port = start.group(3);

            CliRun.Result tooLong = CliRun.run("send", "127.0.0.1", port, "a frame longer than sixteen bytes");

            assertThat(tooLong.exitCode()).isEqualTo(1);
            assertThat(tooLong.errFirstLine()).isEqualTo("error: 127.0.0.1:" + port
                    + " closed the connection before reply 1 of 1");
            assertThat(err.next()).matches("client 127\\.0\\.0\\.1:\\d+ dropped: frame too long: \\d+ bytes without a "
                    + "line delimiter, over the max frame length of 16 bytes\\.");

            try (Socket reset = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port))) {
                reset.getOutputStream().write("half a line".getBytes(StandardCharsets.US_ASCII));
                reset.setSoLinger(true, 0);
            }
            assertThat(err.next()).matches("client 127\\.0\\.0\\.1:\\d+ dropped: the connection was reset by the "
                    + "client\\.");

            CliRun.Result fine = CliRun.run("send", "127.0.0.1", port, "short");
            assertThat(fine.exitCode()).as(fine.err()).isZero();
        } finally {
            serve.interrupt();
            Threads.awaitEnded(serve);
        }
        assertThat(err.lines).as("no line for a client that closed on its own").isEmpty();
    }

    @Test
    void aPortInUseExitsOneWithASentence() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());

            CliRun.Result r = CliRun.run("serve", "--port", port);

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("error: port " + port + " on 127.0.0.1 is already in use: stop the other "
                    + "server or pick another port with --port." + System.lineSeparator());
        }
    }

    @Test
    void aConfigTheServerRefusesIsBadUsage() {
        CliRun.Result r = CliRun.run("serve", "--port", "0", "--max-clients", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: max clients 0 is out of range: use 1 to 10000.");
    }
}
