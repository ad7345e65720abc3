package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Component;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.swing.JFrame;
import javax.swing.JList;
import javax.swing.JPopupMenu;
import javax.swing.JSplitPane;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real window at its minimum size, 720×480: every control whole and inside the window,
 * ten transcript rows, a notice that gets room, a framing list that opens wide enough for
 * its descriptions. Needs a display; without one it is reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowLayoutTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private WindowHandle window;

    @BeforeEach
    void openWindow() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "len32le");
        onEdt(() -> {
            JFrame frame = window.window().frame();
            frame.setSize(frame.getMinimumSize());
            frame.validate();
            return null;
        });
    }

    @AfterEach
    void closeWindow() throws Exception {
        Edt.closeAndAwait(window, WAIT);
    }

    @Test
    void atTheMinimumSizeEveryControlIsWholeAndTheTranscriptShowsTenRows() throws Exception {
        onEdt(() -> {
            MainWindow w = window.window();
            JFrame frame = w.frame();
            assertThat(frame.getSize()).isEqualTo(new Dimension(720, 480));
            for (String name : new String[] {"host", "port", "framing", "connect", "disconnect", "composer", "send",
                    "trafficIn", "trafficOut"}) {
                assertInside(frame, WindowKeyboardTest.find(frame, name), name);
            }
            assertInside(frame, w.indicator(), "the activity indicator");
            ConnectionBarTest.assertNoneOverlap(frame, ConnectionBarTest.essentials(w.bar()));
            int rows = w.transcriptView().scrollPane().getViewport().getExtentSize().height
                    / w.transcriptView().table().getRowHeight();
            assertThat(rows).as("transcript rows in view").isGreaterThanOrEqualTo(TranscriptView.MIN_VISIBLE_ROWS);
            return null;
        });
    }

    @Test
    void theDetailPaneGetsItsShareBackWhenTheWindowGrowsAgain() throws Exception {
        for (Dimension size : new Dimension[] {new Dimension(1100, 720), new Dimension(720, 480),
                new Dimension(1000, 800)}) {
            onEdt(() -> {
                window.window().frame().setSize(size);
                window.window().frame().validate();
                return null;
            });
            // The split hears of its new size through an event on the queue: let it run.
            onEdt(() -> null);
            onEdt(() -> {
                MainWindow w = window.window();
                JSplitPane split = (JSplitPane) SwingUtilities.getAncestorOfClass(JSplitPane.class, w.detail());
                int room = split.getHeight() - split.getDividerSize();
                int rows = w.transcriptView().scrollPane().getViewport().getExtentSize().height
                        / w.transcriptView().table().getRowHeight();
                assertThat(rows).as("transcript rows at %s", size).isGreaterThanOrEqualTo(
                        TranscriptView.MIN_VISIBLE_ROWS);
                if (room * (1 - MainWindow.TRANSCRIPT_SHARE) > 100
                        && room * MainWindow.TRANSCRIPT_SHARE > w.transcriptView().getMinimumSize().height) {
                    assertThat(split.getDividerLocation()).as("the divider at %s", size)
                            .isCloseTo((int) Math.round(room * MainWindow.TRANSCRIPT_SHARE), within(2));
                }
                return null;
            });
        }
    }

    private static void assertInside(JFrame frame, Component c, String what) {
        assertThat(c).as(what).isNotNull();
        assertThat(c.isShowing()).as("%s is showing", what).isTrue();
        Rectangle r = SwingUtilities.convertRectangle(c.getParent(), c.getBounds(), frame.getContentPane());
        Rectangle pane = new Rectangle(frame.getContentPane().getSize());
        assertThat(pane.contains(r)).as("%s at %s lies inside the window's %s", what, r, pane).isTrue();
        if (!(c instanceof javax.swing.text.JTextComponent)) {
            assertThat(r.width).as("%s keeps its width", what).isGreaterThanOrEqualTo(c.getPreferredSize().width);
        }
    }

    @Test
    void aNoticeGetsRoomFromTheLessImportantFigures() throws Exception {
        String sentence = "saved 120 rows to /home/someone/transcripts/tincan-2025-01-01.txt.";
        onEdt(() -> {
            StatusBar bar = window.window().statusBar();
            int before = bar.shownFigures().size();
            int withEveryFigure = bar.getWidth() - bar.getInsets().left - bar.getInsets().right;
            for (Component figure : bar.shownFigures()) {
                withEveryFigure -= figure.getPreferredSize().width + 10;
            }
            bar.showNotice(sentence, false);
            window.window().frame().validate();

            ClippedLabel notice = bar.noticeLabel();
            assertThat(notice.getWidth()).as("the notice's room, beside %d px with every figure", withEveryFigure)
                    .isGreaterThan(Math.max(0, withEveryFigure) + 100);
            assertThat(bar.shownFigures()).as("figures left").hasSizeLessThan(before)
                    .extracting(Component::getName).contains("trafficIn", "trafficOut");
            assertThat(notice.isCut() ? notice.getToolTipText(ConnectionBarTest.hover(notice)) : sentence)
                    .isEqualTo(sentence);
            return null;
        });
    }

    @Test
    void aFreshFailureIsReadWholeEvenWhereTheTrafficFiguresMustGiveWay() throws Exception {
        String sentence = "message 'binary' is saved for len32 framing and this tab frames as line: change "
                + "one of them.";
        onEdt(() -> {
            StatusBar bar = window.window().statusBar();
            bar.showNotice(sentence, true);
            window.window().frame().validate();
            ClippedLabel notice = bar.noticeLabel();
            assertThat(notice.isCut()).as("the failure at %d px of a %d px line", notice.getWidth(), bar.getWidth())
                    .isFalse();
            return null;
        });
    }

    @Test
    void theLibraryInTheNarrowestWindowSaysWhatMakesRoomForItInFull() throws Exception {
        onEdt(() -> {
            MainWindow w = window.window();
            w.showLibrary(true);
            w.frame().validate();
            StatusBar bar = w.statusBar();
            assertThat(bar.noticeText()).isEqualTo("the window is too narrow for the library: make it wider and the "
                    + "library opens at the left.");
            assertThat(bar.noticeLabel().isCut()).as("the sentence is read whole").isFalse();
            w.showLibrary(false);
            return null;
        });
    }

    @Test
    void theFramingListOpensWideEnoughForItsDescriptions() throws Exception {
        onEdt(() -> {
            FramingBox box = (FramingBox) WindowKeyboardTest.find(window.window().frame(), "framing");
            box.showPopup();
            return null;
        });
        // The popup's own window is realised by the window system, a moment after the call.
        Edt.awaitOnEdt("the framing list's popup showing", WAIT, () -> {
            FramingBox box = (FramingBox) WindowKeyboardTest.find(window.window().frame(), "framing");
            return ((JPopupMenu) box.getUI().getAccessibleChild(box, 0)).isShowing();
        });
        onEdt(() -> {
            FramingBox box = (FramingBox) WindowKeyboardTest.find(window.window().frame(), "framing");
            JPopupMenu popup = (JPopupMenu) box.getUI().getAccessibleChild(box, 0);
            JList<?> list = findList(popup);
            int widest = 0;
            for (int i = 0; i < list.getModel().getSize(); i++) {
                widest = Math.max(widest, rowWidth(list, i));
            }
            assertThat(list.getVisibleRect().width).as("the list's width beside its widest row (box %d wide)",
                    box.getWidth()).isGreaterThanOrEqualTo(widest);
            assertThat(box.getWidth()).as("the box itself stays narrow").isLessThan(widest);
            box.hidePopup();
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private static int rowWidth(JList<?> list, int i) {
        JList<Object> l = (JList<Object>) list;
        return l.getCellRenderer().getListCellRendererComponent(l, l.getModel().getElementAt(i), i, false, false)
                .getPreferredSize().width;
    }

    private static JList<?> findList(Component root) {
        if (root instanceof JList<?> l) {
            return l;
        }
        if (root instanceof java.awt.Container c) {
            for (Component child : c.getComponents()) {
                JList<?> found = findList(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
