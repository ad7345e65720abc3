package dev.tincan.ui;

import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.util.UIScale;
import dev.tincan.client.BatchQueue;
import dev.tincan.client.ClientCommand;
import dev.tincan.client.ClientReply;
import dev.tincan.client.SocketClientThread;
import dev.tincan.codec.Bytes;
import dev.tincan.session.Pairing;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Frame;
import java.awt.Rectangle;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window: puts the parts together, lays them out, and carries out the person's
 * connection and view actions; the built-in server's actions live in
 * {@link BuiltInServerActions}. It owns one client thread and its two queues for its whole
 * life, the reply pump that drains them, and the built-in server control. Closing it sends {@code Shutdown}, stops the
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
    private final FindBar findBar;
    private final Composer composer;
    private final StatusBar statusBar;
    private final TranscriptSaver saver;
    private final BuiltInServerActions builtIn;
    private Theme theme;
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
        findBar = FindBar.attach(transcriptView, transcript);
        composer = new Composer(new SendHistory(UiPrefs.MAX_HISTORY, prefs.history()),
                () -> session.status().isConnected() ? session.framing() : null, this::send);
        composer.switchMode(prefs.hexInput());
        composer.setEnterSends(prefs.enterSends());
        TranscriptView.bindFollowKey(composer.input(), transcriptView::followNewest);
        statusBar = new StatusBar(stats, server::describe);
        saver = new TranscriptSaver(frame, statusBar);
        builtIn = new BuiltInServerActions(server, frame, bar, statusBar, session, this::connect, () -> closed);
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
        new DividerKeeper(split, transcriptView, TRANSCRIPT_SHARE);
        split.setBorder(BorderFactory.createEmptyBorder());
        JPanel middle = new JPanel(new TopKeepsMinimumLayout(split, composer));
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
        ConnectionBar.Target to = bar.target();
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

    /** Asks for one frame on a connection that reads only when asked. */
    void receiveOne() {
        String why = session.receiveOne();
        if (why != null) {
            bar.showSentence(why, true);
        }
    }

    /** Pairs replies with sends by {@code rule} from now on, and says so. */
    void setPairing(Pairing rule) {
        session.setPairing(rule);
        statusBar.showNotice("round trips now pair each reply with a send by " + rule.description() + ".", false);
    }

    void disconnect() {
        String why = session.disconnect();
        if (why != null) {
            bar.showSentence(why, true);
        }
    }

    /** The first-run offer: start the echo server on this machine at the port shown, then connect. */
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

    /** View ▸ Find…: opens the find bar above the transcript. */
    void find() {
        findBar.open();
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

    FindBar findBar() {
        return findBar;
    }

    DetailPane detail() {
        return detail;
    }

    StatusBar statusBar() {
        return statusBar;
    }
}
