package dev.tincan.ui;

import dev.tincan.bench.Percentile;
import dev.tincan.codec.Framing;
import dev.tincan.relay.Relay;
import dev.tincan.relay.RelayConfig;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import dev.tincan.ui.relay.RelayTab;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/**
 * The relay benchmark behind {@code tincan bench gui --relay N}: a relay tab in front, N
 * clients connected through its relay to the built-in server in flood mode, each client's
 * link flooded with 64-byte frames (together paced at the rate asked), every frame shown in
 * the tab's transcript. Measures what a person would feel, as the flood benchmark does: the
 * activity indicator's frames per second (it sits in the relay tab's header), the event
 * thread's delay (a probe every 10 ms), the relay's events the tab took, and whether every
 * frame reached its client.
 */
final class RelayBench {
    private static final int FRAME_SIZE = 64;
    private static final long PROBE_MILLIS = 10;

    private RelayBench() {
    }

    /**
     * Runs the benchmark: warms up for {@code warmup}, then measures for about {@code seconds}.
     *
     * @return whether every frame the server sent reached its client
     * @throws IOException when the server or the relay cannot start, or a client cannot connect
     * @throws IllegalStateException when there is no display
     */
    static boolean run(int clients, long rate, int seconds, Duration warmup, PrintWriter out,
            Consumer<String> progress) throws IOException, InterruptedException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("bench gui needs a display: run it on a desktop, or under xvfb-run -a.");
        }
        long perClientRate = Math.max(1, rate / clients);
        long perClient = Math.round(perClientRate * (seconds + warmup.toNanos() / 1e9));
        long frames = perClient * clients;
        long warmupFrames = Math.round(perClientRate * clients * (warmup.toNanos() / 1e9));
        ServerConfig config = ServerConfig.builder().port(0).framing(Framing.parse("line")).mode(Mode.FLOOD)
                .maxClients(clients).floodCount(perClient).floodSize(FRAME_SIZE).floodRate(perClientRate).build();
        try (CompanionServer server = new CompanionServer(config).start();
                Relay relay = Relay.start(RelayConfig.builder("127.0.0.1", server.port())
                        .framing(Framing.parse("line")).maxClients(clients).build())) {
            AtomicReference<JFrame> frame = new AtomicReference<>();
            AtomicReference<RelayTab> tab = new AtomicReference<>();
            AtomicReference<ActivityIndicator> indicator = new AtomicReference<>();
            invokeAndWait(() -> {
                RelayTab t = new RelayTab(relay);
                indicator.set(RelayIndicator.attach(t));
                JFrame f = new JFrame("Tincan — relay benchmark");
                f.setDefaultCloseOperation(JFrame.DISPOSE_ON_CLOSE);
                f.setContentPane(t);
                f.setSize(1340, 820);
                f.setLocationRelativeTo(null);
                f.setVisible(true);
                frame.set(f);
                tab.set(t);
            });
            AtomicLong received = new AtomicLong();
            // One thread reads every client, so the clients take little of the machine from the window.
            Selector selector = Selector.open();
            List<SocketChannel> channels = new ArrayList<>();
            Thread reader = new Thread(() -> countLines(selector, received), "tincan-bench-relay-clients");
            reader.setDaemon(true);
            try {
                for (int i = 0; i < clients; i++) {
                    SocketChannel c = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            relay.address().getPort()));
                    c.configureBlocking(false);
                    c.register(selector, SelectionKey.OP_READ);
                    channels.add(c);
                }
                reader.start();
                return measure(clients, tab.get(), indicator.get(), received, frames, warmupFrames, perClientRate,
                        out, progress);
            } finally {
                reader.interrupt();
                selector.wakeup();
                reader.join(TimeUnit.SECONDS.toMillis(5));
                selector.close();
                for (SocketChannel c : channels) {
                    c.close();
                }
                invokeAndWait(() -> {
                    tab.get().close();
                    frame.get().dispose();
                });
            }
        }
    }

    /** Reads every client's channel until interrupted, counting the line feeds. */
    private static void countLines(Selector selector, AtomicLong received) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel c = (SocketChannel) key.channel();
                    buffer.clear();
                    int n = c.read(buffer);
                    if (n < 0) {
                        key.cancel();
                        continue;
                    }
                    long lines = 0;
                    for (int i = 0; i < n; i++) {
                        if (buffer.get(i) == '\n') {
                            lines++;
                        }
                    }
                    received.addAndGet(lines);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // The benchmark closed the clients: the count so far stands.
        }
    }

    private static boolean measure(int clients, RelayTab tab, ActivityIndicator indicator, AtomicLong received,
            long frames, long warmupFrames, long perClientRate, PrintWriter out, Consumer<String> progress)
            throws InterruptedException {
        AtomicLong paints = new AtomicLong();
        indicator.setPaintListener(nanos -> paints.incrementAndGet());
        long seconds = Math.max(1, frames / Math.max(1, perClientRate * clients));
        long[] probes = new long[(int) Math.max(1024, seconds * 5 * 1000 / PROBE_MILLIS + 1024)];
        AtomicLong probeCount = new AtomicLong();
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tincan-bench-probe");
            t.setDaemon(true);
            return t;
        });
        prober.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            SwingUtilities.invokeLater(() -> {
                int i = (int) probeCount.getAndIncrement();
                if (i < probes.length) {
                    probes[i] = System.nanoTime() - posted;
                }
            });
        }, 0, PROBE_MILLIS, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(30, seconds * 5L));
        while (received.get() < warmupFrames && System.nanoTime() < deadline) {
            progress.accept(String.format(Locale.ROOT, "warming up: %,d of %,d frames", received.get(),
                    warmupFrames));
            Thread.sleep(10); // a sampling interval for the end of the warm-up, not a hand-over
        }
        long start = System.nanoTime();
        int warmupProbes = (int) Math.min(probes.length, probeCount.get());
        long paintsAtStart = paints.get();
        long receivedAtStart = received.get();
        long eventsAtStart = events(tab);
        while (received.get() < frames && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            progress.accept(String.format(Locale.ROOT, "measuring: %,d of %,d frames, %.1f s, %.0f fps",
                    received.get() - receivedAtStart, frames - receivedAtStart, (now - start) / 1e9,
                    (paints.get() - paintsAtStart) / Math.max(1e-9, (now - start) / 1e9)));
            Thread.sleep(50); // a sampling interval for the progress line, not a hand-over
        }
        progress.accept("");
        long elapsed = System.nanoTime() - start;
        long got = received.get();
        long events = events(tab) - eventsAtStart;
        double fps = (paints.get() - paintsAtStart) / (elapsed / 1e9);
        prober.shutdownNow();
        prober.awaitTermination(1, TimeUnit.SECONDS);
        int n = (int) Math.min(probes.length, probeCount.get());
        long[] delays = Arrays.copyOfRange(probes, warmupProbes, Math.max(warmupProbes, n));
        Arrays.sort(delays);
        int links = openLinks(tab);

        out.printf(Locale.ROOT, "tincan bench gui --relay %d: %d clients through a relay tab, each flooded by the "
                + "server with %,d frames of %d bytes paced at %,d frames/s (%,d frames/s in all), line framing%n",
                clients, clients, frames / clients, FRAME_SIZE, perClientRate, perClientRate * clients);
        out.printf(Locale.ROOT, "  %d links open; clients received %,d of %,d; measured %,d in %.2f s (%,.0f "
                + "frames/s); the tab took %,d events (%,.0f/s)%n", links, got, frames, got - receivedAtStart,
                elapsed / 1e9, (got - receivedAtStart) / (elapsed / 1e9), events, events / (elapsed / 1e9));
        out.printf(Locale.ROOT, "  animation %.1f fps in the relay tab; EDT probe every %d ms: p50 %.1f ms, p99 %.1f "
                + "ms, max %.1f ms (%d probes)%n", fps, PROBE_MILLIS, pct(delays, 50), pct(delays, 99),
                pct(delays, 100), delays.length);
        out.printf(Locale.ROOT, "result pattern=gui-relay clients=%d fps=%.1f probe_p50_ms=%.1f probe_p99_ms=%.1f "
                + "probe_max_ms=%.0f sent=%d received=%d events_per_s=%.0f%n", clients, fps, pct(delays, 50),
                pct(delays, 99), pct(delays, 100), frames, got, events / (elapsed / 1e9));
        out.flush();
        return got == frames;
    }

    private static long events(RelayTab tab) throws InterruptedException {
        long[] n = new long[1];
        invokeAndWait(() -> n[0] = tab.eventsTaken());
        return n[0];
    }

    private static int openLinks(RelayTab tab) throws InterruptedException {
        int[] n = new int[1];
        invokeAndWait(() -> n[0] = tab.openLinks());
        return n[0];
    }

    private static void invokeAndWait(Runnable r) throws InterruptedException {
        try {
            SwingUtilities.invokeAndWait(r);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static double pct(long[] sorted, double p) {
        return Percentile.nearestRank(sorted, p) / 1e6;
    }
}
