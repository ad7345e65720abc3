package dev.tincan.ui;

import dev.tincan.ui.relay.RelayTab;

/**
 * Gives a relay tab the window's activity indicator, at the right of its header: connected
 * while a link is open, a ripple in for frames from the server and out for frames from the
 * client, so a relay tab shows its traffic as a client's tab does. Confined to the EDT.
 */
final class RelayIndicator {
    private RelayIndicator() {
    }

    /** Puts a new indicator into {@code tab}'s header, fed by its traffic; returns it. */
    static ActivityIndicator attach(RelayTab tab) {
        ActivityIndicator indicator = new ActivityIndicator(new ActivityModel());
        indicator.setName("relayIndicator");
        tab.addToCorner(indicator);
        tab.setTrafficListener((up, down) -> {
            long now = System.nanoTime();
            ActivityModel m = indicator.model();
            m.setState(tab.openLinks() > 0 ? ActivityModel.State.CONNECTED : ActivityModel.State.IDLE);
            if (down) {
                m.traffic(true, now);
            }
            if (up) {
                m.traffic(false, now);
            }
        });
        return indicator;
    }
}
