package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.TrafficSeries;
import dev.tincan.ui.chart.ChartPanel;
import dev.tincan.ui.chart.ChartSpan;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.List;
import javax.swing.Action;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real window's traffic charts: Ctrl+Shift+G opens them on the tab in front, they show
 * the frames and round trips of a loopback echo, they stop reading when hidden, and each
 * tab remembers them. Needs a display; without one it is reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowChartsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private WindowHandle window;

    @AfterEach
    void closeWindow() throws Exception {
        Edt.closeAndAwait(window, WAIT);
    }

    @Test
    void chartsOpenedWithTheirKeyShowTheFramesAndRoundTripsOfAnEcho() throws Exception {
        try (CompanionServer echo = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            window = WindowHandle.open("127.0.0.1", echo.port(), "line");
            window.connect();
            assertThat(window.awaitConnected(WAIT)).isTrue();
            MainWindow w = window.window();
            assertThat(onEdt(() -> w.currentTab().chartsShown())).as("hidden at first").isFalse();

            onEdt(() -> SwingUtilities.processKeyBindings(new KeyEvent(w.composer().input(), KeyEvent.KEY_PRESSED, 0,
                    KeyEvent.CTRL_DOWN_MASK | KeyEvent.SHIFT_DOWN_MASK, KeyEvent.VK_G, KeyEvent.CHAR_UNDEFINED)));
            ChartPanel charts = onEdt(() -> w.currentTab().charts());
            assertThat(charts).as("Ctrl+Shift+G made the charts").isNotNull();
            Edt.awaitOnEdt("the charts showing and refreshing", WAIT,
                    () -> charts.isShowing() && charts.isRefreshing());
            assertThat(onEdt(() -> w.actions().charts.getValue(Action.SELECTED_KEY))).isEqualTo(Boolean.TRUE);

            for (String text : List.of("one", "two", "three")) {
                window.send(text);
            }
            Edt.awaitOnEdt("three echoes", WAIT, () -> window.framesReceived() == 3);
            // A second shows once it is over: the charts' own refresh brings it within about 1.25 s.
            Edt.awaitOnEdt("the chart's snapshot holding the three round trips", WAIT,
                    () -> charts.snapshot().totalRoundTrips() == 3);

            TrafficSeries.Snapshot shown = onEdt(charts::snapshot);
            assertThat(shown.totalFramesOut()).isEqualTo(3);
            assertThat(shown.totalFramesIn()).isEqualTo(3);
            assertThat(shown.length()).isEqualTo(ChartSpan.FIVE_MINUTES.seconds());
            long bytesOut = 0;
            for (int i = 0; i < shown.length(); i++) {
                bytesOut += shown.bytesOut(i);
                if (shown.roundTrips(i) > 0) {
                    assertThat(shown.rttP50(i)).isPositive();
                }
            }
            assertThat(bytesOut).isEqualTo("onetwothree".length());
            assertThat(onEdt(charts::describe)).startsWith("Round trip, p50 ").doesNotContain("p50 –")
                    .doesNotContain("no ");
        }
    }

    @Test
    void hiddenChartsStopReadingAndTheMenuFollowsTheTabInFront() throws Exception {
        window = WindowHandle.open("127.0.0.1", 1, "line");
        MainWindow w = window.window();
        ChartPanel charts = onEdt(() -> {
            w.toggleCharts();
            return w.currentTab().charts();
        });
        Edt.awaitOnEdt("the charts refreshing", WAIT, charts::isRefreshing);
        assertThat(onEdt(() -> charts.describe())).isEqualTo("Round trip: no traffic in the last 5 min: connect and "
                + "send to see round trips.; Throughput (frames): no frames in the last 5 min.");

        onEdt(() -> w.newTab());
        assertThat(onEdt(() -> w.actions().charts.getValue(Action.SELECTED_KEY))).as("a new tab has none")
                .isEqualTo(Boolean.FALSE);
        Edt.awaitOnEdt("the hidden tab's charts to stop", WAIT, () -> !charts.isRefreshing());

        onEdt(() -> w.selectTab(-1));
        assertThat(onEdt(() -> w.actions().charts.getValue(Action.SELECTED_KEY))).isEqualTo(Boolean.TRUE);
        Edt.awaitOnEdt("the charts refreshing again", WAIT, charts::isRefreshing);

        onEdt(() -> w.toggleCharts());
        assertThat(onEdt(() -> charts.isShowing() || charts.isRefreshing())).as("hidden and not reading").isFalse();
        assertThat(onEdt(() -> w.actions().charts.getValue(Action.SELECTED_KEY))).isEqualTo(Boolean.FALSE);
    }

    @Test
    void eachTabRemembersItsChartsAndTheirSpan() throws Exception {
        UiPrefs prefs = UiPrefs.inMemory();
        TabSettings a = new TabSettings("alpha", "127.0.0.1", 50125, "line", false, false, "next", true, 15);
        TabSettings b = new TabSettings("beta", "127.0.0.1", 50126, "line", false, false, "next");
        prefs.saveTabs(List.of(a, b), 0);
        MainWindow[] opened = new MainWindow[1];
        onEdt(() -> {
            opened[0] = new MainWindow(new WindowOptions("ignored", 1, "raw", prefs));
            MainWindow w = opened[0];
            assertThat(w.tabs()).extracting(SessionTab::settings).containsExactly(a, b);
            assertThat(w.tabs().get(0).chartsShown()).isTrue();
            assertThat(w.tabs().get(0).charts().span()).isEqualTo(ChartSpan.FIFTEEN_MINUTES);
            assertThat(w.tabs().get(1).chartsShown()).isFalse();
            w.tabs().get(0).charts().setSpan(ChartSpan.ONE_MINUTE);
            w.selectTab(1);
            w.toggleCharts();
            w.close();
        });
        assertThat(opened[0].awaitStopped(WAIT.toMillis())).isTrue();

        List<TabSettings> saved = prefs.tabs();
        assertThat(saved).extracting(TabSettings::chartsShown).containsExactly(true, true);
        assertThat(saved).extracting(TabSettings::chartMinutes).containsExactly(1, 5);
    }
}
