package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

/** Where the window opens, on screens of several sizes, without a display. */
class ScreenFitTest {
    private static final Dimension LEAST = new Dimension(720, 480);
    private static final Dimension FIRST = new Dimension(1100, 720);

    @Test
    void onAScreenNarrowerThanTheFirstSizeTheWindowOpensWithinIt() {
        // 1000 px wide with a 32 px panel at the top: the right edge, Disconnect, stays on screen.
        Rectangle usable = new Rectangle(0, 32, 1000, 736);

        Rectangle r = ScreenFit.centred(FIRST, usable, LEAST);

        assertThat(usable.contains(r)).as("%s inside %s", r, usable).isTrue();
        assertThat(r).isEqualTo(new Rectangle(0, 40, 1000, 720));
    }

    @Test
    void onALargeScreenTheWindowOpensAtItsFirstSizeInTheMiddle() {
        Rectangle r = ScreenFit.centred(FIRST, new Rectangle(0, 0, 1920, 1080), LEAST);

        assertThat(r).isEqualTo(new Rectangle(410, 180, 1100, 720));
    }

    @Test
    void boundsSavedOnALargerMonitorAreCutAndMovedOntoTheLaptop() {
        Rectangle usable = new Rectangle(0, 0, 1366, 740);

        Rectangle r = ScreenFit.fitted(new Rectangle(300, 200, 1800, 1000), usable, LEAST);

        assertThat(r).isEqualTo(new Rectangle(0, 0, 1366, 740));
        assertThat(ScreenFit.fitted(new Rectangle(900, 500, 800, 600), usable, LEAST))
                .as("kept whole, moved back from the edge").isEqualTo(new Rectangle(566, 140, 800, 600));
        assertThat(ScreenFit.fitted(new Rectangle(40, 30, 800, 600), usable, LEAST))
                .as("where the person left it").isEqualTo(new Rectangle(40, 30, 800, 600));
    }

    @Test
    void aScreenSmallerThanTheMinimumGetsTheWindowAtItsMinimumAtTheTopLeft() {
        Rectangle usable = new Rectangle(0, 24, 683, 744);

        Rectangle r = ScreenFit.centred(FIRST, usable, LEAST);

        assertThat(r).isEqualTo(new Rectangle(0, 24 + (744 - 720) / 2, 720, 720));
        assertThat(ScreenFit.fitted(new Rectangle(100, 100, 700, 400), usable, LEAST).getSize()).isEqualTo(LEAST);
    }
}
