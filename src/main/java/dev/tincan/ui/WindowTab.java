package dev.tincan.ui;

import java.util.List;
import javax.swing.JComponent;

/**
 * One tab of the window, whatever it holds: a connection Tincan opened ({@link SessionTab}),
 * the clients a listening port accepted, or a relay. The {@link TabBook} keeps tabs of every
 * kind alike: it shows each one's panel, title, state dot and unread count, starts and closes
 * it, and the window's reply pump drains it with {@link #take} and {@link #flush}.
 *
 * <p>The window's session actions (send, connect, find, rules, record, the library, the
 * charts, the detail pane) act on {@linkplain #sessionTab() the session tab in front}: a
 * client tab is its own; a tab of several conversations gives the one the person picked, or
 * none, and then {@link #noSessionSentence()} is what the window says instead of acting.
 * Confined to the EDT, but for {@link #awaitStopped}.
 */
public interface WindowTab {
    /** What the tab shows. */
    JComponent panel();

    /** The name the person gave, or "" for none. */
    String name();

    /** Names the tab; an empty name lets it name itself. */
    void setName(String name);

    /** The name to show: the one given, else the tab's own (a host and port, a listening address). */
    String displayName();

    /** The title in words: the display name, and the unread count when there is one. */
    String titleText();

    /** The state its dot shows. */
    ActivityModel.State state();

    /** Frames received while the tab was in the background, since it was last shown. */
    long unread();

    /** Whether the unread count changed since the title showed it; asking clears it. */
    boolean takeCountStale();

    /** Whether this tab is the one shown; showing it clears its unread count. */
    void setInFront(boolean front);

    /** Called whenever the title's parts change: name, state or unread count. */
    void onTitleChanged(Runnable r);

    /** Called whenever {@link #sessionTab()} gives another tab, or none. Tabs that hold one session never call it. */
    default void onSessionTabChanged(Runnable r) {
        // one session for good: nothing ever changes
    }

    /**
     * The width the tab takes beside the session tab it shows, such as a list of clients, in
     * pixels as laid out: the window's least width grows by it, so that the session keeps
     * the room a client tab has.
     */
    default int besideWidth() {
        return 0;
    }

    /**
     * Puts the keyboard focus in the tab when it has no {@link #sessionTab()} whose composer
     * takes it, so that the window's keys keep working; by default, in its panel.
     */
    default void focusDefault() {
        panel().requestFocusInWindow();
    }

    /** Starts what runs behind the tab: its threads, its listening socket. */
    void start();

    /**
     * Takes up to {@code max} waiting replies of its sessions without blocking and applies
     * them; returns how many. The window's reply pump calls it with its per-tick budget.
     */
    int take(int max);

    /** Hands over, at once, what this tick's takes changed. */
    void flush();

    /**
     * Begins the tab's shutdown without waiting: a listening socket closes at once, threads
     * are told to end. {@link #awaitStopped} then waits for them, off the EDT.
     */
    void close();

    /** Waits up to about {@code millis} for every thread of the tab to end; whether they all did. Any thread. */
    boolean awaitStopped(long millis) throws InterruptedException;

    /**
     * What to remember of this tab, and what Tab ▸ New tab copies from it: a tab that is not
     * a client tab gives where a client would connect to it.
     */
    TabSettings settings();

    /**
     * Whether the next start opens this tab again from {@link #settings()}. Only client tabs
     * are: a recording may be gone, and a listening or relay tab binds a port, which is for
     * the person to choose again.
     */
    boolean restored();

    /** The session tab in front: this one, or the conversation picked inside it; {@code null} for none. */
    SessionTab sessionTab();

    /** Every session tab this tab holds, for the settings the window applies to all of them. */
    List<SessionTab> sessionTabs();

    /** What the window says when a session action finds no {@link #sessionTab()}: one sentence. */
    String noSessionSentence();

    /** Shows {@code sentence} in the tab's status line, in the error colour when {@code error}. */
    void showNotice(String sentence, boolean error);
}
