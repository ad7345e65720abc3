package dev.tincan.ui;

import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.TlsSession;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.HostPort;
import dev.tincan.session.ConnectionStatus;
import dev.tincan.session.FrameListener;
import dev.tincan.session.Library;
import dev.tincan.session.Outbox;
import dev.tincan.session.Pairing;
import dev.tincan.session.Placeholders;
import dev.tincan.session.SavedMessage;
import dev.tincan.session.Session;
import dev.tincan.session.TrafficSeries;
import dev.tincan.session.TranscriptRow;
import dev.tincan.session.record.RecordFormat;
import dev.tincan.session.record.Recorder;
import dev.tincan.session.record.RecorderException;
import dev.tincan.session.record.RecordingFile;
import dev.tincan.session.rules.Rule;
import dev.tincan.session.rules.RulesFile;
import dev.tincan.session.rules.RulesFileException;
import dev.tincan.session.rules.SessionRules;
import dev.tincan.ui.chart.ChartPanel;
import dev.tincan.ui.chart.ChartSpan;
import dev.tincan.ui.rules.RulesPanel;
import dev.tincan.ui.rules.RulesStore;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tab of the window: one {@link Session} and everything that shows it — its connection
 * bar, transcript, detail pane, composer and status line — laid out as the whole window
 * once was. The reply pump drains its session as one {@link ReplyPump.Source}; what a tick
 * changed lands in the transcript at once. While the tab is in the background it counts the
 * frames that arrive unseen, for its title. It keeps its own conversation for placeholders
 * (counter, last frame received) and its own repeat and file send, in a strip under the
 * composer; closing or disconnecting the tab stops them and its sequences.
 *
 * <p>A tab may record its connection to a file ({@link #startRecording}), which its title
 * shows with {@code REC}; or it may show a recording instead of a connection
 * ({@link #ofRecording}): read-only, with a line saying what was recorded where the
 * connection bar is, and no composer. Or it may show a client a listening port accepted
 * ({@link #ofClient}): the connection is there from the start and ends with the client, so
 * there is no connection bar; its sends may be routed elsewhere ({@link #routeSends}), to
 * every client at once. Confined to the EDT.
 */
public final class SessionTab implements WindowTab, ReplyPump.Source {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTab.class);
    /** The share of the split the transcript gets until the person drags the divider. */
    static final double TRANSCRIPT_SHARE = 0.72;

    private final Session session;
    private final TranscriptModel transcript;
    private final ActivityIndicator indicator = new ActivityIndicator(new ActivityModel());
    private final ConnectionBar bar;
    private final TranscriptView transcriptView;
    private final DetailPane detail;
    private final FindBar findBar;
    private final Composer composer;
    private final StatusBar statusBar;
    /** This tab's conversation, for placeholders: its counter and the last frame received. */
    private final Placeholders.Context context = new Placeholders.Context();
    private final SendStrip sendStrip;
    /** Stops the sequences running on this tab, for when it closes or disconnects. Any thread. */
    private final Set<Runnable> runs = ConcurrentHashMap.newKeySet();
    /** This tab's auto-reply rules, tapped into its session. */
    private final SessionRules rules;
    private final JPanel panel = new JPanel(new BorderLayout());
    /** Every frame and round trip of the session, second by second, kept whether the charts show or not. */
    private final TrafficSeries traffic = new TrafficSeries();
    /** Where the charts go, above the composer; empty while they are hidden. */
    private final JPanel chartSlot = new JPanel(new BorderLayout());
    /** The charts, made the first time they are shown. */
    private ChartPanel charts;
    private ChartSpan chartSpan;
    private final Runnable toggleCharts;
    private String name;
    private long unread;
    private boolean inFront;
    private boolean closed;
    /** The unread count changed since the title last showed it. */
    private boolean countStale;
    private Runnable titleChanged = () -> { };
    /** The recording this tab shows instead of a connection, or {@code null}. */
    private final RecordingFile shown;
    /** What records this tab's connection, or {@code null}. */
    private Recorder recorder;
    /** Called on the EDT when recording starts or stops, on its own too. */
    private Runnable recordingChanged = () -> { };
    private Runnable rulesChanged = () -> { };
    private RulesPanel rulesPanel;
    /** The label of the accepted client this tab shows, or {@code null} for a tab that connects itself. */
    private final String client;
    /** Where the composer's sends go; the session's own by default. */
    private Function<Bytes, String> route;
    /** How this tab connects beyond host, port and framing; never a secret. */
    private ConnectionSettings connection;
    /** The last connection opened, as the client thread reported it: its address and TLS session. Any thread. */
    private final AtomicReference<ClientReply.Connected> opened = new AtomicReference<>();

    /**
     * A tab with {@code settings}, whose bar runs the window's {@code actions} and whose
     * status line shows {@code serverState}; {@code statusChanged} hears every new status.
     */
    SessionTab(TabSettings settings, WindowActions actions, UiPrefs prefs, SendHistory history,
            Supplier<String> serverState, Consumer<SessionTab> statusChanged) {
        this(settings, null, new Session(), null, null, actions, prefs, history, serverState, statusChanged);
    }

    /**
     * A tab showing {@code session}, a client a listening port accepted and already runs
     * ({@link Session#adopt}): named {@code label}, with the options of {@code settings}
     * (pairing, rules, charts), no connection bar, and never connecting again. Starting
     * and shutting down its session are the listener's; closing the tab shuts it down too.
     * {@code rules}, when not null, are the session's rules, attached before its first frame
     * (see {@link dev.tincan.session.rules.StartingRules}): the tab shows and edits them, and
     * closes them with itself; when null the tab attaches rules of its own.
     */
    static SessionTab ofClient(Session session, SessionRules rules, String label, TabSettings settings,
            WindowActions actions, UiPrefs prefs, SendHistory history, Supplier<String> serverState,
            Consumer<SessionTab> statusChanged) {
        return new SessionTab(settings, null, session, rules, label, actions, prefs, history, serverState,
                statusChanged);
    }

    /**
     * A read-only tab showing {@code recording}: its rows are read from the file as they are
     * shown; it never connects. Closing the tab closes the file.
     */
    static SessionTab ofRecording(RecordingFile recording, WindowActions actions, UiPrefs prefs,
            SendHistory history, Supplier<String> serverState, Consumer<SessionTab> statusChanged) {
        RecordFormat.Header h = recording.header();
        TabSettings settings = new TabSettings(TabSettings.cut(recording.file().getFileName().toString()),
                h.host() == null ? "" : h.host(), h.port() > 0 ? h.port() : 50007, h.framing(), false, false, "next");
        return new SessionTab(settings, recording, new Session(), null, null, actions, prefs, history, serverState,
                statusChanged);
    }

    private SessionTab(TabSettings settings, RecordingFile recording, Session session, SessionRules attached,
            String client, WindowActions actions, UiPrefs prefs, SendHistory history, Supplier<String> serverState,
            Consumer<SessionTab> statusChanged) {
        this.shown = recording;
        this.client = client;
        this.session = session;
        this.route = session::send;
        name = settings.name();
        connection = settings.connection();
        chartSpan = ChartSpan.ofMinutes(settings.chartMinutes(), ChartSpan.FIVE_MINUTES);
        toggleCharts = () -> actions.charts.actionPerformed(null);
        if (client == null) {
            session.setEchoServerAction(WindowActions.START_ECHO_SERVER);
            session.setReadOnlyWhenAsked(settings.readOnlyWhenAsked());
            session.setSkipTooLong(settings.skipTooLong());
        }
        try {
            session.setPairing(Pairing.parse(settings.pairing()));
        } catch (IllegalArgumentException e) {
            session.setPairing(Pairing.NEXT);
        }
        rules = attached != null ? attached : SessionRules.attach(session, RulesStore.snapshotFolder());
        if (!settings.rules().isEmpty()) {
            try {
                rules.setRules(RulesFile.parse(settings.rules(), "the saved rules of tab '" + name + "'"));
            } catch (RulesFileException | IllegalArgumentException e) {
                LOG.warn("{}; the tab starts without rules", e.getMessage());
            }
        }
        transcript = recording == null
                ? new TranscriptModel(new WallClock(), prefs.maxRows(), TranscriptModel.DEFAULT_MAX_BYTES)
                : new TranscriptModel(new WallClock(recording.header().started().toEpochMilli(), 0),
                        new RecordingRows(recording));
        transcript.setHexPreview(prefs.hexPreview());
        bar = new ConnectionBar(settings.host(), settings.port(), settings.framing(), actions.connect,
                actions.disconnect, actions.startEchoServer, actions.connectionSettings, actions.certificate,
                indicator);
        bar.showUdp(connection.udp());
        // On the client thread, before the reply is queued: by the time the tab sees Connected, this is set.
        session.addTap(reply -> {
            if (reply instanceof ClientReply.Connected c) {
                opened.set(c);
            }
        });
        transcriptView = new TranscriptView(transcript);
        detail = new DetailPane(transcript);
        transcriptView.onSelection(detail::show);
        findBar = FindBar.attach(transcriptView, transcript);
        composer = new Composer(history, () -> session.status().isConnected() ? session.framing() : null,
                this::send, context);
        composer.switchMode(prefs.hexInput());
        composer.setEnterSends(prefs.enterSends());
        TranscriptView.bindFollowKey(composer.input(), transcriptView::followNewest);
        statusBar = new StatusBar(session.stats(), serverState);
        sendStrip = new SendStrip(session, context, composer, statusBar);
        session.addFrameListener(new FrameListener() {
            @Override
            public void sent(Bytes payload, long nanos) {
                sendStrip.sent(payload);
            }

            @Override
            public void received(Bytes frame, long nanos) {
                context.received(frame);
            }

            @Override
            public void closed() {
                stopSending();
            }

            @Override
            public void failed(ClientReply.Error error) {
                // Over UDP nothing closes: a datagram too long or a port nobody listens on is
                // said here too, not only in the transcript, since the bar still says "talking udp".
                if (session.udp() && !(error.command() instanceof ClientCommand.Opening)) {
                    statusBar.showNotice(error.message(), true);
                }
            }
        });
        session.addFrameListener(traffic);
        session.addStatusListener(s -> {
            indicator.model().setState(stateOf(s));
            showSecurity(s);
            titleChanged.run();
            statusChanged.accept(this);
        });
        layOut();
        showCharts(settings.chartsShown());
        indicator.model().setState(stateOf(session.status()));
    }

    private void layOut() {
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, transcriptView, detail);
        // The transcript's minimum is ten rows: the detail pane gets only what is left.
        detail.setMinimumSize(new Dimension(0, 0));
        split.setResizeWeight(TRANSCRIPT_SHARE);
        split.setContinuousLayout(true);
        new DividerKeeper(split, transcriptView, TRANSCRIPT_SHARE);
        split.setBorder(BorderFactory.createEmptyBorder());
        JPanel content = new JPanel(new BorderLayout());
        content.setBorder(BorderFactory.createEmptyBorder(10, 12, 8, 12));
        if (shown != null) {
            // A recording: what was recorded instead of the connection bar, and nothing to send with.
            JLabel about = new JLabel(recordingSentence(shown));
            about.setName("recordingBar");
            about.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
            about.setBorder(BorderFactory.createEmptyBorder(2, 2, 8, 2));
            content.add(about, BorderLayout.NORTH);
            content.add(split, BorderLayout.CENTER);
            panel.add(content, BorderLayout.CENTER);
            panel.add(statusBar, BorderLayout.SOUTH);
            statusBar.hideTraffic();
            if (shown.cutShort()) {
                statusBar.showNotice(shown.cutShortSentence(), false);
            }
            return;
        }
        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(chartSlot, BorderLayout.NORTH);
        bottom.add(composer, BorderLayout.CENTER);
        bottom.add(sendStrip, BorderLayout.SOUTH);
        JPanel middle = new JPanel(new TopKeepsMinimumLayout(split, bottom));
        middle.add(split);
        middle.add(bottom);
        if (client == null) {
            content.add(bar, BorderLayout.NORTH);
        }
        content.add(middle, BorderLayout.CENTER);
        panel.add(content, BorderLayout.CENTER);
        panel.add(statusBar, BorderLayout.SOUTH);
        // Esc stops a repeat or a file send wherever the focus is in the tab; idle, it is left
        // to the find bar and the rest.
        panel.getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(
                KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "tincan.stopSending");
        panel.getActionMap().put("tincan.stopSending", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                sendStrip.stopRunning();
            }

            @Override
            public boolean isEnabled() {
                return sendStrip.repeat().isRunning() || sendStrip.file().isRunning();
            }
        });
    }

    /** What a recording tab says in place of the connection bar. */
    static String recordingSentence(RecordingFile r) {
        RecordFormat.Header h = r.header();
        String where = h.host() == null ? "a connection" : HostPort.of(h.host(), h.port());
        String started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
                .format(h.started().atZone(ZoneId.systemDefault()));
        return "Recording of " + where + " (" + h.framing() + " framing), started " + started + ": "
                + Formats.count(r.framesOut() + (long) r.framesIn(), "frame", "frames") + " ("
                + Formats.count(r.framesOut()) + " out, " + Formats.count(r.framesIn()) + " in) over "
                + Formats.duration(r.durationNanos()) + ". Read-only.";
    }

    /**
     * Shows or hides this tab's charts, in a strip between the transcript and the composer.
     * Hidden, they cost nothing: the strip is not in the tab and takes no snapshots.
     */
    void showCharts(boolean show) {
        if (show == chartsShown()) {
            return;
        }
        if (show) {
            if (charts == null) {
                charts = new ChartPanel(traffic, chartSpan);
                charts.onHide(toggleCharts);
            }
            chartSlot.add(charts, BorderLayout.CENTER);
        } else {
            chartSpan = charts.span();
            chartSlot.remove(charts);
        }
        chartSlot.revalidate();
        chartSlot.repaint();
    }

    /** Whether the charts show in this tab. */
    boolean chartsShown() {
        return charts != null && charts.getParent() == chartSlot;
    }

    /** The height the charts take in the tab: 0 while hidden. */
    int chartsHeight() {
        return chartsShown() ? charts.getPreferredSize().height : 0;
    }

    /** The charts, or {@code null} if they were never shown. */
    ChartPanel charts() {
        return charts;
    }

    /** Every frame and round trip of this tab's session, second by second. */
    TrafficSeries traffic() {
        return traffic;
    }

    /** Starts the session's client thread; an accepted client's runs already. */
    @Override
    public void start() {
        if (client == null) {
            session.start();
        }
    }

    /** Whether this tab shows a client a listening port accepted, rather than connecting itself. */
    boolean isClient() {
        return client != null;
    }

    /**
     * Sends what the composer and the repeat send through {@code route} from now on instead of
     * this tab's session: it returns {@code null} when the frame is on its way, else one
     * sentence saying why not. {@code null} gives the session its sends back.
     */
    public void routeSends(Function<Bytes, String> route) {
        this.route = route == null ? session::send : route;
        sendStrip.sendThrough(route == null ? null : new Outbox() {
            @Override
            public String offer(Bytes payload) {
                return route.apply(payload);
            }

            @Override
            public String put(Bytes payload, long timeoutMillis) {
                // A route never waits: it says at once which of its receivers had no room.
                return route.apply(payload);
            }
        });
    }

    /** The recording this tab shows instead of a connection, or {@code null} for a live tab. */
    RecordingFile shownRecording() {
        return shown;
    }

    /** Whether this tab shows a recording rather than a connection. */
    boolean isRecordingView() {
        return shown != null;
    }

    /** Whether this tab's connection is being recorded to a file. */
    boolean isRecording() {
        return recorder != null;
    }

    /** The file this tab records to, or {@code null}. */
    Path recordingFile() {
        return recorder == null ? null : recorder.file();
    }

    /** Called on the EDT whenever recording starts or stops. */
    void onRecordingChanged(Runnable r) {
        recordingChanged = r;
    }

    /**
     * Records every frame and event of this tab's connection to {@code file} from now on, with
     * the target and framing the bar shows (or the open connection's framing). Returns
     * {@code null} when recording, or one sentence saying why not.
     */
    String startRecording(Path file) {
        if (shown != null) {
            return "this tab shows a recording: record in a tab with a connection.";
        }
        if (recorder != null) {
            return "this tab is recording to " + recorder.file() + " already: stop that first.";
        }
        boolean connected = session.status().isConnected();
        // Over UDP each datagram was one frame: raw is what the recording's frames were framed as.
        String framing = connected && session.udp() || !connected && connection.udp() ? "raw"
                : connected && session.framing() != null ? session.framing().spec() : bar.framingSpec();
        int port;
        try {
            port = Integer.parseInt(bar.portText().strip());
        } catch (NumberFormatException e) {
            port = 0;
        }
        try {
            recorder = Recorder.start(session, file, bar.host().isEmpty() ? "localhost" : bar.host(), port, framing,
                    Framing.DEFAULT_MAX_FRAME_LENGTH, sentence -> SwingUtilities.invokeLater(() -> recordingFailed(
                            sentence)));
        } catch (RecorderException e) {
            return e.getMessage();
        }
        Recorder shownRecorder = recorder;
        statusBar.showRecording(() -> shownRecorder == recorder
                ? "● REC " + Formats.count(shownRecorder.frames(), "frame", "frames") : null);
        statusBar.showNotice("recording to " + file + ": every frame from now on, until File ▸ Stop recording.",
                false);
        titleChanged.run();
        recordingChanged.run();
        return null;
    }

    /**
     * Stops recording, writing what is still pending, and says so in the status line. Returns
     * the sentence said, or {@code null} when it was not recording.
     */
    String stopRecording() {
        Recorder r = recorder;
        if (r == null) {
            return null;
        }
        recorder = null;
        String failure = r.stop();
        statusBar.showRecording(() -> null);
        String sentence = failure != null ? failure
                : "recorded " + Formats.count(r.frames(), "frame", "frames") + " to " + r.file() + ".";
        statusBar.showNotice(sentence, failure != null);
        titleChanged.run();
        recordingChanged.run();
        return sentence;
    }

    private void recordingFailed(String sentence) {
        if (recorder != null && recorder.failure() != null) {
            recorder.stop();
            recorder = null;
            statusBar.showRecording(() -> null);
            statusBar.showNotice(sentence, true);
            titleChanged.run();
            recordingChanged.run();
        }
    }

    /**
     * Closes the tab's side of things: its status line stops, and {@code Shutdown} goes to
     * its client thread. The caller waits for the thread off the EDT with
     * {@link Session#awaitStopped}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopSending();
        rules.close();
        if (rulesPanel != null) {
            rulesPanel.dispose();
        }
        if (recorder != null) {
            recorder.stop();
            recorder = null;
        }
        if (shown != null) {
            shown.close();
        }
        session.shutdown();
    }

    /** Stops the repeat, the file send and the sequences running on this tab. */
    private void stopSending() {
        sendStrip.stopAll();
        for (Runnable stop : runs) {
            stop.run();
        }
    }

    /**
     * Remembers how to stop a sequence running on this tab, until the returned handle is run
     * (when the sequence ends). Any thread.
     */
    Runnable track(Runnable stop) {
        runs.add(stop);
        return () -> runs.remove(stop);
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        return closed;
    }

    @Override
    public boolean awaitStopped(long millis) throws InterruptedException {
        return session.awaitStopped(millis);
    }

    /** Sends what the composer holds; the person's own frame and its reply come into view. */
    private String send(Bytes payload) {
        boolean down = client == null && session.status().phase() == ConnectionStatus.Phase.RECONNECTING;
        String why = route.apply(payload);
        if (why == null) {
            transcriptView.followNewest();
            if (down) {
                // The session took the frame without sending it: say what becomes of it.
                dev.tincan.session.ReconnectPolicy policy = session.reconnectPolicy();
                statusBar.showNotice(policy != null && policy.replayQueued()
                        ? "not connected: this frame waits for the reconnect and goes out once connected again."
                        : "not connected: this frame is dropped, and the transcript counts it once connected again.",
                        false);
            }
        }
        return why;
    }

    /**
     * Sends a library message on this tab, its placeholders filled in from this tab's
     * conversation; returns {@code null} when it is on its way, or one sentence saying why not,
     * such as a message saved for another framing.
     */
    String sendSaved(SavedMessage message) {
        if (shown != null) {
            return "this tab shows a recording: send from a tab with a connection.";
        }
        boolean connected = session.status().isConnected();
        // Over UDP no framing applies, so a message saved for one goes out as it is.
        String framing = connected && session.udp() || !connected && connection.udp() ? null
                : connected && session.framing() != null ? session.framing().spec() : bar.framingSpec();
        String mismatch = framingMismatch(message, framing);
        if (mismatch != null) {
            return mismatch;
        }
        long counter = context.peekCounter();
        Bytes payload;
        try {
            payload = session.framing() != null ? Library.payload(message, session.framing(), context)
                    : Placeholders.expand(message.payload(), message.hex(), context);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String why = send(payload);
        if (why != null) {
            Composer.giveBackCounter(context, counter);
        }
        return why;
    }

    /**
     * Why {@code message} should not go out on a connection framed as {@code framing} (a spec):
     * it was saved for another framing; {@code null} when it was saved for this one or for any.
     */
    static String framingMismatch(SavedMessage message, String framing) {
        if (message.framing() == null || framing == null) {
            return null;
        }
        String wanted;
        String have;
        try {
            wanted = Framing.parse(message.framing()).spec();
            have = Framing.parse(framing).spec();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (wanted.equals(have)) {
            return null;
        }
        return "message '" + message.name() + "' is saved for " + wanted + " framing and this tab frames as " + have
                + ": change the tab's framing, or edit the message's framing.";
    }

    @Override
    public int take(int max) {
        return session.take(max);
    }

    @Override
    public void flush() {
        if (!session.hasChanges()) {
            return;
        }
        Session.Changes changes = session.changes();
        transcript.apply(changes);
        long now = System.nanoTime();
        if (changes.framesIn()) {
            indicator.model().traffic(true, now);
        }
        if (changes.framesOut()) {
            indicator.model().traffic(false, now);
        }
        if (!inFront && changes.framesIn()) {
            long frames = 0;
            for (TranscriptRow row : changes.rows()) {
                if (row.kind() == TranscriptRow.Kind.RECEIVED) {
                    frames++;
                }
            }
            if (frames > 0) {
                // The first unseen frame shows at once; later counts wait for the window's
                // next title refresh, so a flood does not relay out the tab strip every tick.
                boolean first = unread == 0;
                unread += frames;
                if (first) {
                    titleChanged.run();
                } else {
                    countStale = true;
                }
            }
        }
    }

    /** Whether the unread count changed since the title showed it; asking clears it. */
    @Override
    public boolean takeCountStale() {
        boolean stale = countStale;
        countStale = false;
        return stale;
    }

    /** Whether this tab is the one shown; showing it clears its unread count. */
    @Override
    public void setInFront(boolean front) {
        inFront = front;
        if (front && unread > 0) {
            unread = 0;
            titleChanged.run();
        }
    }

    boolean isInFront() {
        return inFront;
    }

    /** Frames received while the tab was in the background, since it was last shown. */
    @Override
    public long unread() {
        return unread;
    }

    /** Called whenever the title's parts change: name, state or unread count. */
    @Override
    public void onTitleChanged(Runnable r) {
        titleChanged = r;
    }

    /** The name the person gave, or "" for none. */
    @Override
    public String name() {
        return name;
    }

    @Override
    public void setName(String next) {
        name = TabSettings.cut(next);
        titleChanged.run();
    }

    /** The name to show: the one given, else the client's label or the host and port in the bar. */
    @Override
    public String displayName() {
        if (!name.isEmpty()) {
            return name;
        }
        if (client != null) {
            return client;
        }
        String host = bar.host().isEmpty() ? "localhost" : bar.host();
        return host + ":" + bar.portText().strip();
    }

    /** The title in words: "device ● 12" reads "device, connected, 12 unread". */
    @Override
    public String titleText() {
        String title = unread > 0 ? displayName() + "  " + Formats.count(unread) : displayName();
        return recorder != null ? "REC  " + title : title;
    }

    /** What to remember of this tab. */
    @Override
    public TabSettings settings() {
        String port = bar.portText().strip();
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = 50007;
        }
        if (p < 1 || p > 65535) {
            p = 50007;
        }
        List<Rule> now = rules.engine().rules();
        return new TabSettings(name, bar.host(), p, bar.framingSpec(), session.readOnlyWhenAsked(),
                session.skipTooLong(), session.pairing().spec(), chartsShown(),
                (charts != null ? charts.span() : chartSpan).minutes(), now.isEmpty() ? "" : RulesFile.toJson(now),
                connection);
    }

    /** How this tab connects beyond host, port and framing, from its next connect on. */
    ConnectionSettings connection() {
        return connection;
    }

    /** Connects with {@code next} from the next connect on. */
    void setConnection(ConnectionSettings next) {
        connection = java.util.Objects.requireNonNull(next, "next");
        bar.showUdp(next.udp());
    }

    /** What the TLS handshake of the open connection settled, or null when it is not open or not TLS. */
    TlsSession tlsSession() {
        ClientReply.Connected c = opened.get();
        return c == null || !session.status().isConnected() ? null : c.tls();
    }

    /** Whether the open connection speaks TLS without having checked the server's certificate. */
    boolean insecure() {
        ClientReply.Connected c = opened.get();
        return tlsSession() != null && c.command().options().tls() != null && c.command().options().tls().insecure();
    }

    /** Shows in the bar and the status line what secures the connection, for {@code s}. */
    private void showSecurity(ConnectionStatus s) {
        TlsSession tls = s.isConnected() ? tlsSession() : null;
        bar.showSecurity(tls == null ? null : tls.protocol() + " · " + tls.cipherSuite(), insecure());
        statusBar.showInsecure(insecure());
    }

    /** A recording's tab is not opened again at the next start: its file may be gone. */
    @Override
    public boolean restored() {
        return shown == null && client == null;
    }

    @Override
    public ActivityModel.State state() {
        return stateOf(session.status());
    }

    @Override
    public SessionTab sessionTab() {
        return this;
    }

    @Override
    public List<SessionTab> sessionTabs() {
        return List.of(this);
    }

    @Override
    public String noSessionSentence() {
        return "this tab has no connection.";
    }

    @Override
    public void showNotice(String sentence, boolean error) {
        statusBar.showNotice(sentence, error);
    }

    static ActivityModel.State stateOf(ConnectionStatus s) {
        switch (s.phase()) {
            case CONNECTING:
            case RECONNECTING:
                return ActivityModel.State.CONNECTING;
            case CONNECTED:
            case CLOSING:
                return ActivityModel.State.CONNECTED;
            default:
                return s.failed() ? ActivityModel.State.ERROR : ActivityModel.State.IDLE;
        }
    }

    @Override
    public JComponent panel() {
        return panel;
    }

    /** This tab's auto-reply rules. */
    SessionRules rules() {
        return rules;
    }

    /** Opens this tab's rules panel over {@code owner}, making it the first time. */
    void openRules(Window owner) {
        if (rulesPanel == null) {
            rulesPanel = new RulesPanel(rules.engine(), r -> rulesChanged.run());
        }
        rulesPanel.open(owner, "Auto-reply rules · " + displayName());
    }

    /** This tab's rules panel, or null before it was first opened. */
    RulesPanel rulesPanel() {
        return rulesPanel;
    }

    /** Calls {@code run} after each change the rules panel makes, so the tabs can be saved. */
    void onRulesChanged(Runnable run) {
        rulesChanged = run;
    }

    /** The conversation this tab shows. */
    public Session session() {
        return session;
    }

    TranscriptModel transcript() {
        return transcript;
    }

    ActivityIndicator indicator() {
        return indicator;
    }

    ConnectionBar bar() {
        return bar;
    }

    FindBar findBar() {
        return findBar;
    }

    TranscriptView transcriptView() {
        return transcriptView;
    }

    DetailPane detail() {
        return detail;
    }

    Composer composer() {
        return composer;
    }

    StatusBar statusBar() {
        return statusBar;
    }

    /** This tab's conversation: its placeholder counter and the last frame received. */
    Placeholders.Context context() {
        return context;
    }

    SendStrip sendStrip() {
        return sendStrip;
    }
}
