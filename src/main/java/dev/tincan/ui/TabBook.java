package dev.tincan.ui;

import com.formdev.flatlaf.FlatClientProperties;
import java.awt.KeyEventDispatcher;
import java.awt.KeyboardFocusManager;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.swing.JFrame;
import javax.swing.JOptionPane;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * The window's tabs: the tabbed pane and the {@link WindowTab}s in it, of every kind, in the order shown.
 * It adds, duplicates, renames, moves, switches and closes them, keeps each title, state dot
 * and unread count current, takes Ctrl(+Shift)+PageUp/PageDown wherever the focus is, and
 * restores and remembers the client tabs through {@link UiPrefs}. What a client tab is made
 * of, and what happens when another tab (or another session inside one) comes to the front,
 * is the window's: it hands both in. Closing a tab begins its shutdown on the EDT and waits
 * for its threads off it, and the book remembers the thread waiting so that the window's
 * close can wait too. Confined to the EDT, but for {@link #awaitStopped()}.
 */
final class TabBook {
    private final JFrame frame;
    private final UiPrefs prefs;
    private final Function<TabSettings, SessionTab> make;
    private final Runnable resized;
    private final Runnable frontChanged;
    private final JTabbedPane tabPane = new JTabbedPane(JTabbedPane.TOP, JTabbedPane.SCROLL_TAB_LAYOUT);
    private final List<WindowTab> tabs = new ArrayList<>();
    /** The tabs as the reply pump drains them: one source each, in the order they were added. */
    private final List<ReplyPump.Source> sources = new ArrayList<>();
    private final Timer titles = new Timer(MainWindow.TITLE_REFRESH_MS, e -> refreshCounts());
    private final KeyEventDispatcher tabKeys = this::tabKey;
    /** Threads waiting for closed tabs' client threads, so the window's close can wait for them too. */
    private final List<Thread> stoppers = new ArrayList<>();
    private boolean started;
    private boolean closed;
    /** The tabs open at {@link #close()} and the threads then still waiting for earlier ones. */
    private List<WindowTab> closing = List.of();
    private List<Thread> earlier = List.of();

    /**
     * An empty book in {@code frame}: {@code make} builds a tab from its settings,
     * {@code resized} runs when the count of tabs changes (the window's least size follows
     * it) and {@code frontChanged} when another tab comes to the front, or another session
     * inside the tab in front.
     */
    TabBook(JFrame frame, UiPrefs prefs, Function<TabSettings, SessionTab> make, Runnable resized,
            Runnable frontChanged) {
        this.frame = frame;
        this.prefs = prefs;
        this.make = make;
        this.resized = resized;
        this.frontChanged = frontChanged;
        tabPane.putClientProperty(FlatClientProperties.TABBED_PANE_TAB_CLOSABLE, Boolean.TRUE);
        tabPane.putClientProperty(FlatClientProperties.TABBED_PANE_TAB_CLOSE_TOOLTIPTEXT, "Close tab (Ctrl+W)");
        tabPane.putClientProperty(FlatClientProperties.TABBED_PANE_TAB_CLOSE_CALLBACK,
                (BiConsumer<JTabbedPane, Integer>) (pane, i) -> closeTab(tabs.get(i)));
        tabPane.putClientProperty(FlatClientProperties.TABBED_PANE_SHOW_CONTENT_SEPARATOR, Boolean.TRUE);
        // One session looks as the window always did; the strip appears with the second tab.
        tabPane.putClientProperty(FlatClientProperties.TABBED_PANE_HIDE_TAB_AREA_WITH_ONE_TAB, Boolean.TRUE);
        tabPane.setName("tabs");
        tabPane.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                int i = tabPane.indexAtLocation(e.getX(), e.getY());
                if (i >= 0 && e.getClickCount() == 2 && SwingUtilities.isLeftMouseButton(e)) {
                    askTabName(tabs.get(i));
                }
            }
        });
        new TabDrag(tabPane, this::moveTab);
    }

    /**
     * Opens the tabs saved last time, or one made from {@code fallback} when none were, puts
     * the one that was in front there again, and from then on tells the window whenever
     * another comes to the front.
     */
    void restore(TabSettings fallback) {
        List<TabSettings> saved = prefs.tabs();
        if (saved.isEmpty()) {
            addTab(fallback, false);
        } else {
            for (TabSettings s : saved) {
                addTab(s, false);
            }
        }
        tabPane.setSelectedIndex(Math.min(prefs.selectedTab(), tabs.size() - 1));
        tabPane.addChangeListener(e -> frontChanged.run());
    }

    /** Starts every tab's client thread, and those of tabs added later, and the unread counts. */
    void start() {
        started = true;
        for (WindowTab t : tabs) {
            t.start();
        }
        titles.start();
    }

    /** Takes Ctrl(+Shift)+PageUp/PageDown before whatever has the focus, until {@link #close()}. */
    void installKeys() {
        KeyboardFocusManager.getCurrentKeyboardFocusManager().addKeyEventDispatcher(tabKeys);
    }

    /**
     * Ctrl(+Shift)+PageUp/PageDown switch and move tabs wherever the focus is: text fields
     * and the table have their own uses for these keys, so they are taken before them.
     */
    private boolean tabKey(KeyEvent e) {
        if (e.getID() != KeyEvent.KEY_PRESSED || closed || !frame.isFocused()
                || (e.getKeyCode() != KeyEvent.VK_PAGE_UP && e.getKeyCode() != KeyEvent.VK_PAGE_DOWN)) {
            return false;
        }
        int mods = e.getModifiersEx() & (InputEvent.CTRL_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK
                | InputEvent.ALT_DOWN_MASK | InputEvent.META_DOWN_MASK);
        int step = e.getKeyCode() == KeyEvent.VK_PAGE_DOWN ? 1 : -1;
        if (mods == InputEvent.CTRL_DOWN_MASK) {
            selectTab(step);
        } else if (mods == (InputEvent.CTRL_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK)) {
            moveTab(step);
        } else {
            return false;
        }
        e.consume();
        return true;
    }

    private SessionTab addTab(TabSettings settings, boolean select) {
        return addTab(make.apply(settings), select);
    }

    /**
     * Adds {@code tab}, made elsewhere (a recording's tab), in front; returns false, saying
     * so in the tab in front, when the window holds as many tabs as it may.
     */
    boolean addInFront(WindowTab tab) {
        if (full()) {
            return false;
        }
        addTab(tab, true);
        return true;
    }

    private <T extends WindowTab> T addTab(T tab, boolean select) {
        tab.onTitleChanged(() -> showTitle(tab));
        tab.onSessionTabChanged(() -> {
            if (tab == current()) {
                frontChanged.run();
            }
        });
        tabs.add(tab);
        sources.add(new Drained(tab));
        tabPane.addTab(tab.displayName(), tab.panel());
        resized.run();
        showTitle(tab);
        if (started) {
            tab.start();
        }
        if (select) {
            tabPane.setSelectedIndex(tabs.size() - 1);
        }
        return tab;
    }

    /** Brings {@code tab}'s title, state dot and tooltip (with its unread count) up to date. */
    void showTitle(WindowTab tab) {
        int i = tabs.indexOf(tab);
        if (i < 0) {
            return;
        }
        String title = tab.titleText();
        if (!title.equals(tabPane.getTitleAt(i))) {
            tabPane.setTitleAt(i, title);
        }
        ActivityModel.State state = tab.state();
        if (!(tabPane.getIconAt(i) instanceof StateDot d) || d.state() != state) {
            tabPane.setIconAt(i, new StateDot(state));
        }
        String tip = tab.displayName() + " — " + state.word()
                + (tab.unread() > 0 ? ", " + Formats.count(tab.unread(), "frame", "frames") + " unread" : "");
        if (!tip.equals(tabPane.getToolTipTextAt(i))) {
            tabPane.setToolTipTextAt(i, tip);
        }
    }

    private void refreshCounts() {
        for (WindowTab t : tabs) {
            if (t.takeCountStale()) {
                showTitle(t);
            }
        }
    }

    /** The tab now in front. */
    WindowTab current() {
        int i = tabPane.getSelectedIndex();
        return tabs.get(i >= 0 ? i : 0);
    }

    /** The tabs, in the order shown: a view that follows them. */
    List<WindowTab> view() {
        return Collections.unmodifiableList(tabs);
    }

    /** The tabs as sources for the reply pump: a view that follows them. */
    List<ReplyPump.Source> sources() {
        return Collections.unmodifiableList(sources);
    }

    /** A tab as the reply pump sees it. */
    private record Drained(WindowTab tab) implements ReplyPump.Source {
        @Override
        public int take(int max) {
            return tab.take(max);
        }

        @Override
        public void flush() {
            tab.flush();
        }
    }

    int size() {
        return tabs.size();
    }

    JTabbedPane pane() {
        return tabPane;
    }

    /** Tab ▸ New tab: a tab pointed where the one in front points, with default options. */
    void newTab() {
        if (full()) {
            return;
        }
        TabSettings from = current().settings();
        addTab(TabSettings.of(from.host(), from.port(), from.framing()), true);
    }

    /**
     * Tab ▸ Duplicate tab: the same name, target and options, in a tab of its own, not
     * connected. Only a client tab is duplicated: another tab could not bind the same port.
     */
    void duplicateTab() {
        if (!(current() instanceof SessionTab from) || full()) {
            return;
        }
        SessionTab copy = addTab(from.settings(), false);
        int at = tabs.indexOf(from) + 1;
        moveTo(copy, at);
        tabPane.setSelectedIndex(at);
    }

    /** Whether the window holds as many tabs as it may, and if so says so in the tab in front. */
    private boolean full() {
        if (tabs.size() < UiPrefs.MAX_TABS) {
            return false;
        }
        current().showNotice("a window holds at most " + UiPrefs.MAX_TABS + " tabs: close one first.",
                true);
        return true;
    }

    /** Asks for the name of {@code tab}. */
    void askTabName(WindowTab tab) {
        String shown = tab.displayName();
        Object answer = JOptionPane.showInputDialog(frame, "Name this tab (leave empty to name it by its host and "
                + "port):", "Rename tab", JOptionPane.PLAIN_MESSAGE, null, null, shown);
        String next = answer == null ? null : nameFromAnswer(tab.name(), shown, answer.toString());
        if (next != null) {
            tab.setName(next);
        }
    }

    /**
     * The name Rename tab… gives a tab named {@code current} (empty for none) and titled
     * {@code shown}, when the person answers {@code answer}; {@code null} to leave it be. The
     * field starts with the title shown, so OK on it unchanged keeps a host-and-port title
     * following the bar rather than freezing today's host and port into a name.
     */
    static String nameFromAnswer(String current, String shown, String answer) {
        if (current.isEmpty() && answer.strip().equals(shown)) {
            return null;
        }
        return answer;
    }

    /**
     * Closes {@code tab} and its connection. The last tab is not left empty: a fresh tab
     * pointed at the same place takes its place, because a window with no session could do
     * nothing, and quitting stays Ctrl+Q.
     */
    void closeTab(WindowTab tab) {
        int i = tabs.indexOf(tab);
        if (i < 0) {
            return;
        }
        if (tabs.size() == 1) {
            TabSettings s = tab.settings();
            addTab(TabSettings.of(s.host(), s.port(), s.framing()), false);
        }
        tab.close();
        tabs.remove(i);
        sources.removeIf(s -> ((Drained) s).tab() == tab);
        tabPane.removeTabAt(i);
        resized.run();
        Thread stopper = new Thread(() -> {
            try {
                tab.awaitStopped(MainWindow.STOP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tincan-tab-close");
        stoppers.removeIf(t -> !t.isAlive());
        stoppers.add(stopper);
        stopper.start();
        frontChanged.run();
    }

    /** Shows the tab {@code step} places to the right (negative: left), wrapping round. */
    void selectTab(int step) {
        int n = tabs.size();
        if (n > 1) {
            tabPane.setSelectedIndex(Math.floorMod(tabPane.getSelectedIndex() + step, n));
        }
    }

    /** Moves the tab in front {@code step} places to the right (negative: left), wrapping round. */
    void moveTab(int step) {
        int n = tabs.size();
        if (n < 2) {
            return;
        }
        WindowTab tab = current();
        moveTo(tab, Math.floorMod(tabs.indexOf(tab) + step, n));
    }

    /** Moves the tab at {@code from} to {@code to}, keeping it in front if it was. */
    void moveTab(int from, int to) {
        if (from == to || from < 0 || to < 0 || from >= tabs.size() || to >= tabs.size()) {
            return;
        }
        moveTo(tabs.get(from), to);
    }

    private void moveTo(WindowTab tab, int to) {
        int from = tabs.indexOf(tab);
        if (from == to) {
            return;
        }
        boolean front = tab == current();
        WindowTab selected = current();
        tabs.remove(from);
        tabs.add(to, tab);
        tabPane.removeTabAt(from);
        tabPane.insertTab(tab.displayName(), null, tab.panel(), null, to);
        showTitle(tab);
        tabPane.setSelectedIndex(tabs.indexOf(front ? tab : selected));
    }

    /** Remembers the tabs, in order, and which is in front, for the next start. */
    void save() {
        List<TabSettings> settings = new ArrayList<>();
        int selected = 0;
        for (WindowTab t : tabs) {
            // Only client tabs open again at the next start; see WindowTab.restored().
            if (t.restored()) {
                if (t == current()) {
                    selected = settings.size();
                }
                settings.add(t.settings());
            }
        }
        if (settings.isEmpty()) {
            TabSettings s = current().settings();
            settings.add(TabSettings.of(s.host(), s.port(), s.framing()));
        }
        prefs.saveTabs(settings, selected);
    }

    /**
     * Gives the keys back, stops the unread counts and closes every tab; {@link #awaitStopped()}
     * then waits for their client threads.
     */
    void close() {
        closed = true;
        KeyboardFocusManager.getCurrentKeyboardFocusManager().removeKeyEventDispatcher(tabKeys);
        titles.stop();
        closing = List.copyOf(tabs);
        earlier = List.copyOf(stoppers);
        for (WindowTab t : closing) {
            t.close();
        }
    }

    /**
     * Waits, after {@link #close()}, for the threads of the tabs it closed and for those
     * waiting for tabs closed before; whether every one of the former ended. Any thread started
     * after {@link #close()}.
     */
    boolean awaitStopped() throws InterruptedException {
        boolean ended = true;
        for (WindowTab t : closing) {
            ended &= t.awaitStopped(MainWindow.STOP_MILLIS);
        }
        for (Thread t : earlier) {
            t.join(MainWindow.STOP_MILLIS + 1000);
        }
        return ended;
    }
}
