package dev.tincan.ui.relay;

import com.formdev.flatlaf.FlatClientProperties;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.HostPort;
import dev.tincan.relay.Binding;
import dev.tincan.relay.Direction;
import dev.tincan.relay.Relay;
import dev.tincan.relay.RelayConfig;
import dev.tincan.server.ServerTls;
import dev.tincan.relay.RelayEvent;
import dev.tincan.ui.Formats;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.JToggleButton;
import javax.swing.KeyStroke;
import javax.swing.Timer;

/**
 * A relay's tab: the {@link Relay} it owns, one transcript of both directions of every
 * link, and the means to step in: hold either direction and forward, edit or drop each held
 * frame, inject frames, and add faults.
 *
 * <pre>
 *   Relaying 127.0.0.1:50011 → 127.0.0.1:50007 · 2 links          [open to the network]
 *   [Hold → · 0 held] [Hold ← · 1 held] [Forward all]  [Hex] [Faults]
 *   # | time | gap | link | → ← | size | fate | payload
 *   held frame editor: text or hex, Forward, Forward edited, Drop, Forward all
 *   Inject [frame] [Hex] [#1] [→ to server] [Send]
 *   link #1: 1 injected frame waits to go to the server: …      [Cancel] [Send anyway]
 * </pre>
 *
 * <p>A {@link Timer} drains the relay's events on the EDT, never waiting: each tick takes
 * them in chunks with the relay's non-blocking {@code drainTo} until none wait, the tick's
 * batch is full or its time budget is spent, then hands the transcript what changed once.
 * The transcript hands its table new rows at most once per display frame (about 60 times a
 * second, see {@link #SHOW_NANOS}), so a flood costs one table update and one paint per frame
 * shown. What is left waits in the relay's bounded queue, which pushes back on the links. Closing
 * the tab closes the relay: its port is free when {@link #close()} returns. Confined to the
 * EDT.
 */
public final class RelayTab extends JPanel {
    /** Told once per tick in which directions frames went, for an activity indicator. */
    @FunctionalInterface
    public interface Traffic {
        /** Frames went client → server ({@code up}) and/or server → client ({@code down}) since the last call. */
        void traffic(boolean up, boolean down);
    }

    /** Milliseconds between ticks. */
    static final int INTERVAL_MS = 10;
    /** The time a tick may spend taking events. */
    static final long BUDGET_NANOS = 4_000_000L;
    /** The most events taken in one tick. */
    static final int MAX_BATCH = 20_000;
    /** The most events taken per call: one lock, and one clock reading, per chunk. */
    static final int CHUNK = 256;
    /**
     * The shortest time between two hand-overs of new rows to the table, a little under one
     * display frame at 60 Hz: rows that arrive sooner wait for the next, so a flood costs the
     * table one update and one paint per frame shown, not one per tick.
     */
    static final long SHOW_NANOS = 15_000_000L;

    private final Relay relay;
    private final LongSupplier clock;
    private final RelayTranscript transcript;
    private final RelayTranscriptView view;
    private final HeldEditor editor;
    private final InjectBar inject;
    private final FaultsPanel faults;
    private final JLabel header = new JLabel();
    private final JLabel badge = new JLabel("open to the network");
    private final JLabel problem = new JLabel();
    private final JPanel corner = new JPanel(new FlowLayout(FlowLayout.TRAILING, 8, 0));
    private Traffic traffic = (up, down) -> { };
    private final Map<Direction, JToggleButton> holds = new EnumMap<>(Direction.class);
    private final Map<Direction, Integer> heldCounts = new EnumMap<>(Direction.class);
    private final JButton forwardAll = new JButton("Forward all");
    private final JToggleButton hex = new JToggleButton("Show hex");
    private final JToggleButton showFaults = new JToggleButton("Faults");
    private final TreeSet<Integer> openLinks = new TreeSet<>();
    private final List<RelayEvent> batch = new ArrayList<>(CHUNK);
    private final Timer timer;
    private boolean linksChanged;
    private boolean heldChanged;
    private boolean trafficUp;
    private boolean trafficDown;
    private long events;
    private long frames;
    /** When the transcript last handed rows to the table; valid once {@link #showedOnce} is true. */
    private long lastShown;
    private boolean showedOnce;
    private Thread closer;
    private boolean closed;

    /**
     * A tab over {@code relay}, which it now owns and closes with itself, drained by a timer of
     * its own from now on.
     */
    public RelayTab(Relay relay) {
        this(relay, RelayTranscript.DEFAULT_MAX_ROWS, RelayTranscript.DEFAULT_MAX_BYTES, true);
    }

    /**
     * A tab over {@code relay} whose transcript keeps the newest {@code maxRows} rows and
     * {@code maxBytes} of payload; drained by its own timer when {@code ownTimer}, else by
     * whoever calls {@link #take} and {@link #flush} (the window's reply pump).
     */
    RelayTab(Relay relay, int maxRows, long maxBytes, boolean ownTimer) {
        this(relay, maxRows, maxBytes, ownTimer, null);
    }

    /**
     * The same, for a relay whose clients speak TLS to {@code certificate} (null when they speak
     * plain TCP, or the certificate is not known here): the header's tooltip gives its
     * fingerprint and pin, for a client to pin it.
     */
    RelayTab(Relay relay, int maxRows, long maxBytes, boolean ownTimer, ServerTls certificate) {
        this(relay, maxRows, maxBytes, ownTimer, certificate, System::nanoTime);
    }

    /** As {@link #RelayTab(Relay, int, long, boolean, ServerTls)}, reading the time from {@code clock}. */
    RelayTab(Relay relay, int maxRows, long maxBytes, boolean ownTimer, ServerTls certificate, LongSupplier clock) {
        super(new BorderLayout());
        this.relay = Objects.requireNonNull(relay, "relay");
        this.clock = Objects.requireNonNull(clock, "clock");
        setName("relayTab");
        long epochMillis = System.currentTimeMillis();
        long nanos = System.nanoTime();
        transcript = new RelayTranscript(t -> epochMillis + Math.floorDiv(t - nanos, 1_000_000L), maxRows, maxBytes);
        view = new RelayTranscriptView(transcript);
        editor = new HeldEditor(new HeldEditor.Actions() {
            @Override
            public String forward(long id) {
                return acted(relay.forward(id));
            }

            @Override
            public String forwardEdited(long id, Bytes payload) {
                return acted(relay.forward(id, payload));
            }

            @Override
            public String drop(long id) {
                return acted(relay.drop(id));
            }

            @Override
            public String forwardAll() {
                return RelayTab.this.forwardAll();
            }
        });
        inject = new InjectBar(new InjectBar.Injector() {
            @Override
            public String inject(int link, Direction direction, Bytes payload) {
                return relay.inject(link, direction, payload);
            }

            @Override
            public String cancel(int link, Direction direction) {
                return relay.cancelInjected(link, direction);
            }

            @Override
            public String sendAnyway(int link, Direction direction) {
                return relay.sendInjectedAnyway(link, direction);
            }
        });
        faults = new FaultsPanel(relay.toxics(Direction.UP), relay.toxics(Direction.DOWN), relay::toxics);
        faults.setVisible(false);

        for (JLabel l : new JLabel[] {header, badge, problem}) {
            l.putClientProperty(RelayCellRenderer.HTML_DISABLE, Boolean.TRUE);
        }
        header.setName("relayHeader");
        header.setFont(header.getFont().deriveFont(Font.BOLD));
        header.setToolTipText(tlsTooltip(relay.config(), certificate));
        badge.setName("relayOpenBadge");
        badge.putClientProperty(FlatClientProperties.STYLE, "foreground: $Tincan.error.foreground; font: bold");
        badge.setToolTipText("The relay listens on every interface: anyone who can reach this machine can use it "
                + "to reach the server");
        badge.setVisible(Binding.everyInterface(relay.config().bind()));
        problem.setName("relayProblem");
        problem.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanError");

        for (Direction d : Direction.values()) {
            JToggleButton hold = new JToggleButton();
            hold.setName(d == Direction.UP ? "holdUp" : "holdDown");
            hold.setToolTipText("Hold every frame " + d.words() + " until you forward, edit or drop it; turning "
                    + "this off lets new frames pass but keeps the held ones");
            hold.addActionListener(e -> relay.hold(d, hold.isSelected()));
            holds.put(d, hold);
            heldCounts.put(d, 0);
        }
        forwardAll.setName("forwardAll");
        forwardAll.setToolTipText("Forward every held frame of both directions, in order");
        forwardAll.addActionListener(e -> problem.setText(orEmpty(forwardAll())));
        hex.setName("relayHex");
        hex.setToolTipText("Show payloads as hex instead of text with escapes");
        hex.addActionListener(e -> transcript.setHex(hex.isSelected()));
        showFaults.setName("showFaults");
        showFaults.setToolTipText("Show the faults each direction gets: latency, bandwidth, slices, a reset");
        showFaults.addActionListener(e -> {
            faults.setVisible(showFaults.isSelected());
            revalidate();
        });

        JPanel top = new JPanel(new BorderLayout(8, 0));
        top.add(header, BorderLayout.CENTER);
        corner.setOpaque(false);
        corner.add(badge);
        top.add(corner, BorderLayout.EAST);
        JPanel bar = new JPanel(new FlowLayout(FlowLayout.LEADING, 4, 0));
        bar.add(holds.get(Direction.UP));
        bar.add(holds.get(Direction.DOWN));
        bar.add(forwardAll);
        bar.add(hex);
        bar.add(showFaults);
        bar.add(problem);
        JPanel north = new JPanel(new BorderLayout(0, 4));
        north.setBorder(BorderFactory.createEmptyBorder(6, 6, 4, 6));
        north.add(top, BorderLayout.NORTH);
        north.add(bar, BorderLayout.CENTER);
        north.add(faults, BorderLayout.SOUTH);

        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, view, editor);
        split.setName("relaySplit");
        split.setResizeWeight(1.0);
        split.setBorder(null);
        split.setContinuousLayout(true);
        JPanel south = new JPanel(new BorderLayout());
        south.setBorder(BorderFactory.createEmptyBorder(4, 6, 6, 6));
        south.add(inject, BorderLayout.CENTER);

        add(north, BorderLayout.NORTH);
        add(split, BorderLayout.CENTER);
        add(south, BorderLayout.SOUTH);

        JTable table = view.table();
        table.getSelectionModel().addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting()) {
                editor.show(selectedRow());
            }
        });
        bindKey(table, KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "tincan-forward-held", () -> {
            RelayRow r = selectedRow();
            if (r != null && r.isHeld()) {
                problem.setText(orEmpty(acted(relay.forward(r.frameId()))));
            }
        });
        bindKey(table, KeyStroke.getKeyStroke(KeyEvent.VK_DELETE, 0), "tincan-drop-held", () -> {
            RelayRow r = selectedRow();
            if (r != null && r.isHeld()) {
                problem.setText(orEmpty(acted(relay.drop(r.frameId()))));
            }
        });
        bindKey(table, KeyStroke.getKeyStroke(KeyEvent.VK_F2, 0), "tincan-edit-held", () -> {
            if (editor.shown() != null) {
                editor.text().requestFocusInWindow();
            }
        });
        updateHeader();
        updateHolds();

        timer = new Timer(INTERVAL_MS, e -> tick());
        timer.setCoalesce(true);
        timer.setInitialDelay(0);
        if (ownTimer) {
            timer.start();
        }
    }

    /**
     * Starts a relay with {@code config} and a tab over it.
     *
     * @throws IOException whose message is one sentence when the relay cannot bind
     */
    public static RelayTab open(RelayConfig config) throws IOException {
        return new RelayTab(Relay.start(config));
    }

    private static void bindKey(JComponent c, KeyStroke key, String name, Runnable action) {
        c.getInputMap(JComponent.WHEN_FOCUSED).put(key, name);
        c.getActionMap().put(name, new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                action.run();
            }
        });
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** After forwarding or dropping the selected held frame: selects the next held one, if any. */
    private String acted(String why) {
        if (why == null) {
            int at = view.table().getSelectedRow();
            for (int i = Math.max(0, at + 1); i < transcript.getRowCount(); i++) {
                if (transcript.row(i).isHeld()) {
                    view.showRow(i);
                    break;
                }
            }
        }
        return why;
    }

    private String forwardAll() {
        String up = relay.releaseAll(Direction.UP);
        String down = relay.releaseAll(Direction.DOWN);
        return up != null ? up : down;
    }

    private RelayRow selectedRow() {
        int i = view.table().getSelectedRow();
        return i < 0 ? null : transcript.row(view.table().convertRowIndexToModel(i));
    }

    /**
     * One tick of the tab's own timer: takes the relay's waiting events within the budget,
     * then hands the transcript and the bars what changed. Returns how many events it took.
     */
    int tick() {
        long deadline = clock.getAsLong() + BUDGET_NANOS;
        int total = 0;
        while (total < MAX_BATCH) {
            int ask = Math.min(CHUNK, MAX_BATCH - total);
            int got = take(ask);
            total += got;
            if (got < ask || clock.getAsLong() - deadline >= 0) {
                break;
            }
        }
        flush();
        return total;
    }

    /** Takes up to {@code max} of the relay's waiting events without blocking and applies them; returns how many. */
    int take(int max) {
        if (closed) {
            return 0;
        }
        batch.clear();
        int got = relay.drainTo(batch, max);
        for (RelayEvent e : batch) {
            take(e);
        }
        batch.clear();
        events += got;
        return got;
    }

    /**
     * Hands the bars, at once, what the takes since the last flush changed, and the
     * transcript's table its new rows and changed fates: at once when it got none for
     * {@link #SHOW_NANOS}, else at a later flush, so that the table changes at most once per
     * display frame. Every row taken is shown, in order: rows wait, none is skipped.
     */
    void flush() {
        if (closed) {
            return;
        }
        if (transcript.hasChanges()) {
            long now = clock.getAsLong();
            if (!showedOnce || now - lastShown >= SHOW_NANOS) {
                transcript.flush();
                lastShown = now;
                showedOnce = true;
            }
        }
        if (trafficUp || trafficDown) {
            traffic.traffic(trafficUp, trafficDown);
            trafficUp = false;
            trafficDown = false;
        }
        if (linksChanged) {
            linksChanged = false;
            updateHeader();
            inject.linksChanged(openLinks);
        }
        if (heldChanged) {
            heldChanged = false;
            updateHolds();
        }
        RelayRow shown = editor.shown();
        if (shown != null && !shown.isHeld()) {
            editor.show(selectedRow());
        }
    }

    private void take(RelayEvent e) {
        transcript.take(e);
        if (e instanceof RelayEvent.Frame f) {
            frames++;
            if (f.direction() == Direction.UP) {
                trafficUp = true;
            } else {
                trafficDown = true;
            }
            if (f.fate() == RelayEvent.Fate.HELD) {
                heldCounts.merge(f.direction(), 1, Integer::sum);
                heldChanged = true;
            } else if (f.fate() == RelayEvent.Fate.INJECTED) {
                inject.injected(f.link(), f.direction());
            }
        } else if (e instanceof RelayEvent.Released r) {
            heldCounts.merge(r.direction(), -1, Integer::sum);
            heldChanged = true;
        } else if (e instanceof RelayEvent.Opened o) {
            openLinks.add(o.link());
            linksChanged = true;
        } else if (e instanceof RelayEvent.Closed c) {
            openLinks.remove(c.link());
            linksChanged = true;
        } else if (e instanceof RelayEvent.InjectWait w) {
            inject.injectWait(w);
        }
    }

    private void updateHeader() {
        RelayConfig c = relay.config();
        int n = openLinks.size();
        header.setText("Relaying " + HostPort.of(relay.address()) + (c.listenTls() != null ? " (TLS)" : "") + " → "
                + HostPort.of(c.targetHost(), c.targetPort()) + targetTlsWords(c) + " · "
                + Formats.count(n, "link", "links"));
    }

    /** How the server side speaks, for the header: nothing for plain TCP. */
    private static String targetTlsWords(RelayConfig c) {
        if (c.targetTls() == null) {
            return "";
        }
        return c.targetTls().insecure() ? " (TLS, certificate not checked)" : " (TLS)";
    }

    /** The header's tooltip: which sides speak TLS, and the certificate clients see; null when neither does. */
    private static String tlsTooltip(RelayConfig c, ServerTls certificate) {
        if (c.listenTls() == null && c.targetTls() == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        if (c.listenTls() != null) {
            b.append("Clients speak TLS to the relay");
            if (certificate != null) {
                b.append(", which shows a ").append(certificate.isSelfSigned() ? "self-signed certificate for "
                        + "localhost, 127.0.0.1 and ::1" : "certificate").append(". SHA-256 fingerprint: ")
                        .append(certificate.fingerprint()).append("; public key pin: ")
                        .append(certificate.publicKeyPin());
            }
            b.append(". ");
        }
        if (c.targetTls() != null) {
            b.append(c.targetTls().insecure() ? "The relay speaks TLS to the server and does not check its "
                    + "certificate: anyone in the path can read and change that side."
                    : "The relay speaks TLS to the server and checks its certificate.");
        } else {
            b.append("The relay speaks plain TCP to the server.");
        }
        return b.toString().strip();
    }

    /** The header's tooltip: which sides speak TLS and the certificate clients see; null when neither does. */
    public String headerTooltip() {
        return header.getToolTipText();
    }

    private void updateHolds() {
        for (Direction d : Direction.values()) {
            int held = Math.max(0, heldCounts.get(d));
            holds.get(d).setText("Hold " + d.arrow() + (held > 0 ? " · " + held + " held" : ""));
        }
        forwardAll.setEnabled(heldCounts.values().stream().anyMatch(n -> n > 0));
    }

    /** Puts {@code c} at the right end of the header, such as the window's activity indicator. */
    public void addToCorner(JComponent c) {
        corner.add(c, 0);
        corner.revalidate();
    }

    /** Tells {@code listener} once per tick in which directions frames went. */
    public void setTrafficListener(Traffic listener) {
        this.traffic = Objects.requireNonNull(listener, "listener");
    }

    /** How many links are open now, as the header counts them. */
    public int openLinks() {
        return openLinks.size();
    }

    /** A short title for the tab: {@code relay :50011}. */
    public String title() {
        return "relay :" + relay.address().getPort();
    }

    /** The relay this tab owns. */
    public Relay relay() {
        return relay;
    }

    /**
     * Stops draining and begins closing the relay without waiting: a thread of its own closes
     * the listening socket first, so the port is free at once, then every link.
     * {@link #awaitStopped} waits for it. Idempotent.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.stop();
        closer = new Thread(relay::close, "tincan-relay-close-" + relay.address().getPort());
        closer.start();
    }

    /** Waits up to {@code millis} for the relay to close after {@link #close()}; whether it did. Any thread. */
    public boolean awaitStopped(long millis) throws InterruptedException {
        Thread c = closer;
        if (c == null) {
            return false;
        }
        c.join(Math.max(1, millis));
        return !c.isAlive();
    }

    /** Shows {@code sentence} in the tab's status line, in the error colour when {@code error}. */
    public void showNotice(String sentence, boolean error) {
        problem.setText(sentence);
        problem.putClientProperty(FlatClientProperties.STYLE_CLASS, error ? "tincanError" : "tincanHint");
    }

    /** Frames the tab took so far, both ways. */
    public long framesTaken() {
        return frames;
    }

    /** Whether {@link #close()} ran. */
    public boolean isClosed() {
        return closed;
    }

    /** How many times the transcript's table was painted, for a benchmark. */
    public long transcriptPaints() {
        return view.paints();
    }

    /** Events taken from the relay so far. */
    public long eventsTaken() {
        return events;
    }

    RelayTranscript transcript() {
        return transcript;
    }

    RelayTranscriptView view() {
        return view;
    }

    HeldEditor editor() {
        return editor;
    }

    InjectBar injectBar() {
        return inject;
    }

    FaultsPanel faults() {
        return faults;
    }

    JToggleButton holdButton(Direction d) {
        return holds.get(d);
    }

    JButton forwardAllButton() {
        return forwardAll;
    }

    JToggleButton faultsButton() {
        return showFaults;
    }

    /** The header's words: where it listens, where it relays to, how many links. */
    public String headerText() {
        return header.getText();
    }

    boolean badgeShown() {
        return badge.isVisible();
    }

    String problem() {
        return problem.getText();
    }
}
