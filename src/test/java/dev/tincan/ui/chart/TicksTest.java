package dev.tincan.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The value axis: round steps and short labels. */
class TicksTest {
    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Ticks.step(1.3, Ticks.Unit.MILLIS)).isEqualTo(0.5);
        assertThat(Ticks.step(7, Ticks.Unit.MILLIS)).isEqualTo(2);
        assertThat(Ticks.step(98_000, Ticks.Unit.PER_SECOND)).isEqualTo(50_000);
        assertThat(Ticks.step(0.2, Ticks.Unit.PER_SECOND)).as("never a fraction of a frame").isEqualTo(1);
        assertThat(Ticks.step(0, Ticks.Unit.MILLIS)).as("an empty chart still has an axis").isEqualTo(1);
    }

    @Test
    void theTopIsTheFirstWholeStepAtOrAboveTheGreatestValue() {
        assertThat(Ticks.top(1.3, 0.5)).isEqualTo(1.5);
        assertThat(Ticks.top(1.5, 0.5)).isEqualTo(1.5);
        assertThat(Ticks.top(0, 0.5)).isEqualTo(0.5);
    }

    @Test
    void aBytesAxisCountsInTheUnitOfItsTop() {
        double mib = 1024 * 1024;
        double step = Ticks.step(1.23 * mib, Ticks.Unit.BYTES_PER_SECOND);
        assertThat(step).isEqualTo(0.5 * mib);
        double top = Ticks.top(1.23 * mib, step);
        assertThat(top).isEqualTo(1.5 * mib);
        assertThat(new String[] {Ticks.axisLabel(0, Ticks.Unit.BYTES_PER_SECOND, top),
            Ticks.axisLabel(step, Ticks.Unit.BYTES_PER_SECOND, top),
            Ticks.axisLabel(2 * step, Ticks.Unit.BYTES_PER_SECOND, top),
            Ticks.axisLabel(3 * step, Ticks.Unit.BYTES_PER_SECOND, top)})
                .containsExactly("0", "0.5 MiB/s", "1 MiB/s", "1.5 MiB/s");
        assertThat(Ticks.step(300, Ticks.Unit.BYTES_PER_SECOND)).isEqualTo(100);
        assertThat(Ticks.format(2 * mib, Ticks.Unit.BYTES_PER_SECOND)).isEqualTo("2 MiB/s");
    }

    @Test
    void labelsAreShortAndCarryTheirUnit() {
        assertThat(Ticks.millis(0)).isEqualTo("0");
        assertThat(Ticks.millis(0.25)).isEqualTo("250 µs");
        assertThat(Ticks.millis(1.5)).isEqualTo("1.5 ms");
        assertThat(Ticks.millis(40)).isEqualTo("40 ms");
        assertThat(Ticks.millis(1200)).isEqualTo("1.2 s");
        assertThat(Ticks.format(98_000, Ticks.Unit.PER_SECOND)).isEqualTo("98k/s");
        assertThat(Ticks.format(6, Ticks.Unit.PER_SECOND)).isEqualTo("6/s");
        assertThat(Ticks.format(1536, Ticks.Unit.BYTES_PER_SECOND)).isEqualTo("1.5 KiB/s");
    }

    @Test
    void numbersKeepThreeFiguresWithoutTrailingZeros() {
        assertThat(new String[] {Ticks.trim(0), Ticks.trim(0.05), Ticks.trim(0.5), Ticks.trim(1.25),
            Ticks.trim(1.999), Ticks.trim(12.5), Ticks.trim(99.96), Ticks.trim(250.4), Ticks.trim(1024)})
                .containsExactly("0", "0.05", "0.5", "1.25", "2", "12.5", "100", "250", "1024");
    }

    @Test
    void theTimeAxisCountsBackFromNow() {
        assertThat(ChartSpan.ONE_MINUTE.tickLabel(0)).isEqualTo("now");
        assertThat(ChartSpan.ONE_MINUTE.tickLabel(30)).isEqualTo("\u221230 s");
        assertThat(ChartSpan.FIFTEEN_MINUTES.tickLabel(180)).isEqualTo("\u22123 min");
        assertThat(ChartSpan.ofMinutes(7, ChartSpan.FIVE_MINUTES)).isEqualTo(ChartSpan.FIVE_MINUTES);
    }
}
