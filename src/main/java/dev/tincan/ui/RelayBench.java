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
 *
 * <p>The server paces every flood from one thread ({@link CompanionServer#floodRound()}) and
 * holds them until all N links are open, then begins them together; the measured window
 * starts after the warm-up, once the clients have what the schedule owes them (less 100 ms
 * of it), so that a catch-up burst faster than asked is not measured as the flood, and lasts
 * the seconds asked: the floods last {@value #RESERVE_SECONDS} s longer for that. The
 * report says how the flood was paced, how far behind the window began, the rate the clients
 * got against the rate asked, the frames the tab took against those the clients got, and how
 * often the transcript's table was painted.
 */
final class RelayBench {
    private static final int FRAME_SIZE = 64;
    private static final long PROBE_MILLIS = 10;
    /** How much longer than the warm-up and the window the floods last, and the longest wait to catch up. */
    static final int RESERVE_SECONDS = 2;

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
        // The floods last RESERVE_SECONDS longer than the warm-up and the window, so that a window begun late,
        // after a catch-up, still sees the flood at its rate to its end.
        long perClient = Math.round(perClientRate * (seconds + warmup.toNanos() / 1e9 + RESERVE_SECONDS));
        long frames = perClient * clients;
        long warmupFrames = Math.round(perClientRate * clients * (warmup.toNanos() / 1e9));
        ServerConfig config = ServerConfig.builder().port(0).framing(Framing.parse("line")).mode(Mode.FLOOD)
                .maxClients(clients).floodCount(perClient).floodSize(FRAME_SIZE).floodRate(perClientRate).build();
        // The floods begin together once every link is open: none runs ahead while the others connect.
        try (CompanionServer server = new CompanionServer(config).floodTogether(clients).start();
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
                long connecting = System.nanoTime();
                for (int i = 0; i < clients; i++) {
                    SocketChannel c = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            relay.address().getPort()));
                    c.configureBlocking(false);
                    c.register(selector, SelectionKey.OP_READ);
                    channels.add(c);
                }
                reader.start();
                long linksOpen = awaitLinks(clients, tab.get(), progress);
                return measure(clients, tab.get(), indicator.get(), received, frames, warmupFrames, perClientRate,
                        seconds, connecting, linksOpen, out, progress);
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

    /**
     * Waits until the tab counts {@code clients} open links, as the floods begin then.
     *
     * @return the {@code System.nanoTime()} when they were
     * @throws IllegalStateException when they do not all open within 60 s
     */
    private static long awaitLinks(int clients, RelayTab tab, Consumer<String> progress) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int open;
        while ((open = openLinks(tab)) < clients) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("only " + open + " of " + clients + " links opened within 60 s, so "
                        + "the relay benchmark stopped.");
            }
            progress.accept(String.format(Locale.ROOT, "opening links: %d of %d", open, clients));
            Thread.sleep(10); // a sampling interval for the progress line, not a hand-over
        }
        return System.nanoTime();
    }

    private static boolean measure(int clients, RelayTab tab, ActivityIndicator indicator, AtomicLong received,
            long frames, long warmupFrames, long perClientRate, int windowSeconds, long connecting, long linksOpen,
            PrintWriter out, Consumer<String> progress) throws InterruptedException {
        long linksNanos = linksOpen - connecting;
        long totalRate = perClientRate * clients;
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
        // Frames that fell behind while the JIT compiled would come in a catch-up burst faster than asked: the
        // measurement begins once the clients have what was due, less 100 ms of it, or at the latest after the
        // reserve the floods have for it.
        long behind;
        long catchUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(RESERVE_SECONDS);
        while ((behind = due(linksOpen, totalRate, frames) - totalRate / 10 - received.get()) > 0
                && received.get() < frames && System.nanoTime() - catchUpEnd < 0) {
            progress.accept(String.format(Locale.ROOT, "catching up: %,d frames behind the flood's schedule",
                    behind));
            Thread.sleep(10); // a sampling interval for the end of the warm-up, not a hand-over
        }
        long behindAtStart = Math.max(0, due(linksOpen, totalRate, frames) - received.get());
        long start = System.nanoTime();
        int warmupProbes = (int) Math.min(probes.length, probeCount.get());
        long paintsAtStart = paints.get();
        long receivedAtStart = received.get();
        long eventsAtStart = events(tab);
        long rowsAtStart = framesTaken(tab);
        long tablePaintsAtStart = tablePaints(tab);
        long end = start + TimeUnit.SECONDS.toNanos(windowSeconds);
        while (received.get() < frames && System.nanoTime() - end < 0 && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            progress.accept(String.format(Locale.ROOT, "measuring: %,d of %,d frames, %.1f s, %.0f fps",
                    received.get() - receivedAtStart, frames - receivedAtStart, (now - start) / 1e9,
                    (paints.get() - paintsAtStart) / Math.max(1e-9, (now - start) / 1e9)));
            Thread.sleep(50); // a sampling interval for the progress line, not a hand-over
        }
        long elapsed = System.nanoTime() - start;
        long measured = received.get() - receivedAtStart;
        long events = events(tab) - eventsAtStart;
        long rows = framesTaken(tab) - rowsAtStart;
        long tablePaints = tablePaints(tab) - tablePaintsAtStart;
        double secs = elapsed / 1e9;
        double fps = (paints.get() - paintsAtStart) / secs;
        int n = (int) Math.min(probes.length, probeCount.get());
        prober.shutdownNow();
        prober.awaitTermination(1, TimeUnit.SECONDS);
        // The rest of the flood, outside the window: every frame must still reach its client.
        while (received.get() < frames && System.nanoTime() < deadline) {
            progress.accept(String.format(Locale.ROOT, "finishing: %,d of %,d frames", received.get(), frames));
            Thread.sleep(50); // a sampling interval for the progress line, not a hand-over
        }
        progress.accept("");
        long got = received.get();
        long[] delays = Arrays.copyOfRange(probes, warmupProbes, Math.max(warmupProbes, n));
        Arrays.sort(delays);
        int links = openLinks(tab);

        out.printf(Locale.ROOT, "tincan bench gui --relay %d: %d clients through a relay tab, each flooded by the "
                + "server with %,d frames of %d bytes paced at %,d frames/s (%,d frames/s in all), line framing%n",
                clients, clients, frames / clients, FRAME_SIZE, perClientRate, perClientRate * clients);
        out.printf(Locale.ROOT, "  flood: one server thread paces every client in rounds of %d ms; the %d floods began "
                + "together once all %d links were open (%.2f s after the first connect)%n",
                CompanionServer.floodRound().toMillis(), clients, clients, linksNanos / 1e9);
        out.printf(Locale.ROOT, "  %d links open; clients received %,d of %,d; measured %,d in %.2f s: %,.0f frames/s "
                + "for %,d asked, from %,d frames (%.0f ms) behind the schedule%s%n", links, got, frames, measured,
                secs, measured / secs, totalRate, behindAtStart, behindAtStart * 1e3 / totalRate,
                measured / secs > totalRate * 1.1 ? " (the flood was catching up)" : "");
        out.printf(Locale.ROOT, "  shown: the tab took %,d frames (%,.0f/s) of the %,d the clients got, in %,d table "
                + "paints (%.1f/s); %,d relay events (%,.0f/s)%n", rows, rows / secs, measured, tablePaints,
                tablePaints / secs, events, events / secs);
        out.printf(Locale.ROOT, "  animation %.1f fps in the relay tab; EDT probe every %d ms: p50 %.1f ms, p99 %.1f "
                + "ms, max %.1f ms (%d probes)%n", fps, PROBE_MILLIS, pct(delays, 50), pct(delays, 99),
                pct(delays, 100), delays.length);
        out.printf(Locale.ROOT, "result pattern=gui-relay clients=%d fps=%.1f probe_p50_ms=%.1f probe_p99_ms=%.1f "
                + "probe_max_ms=%.0f sent=%d received=%d events_per_s=%.0f frames_per_s=%.0f rows_per_s=%.0f "
                + "table_paints_per_s=%.1f links_open_s=%.2f%n", clients, fps, pct(delays, 50), pct(delays, 99),
                pct(delays, 100), frames, got, events / secs, measured / secs, rows / secs, tablePaints / secs,
                linksNanos / 1e9);
        out.flush();
        return got == frames;
    }

    /** How many frames the floods that began at {@code began} owe by now, {@code rate} a second in all. */
    private static long due(long began, long rate, long frames) {
        return Math.min(frames, (long) ((System.nanoTime() - began) / 1e9 * rate));
    }

    private static long events(RelayTab tab) throws InterruptedException {
        long[] n = new long[1];
        invokeAndWait(() -> n[0] = tab.eventsTaken());
        return n[0];
    }

    private static long framesTaken(RelayTab tab) throws InterruptedException {
        long[] n = new long[1];
        invokeAndWait(() -> n[0] = tab.framesTaken());
        return n[0];
    }

    private static long tablePaints(RelayTab tab) throws InterruptedException {
        long[] n = new long[1];
        invokeAndWait(() -> n[0] = tab.transcriptPaints());
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
