package dev.tincan.ui;

import dev.tincan.bench.Percentile;
import dev.tincan.client.ClientReply;
import dev.tincan.client.ReplyTap;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.Session;
import dev.tincan.session.TranscriptRow;
import dev.tincan.session.rules.Action;
import dev.tincan.session.rules.Match;
import dev.tincan.session.rules.Rule;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import javax.swing.event.TableModelEvent;

/**
 * The GUI flood benchmark behind {@code tincan bench gui}: opens the real window, connects it
 * to the built-in server in flood mode, and measures what a person would feel: how smoothly
 * the activity indicator animates, how long the event dispatch thread takes to answer, how
 * much heap is left after a full GC, whether every frame arrived, and how long the window
 * took to appear.
 */
public final class GuiBench {
    private static final int FRAME_SIZE = 64;
    private static final long PROBE_MILLIS = 10;

    private GuiBench() {
    }

    /**
     * Floods the window with 64-byte frames paced at {@code rate} frames per second: first
     * for {@code warmup}, while the JIT compiles the paths the flood takes, then for
     * {@code seconds}, which are measured. Prints the figures and one
     * {@code result pattern=gui ...} line; the warm-up's worst probe delay is printed too.
     *
     * @param progress takes the progress line each time it changes, and an empty line to clear it
     * @return whether every frame sent was received
     * @throws IOException when the server cannot start or the window cannot connect
     * @throws IllegalStateException when there is no display
     */
    public static boolean run(long rate, int seconds, Duration warmup, PrintWriter out,
            Consumer<String> progress)
            throws IOException, InterruptedException {
        return run(rate, seconds, warmup, false, out, progress);
    }

    /**
     * {@link #run(long, int, Duration, PrintWriter, Consumer)}, with the traffic charts shown
     * when {@code charts}: then their EDT cost per painted frame is printed too.
     */
    public static boolean run(long rate, int seconds, Duration warmup, boolean charts, PrintWriter out,
            Consumer<String> progress)
            throws IOException, InterruptedException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("bench gui needs a display: run it on a desktop, or under xvfb-run -a.");
        }
        long warmupFrames = Math.round(rate * (warmup.toNanos() / 1e9));
        long frames = rate * seconds + warmupFrames;
        ServerConfig config = ServerConfig.builder().port(0).framing(Framing.parse("line"))
                .mode(Mode.FLOOD).floodCount(frames).floodSize(FRAME_SIZE).floodRate(rate).build();
        try (CompanionServer server = new CompanionServer(config).start()) {
            WindowHandle window = WindowHandle.open("127.0.0.1", server.port(), "line");
            try {
                ChartCost cost = charts ? new ChartCost() : null;
                if (cost != null) {
                    invokeAndWait(() -> cost.attach(window.window()));
                }
                return measure(window, frames, warmupFrames, rate, cost, out, progress);
            } finally {
                window.close();
                window.awaitClosed(Duration.ofSeconds(10));
            }
        }
    }

    private static boolean measure(WindowHandle window, long frames, long warmupFrames, long rate, ChartCost charts,
            PrintWriter out, Consumer<String> progress) throws IOException, InterruptedException {
        long firstWindowMs = firstWindowMillis(window);
        AtomicLong paints = new AtomicLong();
        window.setPaintListener(nanos -> paints.incrementAndGet());
        long seconds = Math.max(1, frames / rate);
        long[] probes = new long[(int) Math.max(1024, seconds * 3 * 1000 / PROBE_MILLIS + 1024)];
        AtomicLong probeCount = new AtomicLong();
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tincan-bench-probe");
            t.setDaemon(true);
            return t;
        });
        prober.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            window.invokeLater(() -> {
                int i = (int) probeCount.getAndIncrement();
                if (i < probes.length) {
                    probes[i] = System.nanoTime() - posted;
                }
            });
        }, 0, PROBE_MILLIS, TimeUnit.MILLISECONDS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(30, seconds * 5L));
        window.connect();
        if (!window.awaitConnected(Duration.ofSeconds(10))) {
            prober.shutdownNow();
            throw new IOException("the window did not connect to the built-in flood server within 10 s.");
        }
        long peakHeap = 0;
        while (window.framesReceived() < warmupFrames && System.nanoTime() < deadline) {
            peakHeap = Math.max(peakHeap, usedHeap());
            progress.accept(String.format(Locale.ROOT, "warming up: %,d of %,d frames", window.framesReceived(),
                    warmupFrames));
            Thread.sleep(10); // a sampling interval for the end of the warm-up, not a hand-over
        }
        // Measuring starts here: every probe answered from now on counts.
        startCharts(charts);
        long start = System.nanoTime();
        int warmupProbes = (int) Math.min(probes.length, probeCount.get());
        long paintsAtStart = paints.get();
        long receivedAtStart = window.framesReceived();
        while (window.framesReceived() < frames && System.nanoTime() < deadline) {
            peakHeap = Math.max(peakHeap, usedHeap());
            long now = System.nanoTime();
            progress.accept(String.format(Locale.ROOT, "measuring: %,d of %,d frames, %.1f s, %.0f fps",
                    window.framesReceived() - receivedAtStart, frames - receivedAtStart, (now - start) / 1e9,
                    (paints.get() - paintsAtStart) / Math.max(1e-9, (now - start) / 1e9)));
            Thread.sleep(50); // a sampling interval for the progress and the heap peak, not a hand-over
        }
        progress.accept("");
        long elapsed = System.nanoTime() - start;
        long received = window.framesReceived();
        double fps = (paints.get() - paintsAtStart) / (elapsed / 1e9);
        stopCharts(charts);
        prober.shutdownNow();
        prober.awaitTermination(1, TimeUnit.SECONDS);
        int n = (int) Math.min(probes.length, probeCount.get());
        long[] delays = Arrays.copyOfRange(probes, warmupProbes, Math.max(warmupProbes, n));
        Arrays.sort(delays);
        long[] warmupDelays = Arrays.copyOf(probes, warmupProbes);
        Arrays.sort(warmupDelays);
        System.gc();
        long heapAfterGc = usedHeap();

        out.printf(Locale.ROOT, "tincan bench gui: %,d frames of %d bytes, line framing, paced at %,d frames/s%n",
                frames, FRAME_SIZE, rate);
        out.printf(Locale.ROOT, "  warm-up: %,d frames; EDT probe max %.1f ms (%d probes, not counted below)%n",
                warmupFrames, pct(warmupDelays, 100), warmupDelays.length);
        out.printf(Locale.ROOT, "  received %,d of %,d; measured %,d in %.2f s (%,.0f frames/s)%n", received, frames,
                received - receivedAtStart, elapsed / 1e9, (received - receivedAtStart) / (elapsed / 1e9));
        out.printf(Locale.ROOT, "  animation %.1f fps; EDT probe every %d ms: p50 %.1f ms, p99 %.1f ms, max %.1f ms "
                + "(%d probes)%n", fps, PROBE_MILLIS, pct(delays, 50), pct(delays, 99), pct(delays, 100),
                delays.length);
        out.printf(Locale.ROOT, "  heap after a full GC %.0f MiB (peak seen %.0f MiB); first window %d ms after "
                + "start%n", heapAfterGc / 1048576.0, peakHeap / 1048576.0, firstWindowMs);
        String chartFields = charts != null ? charts.print(out) : "";
        out.printf(Locale.ROOT, "result pattern=gui fps=%.1f probe_p50_ms=%.1f probe_p99_ms=%.1f probe_max_ms=%.0f "
                + "heap_mb=%.0f sent=%d received=%d first_window_ms=%d warmup_probe_max_ms=%.0f%s%n", fps,
                pct(delays, 50), pct(delays, 99), pct(delays, 100), heapAfterGc / 1048576.0, frames, received,
                firstWindowMs, pct(warmupDelays, 100), chartFields);
        out.flush();
        return received == frames;
    }

    /**
     * The relay benchmark behind {@code tincan bench gui --relay N}: a relay tab, N clients
     * through its relay, each flooded by the built-in server, {@code rate} frames per second
     * in all; see {@link RelayBench}. Prints the figures and one {@code result pattern=gui-relay
     * ...} line.
     *
     * @return whether every frame reached its client
     * @throws IOException when the server or the relay cannot start, or a client cannot connect
     * @throws IllegalStateException when there is no display
     */
    public static boolean runRelay(int clients, long rate, int seconds, Duration warmup, PrintWriter out,
            Consumer<String> progress) throws IOException, InterruptedException {
        return RelayBench.run(clients, rate, seconds, warmup, out, progress);
    }

    /** Milliseconds between two echo probes in the tabs benchmark. */
    private static final long ECHO_EVERY_MILLIS = 100;

    /**
     * The tabs benchmark behind {@code tincan bench gui --tabs N}: opens the window with
     * {@code tabs} tabs, each connected: the second to the built-in server in flood mode
     * (64-byte frames paced at {@code rate} frames per second, for {@code warmup} and then
     * {@code seconds}), the first, in front, to an echo server, sending a probe every
     * 100 ms; the others to the echo server, idle. Measures the animation's frames per second
     * in the tab in front and each probe's latency from its send to its echo's row in the
     * transcript, so it shows whether a flooding tab slows the others. Prints the figures and
     * one {@code result pattern=gui-tabs ...} line.
     *
     * @return whether every flood frame arrived and every probe was answered
     * @throws IOException when a server cannot start or a tab cannot connect
     * @throws IllegalStateException when there is no display
     */
    public static boolean runTabs(int tabs, long rate, int seconds, Duration warmup, PrintWriter out,
            Consumer<String> progress) throws IOException, InterruptedException {
        return runTabs(tabs, rate, seconds, warmup, false, out, progress);
    }

    /**
     * {@link #runTabs(int, long, int, Duration, PrintWriter, Consumer)}, with the traffic charts
     * shown in every tab when {@code charts}: then their EDT cost per painted frame (in the tab
     * in front, the only one painting) is printed too.
     */
    public static boolean runTabs(int tabs, long rate, int seconds, Duration warmup, boolean charts, PrintWriter out,
            Consumer<String> progress) throws IOException, InterruptedException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("bench gui needs a display: run it on a desktop, or under xvfb-run -a.");
        }
        if (tabs < 2 || tabs > UiPrefs.MAX_TABS) {
            throw new IllegalArgumentException("--tabs " + tabs + " is out of range: use 2 to " + UiPrefs.MAX_TABS
                    + " (one tab floods, another echoes).");
        }
        long warmupFrames = Math.round(rate * (warmup.toNanos() / 1e9));
        long frames = rate * seconds + warmupFrames;
        ServerConfig floodConfig = ServerConfig.builder().port(0).framing(Framing.parse("line"))
                .mode(Mode.FLOOD).floodCount(frames).floodSize(FRAME_SIZE).floodRate(rate).build();
        ServerConfig echoConfig = ServerConfig.builder().port(0).framing(Framing.parse("line")).mode(Mode.ECHO)
                .maxClients(UiPrefs.MAX_TABS).build();
        try (CompanionServer flood = new CompanionServer(floodConfig).start();
                CompanionServer echo = new CompanionServer(echoConfig).start()) {
            WindowHandle window = WindowHandle.open("127.0.0.1", echo.port(), "line");
            try {
                return measureTabs(window, tabs, flood.port(), echo.port(), frames, warmupFrames, rate,
                        charts ? new ChartCost() : null, out, progress);
            } finally {
                window.close();
                window.awaitClosed(Duration.ofSeconds(10));
            }
        }
    }

    private static boolean measureTabs(WindowHandle handle, int tabCount, int floodPort, int echoPort, long frames,
            long warmupFrames, long rate, ChartCost charts, PrintWriter out, Consumer<String> progress)
            throws IOException, InterruptedException {
        MainWindow w = handle.window();
        AtomicReference<SessionTab> echoTab = new AtomicReference<>();
        AtomicReference<SessionTab> floodTab = new AtomicReference<>();
        long seconds = Math.max(1, frames / rate);
        int maxProbes = (int) Math.min(1_000_000, seconds * 3 * 1000 / ECHO_EVERY_MILLIS + 1024);
        long[] sentAt = new long[maxProbes];
        long[] shownAfter = new long[maxProbes];
        long[] roundTrip = new long[maxProbes];
        AtomicLong answered = new AtomicLong();
        invokeAndWait(() -> {
            SessionTab first = w.currentTab();
            first.setName("echo");
            for (int i = 1; i < tabCount; i++) {
                w.newTab();
                SessionTab t = w.currentTab();
                if (i == 1) {
                    t.setName("flood");
                    t.bar().setTarget("127.0.0.1", floodPort, "line");
                    floodTab.set(t);
                } else {
                    // A new tab points where the tab in front does: the idle ones go to the echo server.
                    t.setName("idle " + i);
                    t.bar().setTarget("127.0.0.1", echoPort, "line");
                }
            }
            for (SessionTab t : w.tabs()) {
                w.connect(t);
            }
            w.selectTab(-(tabCount - 1));
            if (charts != null) {
                charts.attach(w);
            }
            echoTab.set(first);
            // A probe's echo is shown once its row is in the transcript: the table repaints from it.
            first.transcript().addTableModelListener(e -> {
                if (e.getType() != TableModelEvent.INSERT) {
                    return;
                }
                long now = System.nanoTime();
                TranscriptModel m = first.transcript();
                for (int r = Math.max(0, e.getFirstRow()); r <= e.getLastRow() && r < m.getRowCount(); r++) {
                    TranscriptRow row = m.row(r);
                    if (row.kind() == TranscriptRow.Kind.RECEIVED && row.size() > 6) {
                        String text = row.payload().utf8();
                        if (text.startsWith("probe ")) {
                            int n = Integer.parseInt(text.substring(6));
                            if (n < maxProbes && sentAt[n] != 0) {
                                shownAfter[n] = now - sentAt[n];
                                roundTrip[n] = row.rttNanos();
                                answered.incrementAndGet();
                            }
                        }
                    }
                }
            });
        });
        long connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!allConnected(w)) {
            if (System.nanoTime() > connectDeadline) {
                throw new IOException("not every tab connected within 10 s.");
            }
            Thread.sleep(10); // sampled: the tabs' statuses change on the EDT
        }
        AtomicLong paints = new AtomicLong();
        handle.setPaintListener(nanos -> paints.incrementAndGet());
        Session echoSession = echoTab.get().session();
        Session floodSession = floodTab.get().session();
        AtomicLong probes = new AtomicLong();
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tincan-bench-echo");
            t.setDaemon(true);
            return t;
        });
        prober.scheduleAtFixedRate(() -> {
            int n = (int) probes.get();
            if (n >= maxProbes) {
                return;
            }
            sentAt[n] = System.nanoTime();
            if (echoSession.send(Bytes.utf8("probe " + n)) == null) {
                probes.incrementAndGet();
            } else {
                sentAt[n] = 0;
            }
        }, 0, ECHO_EVERY_MILLIS, TimeUnit.MILLISECONDS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(30, seconds * 5L));
        while (floodSession.stats().framesIn() < warmupFrames && System.nanoTime() < deadline) {
            progress.accept(String.format(Locale.ROOT, "warming up: %,d of %,d frames",
                    floodSession.stats().framesIn(), warmupFrames));
            Thread.sleep(10); // a sampling interval for the end of the warm-up, not a hand-over
        }
        startCharts(charts);
        long start = System.nanoTime();
        int firstProbe = (int) probes.get();
        long paintsAtStart = paints.get();
        long receivedAtStart = floodSession.stats().framesIn();
        while (floodSession.stats().framesIn() < frames && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            progress.accept(String.format(Locale.ROOT, "measuring: %,d of %,d frames, %.1f s, %.0f fps",
                    floodSession.stats().framesIn() - receivedAtStart, frames - receivedAtStart, (now - start) / 1e9,
                    (paints.get() - paintsAtStart) / Math.max(1e-9, (now - start) / 1e9)));
            Thread.sleep(50); // a sampling interval for the progress line, not a hand-over
        }
        long elapsed = System.nanoTime() - start;
        stopCharts(charts);
        int lastProbe = (int) probes.get();
        prober.shutdownNow();
        prober.awaitTermination(1, TimeUnit.SECONDS);
        progress.accept("");
        // The last probes' echoes get a moment to arrive before counting.
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (answered.get() < lastProbe && System.nanoTime() < settle) {
            Thread.sleep(10); // sampled: the echoes land on the EDT
        }
        long received = floodSession.stats().framesIn();
        double fps = (paints.get() - paintsAtStart) / (elapsed / 1e9);
        long[] latencies = new long[Math.max(0, lastProbe - firstProbe)];
        long[] trips = new long[latencies.length];
        int answeredInWindow = 0;
        for (int i = firstProbe; i < lastProbe; i++) {
            if (shownAfter[i] > 0) {
                trips[answeredInWindow] = roundTrip[i];
                latencies[answeredInWindow++] = shownAfter[i];
            }
        }
        long[] sorted = Arrays.copyOf(latencies, answeredInWindow);
        Arrays.sort(sorted);
        long[] sortedTrips = Arrays.copyOf(trips, answeredInWindow);
        Arrays.sort(sortedTrips);
        int missing = (lastProbe - firstProbe) - answeredInWindow;

        out.printf(Locale.ROOT, "tincan bench gui --tabs %d: tab 'flood' gets %,d frames of %d bytes paced at %,d "
                + "frames/s; tab 'echo', in front, sends a probe every %d ms; %d idle tabs%n", tabCount, frames,
                FRAME_SIZE, rate, ECHO_EVERY_MILLIS, tabCount - 2);
        out.printf(Locale.ROOT, "  flood received %,d of %,d; measured %,d in %.2f s (%,.0f frames/s)%n", received,
                frames, received - receivedAtStart, elapsed / 1e9, (received - receivedAtStart) / (elapsed / 1e9));
        out.printf(Locale.ROOT, "  animation %.1f fps in the tab in front%n", fps);
        out.printf(Locale.ROOT, "  echo from send to row shown: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d probes, %d "
                + "unanswered)%n", pct(sorted, 50), pct(sorted, 99), pct(sorted, 100), sorted.length, missing);
        out.printf(Locale.ROOT, "  of which the engine's round trip (send to frame read): p50 %.1f ms, p99 %.1f ms, "
                + "max %.1f ms%n", pct(sortedTrips, 50), pct(sortedTrips, 99), pct(sortedTrips, 100));
        String chartFields = charts != null ? charts.print(out) : "";
        out.printf(Locale.ROOT, "result pattern=gui-tabs tabs=%d fps=%.1f echo_p50_ms=%.1f echo_p99_ms=%.1f "
                + "echo_max_ms=%.1f probes=%d unanswered=%d sent=%d received=%d%s%n", tabCount, fps, pct(sorted, 50),
                pct(sorted, 99), pct(sorted, 100), sorted.length, missing, frames, received, chartFields);
        out.flush();
        return received == frames && missing == 0;
    }

    /**
     * The rules benchmark behind {@code tincan bench gui --rules}: how fast a tab's rule
     * answers a frame, idle and while another tab floods. Tab 'ping' is connected to a
     * ticker server sending {@code tick N} every millisecond, and has one rule: regex
     * {@code ^tick (\d+)$} replies {@code pong {{1}}}. A tap after the rule's records the
     * engine's stamp of each tick's {@code Received} and of its pong's {@code Sent}; the
     * latency is the difference. First {@code pings} ticks are answered with the window
     * otherwise idle; then tab 'flood', in front, is flooded at {@code rate} frames per second
     * and tab 'ping 2' answers {@code pings} more. Prints the figures and one
     * {@code result pattern=gui-rules ...} line.
     *
     * @return whether both phases measured {@code pings} answers
     * @throws IOException when a server cannot start or a tab cannot connect
     * @throws IllegalStateException when there is no display
     */
    public static boolean runRules(long rate, int pings, PrintWriter out, Consumer<String> progress)
            throws IOException, InterruptedException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("bench gui needs a display: run it on a desktop, or under xvfb-run -a.");
        }
        long floodFrames = rate * (pings / 1000 + 10);
        ServerConfig tickConfig = ServerConfig.builder().port(0).framing(Framing.parse("line")).mode(Mode.TICKER)
                .tickInterval(Duration.ofMillis(1)).build();
        ServerConfig floodConfig = ServerConfig.builder().port(0).framing(Framing.parse("line"))
                .mode(Mode.FLOOD).floodCount(floodFrames).floodSize(FRAME_SIZE).floodRate(rate).build();
        try (CompanionServer ticker = new CompanionServer(tickConfig).start();
                CompanionServer flood = new CompanionServer(floodConfig).start()) {
            WindowHandle window = WindowHandle.open("127.0.0.1", ticker.port(), "line");
            try {
                return measureRules(window, ticker.port(), flood.port(), rate, pings, out, progress);
            } finally {
                window.close();
                window.awaitClosed(Duration.ofSeconds(10));
            }
        }
    }

    /** Answers per phase of the rules benchmark that warm up the JIT and are not counted. */
    private static final int RULES_WARMUP = 2000;

    /** The engine stamps of each tick received and of its pong sent, by tick number, from a tap. */
    private static final class RuleStamps implements ReplyTap {
        private final AtomicLongArray received;
        private final AtomicLongArray answered;
        private final AtomicLong count = new AtomicLong();

        RuleStamps(int max) {
            received = new AtomicLongArray(max);
            answered = new AtomicLongArray(max);
        }

        @Override
        public void tapped(ClientReply reply) {
            if (reply instanceof ClientReply.Received r) {
                int n = number(r.frame(), "tick ");
                if (n >= 0 && n < received.length()) {
                    received.set(n, r.nanos());
                }
            } else if (reply instanceof ClientReply.Sent s) {
                int n = number(s.command().payload(), "pong ");
                if (n >= 0 && n < answered.length() && received.get(n) != 0) {
                    answered.set(n, s.nanos());
                    count.incrementAndGet();
                }
            }
        }

        private static int number(Bytes b, String prefix) {
            String text = b.length() < 32 ? b.utf8() : "";
            if (!text.startsWith(prefix)) {
                return -1;
            }
            try {
                return Integer.parseInt(text.substring(prefix.length()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        /** The latencies of {@code n} answers after the first {@code skip}, sorted. */
        long[] latencies(int skip, int n) {
            long[] out = new long[n];
            int k = 0;
            int skipped = 0;
            for (int i = 0; i < received.length() && k < n; i++) {
                if (answered.get(i) != 0 && skipped++ >= skip) {
                    out[k++] = answered.get(i) - received.get(i);
                }
            }
            long[] sorted = Arrays.copyOf(out, k);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    private static boolean measureRules(WindowHandle handle, int tickPort, int floodPort, long rate, int pings,
            PrintWriter out, Consumer<String> progress) throws IOException, InterruptedException {
        MainWindow w = handle.window();
        List<Rule> rule = List.of(new Rule("ping", Match.text(Match.Kind.REGEX, "^tick (\\d+)$"),
                List.of(new Action.Reply("pong {{1}}", false, Duration.ZERO))));
        // Ticks arrive 1 000 a second; the stamps hold the first pings + 30 s of them.
        RuleStamps idle = new RuleStamps(RULES_WARMUP + pings + 30_000);
        RuleStamps busy = new RuleStamps(RULES_WARMUP + pings + 30_000);
        AtomicReference<SessionTab> idleTab = new AtomicReference<>();
        AtomicReference<SessionTab> busyTab = new AtomicReference<>();
        AtomicReference<SessionTab> floodTab = new AtomicReference<>();
        invokeAndWait(() -> {
            SessionTab first = w.currentTab();
            first.setName("ping");
            w.newTab();
            SessionTab flooded = w.currentTab();
            flooded.setName("flood");
            flooded.bar().setTarget("127.0.0.1", floodPort, "line");
            w.newTab();
            SessionTab second = w.currentTab();
            second.setName("ping 2");
            second.bar().setTarget("127.0.0.1", tickPort, "line");
            first.rules().setRules(rule);
            first.session().addTap(idle);
            second.rules().setRules(rule);
            second.session().addTap(busy);
            idleTab.set(first);
            busyTab.set(second);
            floodTab.set(flooded);
            w.selectTab(-2);
            w.connect(first);
        });
        awaitAnswers(idle, RULES_WARMUP + pings, "idle", progress);
        invokeAndWait(() -> idleTab.get().session().disconnect());

        Session floodSession = floodTab.get().session();
        invokeAndWait(() -> {
            w.selectTab(1);
            w.connect(floodTab.get());
        });
        long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (floodSession.stats().framesIn() < rate && System.nanoTime() < warm) {
            progress.accept(String.format(Locale.ROOT, "flood warming up: %,d frames", floodSession.stats().framesIn()));
            Thread.sleep(10); // a sampling interval for the warm-up, not a hand-over
        }
        long floodStart = floodSession.stats().framesIn();
        long start = System.nanoTime();
        invokeAndWait(() -> w.connect(busyTab.get()));
        awaitAnswers(busy, RULES_WARMUP + pings, "while flooding", progress);
        long elapsed = System.nanoTime() - start;
        long floodDuring = floodSession.stats().framesIn() - floodStart;
        progress.accept("");

        long[] a = idle.latencies(RULES_WARMUP, pings);
        long[] b = busy.latencies(RULES_WARMUP, pings);
        out.printf(Locale.ROOT, "tincan bench gui --rules: a rule answers 'tick N' (1 000/s from a ticker server) with "
                + "'pong N'; latency = engine stamp of the pong's Sent minus the tick's Received; the first %,d answers "
                + "of each phase warm up and are not counted%n", RULES_WARMUP);
        out.printf(Locale.ROOT, "  idle:     %,d answers: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", a.length,
                pct(a, 50), pct(a, 99), pct(a, 100));
        out.printf(Locale.ROOT, "  flooding: %,d answers: p50 %.3f ms, p99 %.3f ms, max %.3f ms, while tab 'flood' "
                + "(in front) took %,.0f frames/s of %d bytes (asked %,d/s)%n", b.length, pct(b, 50), pct(b, 99),
                pct(b, 100), floodDuring / (elapsed / 1e9), FRAME_SIZE, rate);
        out.printf(Locale.ROOT, "result pattern=gui-rules idle_p50_ms=%.3f idle_p99_ms=%.3f idle_max_ms=%.3f "
                + "flood_p50_ms=%.3f flood_p99_ms=%.3f flood_max_ms=%.3f answers=%d flood_fps=%.0f%n", pct(a, 50),
                pct(a, 99), pct(a, 100), pct(b, 50), pct(b, 99), pct(b, 100), Math.min(a.length, b.length),
                floodDuring / (elapsed / 1e9));
        out.flush();
        return a.length >= pings && b.length >= pings;
    }

    /** Waits, bounded, until {@code stamps} holds {@code pings} answers. */
    private static void awaitAnswers(RuleStamps stamps, int pings, String phase, Consumer<String> progress)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(pings / 500 + 30);
        while (stamps.count.get() < pings) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the rule answered only " + stamps.count.get() + " of " + pings + " ticks "
                        + phase + " in time.");
            }
            progress.accept(String.format(Locale.ROOT, "rule answers %s: %,d of %,d", phase, stamps.count.get(),
                    pings));
            Thread.sleep(50); // a sampling interval for the progress line, not a hand-over
        }
    }

    private static void startCharts(ChartCost charts) throws InterruptedException {
        if (charts != null) {
            invokeAndWait(charts::start);
        }
    }

    private static void stopCharts(ChartCost charts) throws InterruptedException {
        if (charts != null) {
            invokeAndWait(charts::stop);
        }
    }

    private static boolean allConnected(MainWindow w) throws InterruptedException {
        boolean[] all = new boolean[1];
        invokeAndWait(() -> {
            all[0] = true;
            for (SessionTab t : w.tabs()) {
                all[0] &= t.session().status().isConnected();
            }
        });
        return all[0];
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

    /** Milliseconds from the JVM's start to the indicator's first paint. */
    private static long firstWindowMillis(WindowHandle window) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (window.firstPaintNanos() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the first paint has no hook to wait on; sampled, bounded
        }
        long first = window.firstPaintNanos();
        if (first == 0) {
            return -1;
        }
        long firstWall = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first);
        return firstWall - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** A percentile of nanosecond samples, in milliseconds, by the benchmarks' one rule. */
    private static double pct(long[] sorted, double p) {
        return Percentile.nearestRank(sorted, p) / 1e6;
    }
}
