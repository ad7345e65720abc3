package dev.tincan.ui;

import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.util.UIScale;
import dev.tincan.client.BatchQueue;
import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.SocketClientThread;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Frame;
import java.awt.LayoutManager;
import java.awt.Rectangle;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.swing.BorderFactory;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.WindowConstants;
import javax.swing.plaf.basic.BasicSplitPaneUI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window: puts the parts together and carries out the person's actions. It owns
 * one client thread and its two queues for its whole life, the reply pump that drains
 * them, and the built-in server control. Closing it sends {@code Shutdown}, stops the
 * timers, disposes the frame, and then, off the EDT, waits for the client thread and
 * closes the server so that the process can exit. Confined to the EDT.
 */
final class MainWindow {
    /** Commands that may wait for the client thread. */
    static final int COMMAND_CAPACITY = 1024;
    /** Replies that may wait for the pump; when full, the reader stops reading. */
    static final int REPLY_CAPACITY = 8192;
    /** The share of the split the transcript gets until the person drags the divider. */
    static final double TRANSCRIPT_SHARE = 0.72;

    private static final Logger log = LoggerFactory.getLogger(MainWindow.class);

    private final UiPrefs prefs;
    private final JFrame frame = new JFrame("Tincan");
    private final TranscriptModel transcript;
    private final TrafficStats stats = new TrafficStats();
    private final BlockingQueue<ClientCommand> commands = new ArrayBlockingQueue<>(COMMAND_CAPACITY);
    private final BlockingQueue<ClientReply> replies = new BatchQueue<>(REPLY_CAPACITY);
    private final SocketClientThread client = new SocketClientThread(commands, replies);
    private final Session session;
    private final ReplyPump pump;
    private final ServerControl server;
    private final ActivityIndicator indicator = new ActivityIndicator(new ActivityModel());
    private final WindowActions actions;
    private final ConnectionBar bar;
    private final TranscriptView transcriptView;
    private final DetailPane detail;
    private final Composer composer;
    private final StatusBar statusBar;
    private final TranscriptSaver saver;
    private Theme theme;
    /** The server settings last tried in the dialog, offered again next time; null before the first. */
    private ServerConfig lastServerChoice;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    MainWindow(WindowOptions options) {
        prefs = options.prefs();
        theme = prefs.theme();
        transcript = new TranscriptModel(new WallClock(), prefs.maxRows(), TranscriptModel.DEFAULT_MAX_BYTES);
        transcript.setHexPreview(prefs.hexPreview());
        session = new Session(commands, transcript, stats, indicator.model(), System::nanoTime);
        pump = new ReplyPump(replies, session::accept);
        server = new ServerControl(this::serverChanged);
        actions = new WindowActions(this);
        bar = new ConnectionBar(options.host(), options.port(), options.framing(), actions.connect,
                actions.disconnect, actions.startEchoServer, indicator);
        transcriptView = new TranscriptView(transcript);
        detail = new DetailPane(transcript);
        transcriptView.onSelection(detail::show);
        composer = new Composer(new SendHistory(UiPrefs.MAX_HISTORY, prefs.history()),
                () -> session.status().isConnected() ? session.framing() : null, this::send);
        composer.switchMode(prefs.hexInput());
        composer.setEnterSends(prefs.enterSends());
        TranscriptView.bindFollowKey(composer.input(), transcriptView::followNewest);
        statusBar = new StatusBar(stats, server::describe);
        saver = new TranscriptSaver(frame, statusBar);
        session.addStatusListener(this::statusChanged);
        layOut();
        statusChanged(session.status());
    }

    private void layOut() {
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, transcriptView, detail);
        // The transcript's minimum is ten rows: the detail pane gets only what is left.
        detail.setMinimumSize(new Dimension(0, 0));
        split.setResizeWeight(TRANSCRIPT_SHARE);
        split.setContinuousLayout(true);
        new DividerKeeper(split, transcriptView);
        split.setBorder(BorderFactory.createEmptyBorder());
        JPanel middle = new JPanel(new MiddleLayout(split, composer));
        middle.add(split);
        middle.add(composer);
        JPanel content = new JPanel(new BorderLayout());
        content.setBorder(BorderFactory.createEmptyBorder(10, 12, 8, 12));
        content.add(bar, BorderLayout.NORTH);
        content.add(middle, BorderLayout.CENTER);
        JPanel root = new JPanel(new BorderLayout());
        root.add(content, BorderLayout.CENTER);
        root.add(statusBar, BorderLayout.SOUTH);
        frame.setContentPane(root);
        frame.setJMenuBar(MenuBar.build(this, actions));
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                close();
            }
        });
        frame.setMinimumSize(UIScale.scale(new Dimension(720, 480)));
    }

    /**
     * Keeps the split's divider where the person wants it, as a share of the height (72 %
     * until they drag it), but never above the transcript's minimum of ten rows. JSplitPane
     * alone hands out each change of size by weight from wherever its first layout left it,
     * so an early small layout would starve the detail pane for good.
     */
    private static final class DividerKeeper {
        private final JSplitPane split;
        private final Component top;
        private final MouseAdapter dragged = new MouseAdapter() {
            @Override
            public void mouseReleased(MouseEvent e) {
                learnShare();
            }
        };
        private double share = TRANSCRIPT_SHARE;

        DividerKeeper(JSplitPane split, Component top) {
            this.split = split;
            this.top = top;
            split.addComponentListener(new ComponentAdapter() {
                @Override
                public void componentResized(ComponentEvent e) {
                    place();
                }
            });
            // Only a drag of the divider is the person's choice; the split moves it by itself too.
            hookDivider();
            split.addPropertyChangeListener("UI", e -> hookDivider());
        }

        private void hookDivider() {
            if (split.getUI() instanceof BasicSplitPaneUI ui && ui.getDivider() != null) {
                ui.getDivider().removeMouseListener(dragged);
                ui.getDivider().addMouseListener(dragged);
            }
        }

        private void learnShare() {
            if (room() > 0) {
                share = Math.max(0, Math.min(1, split.getDividerLocation() / (double) room()));
            }
        }

        private int room() {
            return split.getHeight() - split.getDividerSize();
        }

        void place() {
            int room = room();
            if (room <= 0) {
                return;
            }
            split.setDividerLocation(Math.min(room, Math.max(top.getMinimumSize().height,
                    (int) Math.round(share * room))));
        }
    }

    /**
     * The transcript and detail split above the composer. The split keeps its minimum (ten
     * transcript rows); when the window is short the composer gives up height, down to its
     * own minimum, before the split does.
     */
    private static final class MiddleLayout implements LayoutManager {
        private final Component top;
        private final Component bottom;

        MiddleLayout(Component top, Component bottom) {
            this.top = top;
            this.bottom = bottom;
        }

        @Override
        public void addLayoutComponent(String name, Component comp) {
            // children are known fields
        }

        @Override
        public void removeLayoutComponent(Component comp) {
            // children are known fields
        }

        private static int gap() {
            return UIScale.scale(8);
        }

        @Override
        public Dimension preferredLayoutSize(Container parent) {
            Dimension t = top.getPreferredSize();
            Dimension b = bottom.getPreferredSize();
            return new Dimension(Math.max(t.width, b.width), t.height + gap() + b.height);
        }

        @Override
        public Dimension minimumLayoutSize(Container parent) {
            Dimension t = top.getMinimumSize();
            Dimension b = bottom.getMinimumSize();
            return new Dimension(Math.max(t.width, b.width), t.height + gap() + b.height);
        }

        @Override
        public void layoutContainer(Container parent) {
            int w = parent.getWidth();
            int h = parent.getHeight();
            int bottomHeight = Math.max(bottom.getMinimumSize().height,
                    Math.min(bottom.getPreferredSize().height, h - gap() - top.getMinimumSize().height));
            top.setBounds(0, 0, w, Math.max(0, h - gap() - bottomHeight));
            bottom.setBounds(0, h - bottomHeight, w, bottomHeight);
        }
    }

    /** Starts the client thread and the pump and shows the window. */
    void show() {
        client.start();
        pump.start();
        Rectangle saved = prefs.bounds();
        if (saved != null) {
            frame.setBounds(saved);
        } else {
            frame.setSize(UIScale.scale(1100), UIScale.scale(720));
            frame.setLocationRelativeTo(null);
        }
        frame.setVisible(true);
        composer.input().requestFocusInWindow();
    }

    private void statusChanged(ConnectionStatus s) {
        bar.showStatus(s, server.state() == ServerControl.State.OFF);
        frame.setTitle(s.peer() != null ? "Tincan — " + s.peer() : "Tincan");
        actions.update(s, server.state());
    }

    private void serverChanged() {
        actions.update(session.status(), server.state());
        statusBar.refresh();
    }

    /** Sends what the composer holds; the person's own frame and its reply come into view. */
    private String send(Bytes payload) {
        String why = session.send(payload);
        if (why == null) {
            transcriptView.followNewest();
        }
        return why;
    }

    void connect() {
        Endpoint to = endpoint();
        if (to == null) {
            return;
        }
        String why = session.connect(bar.host(), to.port(), to.framing());
        if (why != null) {
            bar.showSentence(why, true);
            return;
        }
        stats.reset();
        prefs.saveConnection(bar.host(), to.port(), to.framing().spec());
        composer.focusInput();
    }

    /** The port and framing in the connection bar, or null with the bar saying which is wrong. */
    private Endpoint endpoint() {
        try {
            return new Endpoint(bar.port(), bar.framing());
        } catch (IllegalArgumentException e) {
            bar.showSentence(e.getMessage(), true);
            return null;
        }
    }

    private record Endpoint(int port, Framing framing) {
    }

    void disconnect() {
        String why = session.disconnect();
        if (why != null) {
            bar.showSentence(why, true);
        }
    }

    /** The first-run offer: start the echo server on this machine at the port shown, then connect. */
    void startEchoServerAndConnect() {
        Endpoint at = endpoint();
        if (at == null) {
            return;
        }
        if (!Session.isThisMachine(bar.host())) {
            bar.showSentence("the built-in server runs on this machine: set the host to localhost first.", true);
            return;
        }
        bar.hideOffer();
        bar.showSentence("starting the built-in echo server on port " + at.port() + "…", false);
        ServerConfig config = ServerConfig.defaults().withPort(at.port()).withFraming(at.framing())
                .withMode(Mode.ECHO);
        server.start(config, why -> {
            if (closed) {
                return;
            }
            if (why != null) {
                bar.showSentence(why, true);
            } else {
                statusBar.showNotice("started the built-in echo server on port " + server.port() + ".", false);
                connect();
            }
        });
    }

    /**
     * Opens the server dialog: with the running server's settings, or with the last ones
     * tried (else the bar's port and framing) and a port that is free right now.
     */
    void startServer() {
        ServerConfig running = server.config();
        if (running != null) {
            askServer(running, null);
            return;
        }
        ServerConfig base = lastServerChoice;
        if (base == null) {
            base = ServerConfig.defaults();
            try {
                base = base.withPort(bar.port()).withFraming(bar.framing());
            } catch (IllegalArgumentException e) {
                // the bar holds something that is not a port or a framing: keep the defaults
            }
        }
        ServerConfig tried = base;
        server.proposePort(tried.bind(), tried.port(), free -> {
            if (closed) {
                return;
            }
            if (free == tried.port() || free == 0) {
                askServer(tried, null);
            } else {
                askServer(tried.withPort(free), "Port " + tried.port() + " is in use on this machine: " + free
                        + " is free.");
            }
        });
    }

    private void askServer(ServerConfig initial, String note) {
        boolean idle = session.status().phase() == ConnectionStatus.Phase.IDLE;
        ServerDialog.ask(frame, initial, note, idle, (config, connectAfter, done) -> {
            lastServerChoice = config;
            server.start(config, why -> {
                if (closed) {
                    return;
                }
                done.accept(why);
                if (why == null) {
                    statusBar.showNotice("started the built-in server: " + server.summary() + ".", false);
                    if (connectAfter) {
                        connectToBuiltInServer();
                    }
                }
            });
        });
    }

    /** Points the bar at the built-in server, keeping a host that already names this machine, and connects. */
    private void connectToBuiltInServer() {
        ServerConfig running = server.config();
        if (running == null || session.status().phase() != ConnectionStatus.Phase.IDLE) {
            return;
        }
        String host = Session.isThisMachine(bar.host()) ? bar.host() : "localhost";
        bar.setTarget(host, server.port(), running.framing().spec());
        connect();
    }

    void stopServer() {
        server.stop(() -> {
            if (!closed) {
                statusBar.showNotice("stopped the built-in server.", false);
            }
        });
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
    }

    boolean isEnterSends() {
        return composer.isEnterSends();
    }

    void setEnterSends(boolean enterSends) {
        composer.setEnterSends(enterSends);
        prefs.saveEnterSends(enterSends);
    }

    boolean isHexPreview() {
        return transcript.hexPreview();
    }

    void setHexPreview(boolean hex) {
        transcript.setHexPreview(hex);
        prefs.saveHexPreview(hex);
    }

    void saveTranscript(TranscriptExport.Format format) {
        saver.save(transcript, format);
    }

    void clearTranscript() {
        transcript.clear();
        detail.show(null);
    }

    void followNewest() {
        transcriptView.followNewest();
    }

    void askRowsToKeep() {
        String answer = RowsDialog.ask(frame, transcript.maxRows());
        if (answer == null) {
            return;
        }
        int rows;
        try {
            rows = RowsDialog.parse(answer);
        } catch (IllegalArgumentException e) {
            statusBar.showNotice(e.getMessage(), true);
            return;
        }
        transcript.setMaxRows(rows);
        prefs.saveMaxRows(rows);
        statusBar.showNotice("the transcript keeps the newest " + Formats.count(rows) + " rows.", false);
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
        prefs.saveHistory(composer.history().entries());
        prefs.saveHexInput(composer.isHexInput());
        pump.stop();
        session.shutdown();
        frame.dispose();
        saver.shutdown();
        Thread stopper = new Thread(() -> {
            try {
                ClientStopper.stop(client, replies, 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.close();
            prefs.flush();
            stopped.countDown();
            log.debug("window closed; client thread and built-in server stopped");
        }, "tincan-window-close");
        stopper.start();
    }

    boolean isClosed() {
        return closed;
    }

    boolean isClientAlive() {
        return client.isAlive();
    }

    /** Waits until, after {@link #close()}, the client thread and the built-in server have ended. Any thread. */
    boolean awaitStopped(long timeoutMillis) throws InterruptedException {
        return stopped.await(timeoutMillis, TimeUnit.MILLISECONDS) && !client.isAlive();
    }

    JFrame frame() {
        return frame;
    }

    Session session() {
        return session;
    }

    TranscriptModel transcript() {
        return transcript;
    }

    Composer composer() {
        return composer;
    }

    ConnectionBar bar() {
        return bar;
    }

    ActivityIndicator indicator() {
        return indicator;
    }

    TrafficStats stats() {
        return stats;
    }

    ServerControl server() {
        return server;
    }

    TranscriptView transcriptView() {
        return transcriptView;
    }

    DetailPane detail() {
        return detail;
    }

    StatusBar statusBar() {
        return statusBar;
    }
}
