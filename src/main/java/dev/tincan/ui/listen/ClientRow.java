package dev.tincan.ui.listen;

import dev.tincan.relay.Listener;
import dev.tincan.session.ConnectionStatus;
import dev.tincan.session.TrafficStats;
import dev.tincan.ui.ActivityModel;
import dev.tincan.ui.Formats;
import dev.tincan.ui.SessionTab;

/**
 * One accepted client in a listening tab's list: who it is, the session tab that shows its
 * conversation, and what the list last showed of it, so the list repaints only when that
 * changes. Confined to the EDT.
 */
final class ClientRow {
    private final Listener.Client client;
    private final SessionTab tab;
    private long shownIn = -1;
    private long shownOut = -1;
    private long shownUnread = -1;
    private ActivityModel.State shownState;

    ClientRow(Listener.Client client, SessionTab tab) {
        this.client = client;
        this.tab = tab;
    }

    Listener.Client client() {
        return client;
    }

    SessionTab tab() {
        return tab;
    }

    /** {@code #3 127.0.0.1:53122}. */
    String label() {
        return client.label();
    }

    /** Whether its connection ended: the row is greyed and may be removed. */
    boolean gone() {
        ConnectionStatus.Phase phase = tab.session().status().phase();
        return phase == ConnectionStatus.Phase.IDLE;
    }

    ActivityModel.State state() {
        return tab.state();
    }

    /** The line under the label: frames in and out, unread, and "gone" once its connection ended. */
    String counts() {
        TrafficStats stats = tab.session().stats();
        String line = Formats.count(stats.framesIn()) + " in · " + Formats.count(stats.framesOut()) + " out";
        if (tab.unread() > 0) {
            line += " · " + Formats.count(tab.unread()) + " unread";
        }
        return gone() ? line + " · gone" : line;
    }

    /** Whether what the list shows of it changed since last asked; asking takes note of it now. */
    boolean takeChanged() {
        TrafficStats stats = tab.session().stats();
        long in = stats.framesIn();
        long out = stats.framesOut();
        long unread = tab.unread();
        ActivityModel.State state = tab.state();
        boolean changed = in != shownIn || out != shownOut || unread != shownUnread || state != shownState;
        shownIn = in;
        shownOut = out;
        shownUnread = unread;
        shownState = state;
        return changed;
    }

    @Override
    public String toString() {
        return label();
    }
}
