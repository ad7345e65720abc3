package dev.tincan.ui.relay;

import dev.tincan.codec.HostPort;
import dev.tincan.relay.Binding;
import dev.tincan.relay.Relay;
import dev.tincan.server.ServerTls;
import dev.tincan.ui.ActivityModel;
import dev.tincan.ui.Formats;
import dev.tincan.ui.SessionTab;
import dev.tincan.ui.TabSettings;
import dev.tincan.ui.WindowTab;
import java.net.InetSocketAddress;
import java.util.List;
import javax.swing.JComponent;

/**
 * A relay tab as one of the window's tabs: the {@link RelayTab} is its panel, the window's
 * reply pump drains the relay through {@link #take} and {@link #flush}, its dot shows
 * connected while a link is open, and frames that pass while it is in the background count
 * as unread. It holds no session: the window's session actions say so in one sentence.
 * Closing it closes the relay; it is not opened again at the next start, since it binds a
 * port the person chooses. Confined to the EDT, but for {@link #awaitStopped}.
 */
public final class RelayWindowTab implements WindowTab {
    private final RelayTab tab;
    private final InetSocketAddress address;
    private String name = "";
    private boolean inFront;
    private boolean countStale;
    private long unread;
    private long framesSeen;
    private ActivityModel.State shownState;
    private Runnable titleChanged = () -> { };

    /** A tab over {@code relay}, which listens already; the tab owns it from now on. */
    public RelayWindowTab(Relay relay) {
        this(relay, null);
    }

    /**
     * A tab over {@code relay}, whose clients speak TLS to {@code certificate} when it is not
     * null (the header's tooltip gives its fingerprint and pin); the tab owns the relay from now on.
     */
    public RelayWindowTab(Relay relay, ServerTls certificate) {
        this.tab = new RelayTab(relay, RelayTranscript.DEFAULT_MAX_ROWS, RelayTranscript.DEFAULT_MAX_BYTES, false,
                certificate);
        this.address = relay.address();
        this.shownState = state();
    }

    /** The relay tab itself. */
    public RelayTab relayTab() {
        return tab;
    }

    @Override
    public JComponent panel() {
        return tab;
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

    @Override
    public String displayName() {
        return name.isEmpty() ? tab.title() : name;
    }

    @Override
    public String titleText() {
        return unread > 0 ? displayName() + "  " + Formats.count(unread) : displayName();
    }

    @Override
    public ActivityModel.State state() {
        return !tab.isClosed() && tab.openLinks() > 0 ? ActivityModel.State.CONNECTED : ActivityModel.State.IDLE;
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
        if (front && unread > 0) {
            unread = 0;
            countStale = true;
            titleChanged.run();
        }
    }

    @Override
    public void onTitleChanged(Runnable r) {
        titleChanged = r;
    }

    @Override
    public void start() {
        // the relay runs already
    }

    @Override
    public int take(int max) {
        return tab.take(max);
    }

    @Override
    public void flush() {
        tab.flush();
        long frames = tab.framesTaken();
        boolean changed = false;
        if (!inFront && frames > framesSeen) {
            unread += frames - framesSeen;
            countStale = true;
        }
        framesSeen = frames;
        ActivityModel.State now = state();
        if (now != shownState) {
            shownState = now;
            changed = true;
        }
        if (changed) {
            titleChanged.run();
        }
    }

    @Override
    public void close() {
        tab.close();
    }

    @Override
    public boolean awaitStopped(long millis) throws InterruptedException {
        return tab.awaitStopped(millis);
    }

    /** Where a client would connect to reach the server through this relay; what Tab ▸ New tab copies. */
    @Override
    public TabSettings settings() {
        String host = Binding.everyInterface(address.getAddress()) ? "127.0.0.1"
                : HostPort.unbracketed(address.getAddress().getHostAddress());
        return TabSettings.of(host, address.getPort(), tab.relay().config().up().spec());
    }

    @Override
    public boolean restored() {
        return false;
    }

    @Override
    public SessionTab sessionTab() {
        return null;
    }

    @Override
    public List<SessionTab> sessionTabs() {
        return List.of();
    }

    @Override
    public String noSessionSentence() {
        return "a relay tab has no connection of its own: open a client tab (Ctrl+T) and connect it to "
                + HostPort.of(address) + " to go through the relay.";
    }

    @Override
    public void showNotice(String sentence, boolean error) {
        tab.showNotice(sentence, error);
    }
}
