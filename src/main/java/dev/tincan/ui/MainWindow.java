package dev.tincan.ui;

import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.util.UIScale;
import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.HostPort;
import dev.tincan.relay.ListenConfig;
import dev.tincan.relay.Listener;
import dev.tincan.relay.Relay;
import dev.tincan.relay.RelayConfig;
import dev.tincan.server.ServerTls;
import dev.tincan.session.ConnectionStatus;
import dev.tincan.session.Pairing;
import dev.tincan.session.SavedMessage;
import dev.tincan.session.Session;
import dev.tincan.session.TrafficStats;
import dev.tincan.session.rules.SessionRules;
import dev.tincan.session.rules.StartingRules;
import dev.tincan.ui.listen.ListenDialog;
import dev.tincan.ui.listen.ListenTab;
import dev.tincan.ui.relay.RelayWindowTab;
import dev.tincan.ui.rules.RulesStore;
import java.awt.Dimension;
import java.awt.Frame;
import java.awt.Image;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.swing.Action;
import javax.swing.JFrame;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import javax.swing.WindowConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window: a workbench of tabs, each a {@link WindowTab}. Most are a
 * {@link SessionTab} with its own client thread, connection bar, transcript, composer and
 * status line; other kinds hold several sessions and show the one picked. It owns the one
 * reply pump that drains every tab fairly, the built-in server control (one per window; its
 * actions live in {@link BuiltInServerActions}) and the menus, whose session actions act on
 * the session tab in front ({@link WindowTab#sessionTab()}): when there is none they are
 * disabled, and if reached anyway say so in one sentence. The window puts these parts together, lays them out and carries out what the
 * menus ask; the tabs themselves are kept by a {@link TabBook} and the library beside them
 * by a {@link SideSplit}. Closing the window remembers the tabs, sends {@code Shutdown} to
 * every client thread, stops the timers, disposes the frame, and then, off the EDT, waits
 * for the threads and closes the server so that the process can exit. Confined to the EDT.
 */
final class MainWindow {
    /** The share of the split the transcript gets until the person drags the divider. */
    static final double TRANSCRIPT_SHARE = SessionTab.TRANSCRIPT_SHARE;
    /** Milliseconds between refreshes of background tabs' unread counts. */
    static final int TITLE_REFRESH_MS = 250;
    /** How long a closed tab's client thread gets to end before it is closed from outside. */
    static final long STOP_MILLIS = 2000;

    private static final Logger log = LoggerFactory.getLogger(MainWindow.class);

    private final UiPrefs prefs;
    /** Asks for the passwords a connect needs; never kept. */
    private ConnectionSettings.Secrets secrets = what -> PasswordDialog.ask(this.frame, what);
    /** The window's icon, decoded on the toolkit's thread from the start; null when missing. */
    private final Image icon = decodingIcon();
    private final JFrame frame = new JFrame("Tincan");
    private final TabBook book;
    private final ReplyPump pump;
    private final ServerControl server;
    private final WindowActions actions;
    private final SendHistory history;
    private final TranscriptSaver saver;
    private final BuiltInServerActions builtIn;
    private final RecordingActions recordings;
    private final LibrarySide library;
    private final SideSplit content;
    private Theme theme;
    private boolean enterSends;
    private boolean hexInput;
    private boolean shown;
    /** What the listening dialog offers next: the last choice tried. */
    private ListenDialog.Choice listenChoice = ListenDialog.Choice.defaults();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;
    /** Whether, after {@link #close()}, every client thread ended. */
    private volatile boolean allStopped;

    MainWindow(WindowOptions options) {
        prefs = options.prefs();
        theme = prefs.theme();
        enterSends = prefs.enterSends();
        hexInput = prefs.hexInput();
        history = new SendHistory(UiPrefs.MAX_HISTORY, prefs.history());
        server = new ServerControl(this::serverChanged);
        actions = new WindowActions(this);
        saver = new TranscriptSaver(frame);
        builtIn = new BuiltInServerActions(server, frame, this::frontTab, this::connect, () -> closed);
        library = new LibrarySide(this::frontTab, options.library());
        book = new TabBook(frame, prefs, this::makeTab, this::updateMinimumSize, this::tabShown);
        recordings = new RecordingActions(frame, this::frontTab, () -> closed,
                recording -> SessionTab.ofRecording(recording, actions, prefs, history, server::describe,
                        this::statusChanged), book::addInFront);
        pump = new ReplyPump(book::sources);
        content = new SideSplit(book.pane());
        book.restore(TabSettings.of(options.host(), options.port(), options.framing()));
        layOut();
        tabShown();
        if (prefs.libraryShown()) {
            showLibrary(true);
        }
    }

    /**
     * The window's icon, its decoding started: the toolkit's image fetcher decodes it on its
     * own thread while the window is built, since making the frame's peer waits until the
     * icon is decoded whole (about 0.2 s of the event thread on a busy machine when the
     * decoding only started there). Null when the icon is missing.
     */
    private static Image decodingIcon() {
        java.net.URL url = MainWindow.class.getResource("tincan.png");
        if (url == null) {
            return null;
        }
        Toolkit toolkit = Toolkit.getDefaultToolkit();
        Image image = toolkit.createImage(url);
        toolkit.prepareImage(image, -1, -1, null);
        return image;
    }

    /** A tab for {@code settings}, its composer set as the window's options say. */
    private SessionTab makeTab(TabSettings settings) {
        return fitted(new SessionTab(settings, actions, prefs, history, server::describe, this::statusChanged));
    }

    /**
     * A session tab for {@code session}, a client a listening port accepted, named
     * {@code label}, with {@code settings}, for a tab that holds several: fitted out as the
     * window's own tabs are.
     */
    SessionTab makeClientTab(Session session, SessionRules rules, String label, TabSettings settings) {
        return fitted(SessionTab.ofClient(session, rules, label, settings, actions, prefs, history, server::describe,
                this::statusChanged));
    }

    /**
     * File ▸ New listening tab…: asks where to listen, then opens a listening tab in front;
     * a port that cannot be bound is one sentence in the dialog, and no tab opens.
     */
    void newListeningTab() {
        if (book.size() >= UiPrefs.MAX_TABS) {
            notice("a window holds at most " + UiPrefs.MAX_TABS + " tabs: close one first.", true);
            return;
        }
        new ListenDialog(frame, listenChoice, this::listen, c -> listenChoice = c).setVisible(true);
    }

    /**
     * Binds {@code config} off the EDT, then opens a listening tab for it in front; {@code done}
     * hears, on the EDT, {@code null} or the sentence saying why not.
     */
    void listen(ListenConfig config, java.util.function.Supplier<ServerTls> tls, Consumer<String> done) {
        // Attached by the listener as it accepts each client, before the first frame is read.
        StartingRules starting = new StartingRules(RulesStore.snapshotFolder());
        ListenConfig withRules = config.withSetup(starting);
        Thread binder = new Thread(() -> {
            Listener bound = null;
            String failed = null;
            ServerTls identity = null;
            try {
                // Making a key pair or reading the files takes a moment: here, off the EDT.
                identity = tls == null ? null : tls.get();
                bound = Listener.start(identity == null ? withRules : withRules.withTls(identity.context()));
            } catch (IOException e) {
                log.info("{}", e.getMessage(), e);
                failed = e.getMessage();
            } catch (IllegalArgumentException e) {
                log.info("the listener's certificate files were refused", e);
                failed = "the certificate cannot be served: " + e.getMessage();
            } catch (RuntimeException e) {
                log.error("making the listener's TLS certificate failed", e);
                failed = "the TLS certificate could not be made; the details are in the log.";
            }
            Listener listener = bound;
            String why = failed;
            ServerTls certificate = identity;
            SwingUtilities.invokeLater(() -> {
                if (listener == null) {
                    starting.close();
                    done.accept(why);
                } else if (closed || !openTab(new ListenTab(listener, this::makeClientTab, certificate, starting))) {
                    new Thread(() -> {
                        listener.close();
                        starting.close();
                    }, "tincan-listen-close").start();
                    done.accept(closed ? "the window is closing." : "a window holds at most " + UiPrefs.MAX_TABS
                            + " tabs: close one first.");
                } else {
                    done.accept(null);
                }
            });
        }, "tincan-listen-bind");
        binder.setDaemon(true);
        binder.start();
    }

    /**
     * File ▸ New relay tab…: asks where to listen and where to relay to, then opens a relay tab
     * in front; a port that cannot be bound is one sentence in the dialog, and no tab opens.
     */
    void newRelayTab() {
        if (book.size() >= UiPrefs.MAX_TABS) {
            notice("a window holds at most " + UiPrefs.MAX_TABS + " tabs: close one first.", true);
            return;
        }
        SessionTab front = book.size() == 0 ? null : currentTab();
        TabSettings where = front == null ? null : front.settings();
        String target = where == null ? "" : HostPort.of(where.host(), where.port());
        String framing = where == null ? "line" : where.framing();
        RelayDialog.ask(frame, target, framing, this::relay);
    }

    /**
     * Binds a relay for {@code config} off the EDT, its clients speaking TLS to the certificate
     * {@code listenTls} makes there (read from files, or self-signed) when it is not null, then opens a relay tab for it in
     * front; {@code done} hears, on the EDT, {@code null} or the sentence saying why not.
     */
    void relay(RelayConfig config, java.util.function.Supplier<ServerTls> listenTls, Consumer<String> done) {
        Thread binder = new Thread(() -> {
            Relay bound = null;
            String failed = null;
            ServerTls identity = null;
            try {
                // Making a key pair or reading the files takes a moment: here, off the EDT.
                identity = listenTls == null ? null : listenTls.get();
                bound = Relay.start(identity == null ? config
                        : config.toBuilder().listenTls(identity.context()).build());
            } catch (IOException e) {
                log.info("{}", e.getMessage(), e);
                failed = e.getMessage();
            } catch (IllegalArgumentException e) {
                log.info("the relay's certificate files were refused", e);
                failed = "the certificate cannot be served: " + e.getMessage();
            } catch (RuntimeException e) {
                log.error("making the relay's TLS certificate failed", e);
                failed = "the TLS certificate could not be made; the details are in the log.";
            }
            Relay relay = bound;
            String why = failed;
            ServerTls certificate = identity;
            SwingUtilities.invokeLater(() -> {
                if (relay == null) {
                    done.accept(why);
                    return;
                }
                RelayWindowTab tab = closed ? null : new RelayWindowTab(relay, certificate);
                if (tab == null || !openTab(tab)) {
                    new Thread(relay::close, "tincan-relay-close").start();
                    done.accept(closed ? "the window is closing." : "a window holds at most " + UiPrefs.MAX_TABS
                            + " tabs: close one first.");
                } else {
                    RelayIndicator.attach(tab.relayTab());
                    done.accept(null);
                }
            });
        }, "tincan-relay-bind");
        binder.setDaemon(true);
        binder.start();
    }

    /** {@code tab} with its composer set as the window's options say, its changes heard. */
    private SessionTab fitted(SessionTab tab) {
        tab.composer().setEnterSends(enterSends);
        tab.composer().switchMode(hexInput);
        tab.onRecordingChanged(() -> statusChanged(tab));
        tab.onRulesChanged(() -> book.save());
        return tab;
    }

    /** File ▸ Record…: asks for a file, then records the tab in front to it. */
    void record() {
        recordings.record();
    }

    /** Records the tab in front to {@code file}; returns {@code null}, or the sentence shown saying why not. */
    String startRecording(Path file) {
        return recordings.startRecording(file);
    }

    /** File ▸ Stop recording: stops recording the tab in front. */
    void stopRecording() {
        recordings.stopRecording();
    }

    /** File ▸ Open recording…: asks for a recording, then opens it as a read-only tab. */
    void openRecording() {
        recordings.openRecording();
    }

    /** Opens {@code file} as a read-only tab in front; see {@link RecordingActions#openRecording(Path)}. */
    void openRecording(Path file) {
        recordings.openRecording(file);
    }

    private void layOut() {
        frame.setContentPane(content.panel());
        frame.setJMenuBar(MenuBar.build(this, actions));
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        if (icon != null) {
            frame.setIconImage(icon);
        }
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                close();
            }
        });
        updateMinimumSize();
        book.installKeys();
        // Alt+1..9 send the library's first nine messages, shown or not; Ctrl+S saves the
        // composer into it, showing the library first.
        library.panel().installKeys(frame.getRootPane());
        frame.getRootPane().getActionMap().put("tincan.library.saveComposer", actions.saveToLibrary);
    }

    /**
     * The window's least size: 720 x 480 holds one session whole (ten transcript rows, every
     * control); once the tab strip shows, the least height grows by the strip's, and while
     * the tab in front shows its repeat or file send, by theirs, and while it shows a list
     * beside its session (a listening tab), by the list's width, so a session in a tab keeps
     * the same room.
     */
    void updateMinimumSize() {
        int strip = book.size() > 1 ? UIManager.getInt("TabbedPane.tabHeight") + 1 : 0;
        SessionTab tab = book.size() == 0 ? null : currentTab();
        SendStrip sends = tab == null ? null : tab.sendStrip();
        int sending = sends != null && sends.isVisible() ? sends.getPreferredSize().height : 0;
        int charts = tab == null ? 0 : tab.chartsHeight();
        int beside = book.size() == 0 ? 0 : frontTab().besideWidth();
        Dimension least = new Dimension(UIScale.scale(720) + beside, UIScale.scale(480 + strip) + sending + charts);
        if (!least.equals(frame.getMinimumSize())) {
            frame.setMinimumSize(least);
        }
    }

    /** The window's actions, for tests. */
    WindowActions actions() {
        return actions;
    }

    /** View ▸ Charts (Ctrl+Shift+G): shows or hides the charts of the tab in front, remembered with the tab. */
    void toggleCharts() {
        SessionTab tab = sessionTabOrSay();
        if (tab == null) {
            return;
        }
        tab.showCharts(!tab.chartsShown());
        actions.charts.putValue(Action.SELECTED_KEY, tab.chartsShown());
        updateMinimumSize();
    }

    /** View ▸ Message library: shows or hides the library beside the tabs, remembered for next time. */
    void toggleLibrary() {
        showLibrary(!isLibraryShown());
    }

    void showLibrary(boolean show) {
        if (show == isLibraryShown()) {
            return;
        }
        content.setSide(show ? library.panel() : null);
        actions.library.putValue(Action.SELECTED_KEY, show);
        if (show && frame.isShowing() && content.sideRoom() < UIScale.scale(LibrarySide.START_WIDTH / 2)) {
            // The tabs are at their least width, so the divider cannot be dragged: only a wider
            // window makes room, and the library then opens by itself. Shown as a failure, so
            // it is read whole and not mistaken for nothing happening.
            notice("the window is too narrow for the library: make it wider and the library opens at the left.",
                    true);
        }
        prefs.saveLibraryShown(show);
        if (!show && shown && currentTab() != null) {
            composer().focusInput();
        }
    }

    boolean isLibraryShown() {
        return content.hasSide();
    }

    /** Send ▸ Save message to library… (Ctrl+S): the composer of the tab in front, through the edit dialog. */
    void saveComposerToLibrary() {
        showLibrary(true);
        library.panel().saveComposerAction().actionPerformed(
                new ActionEvent(library.panel(), ActionEvent.ACTION_PERFORMED, "save"));
    }

    /** Send ▸ Repeat…: the repeat row under the composer of the tab in front. */
    void openRepeat() {
        SessionTab tab = sessionTabOrSay();
        if (tab == null) {
            return;
        }
        tab.sendStrip().openRepeat();
        updateMinimumSize();
    }

    /**
     * Send ▸ Auto-reply rules…: the rules of the tab in front, in their own window; with a
     * listening tab in front and no client picked, the rules its new clients start with.
     */
    void openRules() {
        if (currentTab() == null && frontTab() instanceof ListenTab listening) {
            listening.openNewClientRules(frame);
            return;
        }
        SessionTab tab = sessionTabOrSay();
        if (tab != null) {
            tab.openRules(frame);
        }
    }

    /** Send ▸ Send file…: the file row under the composer of the tab in front, and a file to send. */
    void openFileSend() {
        SessionTab tab = sessionTabOrSay();
        if (tab == null) {
            return;
        }
        tab.sendStrip().showFile();
        updateMinimumSize();
        tab.sendStrip().file().choose();
    }

    LibrarySide library() {
        return library;
    }

    /** The tab now in front, of whatever kind. */
    WindowTab frontTab() {
        return book.current();
    }

    /**
     * The session tab in front: the tab in front if it is one, else the session picked inside
     * it; {@code null} when it has none. What the window's session actions act on.
     */
    SessionTab currentTab() {
        return book.current().sessionTab();
    }

    /** The session tab in front, or {@code null} after saying in one sentence that there is none. */
    private SessionTab sessionTabOrSay() {
        SessionTab tab = currentTab();
        if (tab == null) {
            WindowTab front = frontTab();
            front.showNotice(front.noSessionSentence(), true);
        }
        return tab;
    }

    /** Shows {@code sentence} in the status line of the tab in front. */
    void notice(String sentence, boolean error) {
        frontTab().showNotice(sentence, error);
    }

    /** The session of the tab in front: what the side panel and the send controls act on. */
    Session currentSession() {
        return currentTab().session();
    }

    /** The client tabs of the window (not those inside tabs of other kinds), in the order shown. */
    List<SessionTab> tabs() {
        return book.view().stream().filter(SessionTab.class::isInstance).map(SessionTab.class::cast).toList();
    }

    /** The tabs of every kind, in the order shown. */
    List<WindowTab> windowTabs() {
        return List.copyOf(book.view());
    }

    /** Every session tab of the window, those inside tabs of other kinds too. */
    private List<SessionTab> allSessionTabs() {
        List<SessionTab> all = new java.util.ArrayList<>();
        for (WindowTab t : book.view()) {
            all.addAll(t.sessionTabs());
        }
        return all;
    }

    /** Another tab came to the front, or another session inside the tab in front. */
    private void tabShown() {
        updateMinimumSize();
        WindowTab front = frontTab();
        for (WindowTab t : book.view()) {
            t.setInFront(t == front);
        }
        SessionTab current = currentTab();
        actions.charts.putValue(Action.SELECTED_KEY, current != null && current.chartsShown());
        if (current != null) {
            statusChanged(current);
        } else {
            frame.setTitle("Tincan");
            actions.update(null, server.state(), book.size());
            actions.updateFront(front instanceof SessionTab, false, false, false);
        }
        if (shown) {
            // After the tabbed pane has moved the focus into the tab it shows: the composer takes
            // it, or, with no session in front, the tab itself, so the window's keys still work.
            SwingUtilities.invokeLater(() -> {
                if (closed || frontTab() != front || currentTab() != current) {
                    return;
                }
                if (current != null) {
                    current.composer().focusInput();
                } else {
                    front.focusDefault();
                }
            });
        }
    }

    /**
     * Starts every tab's client thread and the pump, and shows the window where it was, or in
     * the middle of the screen, inside the part of the screen that panels leave free.
     */
    void show() {
        shown = true;
        book.start();
        pump.start();
        // Fitted to the screen: a window wider than a laptop's screen, or saved on a larger
        // monitor, would put Disconnect and Send out of reach beyond its edge.
        Rectangle saved = prefs.bounds();
        Dimension least = frame.getMinimumSize();
        if (saved != null) {
            frame.setBounds(ScreenFit.fitted(saved, ScreenFit.usableAround(saved), least));
        } else {
            frame.setBounds(ScreenFit.centred(new Dimension(UIScale.scale(1100), UIScale.scale(720)),
                    ScreenFit.usableAround(null), least));
        }
        frame.setVisible(true);
        if (currentTab() != null) {
            currentTab().composer().input().requestFocusInWindow();
        }
        if (prefs.settingsProblem() != null) {
            notice(prefs.settingsProblem(), true);
        }
    }

    private void statusChanged(SessionTab tab) {
        book.showTitle(tab);
        if (tab != currentTab()) {
            return;
        }
        ConnectionStatus s = tab.session().status();
        tab.bar().showStatus(s, server.state() == ServerControl.State.OFF);
        frame.setTitle(s.peer() != null ? "Tincan — " + s.peer() : "Tincan");
        actions.update(s, server.state(), book.size());
        actions.updateFront(frontTab() instanceof SessionTab, true, tab.isClient(), tab.isRecordingView());
        actions.updateRecording(tab.isRecordingView(), tab.isRecording());
    }

    private void serverChanged() {
        SessionTab tab = currentTab();
        if (tab != null) {
            statusChanged(tab);
        } else {
            actions.update(null, server.state(), book.size());
        }
        for (SessionTab t : allSessionTabs()) {
            t.statusBar().refresh();
        }
    }

    /**
     * Adds {@code tab}, of any kind, in front, started if the window is; returns false, saying
     * so in the tab in front, when the window holds as many tabs as it may.
     */
    boolean openTab(WindowTab tab) {
        return book.addInFront(tab);
    }

    /** Tab ▸ New tab: a tab pointed where the one in front points, with default options. */
    void newTab() {
        book.newTab();
    }

    /** Tab ▸ Duplicate tab: the same name, target and options, in a tab of its own, not connected. */
    void duplicateTab() {
        book.duplicateTab();
    }

    /** Tab ▸ Rename tab…: asks for the name of the tab in front. */
    void askTabName() {
        book.askTabName(frontTab());
    }

    /** See {@link TabBook#nameFromAnswer}. */
    static String nameFromAnswer(String current, String shown, String answer) {
        return TabBook.nameFromAnswer(current, shown, answer);
    }

    /** Names the tab in front {@code name}; an empty name shows its host and port. */
    void renameTab(String name) {
        frontTab().setName(name);
    }

    /** Tab ▸ Close tab: closes the tab in front and its connection; see {@link TabBook#closeTab}. */
    void closeTab() {
        book.closeTab(frontTab());
    }

    void closeTab(WindowTab tab) {
        book.closeTab(tab);
    }

    /** Shows the tab {@code step} places to the right (negative: left), wrapping round. */
    void selectTab(int step) {
        book.selectTab(step);
    }

    /** Moves the tab in front {@code step} places to the right (negative: left), wrapping round. */
    void moveTab(int step) {
        book.moveTab(step);
    }

    /** Moves the tab at {@code from} to {@code to}, keeping it in front if it was. */
    void moveTab(int from, int to) {
        book.moveTab(from, to);
    }

    void connect() {
        SessionTab tab = sessionTabOrSay();
        if (tab != null) {
            connect(tab);
        }
    }

    /** Connects {@code tab} to what its bar shows. */
    void connect(SessionTab tab) {
        if (tab.isClient()) {
            tab.statusBar().showNotice("this client connected to a listening port: it cannot connect again.", true);
            return;
        }
        if (tab.isRecordingView()) {
            tab.statusBar().showNotice("this tab shows a recording: open a new tab (Ctrl+T) to connect.", true);
            return;
        }
        ConnectionBar bar = tab.bar();
        ConnectionBar.Target to = bar.target();
        if (to == null) {
            return;
        }
        Session session = tab.session();
        ConnectionSettings settings = tab.connection();
        ConnectOptions options;
        try {
            ConnectOptions base = ConnectOptions.builder().framing(to.framing()).pull(session.readOnlyWhenAsked())
                    .skipTooLong(session.skipTooLong()).build();
            options = settings.options(base, secrets);
            session.setReconnect(settings.reconnectPolicy());
        } catch (IllegalArgumentException e) {
            bar.showSentence(e.getMessage(), true);
            return;
        }
        // A heartbeat that cannot be had (its library message deleted) does not keep the person
        // from the server: the connect goes ahead without one, and says so.
        String noHeartbeat = null;
        java.util.function.Supplier<Bytes> beat;
        try {
            beat = settings.heartbeat(library.panel().library(), options.udp() ? null : to.framing(),
                    tab.context());
        } catch (IllegalArgumentException e) {
            beat = null;
            noHeartbeat = "connecting without a heartbeat: " + e.getMessage();
        }
        String why = session.connect(bar.host(), to.port(), options);
        if (why != null) {
            bar.showSentence(why, true);
            return;
        }
        session.setHeartbeat(beat, settings.heartbeatEvery());
        if (noHeartbeat != null) {
            session.note(noHeartbeat);
            tab.statusBar().showNotice(noHeartbeat, true);
        }
        tab.flush();
        prefs.saveConnection(bar.host(), to.port(), settings.udp() ? bar.framingSpec() : to.framing().spec());
        if (tab == currentTab()) {
            tab.composer().focusInput();
        }
    }

    /** What the window remembers between runs. */
    UiPrefs prefs() {
        return prefs;
    }

    /** Remembers the open tabs now, as closing the window does. */
    void saveTabs() {
        book.save();
    }

    /** Asks for a password at connect time; tests answer instead of a person. */
    void setSecrets(ConnectionSettings.Secrets secrets) {
        this.secrets = secrets;
    }

    /** Connection ▸ Connection settings…: the dialog for the tab in front, applied from its next connect on. */
    void openConnectionSettings() {
        SessionTab tab = sessionTabOrSay();
        if (tab == null) {
            return;
        }
        if (tab.isClient() || tab.isRecordingView()) {
            tab.statusBar().showNotice("this tab does not connect by itself: its connection settings are those of a "
                    + "tab that does (Ctrl+T).", true);
            return;
        }
        List<String> names = library.panel().library().messages().stream().map(SavedMessage::name).toList();
        new ConnectionSettingsDialog(frame, tab.displayName(), tab.connection(), names, next -> {
            tab.setConnection(next);
            book.save();
            tab.statusBar().showNotice(tab.session().status().phase() == ConnectionStatus.Phase.IDLE
                    ? "connection settings saved: they apply from the next connect."
                    : "connection settings saved: they apply from the next connect (disconnect, then connect).",
                    false);
        }).setVisible(true);
        // Back to the message, as before the dialog, so that keys such as Ctrl+K reach the window again.
        if (tab == currentTab()) {
            tab.composer().focusInput();
        }
    }

    /** Connection ▸ Certificate…: the TLS session and the server's chain of the tab in front, with "Pin this certificate". */
    void showCertificate() {
        SessionTab tab = sessionTabOrSay();
        if (tab == null) {
            return;
        }
        CertificateDialog d = certificateDialog(tab);
        if (d != null) {
            d.setVisible(true);
        }
    }

    /** The certificate view of {@code tab}, not shown yet; null, saying why, when its connection has no TLS. */
    CertificateDialog certificateDialog(SessionTab tab) {
        dev.tincan.client.TlsSession tls = tab.tlsSession();
        if (tls == null) {
            boolean connected = tab.session().status().isConnected();
            tab.showNotice(connected && tab.session().udp()
                    ? "this tab speaks udp, and TLS runs over TCP only: there is no certificate to show."
                    : connected
                    ? "this connection does not speak TLS: turn it on in Connection ▸ Connection settings… (Ctrl+Shift+I)."
                    : "not connected: the certificate shows once a TLS connection is open.", true);
            return null;
        }
        String fingerprint = tls.peer() == null ? null : tls.peer().sha256();
        boolean pinned = fingerprint != null && tab.connection().tls().pins().contains(fingerprint);
        return new CertificateDialog(frame, tab.displayName(), tls, tab.insecure(), pinned, pin -> {
            ConnectionSettings c = tab.connection();
            tab.setConnection(c.withTls(c.tls().withPin(pin)));
            book.save();
            String said = "pinned: from the next connect on, this tab accepts only this certificate.";
            tab.statusBar().showNotice(said, false);
            return said;
        });
    }

    /** Asks for one frame on a connection that reads only when asked. */
    void receiveOne() {
        SessionTab tab = sessionTabOrSay();
        String why = tab == null ? null : tab.session().receiveOne();
        if (why != null) {
            sentence(tab, why);
        }
    }

    /** Says {@code why} where {@code tab} says what its connection did: its bar, or its status line when it has none. */
    private static void sentence(SessionTab tab, String why) {
        if (tab.isClient()) {
            tab.statusBar().showNotice(why, true);
        } else {
            tab.bar().showSentence(why, true);
        }
    }

    /** Pairs replies with sends by {@code rule} from now on, in the tab in front, and says so. */
    void setPairing(Pairing rule) {
        SessionTab tab = sessionTabOrSay();
        if (tab == null) {
            return;
        }
        tab.session().setPairing(rule);
        tab.statusBar().showNotice("round trips now pair each reply with a send by " + rule.description() + ".",
                false);
    }

    void disconnect() {
        SessionTab tab = sessionTabOrSay();
        String why = tab == null ? null : tab.session().disconnect();
        if (why != null) {
            sentence(tab, why);
        }
    }

    /** The first-run offer: start the echo server on this machine at the port shown, then connect this tab. */
    void startEchoServerAndConnect() {
        builtIn.startEchoServerAndConnect();
    }

    /** Server ▸ Start built-in server…: the dialog. */
    void startServer() {
        builtIn.openDialog();
    }

    void stopServer() {
        builtIn.stop();
    }

    String serverState() {
        return server.describe();
    }

    Theme theme() {
        return theme;
    }

    void setTheme(Theme next) {
        theme = next;
        prefs.saveTheme(next);
        next.install();
        FlatLaf.updateUI();
        if (!isLibraryShown()) {
            // Out of the window, the library would keep the old theme's colours.
            SwingUtilities.updateComponentTreeUI(library.panel());
        }
    }

    boolean isEnterSends() {
        return enterSends;
    }

    void setEnterSends(boolean enterSends) {
        this.enterSends = enterSends;
        for (SessionTab t : allSessionTabs()) {
            t.composer().setEnterSends(enterSends);
        }
        prefs.saveEnterSends(enterSends);
    }

    boolean isHexPreview() {
        return currentTab() != null ? transcript().hexPreview() : prefs.hexPreview();
    }

    void setHexPreview(boolean hex) {
        for (SessionTab t : allSessionTabs()) {
            t.transcript().setHexPreview(hex);
        }
        prefs.saveHexPreview(hex);
    }

    void saveTranscript(TranscriptExport.Format format) {
        SessionTab tab = sessionTabOrSay();
        if (tab != null) {
            saver.save(tab.transcript(), format, tab.statusBar());
        }
    }

    void clearTranscript() {
        SessionTab tab = sessionTabOrSay();
        if (tab != null) {
            tab.transcript().clear();
            tab.detail().show(null);
        }
    }

    void followNewest() {
        SessionTab tab = sessionTabOrSay();
        if (tab != null) {
            tab.transcriptView().followNewest();
        }
    }

    /** View ▸ Find…: opens the find bar above the transcript. */
    void find() {
        SessionTab tab = sessionTabOrSay();
        if (tab != null) {
            tab.findBar().open();
        }
    }

    void askRowsToKeep() {
        String answer = RowsDialog.ask(frame, currentTab() != null ? transcript().maxRows()
                : prefs.maxRows());
        if (answer == null) {
            return;
        }
        int rows;
        try {
            rows = RowsDialog.parse(answer);
        } catch (IllegalArgumentException e) {
            notice(e.getMessage(), true);
            return;
        }
        for (SessionTab t : allSessionTabs()) {
            t.transcript().setMaxRows(rows);
        }
        prefs.saveMaxRows(rows);
        notice("each transcript keeps the newest " + Formats.count(rows) + " rows.", false);
    }

    void showShortcuts() {
        HelpDialogs.showShortcuts(frame);
    }

    void showAbout() {
        HelpDialogs.showAbout(frame);
    }

    /** Closes the window; the threads and the built-in server end off the EDT. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if ((frame.getExtendedState() & Frame.MAXIMIZED_BOTH) == 0 && frame.isShowing()) {
            prefs.saveBounds(frame.getBounds());
        }
        book.save();
        prefs.saveHistory(history.entries());
        if (currentTab() != null) {
            prefs.saveHexInput(currentTab().composer().isHexInput());
        }
        pump.stop();
        book.close();
        frame.dispose();
        saver.shutdown();
        Thread stopper = new Thread(() -> {
            try {
                allStopped = book.awaitStopped();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.close();
            library.close();
            prefs.flush();
            stopped.countDown();
            log.debug("window closed; client threads and built-in server stopped");
        }, "tincan-window-close");
        stopper.start();
    }

    boolean isClosed() {
        return closed;
    }

    /** Whether the client thread of the session tab in front is running. */
    boolean isClientAlive() {
        return currentTab() != null && session().isAlive();
    }

    /** Waits until, after {@link #close()}, every client thread and the built-in server have ended. Any thread. */
    boolean awaitStopped(long timeoutMillis) throws InterruptedException {
        return stopped.await(timeoutMillis, TimeUnit.MILLISECONDS) && allStopped;
    }

    JFrame frame() {
        return frame;
    }

    JTabbedPane tabPane() {
        return book.pane();
    }

    /** The session of the tab in front. */
    Session session() {
        return currentTab().session();
    }

    TranscriptModel transcript() {
        return currentTab().transcript();
    }

    Composer composer() {
        return currentTab().composer();
    }

    ConnectionBar bar() {
        return currentTab().bar();
    }

    ActivityIndicator indicator() {
        return currentTab().indicator();
    }

    TrafficStats stats() {
        return currentTab().session().stats();
    }

    ServerControl server() {
        return server;
    }

    TranscriptView transcriptView() {
        return currentTab().transcriptView();
    }

    FindBar findBar() {
        return currentTab().findBar();
    }

    DetailPane detail() {
        return currentTab().detail();
    }

    StatusBar statusBar() {
        return currentTab().statusBar();
    }
}
