package dev.tincan.ui.listen;

import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;
import dev.tincan.codec.Bytes;
import dev.tincan.codec.HostPort;
import dev.tincan.relay.Binding;
import dev.tincan.relay.Listener;
import dev.tincan.server.ServerTls;
import dev.tincan.session.Session;
import dev.tincan.session.rules.SessionRules;
import dev.tincan.session.rules.StartingRules;
import dev.tincan.ui.ActivityModel;
import dev.tincan.ui.ClippedLabel;
import dev.tincan.ui.Formats;
import dev.tincan.ui.SessionTab;
import dev.tincan.ui.TabSettings;
import dev.tincan.ui.WindowTab;
import dev.tincan.ui.rules.RulesPanel;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GridLayout;
import java.awt.RenderingHints;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.SwingConstants;
import javax.swing.UIManager;

/**
 * A listening tab: Tincan as the server a device calls. A {@link Listener} accepts clients
 * on the address and port the person chose, and each client becomes a session tab of its own
 * (the same transcript, detail pane, composer, library, rules, recording and charts as a
 * connection Tincan opens, without a connection bar): the list on the left names the clients,
 * and the one picked is shown on the right, where the window's session actions act on it.
 * The header says where it listens and how many clients are connected, with a badge when the
 * port is open to the network; a client turned away by the cap is a sentence under it.
 *
 * <p>Rules for new clients ({@link #openNewClientRules}) are the auto-reply rules each client
 * starts with: the listener attaches them to the client's session as it accepts it, before
 * the first frame is read, so a device that speaks the moment it connects is answered; the
 * client's tab then shows and edits its own copy, with its own counts.
 *
 * <p>The composer sends to the client picked, or through "To:" to every connected client at
 * once ({@link Listener#broadcast}). The window's reply pump drains the listener's events and
 * every client's session through {@link #take}, a share at a time, never blocking. Closing the
 * tab closes the listening socket, so the port is free at once, and every client; the tab is
 * not opened again at the next start. Confined to the EDT, but for {@link #awaitStopped}.
 */
public final class ListenTab implements WindowTab {
    /** Clients whose connection ended that the list keeps; beyond, the eldest are removed, and the tab says so. */
    public static final int MAX_GONE = 100;
    /** The least and starting width of the client list, before scaling. */
    static final int LIST_WIDTH = 210;
    /** The "To:" choice that sends to the client picked. */
    public static final String TO_PICKED = "this client";
    /** The "To:" choice that sends to every connected client. */
    public static final String TO_ALL = "all connected clients";

    /** Makes the session tab that shows one accepted client. */
    public interface ClientViews {
        /**
         * A session tab showing {@code session}, which the listener runs already, named
         * {@code label}, with {@code settings} (where the client is, the framing) and
         * {@code rules}, attached to the session before its first frame (null: none were).
         */
        SessionTab make(Session session, SessionRules rules, String label, TabSettings settings);
    }

    private final Listener listener;
    /** The certificate clients are shown, or null for plain TCP. */
    private final ServerTls certificate;
    private final ClientViews views;
    /** The rules each client starts with; the listener's setup attaches them. */
    private final StartingRules starting;
    private final InetSocketAddress address;
    private final boolean openToNetwork;
    private final List<ClientRow> rows = new ArrayList<>();
    private final DefaultListModel<ClientRow> model = new DefaultListModel<>();
    /** As wide as its room, never wider: a long line is cut with an ellipsis rather than scrolled. */
    private final JList<ClientRow> list = new JList<>(model) {
        @Override
        public boolean getScrollableTracksViewportWidth() {
            return true;
        }
    };
    private final JPanel panel = new JPanel(new BorderLayout());
    private final JLabel header = new JLabel();
    private final JLabel badge = new Badge("open to the network");
    private final ClippedLabel notice = new ClippedLabel();
    private final JPanel view = new JPanel(new BorderLayout());
    private final JLabel empty = new JLabel("", SwingConstants.CENTER);
    private final JLabel clientLine = new JLabel();
    private final JComboBox<String> to = new JComboBox<>(new String[] {TO_PICKED, TO_ALL});
    private final JButton removeGone = new JButton("Remove gone clients");
    private final JButton newClientRules = new JButton("Rules for new clients…");
    /** The panel that edits the rules for new clients, made the first time it is opened. */
    private RulesPanel rulesPanel;
    private final JPanel left = new JPanel(new BorderLayout(0, 6));
    private final JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT);
    private final List<Listener.Event> events = new ArrayList<>();
    /** Session tabs of clients removed from the list, until their threads end; pruned as they do. */
    private final List<SessionTab> stopping = new ArrayList<>();
    private String name = "";
    private SessionTab selected;
    private boolean inFront;
    private boolean closed;
    private boolean countStale;
    private long unread;
    private long turnedAway;
    private int nextFirst;
    private int shownConnected = -1;
    private boolean selecting;
    /** Whether this tick of the pump built a client's session tab already. */
    private boolean madeThisTick;
    private Runnable titleChanged = () -> { };
    private Runnable sessionChanged = () -> { };
    private Thread closer;
    private List<Session> closing = List.of();

    /**
     * A tab over {@code listener}, which listens already and runs {@code starting} as its
     * per-client setup (see {@link dev.tincan.relay.ListenConfig#withSetup}); {@code views}
     * makes each client's session tab. Closing the tab closes both.
     */
    public ListenTab(Listener listener, ClientViews views, StartingRules starting) {
        this(listener, views, null, starting);
    }

    /**
     * The same, with clients that speak TLS to {@code certificate} when it is not null: the
     * header says TLS, and its tooltip gives the certificate's fingerprint and pin.
     */
    public ListenTab(Listener listener, ClientViews views, ServerTls certificate, StartingRules starting) {
        this.listener = listener;
        this.certificate = certificate;
        this.views = views;
        this.starting = java.util.Objects.requireNonNull(starting, "starting");
        this.address = listener.address();
        InetAddress bound = address.getAddress();
        this.openToNetwork = Binding.everyInterface(bound) || !bound.isLoopbackAddress();
        layOut();
        updateHeader();
        showSelected();
    }

    private void layOut() {
        header.setName("listenHeader");
        if (certificate != null) {
            header.setToolTipText("Clients speak TLS to a " + (certificate.isSelfSigned() ? "self-signed certificate "
                    + "for localhost, 127.0.0.1 and ::1" : "certificate") + ". SHA-256 fingerprint: "
                    + certificate.fingerprint() + "; public key pin: " + certificate.publicKeyPin());
        }
        header.putClientProperty("html.disable", Boolean.TRUE);
        header.putClientProperty(FlatClientProperties.STYLE, "font: +1");
        badge.setName("listenBadge");
        badge.setVisible(openToNetwork);
        badge.setToolTipText("Listening on " + HostPort.of(address) + ": anyone who can reach this machine can "
                + "connect");
        notice.setName("listenNotice");
        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEADING, 0, 0));
        top.add(header);
        top.add(Box.gap(10));
        top.add(badge);
        JPanel north = new JPanel(new BorderLayout(0, 2));
        north.setBorder(BorderFactory.createEmptyBorder(8, 12, 6, 12));
        north.add(top, BorderLayout.NORTH);
        north.add(notice, BorderLayout.SOUTH);

        list.setName("listenClients");
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        list.setCellRenderer(new ClientRenderer());
        list.addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting() && !selecting) {
                select(list.getSelectedValue());
            }
        });
        list.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_DELETE, 0), "tincan.removeClient");
        list.getActionMap().put("tincan.removeClient", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                ClientRow row = list.getSelectedValue();
                if (row != null && row.gone()) {
                    remove(row);
                }
            }
        });
        removeGone.setName("removeGone");
        removeGone.setToolTipText("Take the clients whose connection ended off the list (Delete removes the one "
                + "picked)");
        removeGone.addActionListener(e -> removeGoneClients());
        newClientRules.setName("newClientRules");
        newClientRules.setToolTipText("The auto-reply rules every client starts with, in place before its first "
                + "frame (Send ▸ Auto-reply rules… edits the picked client's own)");
        newClientRules.addActionListener(e -> openNewClientRules(javax.swing.SwingUtilities.getWindowAncestor(panel)));
        left.setBorder(BorderFactory.createEmptyBorder(0, 12, 8, 0));
        JScrollPane scroll = new JScrollPane(list, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED,
                JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
        left.add(scroll, BorderLayout.CENTER);
        JPanel buttons = new JPanel(new GridLayout(0, 1, 0, 4));
        buttons.add(newClientRules);
        buttons.add(removeGone);
        left.add(buttons, BorderLayout.SOUTH);
        left.setMinimumSize(new Dimension(UIScale.scale(LIST_WIDTH), 0));
        left.setPreferredSize(new Dimension(UIScale.scale(LIST_WIDTH), 0));

        clientLine.setName("listenClientLine");
        clientLine.putClientProperty("html.disable", Boolean.TRUE);
        to.setName("listenTo");
        to.setToolTipText("Where the message goes: the client picked, or every connected client at once");
        to.addActionListener(e -> routeSends());
        JLabel toLabel = new JLabel("To:");
        toLabel.setLabelFor(to);
        JPanel toPanel = new JPanel(new FlowLayout(FlowLayout.TRAILING, 6, 0));
        toPanel.add(toLabel);
        toPanel.add(to);
        JPanel clientBar = new JPanel(new BorderLayout(8, 0));
        clientBar.setBorder(BorderFactory.createEmptyBorder(0, 12, 0, 12));
        clientBar.add(clientLine, BorderLayout.CENTER);
        clientBar.add(toPanel, BorderLayout.EAST);
        empty.setName("listenEmpty");
        empty.putClientProperty("html.disable", Boolean.TRUE);
        empty.putClientProperty(FlatClientProperties.STYLE_CLASS, "tincanHint");
        JPanel right = new JPanel(new BorderLayout());
        right.add(clientBar, BorderLayout.NORTH);
        right.add(view, BorderLayout.CENTER);
        right.setMinimumSize(new Dimension(0, 0));

        split.setLeftComponent(left);
        split.setRightComponent(right);
        split.setBorder(BorderFactory.createEmptyBorder());
        split.setResizeWeight(0);
        split.setContinuousLayout(true);
        panel.add(north, BorderLayout.NORTH);
        panel.add(split, BorderLayout.CENTER);
    }

    /** The list of clients and the split's divider, which the window's least width makes room for. */
    @Override
    public int besideWidth() {
        return left.getMinimumSize().width + split.getDividerSize();
    }

    /** Where it listens, with the port it got. */
    public InetSocketAddress address() {
        return address;
    }

    /** The header's tooltip: where TLS is on, the certificate's fingerprint and pin; else null. */
    public String headerTooltip() {
        return header.getToolTipText();
    }

    /** The header line: where it listens and how many clients are connected. */
    public String headerText() {
        return header.getText();
    }

    /** Whether the header shows the "open to the network" badge. */
    public boolean showsOpenBadge() {
        return badge.isVisible();
    }

    /** The line under the header: the last sentence the tab said, such as a client turned away. */
    public String noticeText() {
        return notice.getText();
    }

    /** The session tabs of the clients in the list, in the order they came. */
    public List<SessionTab> clients() {
        List<SessionTab> tabs = new ArrayList<>(rows.size());
        for (ClientRow r : rows) {
            tabs.add(r.tab());
        }
        return tabs;
    }

    /** The rules each client starts with, as "Rules for new clients…" edits them. */
    public StartingRules startingRules() {
        return starting;
    }

    /**
     * Opens the panel of the rules for new clients over {@code owner}, making it the first
     * time: what it holds when a client connects is what that client starts with.
     */
    public void openNewClientRules(Window owner) {
        if (rulesPanel == null) {
            rulesPanel = new RulesPanel(starting.engine(), r -> { });
        }
        rulesPanel.open(owner, "Auto-reply rules for new clients · " + displayName());
    }

    /** The panel of the rules for new clients, or null before it was first opened. */
    public RulesPanel newClientRulesPanel() {
        return rulesPanel;
    }

    /** Picks the client at {@code index} in the list, as a click does. */
    public void select(int index) {
        list.setSelectedIndex(index);
    }

    /** Whether "Remove gone clients" is offered: some client's connection ended. */
    public boolean offersRemoveGone() {
        return removeGone.isEnabled();
    }

    /** Sends to every connected client when {@code all}, else to the client picked, as "To:" does. */
    public void sendToAll(boolean all) {
        to.setSelectedItem(all ? TO_ALL : TO_PICKED);
    }

    /** Whether the composer sends to every connected client. */
    public boolean sendsToAll() {
        return TO_ALL.equals(to.getSelectedItem());
    }

    @Override
    public JComponent panel() {
        return panel;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void setName(String next) {
        name = TabSettings.cut(next);
        titleChanged.run();
    }

    /** The name given, else {@code listen :50010} (with the address when it is not this machine's loopback). */
    @Override
    public String displayName() {
        if (!name.isEmpty()) {
            return name;
        }
        return "listen " + (openToNetwork || !address.getAddress().equals(InetAddress.getLoopbackAddress())
                ? HostPort.of(address) : ":" + address.getPort());
    }

    @Override
    public String titleText() {
        return unread > 0 ? displayName() + "  " + Formats.count(unread) : displayName();
    }

    /** Connected while a client is; idle while it waits for one. */
    @Override
    public ActivityModel.State state() {
        return !closed && connected() > 0 ? ActivityModel.State.CONNECTED : ActivityModel.State.IDLE;
    }

    @Override
    public long unread() {
        return unread;
    }

    @Override
    public boolean takeCountStale() {
        boolean stale = countStale;
        countStale = false;
        return stale;
    }

    @Override
    public void setInFront(boolean front) {
        inFront = front;
        if (selected != null) {
            selected.setInFront(front);
        }
        if (front && unread > 0) {
            unread = 0;
            titleChanged.run();
        }
    }

    @Override
    public void onTitleChanged(Runnable r) {
        titleChanged = r;
    }

    @Override
    public void onSessionTabChanged(Runnable r) {
        sessionChanged = r;
    }

    /** The client list takes the focus while no client is picked. */
    @Override
    public void focusDefault() {
        list.requestFocusInWindow();
    }

    /** Nothing to start: the listener listens from the moment the dialog bound it. */
    @Override
    public void start() {
        // the listener runs already
    }

    /**
     * Takes the listener's waiting events (new clients, clients turned away), then up to what
     * is left of {@code max} replies from the clients' sessions, starting one client further
     * at each call so that none waits behind a busy one. Never blocks. A new client's session
     * tab is a whole tab of Swing parts, tens of milliseconds to build, so at most one is built
     * per tick of the pump: a crowd arriving at once is listed over a few ticks while the window
     * stays alive, and the clients not yet listed wait in the listener's bounded queue.
     */
    @Override
    public int take(int max) {
        if (closed) {
            return 0;
        }
        int done = 0;
        while (done < max && !madeThisTick && listener.drainTo(events, 1) > 0) {
            done++;
            Listener.Event e = events.remove(0);
            if (e instanceof Listener.Event.Accepted a) {
                accepted(a.client());
                madeThisTick = true;
            } else if (e instanceof Listener.Event.TurnedAway t) {
                turnedAway++;
                showNotice(turnedAwaySentence(t), true);
                updateHeader();
            }
        }
        int n = rows.size();
        if (n == 0 || done >= max) {
            return done;
        }
        int first = Math.floorMod(nextFirst++, n);
        for (int k = 0; k < n && done < max; k++) {
            done += rows.get((first + k) % n).tab().take(max - done);
        }
        return done;
    }

    /**
     * Why {@code t} was turned away, in the window's words: with as many clients connected as
     * the tab takes, the cap, and what to do about it here; else the listener's own sentence.
     */
    private String turnedAwaySentence(Listener.Event.TurnedAway t) {
        int cap = listener.config().maxClients();
        if (connected() < cap) {
            return t.sentence();
        }
        return "client " + HostPort.of(t.remote()) + " turned away: " + Formats.count(cap, "client is", "clients are")
                + " connected, the most this tab takes; disconnect one (Ctrl+Shift+K) or listen again with more.";
    }

    private void accepted(Listener.Client client) {
        Session session = client.session();
        InetSocketAddress remote = client.remote();
        String framing = session.framing() != null ? session.framing().spec()
                : listener.config().options().framing().spec();
        SessionTab tab = views.make(session, starting.take(session), client.label(), TabSettings.of(HostPort.unbracketed(
                remote.getAddress().getHostAddress()), remote.getPort(), framing));
        ClientRow row = new ClientRow(client, tab);
        tab.onTitleChanged(() -> rowChanged(row));
        if (sendsToAll()) {
            tab.routeSends(listener::broadcast);
        }
        rows.add(row);
        model.addElement(row);
        if (selected == null) {
            list.setSelectedIndex(model.size() - 1);
        }
        updateHeader();
        titleChanged.run();
    }

    @Override
    public void flush() {
        madeThisTick = false;
        boolean changed = false;
        for (ClientRow r : rows) {
            SessionTab t = r.tab();
            long before = t.unread();
            t.flush();
            long gained = t.unread() - before;
            if (gained > 0 && !inFront) {
                boolean first = unread == 0;
                unread += gained;
                if (first) {
                    titleChanged.run();
                } else {
                    countStale = true;
                }
            }
            changed |= r.takeChanged();
        }
        if (changed) {
            list.repaint();
            updateHeader();
            updateClientLine();
            trimGone();
        }
    }

    private void rowChanged(ClientRow row) {
        int i = model.indexOf(row);
        if (i >= 0) {
            list.repaint(list.getCellBounds(i, i));
        }
    }

    /** Clients connected now, as the list shows them. */
    private int connected() {
        int n = 0;
        for (ClientRow r : rows) {
            if (!r.gone()) {
                n++;
            }
        }
        return n;
    }

    private void updateHeader() {
        int now = connected();
        String text = (closed ? "Stopped listening on " : "Listening on ") + HostPort.of(address)
                + (certificate == null ? "" : " · TLS") + " · " + Formats.count(now, "client", "clients")
                + " connected";
        if (turnedAway > 0) {
            text += " · " + Formats.count(turnedAway) + " turned away";
        }
        if (!text.equals(header.getText())) {
            header.setText(text);
        }
        boolean anyGone = rows.size() > now;
        removeGone.setEnabled(anyGone);
        if (now != shownConnected) {
            boolean dotChanged = shownConnected < 0 || (shownConnected == 0) != (now == 0);
            shownConnected = now;
            if (dotChanged) {
                titleChanged.run();
            }
            if (selected == null) {
                showSelected();
            }
        }
    }

    private void updateClientLine() {
        ClientRow row = rowOf(selected);
        String text = row == null ? "" : row.label() + " · " + (row.gone() ? "gone: its connection ended"
                : row.state().word());
        if (!text.equals(clientLine.getText())) {
            clientLine.setText(text);
        }
    }

    private ClientRow rowOf(SessionTab tab) {
        for (ClientRow r : rows) {
            if (r.tab() == tab) {
                return r;
            }
        }
        return null;
    }

    /** Shows {@code row}'s conversation on the right; {@code null} shows what to do instead. */
    private void select(ClientRow row) {
        SessionTab next = row == null ? null : row.tab();
        if (next == selected) {
            return;
        }
        if (selected != null) {
            selected.setInFront(false);
        }
        selected = next;
        if (next != null) {
            next.setInFront(inFront);
        }
        showSelected();
        sessionChanged.run();
    }

    private void showSelected() {
        view.removeAll();
        if (selected != null) {
            view.add(selected.panel(), BorderLayout.CENTER);
        } else {
            empty.setText(rows.isEmpty() ? "no client yet: point a device at " + HostPort.of(address) + "."
                    : "pick a client on the left to see its conversation.");
            view.add(empty, BorderLayout.CENTER);
        }
        to.setEnabled(selected != null);
        updateClientLine();
        view.revalidate();
        view.repaint();
    }

    private void routeSends() {
        boolean all = sendsToAll();
        for (ClientRow r : rows) {
            r.tab().routeSends(all ? listener::broadcast : null);
        }
    }

    /** Takes {@code row} off the list: the listener forgets it and its session tab closes. */
    private void remove(ClientRow row) {
        int i = model.indexOf(row);
        listener.forget(row.client().id());
        row.tab().close();
        stopping.removeIf(t -> !t.session().isAlive());
        stopping.add(row.tab());
        rows.remove(row);
        selecting = true;
        try {
            model.removeElement(row);
        } finally {
            selecting = false;
        }
        if (row.tab() == selected) {
            ClientRow next = rows.isEmpty() ? null : rows.get(Math.min(Math.max(i, 0), rows.size() - 1));
            if (next != null) {
                list.setSelectedValue(next, true);
            } else {
                select(null);
            }
        }
        updateHeader();
    }

    /** Takes every client whose connection ended off the list, as "Remove gone clients" does. */
    public void removeGoneClients() {
        for (ClientRow r : new ArrayList<>(rows)) {
            if (r.gone()) {
                remove(r);
            }
        }
    }

    /** Keeps at most {@link #MAX_GONE} gone clients, removing the eldest beyond and saying so. */
    private void trimGone() {
        int gone = rows.size() - connected();
        if (gone <= MAX_GONE) {
            return;
        }
        int removed = 0;
        for (ClientRow r : new ArrayList<>(rows)) {
            if (gone <= MAX_GONE) {
                break;
            }
            if (r.gone() && r.tab() != selected) {
                remove(r);
                gone--;
                removed++;
            }
        }
        if (removed > 0) {
            showNotice("removed the " + Formats.count(removed, "eldest gone client", "eldest gone clients")
                    + " from the list: it keeps the newest " + MAX_GONE + ".", false);
        }
    }

    /**
     * Closes the listening socket and every client, off the EDT: the closing thread closes the
     * socket first, so the port is free within moments; {@link #awaitStopped} waits for it and
     * for every client's thread.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Session> sessions = new ArrayList<>();
        for (ClientRow r : rows) {
            r.tab().close();
            sessions.add(r.tab().session());
        }
        for (SessionTab t : stopping) {
            sessions.add(t.session());
        }
        closing = List.copyOf(sessions);
        if (rulesPanel != null) {
            rulesPanel.dispose();
        }
        closer = new Thread(() -> {
            listener.close();
            starting.close();
        }, "tincan-listen-close");
        closer.start();
        updateHeader();
    }

    @Override
    public boolean awaitStopped(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        Thread c = closer;
        if (c != null) {
            c.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        }
        boolean ended = c == null || !c.isAlive();
        List<Session> all = new ArrayList<>(closing);
        // Clients accepted while the tab closed never reached the list; the listener shut them down.
        for (Listener.Client client : listener.clients()) {
            all.add(client.session());
        }
        for (Session s : all) {
            ended &= s.awaitStopped(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        }
        return ended;
    }

    /** Where a client tab would connect to reach this port; what Tab ▸ New tab copies. */
    @Override
    public TabSettings settings() {
        String host = openToNetwork && Binding.everyInterface(address.getAddress()) ? "127.0.0.1"
                : HostPort.unbracketed(address.getAddress().getHostAddress());
        return TabSettings.of(host, address.getPort(), listener.config().options().framing().spec());
    }

    /** Not opened again at the next start: binding a port, to the network maybe, is for the person to choose. */
    @Override
    public boolean restored() {
        return false;
    }

    @Override
    public SessionTab sessionTab() {
        return selected;
    }

    @Override
    public List<SessionTab> sessionTabs() {
        return clients();
    }

    @Override
    public String noSessionSentence() {
        return rows.isEmpty() ? "no client is connected to this listening tab yet."
                : "no client is picked: pick one in the list on the left first.";
    }

    @Override
    public void showNotice(String sentence, boolean error) {
        notice.setText(sentence);
        notice.setToolTipText(sentence);
        notice.putClientProperty(FlatClientProperties.STYLE_CLASS, error ? "tincanError" : "tincanHint");
    }

    /** Room between the parts of a line. */
    private static final class Box {
        private Box() {
        }

        static JComponent gap(int width) {
            JPanel gap = new JPanel();
            gap.setOpaque(false);
            gap.setPreferredSize(new Dimension(width, 1));
            return gap;
        }
    }

    /** A label on a rounded patch of the error colour, read from the theme at each paint. */
    private static final class Badge extends JLabel {
        Badge(String text) {
            super(text);
            putClientProperty("html.disable", Boolean.TRUE);
            setBorder(BorderFactory.createEmptyBorder(1, 7, 1, 7));
        }

        @Override
        protected void paintComponent(Graphics g) {
            Graphics2D g2 = (Graphics2D) g.create();
            try {
                g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                Color c = UIManager.getColor("Tincan.error.foreground");
                g2.setColor(c != null ? c : Color.RED);
                g2.fillRoundRect(0, 0, getWidth(), getHeight(), getHeight(), getHeight());
            } finally {
                g2.dispose();
            }
            setForeground(Color.WHITE);
            super.paintComponent(g);
        }
    }
}
