package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.testing.DatagramPeer;
import dev.tincan.testing.Threads;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code send --udp}, {@code listen --udp} and {@code serve --udp}, in-process, over real datagrams on 127.0.0.1. */
class UdpCommandsTest {
    private DatagramPeer peer;
    private DatagramPeer other;
    private Thread running;
    private PipedOutputStream keyboard;

    @AfterEach
    void tearDown() throws Exception {
        if (running != null && running.isAlive()) {
            running.interrupt();
            Threads.awaitEnded(running);
        }
        if (keyboard != null) {
            keyboard.close();
        }
        for (DatagramPeer p : new DatagramPeer[] {peer, other}) {
            if (p != null) {
                p.close();
            }
        }
        Threads.assertNoneLeft("tincan-");
    }

    @Test
    void sendUdpPrintsEachEchoWithTheAddressItCameFrom() throws Exception {
        peer = DatagramPeer.echo(s -> false);
        String port = String.valueOf(peer.port());
        CliRun.Result r = CliRun.run("send", "--udp", "127.0.0.1", port, "hello", "a\\nb");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.outLines()).containsExactly("127.0.0.1:" + port + " ← hello", "127.0.0.1:" + port + " ← a\\nb");
    }

    @Test
    void sendUdpInJsonNamesTheSourceInAField() throws Exception {
        peer = DatagramPeer.echo(s -> false);
        CliRun.Result r = CliRun.run("send", "--udp", "--out", "json", "127.0.0.1", String.valueOf(peer.port()),
                "hi");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).startsWith("{\"from\":\"127.0.0.1:" + peer.port() + "\",\"n\":1,\"bytes\":2,");
    }

    @Test
    @Timeout(10)
    void aLostDatagramEndsSendAtItsTimeoutWithASentence() throws Exception {
        peer = DatagramPeer.echo("two"::equals);
        long start = System.nanoTime();
        CliRun.Result r = CliRun.run("send", "--udp", "--timeout", "700ms", "127.0.0.1",
                String.valueOf(peer.port()), "one", "two", "three");
        long millis = (System.nanoTime() - start) / 1_000_000L;
        assertThat(peer.swallowed()).containsExactly("two");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.outLines()).hasSize(2);
        assertThat(r.err().strip()).isEqualTo("error: timed out after 700ms waiting for reply 3 of 3 from udp "
                + "127.0.0.1:" + peer.port() + ": a datagram or its answer may have been lost, and UDP does not send "
                + "it again; try again, or raise --timeout.");
        assertThat(millis).as("ended within the timeout and a little").isLessThan(5000);
    }

    @Test
    void connectUdpSendsEachLineAsADatagramAndPrintsWhereEachAnswerCameFrom() throws Exception {
        peer = DatagramPeer.echo(s -> false);
        String port = String.valueOf(peer.port());
        CliRun.Result r = CliRun.run(new java.io.ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8)),
                "connect", "--udp", "--linger", "1s", "127.0.0.1", port);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.errFirstLine()).isEqualTo("talking udp with 127.0.0.1:" + port + ": each line is sent as one "
                + "datagram; end with Ctrl+D.");
        assertThat(r.outLines()).containsExactly("127.0.0.1:" + port + " ← one", "127.0.0.1:" + port + " ← two");
    }

    @Test
    void sendUdpToAPortWhereNothingListensSaysSo() throws Exception {
        int port;
        try (DatagramSocket free = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        CliRun.Result r = CliRun.run("send", "--udp", "127.0.0.1", String.valueOf(port), "anyone?");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: nothing is listening on udp 127.0.0.1:" + port
                + " (the host answered port unreachable).");
    }

    @Test
    void sendUdpRefusesAMessageLongerThanADatagram() throws Exception {
        peer = DatagramPeer.open();
        CliRun.Result r = CliRun.run("send", "--udp", "--hex", "127.0.0.1", String.valueOf(peer.port()),
                "00".repeat(65_508));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: send failed: the message is 65508 bytes, and one udp datagram "
                + "to 127.0.0.1:" + peer.port() + " carries at most 65507 bytes; nothing was sent.");
    }

    @Test
    void sendUdpWithTlsIsBadUsage() {
        CliRun.Result r = CliRun.run("send", "--udp", "--tls", "127.0.0.1", "9", "x");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).contains("TLS runs over TCP only");
    }

    @Test
    void sendUdpWithAFramingSaysItIsNotApplied() throws Exception {
        peer = DatagramPeer.echo(s -> false);
        CliRun.Result r = CliRun.run("send", "--udp", "--framing", "len32", "127.0.0.1", String.valueOf(peer.port()),
                "x");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err().strip()).isEqualTo("note: with --udp each message is one datagram and each datagram one "
                + "reply; --framing len32 is not applied.");
        assertThat(r.outLines()).containsExactly("127.0.0.1:" + peer.port() + " ← x");
    }

    @Test
    void listenUdpPrintsTwoPeersAndAnswersTheOneAskedFor() throws Exception {
        LineQueue out = new LineQueue();
        LineQueue err = new LineQueue();
        keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        running = new Thread(() -> CliRun.run(stdin, out, err, "listen", "--udp", "0"), "test-listen-udp");
        running.start();
        Matcher m = Pattern.compile("listening for udp on 127\\.0\\.0\\.1:(\\d+); type a line to answer the last "
                + "sender, @N line to answer peer #N, or @ADDR:PORT line to send anywhere\\.").matcher(out.next());
        assertThat(m.matches()).isTrue();
        InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(m.group(1)));
        peer = DatagramPeer.open();
        other = DatagramPeer.open();

        peer.send(listen, "from one");
        assertThat(out.next()).isEqualTo("#1 127.0.0.1:" + peer.port() + " ← from one");
        other.send(listen, "from two");
        assertThat(out.next()).isEqualTo("#2 127.0.0.1:" + other.port() + " ← from two");

        type("@1 back to one\n");
        DatagramPeer.Datagram d = peer.receive();
        assertThat(d.utf8()).isEqualTo("back to one");
        assertThat(d.source()).isEqualTo(listen);
        type("to the last\n");
        assertThat(other.receive().utf8()).isEqualTo("to the last");
        type("@127.0.0.1:" + peer.port() + " by address\n");
        assertThat(peer.receive().utf8()).isEqualTo("by address");
        type("@7 nobody\n");
        assertThat(err.next()).startsWith("no peer #7 has sent anything");
        assertThat(err.lines).isEmpty();
    }

    @Test
    void serveUdpEchoesDatagramsOnTheSamePortAsTcp() throws Exception {
        LineQueue out = new LineQueue();
        running = new Thread(() -> CliRun.run(InputStream.nullInputStream(), out, new LineQueue(), "serve", "--port",
                "0", "--udp"), "test-serve-udp");
        running.start();
        Matcher m = Pattern.compile("tincan serve: echo, line framing, listening on 127\\.0\\.0\\.1:(\\d+) "
                + "\\(Ctrl\\+C to stop\\)").matcher(out.next());
        assertThat(m.matches()).isTrue();
        String port = m.group(1);
        assertThat(out.next()).isEqualTo("echoing udp datagrams on 127.0.0.1:" + port + " too.");

        CliRun.Result udp = CliRun.run("send", "--udp", "127.0.0.1", port, "over udp");
        assertThat(udp.outLines()).containsExactly("127.0.0.1:" + port + " ← over udp");
        CliRun.Result tcp = CliRun.run("send", "127.0.0.1", port, "over tcp");
        assertThat(tcp.outLines()).containsExactly("over tcp");
    }

    @Test
    void serveUdpInAnotherModeIsBadUsage() {
        CliRun.Result r = CliRun.run("serve", "--port", "0", "--udp", "--mode", "upper");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errFirstLine()).isEqualTo("error: --udp answers in echo mode only: leave out --mode upper, or leave "
                + "out --udp.");
    }

    private void type(String text) throws Exception {
        keyboard.write(text.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }
}
