package dev.tincan.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.event.MouseEvent;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One chart drawn off screen: what it says in words, where the mouse points, and when it draws anew. */
class LineChartTest {
    private final LineChart chart = new LineChart();

    LineChartTest() {
        chart.setSize(480, 160);
    }

    private void paint() {
        BufferedImage image = new BufferedImage(480, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            chart.paint(g);
        } finally {
            g.dispose();
        }
    }

    private void showMinute(double last) {
        double[] p50 = new double[60];
        double[] p99 = new double[60];
        Arrays.fill(p50, Double.NaN);
        Arrays.fill(p99, Double.NaN);
        p50[59] = last;
        p99[59] = last * 2;
        chart.show("Round trip", Ticks.Unit.MILLIS, ChartSpan.ONE_MINUTE, List.of(
                new LineChart.Series("p50", "Tincan.chart.p50", p50, Ticks.millis(last), false),
                new LineChart.Series("p99", "Tincan.chart.p99", p99, Ticks.millis(last * 2), false)), "none.");
    }

    @Test
    void hoveringTheLastSecondShowsItsFigures() {
        showMinute(1.5);
        paint();
        MouseEvent atRightEdge = new MouseEvent(chart, MouseEvent.MOUSE_MOVED, 0, 0, 480 - 6, 80, 0, false);
        MouseEvent earlier = new MouseEvent(chart, MouseEvent.MOUSE_MOVED, 0, 0, 240, 80, 0, false);

        assertThat(chart.getToolTipText(atRightEdge)).isEqualTo("the last second:  p50 1.5 ms  p99 3 ms");
        assertThat(chart.getToolTipText(earlier)).matches("the second \\d+ s ago:  p50 –  p99 –");
        assertThat(chart.describe()).isEqualTo("Round trip, p50 1.5 ms, p99 3 ms");
    }

    @Test
    void theValueAxisGrowsAtOnceButShrinksOnlyBelowAThird() {
        showMinute(1.5);
        assertThat(chart.axisTop()).as("p99 3 ms").isEqualTo(3);
        showMinute(4);
        assertThat(chart.axisTop()).as("p99 8 ms").isEqualTo(8);
        showMinute(2);
        assertThat(chart.axisTop()).as("p99 4 ms is above a third of 8").isEqualTo(8);
        showMinute(1);
        assertThat(chart.axisTop()).as("p99 2 ms is below a third of 8").isEqualTo(2);
    }

    @Test
    void withNothingAboveZeroItSaysItsSentence() {
        chart.show("Throughput (frames)", Ticks.Unit.PER_SECOND, ChartSpan.FIVE_MINUTES, List.of(
                new LineChart.Series("in", "Tincan.chart.in", new double[300], "0/s", true)),
                "no frames in the last 5 min.");

        assertThat(chart.describe()).isEqualTo("Throughput (frames): no frames in the last 5 min.");
    }

    @Test
    void aRepaintWithNothingNewCopiesTheLastPicture() {
        showMinute(1.5);
        paint();
        paint();
        paint();
        assertThat(chart.pictures()).as("drawn once, copied twice").isEqualTo(1);

        showMinute(2.5);
        paint();
        assertThat(chart.pictures()).as("a new second is drawn").isEqualTo(2);
    }
}
