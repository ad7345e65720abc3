package dev.tincan.cli;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.HostPort;
import dev.tincan.relay.Binding;
import dev.tincan.relay.DatagramListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tincan listen --udp PORT}: be the UDP server a device sends to. Prints every
 * datagram prefixed by its peer, {@code #1 127.0.0.1:53122 ← hello}, and sends each line of
 * standard input as one datagram: to the peer heard from last, or with {@code @N line} to
 * peer #N, or with {@code @ADDR:PORT line} to any address. Runs until Ctrl+C or until its
 * thread is interrupted, as {@code listen} does; the end of standard input only stops
 * reading it. One thread prints, so lines never interleave.
 */
final class UdpListen {
    private static final Logger LOG = LoggerFactory.getLogger(UdpListen.class);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 50;
    private static final Pattern TO_PEER = Pattern.compile("@(\\d{1,9}) ?(.*)", Pattern.DOTALL);
    private static final Pattern TO_ADDRESS = Pattern.compile(
            "@(\\[[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(?:%\\w+)?\\]|\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5}) ?(.*)",
            Pattern.DOTALL);

    private final InetAddress bind;
    private final int port;
    private final int maxFrame;
    private final OutputFormat out;
    private final boolean hex;
    private final InputStream stdin;
    private final PrintWriter stdout;
    private final PrintWriter stderr;
    private int received;

    UdpListen(InetAddress bind, int port, int maxFrame, OutputFormat out, boolean hex, InputStream stdin,
            PrintWriter stdout, PrintWriter stderr) {
        this.bind = bind;
        this.port = port;
        this.maxFrame = maxFrame;
        this.out = out;
        this.hex = hex;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Listens until interrupted or Ctrl+C; returns the exit code. */
    int run() {
        DatagramListener listener;
        try {
            listener = DatagramListener.start(bind, port, maxFrame);
        } catch (IOException e) {
            throw new CommandFailedException(e.getMessage());
        }
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            interrupted.countDown();
            main.interrupt();
            try {
                ended.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tincan-listen-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean failed = false;
        try {
            String where = HostPort.of(listener.address());
            stdout.println("listening for udp on " + where + "; type a line to answer the last sender, @N line to "
                    + "answer peer #N, or @ADDR:PORT line to send anywhere.");
            stdout.flush();
            if (Binding.everyInterface(bind)) {
                say("warning: " + where + " listens on every interface, so the port is open to the network; use "
                        + "--bind 127.0.0.1 to keep it to this machine.");
            }
            Thread input = new Thread(() -> readInput(listener), "tincan-cli-stdin");
            // Reading standard input cannot be interrupted; a daemon thread does not hold the process open.
            input.setDaemon(true);
            input.start();
            // Unbounded on purpose: a listener runs until Ctrl+C or an interrupt.
            while (interrupted.getCount() > 0) {
                DatagramListener.Event event = listener.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (event != null && !print(event)) {
                    failed = true;
                    break;
                }
            }
        } catch (InterruptedException e) {
            // Asked to stop: Ctrl+C, or the thread that runs listen when it is not the whole process.
        } finally {
            listener.close();
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook runs or ran.
            }
        }
        return failed ? FailureHandler.EXIT_FAILURE : 0;
    }

    /** Prints one event; false when the listener has stopped. */
    private boolean print(DatagramListener.Event event) {
        if (event instanceof DatagramListener.Event.Datagram d) {
            received++;
            synchronized (stdout) {
                stdout.println(d.peer().label() + " ← " + FramePrinter.line(out, received, d.payload(), null));
                stdout.flush();
            }
        } else if (event instanceof DatagramListener.Event.Skipped s) {
            say("skipped: " + s.sentence());
        } else if (event instanceof DatagramListener.Event.Failed f) {
            say("error: " + f.sentence());
            return false;
        }
        return true;
    }

    private void readInput(DatagramListener listener) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                send(listener, line);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("reading standard input failed", e);
            say("error: reading standard input failed; datagrams that arrive are still printed.");
        }
    }

    /** Sends one typed line to whom it names, or says why not. */
    void send(DatagramListener listener, String line) {
        InetSocketAddress to;
        String text;
        Matcher peer = TO_PEER.matcher(line);
        Matcher address = TO_ADDRESS.matcher(line);
        if (address.matches()) {
            String host = address.group(1);
            int p = Integer.parseInt(address.group(2));
            if (p < 1 || p > 65535) {
                say("port " + p + " is out of range: use 1 to 65535.");
                return;
            }
            try {
                // Only literal addresses match, so this never asks a name server.
                to = new InetSocketAddress(InetAddress.getByName(HostPort.unbracketed(host)), p);
            } catch (IOException e) {
                say(host + " is not an address: write it as 127.0.0.1 or [::1].");
                return;
            }
            text = address.group(3);
        } else if (peer.matches()) {
            int id = Integer.parseInt(peer.group(1));
            DatagramListener.Peer known = listener.peer(id);
            if (known == null) {
                say("no peer #" + id + " has sent anything (or it was forgotten): answer a peer by the number "
                        + "printed before its datagrams, or write @ADDR:PORT line.");
                return;
            }
            to = known.address();
            text = peer.group(2);
        } else {
            DatagramListener.Peer last = listener.lastSender();
            if (last == null) {
                say("no datagram has arrived yet, so there is nobody to answer: wait for one, or write @ADDR:PORT "
                        + "line.");
                return;
            }
            to = last.address();
            text = line;
        }
        Bytes payload;
        try {
            payload = Payloads.parse(text, hex, null);
        } catch (IllegalArgumentException e) {
            say("error: " + e.getMessage());
            return;
        }
        String why = listener.send(to, payload);
        if (why != null) {
            say("error: " + why);
        }
    }

    private void say(String sentence) {
        synchronized (stderr) {
            stderr.println(Escapes.oneLine(sentence));
            stderr.flush();
        }
    }
}
