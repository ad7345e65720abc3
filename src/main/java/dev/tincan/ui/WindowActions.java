package dev.tincan.ui;

import dev.tincan.session.ConnectionStatus;
import dev.tincan.ui.library.LibraryPanel;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.KeyStroke;

/**
 * The window's actions, each with its name, mnemonic, accelerator and description, shared
 * by menus and buttons, and enabled after the connection's and the server's state.
 * Confined to the EDT.
 */
final class WindowActions {
    /** The label of the offer to start the echo server, as sentences name it. */
    static final String START_ECHO_SERVER = "Start echo server and connect";

    private static final int CTRL = InputEvent.CTRL_DOWN_MASK;
    private static final int SHIFT = InputEvent.SHIFT_DOWN_MASK;

    final Action connect;
    final Action disconnect;
    final Action startEchoServer;
    final Action saveText;
    final Action saveJsonLines;
    final Action quit;
    final Action startServer;
    final Action stopServer;
    final Action clearTranscript;
    final Action followNewest;
    final Action find;
    final Action rowsToKeep;
    final Action shortcuts;
    final Action about;
    final Action newTab;
    final Action duplicateTab;
    final Action renameTab;
    final Action closeTab;
    final Action nextTab;
    final Action previousTab;
    final Action moveTabRight;
    final Action moveTabLeft;
    final Action library;
    final Action charts;
    final Action saveToLibrary;
    final Action repeat;
    final Action sendFile;
    final Action record;
    final Action stopRecording;
    final Action openRecording;
    final Action rules;
    final Action newListeningTab;
    final Action newRelayTab;
    final Action connectionSettings;
    final Action certificate;

    WindowActions(MainWindow w) {
        connect = action("Connect", KeyEvent.VK_C, key(KeyEvent.VK_K, CTRL),
                "Connect to the host and port with the framing shown", w::connect);
        disconnect = action("Disconnect", KeyEvent.VK_D, key(KeyEvent.VK_K, CTRL | SHIFT),
                "Close the connection", w::disconnect);
        startEchoServer = action(START_ECHO_SERVER, KeyEvent.VK_E, null,
                "Start the built-in echo server on this port and connect to it", w::startEchoServerAndConnect);
        saveText = action("Save transcript as text…", KeyEvent.VK_S, key(KeyEvent.VK_S, CTRL | SHIFT),
                "Save the rows in view as aligned text", () -> w.saveTranscript(TranscriptExport.Format.TEXT));
        saveJsonLines = action("Save transcript as JSON Lines…", KeyEvent.VK_J, key(KeyEvent.VK_J, CTRL | SHIFT),
                "Save the rows in view as one JSON object per line",
                () -> w.saveTranscript(TranscriptExport.Format.JSON_LINES));
        quit = action("Quit", KeyEvent.VK_Q, key(KeyEvent.VK_Q, CTRL), "Close the connection and the window",
                w::close);
        startServer = action("Start built-in server…", KeyEvent.VK_S, key(KeyEvent.VK_B, CTRL),
                "Start the companion server on this machine, with a port, framing and mode", w::startServer);
        stopServer = action("Stop built-in server", KeyEvent.VK_T, key(KeyEvent.VK_B, CTRL | SHIFT),
                "Stop the companion server and close its clients", w::stopServer);
        clearTranscript = action("Clear transcript", KeyEvent.VK_C, key(KeyEvent.VK_L, CTRL),
                "Remove every row from the view", w::clearTranscript);
        followNewest = action("Follow newest row", KeyEvent.VK_F, key(KeyEvent.VK_END, CTRL),
                "Scroll to the newest row and keep following", w::followNewest);
        find = action("Find…", KeyEvent.VK_I, FindBar.FIND_KEY,
                "Find text, hex or a pattern in the transcript", w::find);
        rowsToKeep = action("Rows to keep…", KeyEvent.VK_R, null,
                "How many of the newest rows the transcript keeps", w::askRowsToKeep);
        shortcuts = action("Keyboard shortcuts", KeyEvent.VK_K, key(KeyEvent.VK_F1, 0),
                "Every key that does something", w::showShortcuts);
        about = action("About Tincan", KeyEvent.VK_A, null, "Version and licences", w::showAbout);
        newTab = action("New tab", KeyEvent.VK_N, key(KeyEvent.VK_T, CTRL),
                "Open a tab with its own connection, pointed where this one is", w::newTab);
        duplicateTab = action("Duplicate tab", KeyEvent.VK_D, key(KeyEvent.VK_D, CTRL | SHIFT),
                "Open a tab with this tab's name, target and connection options", w::duplicateTab);
        renameTab = action("Rename tab…", KeyEvent.VK_R, null, "Give this tab a name (or double-click its title)",
                w::askTabName);
        closeTab = action("Close tab", KeyEvent.VK_C, key(KeyEvent.VK_W, CTRL),
                "Close this tab and its connection", w::closeTab);
        nextTab = action("Next tab", KeyEvent.VK_X, key(KeyEvent.VK_PAGE_DOWN, CTRL), "Show the tab to the right",
                () -> w.selectTab(1));
        previousTab = action("Previous tab", KeyEvent.VK_P, key(KeyEvent.VK_PAGE_UP, CTRL),
                "Show the tab to the left", () -> w.selectTab(-1));
        moveTabRight = action("Move tab right", KeyEvent.VK_I, key(KeyEvent.VK_PAGE_DOWN, CTRL | SHIFT),
                "Move this tab one place to the right", () -> w.moveTab(1));
        moveTabLeft = action("Move tab left", KeyEvent.VK_L, key(KeyEvent.VK_PAGE_UP, CTRL | SHIFT),
                "Move this tab one place to the left", () -> w.moveTab(-1));
        library = action("Message library", KeyEvent.VK_M, key(KeyEvent.VK_L, CTRL | SHIFT),
                "Show or hide the saved messages and sequences beside the tabs", w::toggleLibrary);
        library.putValue(Action.SELECTED_KEY, Boolean.FALSE);
        charts = action("Charts", KeyEvent.VK_A, key(KeyEvent.VK_G, CTRL | SHIFT),
                "Show or hide this tab's round-trip and throughput charts under the transcript", w::toggleCharts);
        charts.putValue(Action.SELECTED_KEY, Boolean.FALSE);
        saveToLibrary = action("Save message to library…", KeyEvent.VK_S, LibraryPanel.SAVE_COMPOSER_KEY,
                "Save what is in the message into the library", w::saveComposerToLibrary);
        repeat = action("Repeat…", KeyEvent.VK_R, key(KeyEvent.VK_R, CTRL | SHIFT),
                "Send the message again and again, a count or until stopped (Esc)", w::openRepeat);
        sendFile = action("Send file…", KeyEvent.VK_F, key(KeyEvent.VK_O, CTRL),
                "Send a file as one frame, a frame per line or chunks (or drop it on the message)", w::openFileSend);
        record = action("Record…", KeyEvent.VK_R, null,
                "Write every frame and event of this tab's connection to a file from now on", w::record);
        stopRecording = action("Stop recording", KeyEvent.VK_P, null, "Stop writing this tab's frames to its file",
                w::stopRecording);
        openRecording = action("Open recording…", KeyEvent.VK_O, key(KeyEvent.VK_O, CTRL | SHIFT),
                "Open a recording as a read-only tab: its transcript, details and find", w::openRecording);
        stopRecording.setEnabled(false);
        newListeningTab = action("New listening tab…", KeyEvent.VK_L, key(KeyEvent.VK_N, CTRL | SHIFT),
                "Listen on a port, as the server a device calls: each client gets its own transcript",
                w::newListeningTab);
        newRelayTab = action("New relay tab…", KeyEvent.VK_Y, key(KeyEvent.VK_P, CTRL | SHIFT),
                "Sit between clients and their server: see both directions, hold, edit, drop or inject frames, "
                        + "add faults", w::newRelayTab);
        connectionSettings = action("Connection settings…", KeyEvent.VK_S, key(KeyEvent.VK_I, CTRL | SHIFT),
                "TLS, proxy, reconnect, liveness and local address of this tab's next connect",
                w::openConnectionSettings);
        certificate = action("Certificate…", KeyEvent.VK_E, null,
                "The TLS version, cipher suite and the server's certificates of this tab's connection; pin one",
                w::showCertificate);
        rules = action("Auto-reply rules…", KeyEvent.VK_U, key(KeyEvent.VK_U, CTRL | SHIFT),
                "Answer, note or mark received frames by rules, in this tab", w::openRules);
    }

    /**
     * Enables what the tab in front allows: a recording's tab cannot connect, send or record;
     * a live tab can record when it is not recording already.
     */
    void updateRecording(boolean recordingView, boolean recording) {
        record.setEnabled(!recordingView && !recording);
        stopRecording.setEnabled(recording);
        if (recordingView) {
            connect.setEnabled(false);
            disconnect.setEnabled(false);
            startEchoServer.setEnabled(false);
            repeat.setEnabled(false);
            sendFile.setEnabled(false);
            saveToLibrary.setEnabled(false);
        } else {
            repeat.setEnabled(true);
            sendFile.setEnabled(true);
            saveToLibrary.setEnabled(true);
        }
        rules.setEnabled(!recordingView);
    }

    private static KeyStroke key(int code, int modifiers) {
        return KeyStroke.getKeyStroke(code, modifiers);
    }

    static Action action(String name, int mnemonic, KeyStroke accelerator, String description, Runnable run) {
        Action a = new AbstractAction(name) {
            @Override
            public void actionPerformed(ActionEvent e) {
                run.run();
            }
        };
        a.putValue(Action.MNEMONIC_KEY, mnemonic);
        if (accelerator != null) {
            a.putValue(Action.ACCELERATOR_KEY, accelerator);
        }
        a.putValue(Action.SHORT_DESCRIPTION, description);
        return a;
    }

    /**
     * Enables what the tab in front allows by its kind: the session actions need a session
     * tab in front ({@code session}); a client tab ({@code clientTab}) alone may be
     * duplicated; an accepted client ({@code client}) and a recording ({@code recordingView})
     * never connect.
     */
    void updateFront(boolean clientTab, boolean session, boolean client, boolean recordingView) {
        duplicateTab.setEnabled(clientTab && duplicateTab.isEnabled());
        for (Action a : new Action[] {saveText, saveJsonLines, clearTranscript, followNewest, find, charts,
                saveToLibrary, repeat, sendFile, record, rules}) {
            a.setEnabled(session);
        }
        if (!session) {
            stopRecording.setEnabled(false);
        }
        if (!session || client || recordingView) {
            connect.setEnabled(false);
            startEchoServer.setEnabled(false);
        }
        connectionSettings.setEnabled(session && !client && !recordingView);
        certificate.setEnabled(session);
    }

    /**
     * Enables what makes sense now, for the connection {@code status} of the session tab in
     * front ({@code null} when there is none) and the window's {@code tabs}.
     */
    void update(ConnectionStatus status, ServerControl.State server, int tabs) {
        boolean several = tabs > 1;
        nextTab.setEnabled(several);
        previousTab.setEnabled(several);
        moveTabRight.setEnabled(several);
        moveTabLeft.setEnabled(several);
        newTab.setEnabled(tabs < UiPrefs.MAX_TABS);
        duplicateTab.setEnabled(tabs < UiPrefs.MAX_TABS);
        startServer.setEnabled(server == ServerControl.State.OFF || server == ServerControl.State.RUNNING);
        stopServer.setEnabled(server == ServerControl.State.RUNNING);
        if (status == null) {
            connect.setEnabled(false);
            disconnect.setEnabled(false);
            startEchoServer.setEnabled(false);
            return;
        }
        ConnectionStatus.Phase phase = status.phase();
        boolean idle = phase == ConnectionStatus.Phase.IDLE;
        connect.setEnabled(idle);
        // Disconnect also cancels a reconnect that waits.
        disconnect.setEnabled(phase == ConnectionStatus.Phase.CONNECTED || phase == ConnectionStatus.Phase.CONNECTING
                || phase == ConnectionStatus.Phase.RECONNECTING);
        startEchoServer.setEnabled(idle && server == ServerControl.State.OFF);
        startServer.setEnabled(server == ServerControl.State.OFF || server == ServerControl.State.RUNNING);
        stopServer.setEnabled(server == ServerControl.State.RUNNING);
    }
}
