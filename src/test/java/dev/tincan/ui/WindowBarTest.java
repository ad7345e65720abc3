package dev.tincan.ui;

import static dev.tincan.ui.Edt.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import com.formdev.flatlaf.FlatClientProperties;
import com.formdev.flatlaf.util.UIScale;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.Insets;
import java.awt.Rectangle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection bar in the real window, from the window's minimum size up, on a TCP tab and
 * on a UDP tab: every control the person needs to reach (the gear, Connect, Disconnect, host,
 * port, framing, and the udp mark) shown whole inside the bar's visible bounds, none on top of
 * another, the host field giving way before the buttons leave the first row but never
 * narrower in a wider window, and the framing hint either readable or hidden with its words
 * on the framing box's tooltip. Needs a display;
 * without one it is reported as skipped, with the reason.
 */
@ExtendWith(NeedsDisplay.class)
class WindowBarTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ConnectionSettings UDP = ConnectionSettings.DEFAULTS.withUdp(true);
    private static final String[] CONTROLS = {"connectionSettings", "connect", "disconnect", "host", "port",
        "framing"};

    private WindowHandle window;

    @BeforeEach
    void openWindow() throws Exception {
        window = WindowHandle.open("127.0.0.1", 50007, "line");
    }

    @AfterEach
    void closeWindow() throws Exception {
        Edt.closeAndAwait(window, WAIT);
    }

    @Test
    void atTheMinimumSizeEveryControlOfTheBarIsWholeAndInView() throws Exception {
        onEdt(() -> {
            JFrame frame = atMinimum();
            assertThat(frame.getSize()).isEqualTo(new Dimension(720, 480));
            assertControlsWhole(bar(), false, "a TCP tab at the minimum size");
            assertHintReadableOrSaid(bar(), "a TCP tab at the minimum size");
            return null;
        });
    }

    @Test
    void onAUdpTabAtTheMinimumSizeTheMarkAndEveryControlIsWholeAndInView() throws Exception {
        onEdt(() -> {
            window.window().currentTab().setConnection(UDP);
            atMinimum();
            assertThat(bar().udpMarkText()).isEqualTo("udp");
            assertControlsWhole(bar(), true, "a UDP tab at the minimum size");
            assertHintReadableOrSaid(bar(), "a UDP tab at the minimum size");
            return null;
        });
    }

    @Test
    void atAThousandPixelsTheButtonsStayBesideTheFieldsOnATcpTabAndOnAUdpTab() throws Exception {
        for (ConnectionSettings settings : List.of(ConnectionSettings.DEFAULTS, UDP)) {
            onEdt(() -> {
                window.window().currentTab().setConnection(settings);
                sized(1000);
                String where = (settings.udp() ? "a UDP" : "a TCP") + " tab 1000 px wide";
                assertThat(bar().buttonsBesideFields()).as("%s: the buttons beside the fields", where).isTrue();
                assertControlsWhole(bar(), settings.udp(), where);
                assertHintReadableOrSaid(bar(), where);
                return null;
            });
        }
    }

    @Test
    void fromTheMinimumUpNothingIsCutAndTheHostFieldGivesWayBeforeTheButtonsMove() throws Exception {
        for (ConnectionSettings settings : List.of(ConnectionSettings.DEFAULTS, UDP)) {
            onEdt(() -> {
                window.window().currentTab().setConnection(settings);
                boolean beside = false;
                int host = 0;
                for (int width = 720; width <= 1400; width += 10) {
                    sized(width);
                    ConnectionBar bar = bar();
                    String where = (settings.udp() ? "a UDP" : "a TCP") + " tab " + width + " px wide";
                    assertControlsWhole(bar, settings.udp(), where);
                    assertHintReadableOrSaid(bar, where);
                    if (bar.buttonsBesideFields() == beside) {
                        assertThat(bar.hostField().getWidth()).as("%s: the host field, %d px 10 px narrower", where,
                                host).isGreaterThanOrEqualTo(host);
                    }
                    beside = bar.buttonsBesideFields();
                    host = bar.hostField().getWidth();
                    if (!bar.buttonsBesideFields()) {
                        Component fields = bar.hostField().getParent();
                        Component buttons = WindowKeyboardTest.find(bar, "connect").getParent();
                        int room = bar.getWidth() - bar.getInsets().left - bar.getInsets().right;
                        assertThat(fields.getMinimumSize().width + UIScale.scale(ConnectionBar.GAP)
                                + buttons.getPreferredSize().width)
                                .as("%s: the buttons left the first row, so even the narrowest host field "
                                        + "leaves them no room in %d px", where, room)
                                .isGreaterThan(room);
                    }
                }
                return null;
            });
        }
    }

    @Test
    void aFramingHintWithNoRoomIsSaidByTheFramingBoxInstead() throws Exception {
        onEdt(() -> {
            sized(1000);
            assertThat(bar().framingBox().hint().isVisible()).as("no room for the hint at 1000 px").isFalse();
            window.window().currentTab().bar().framingBox().setSelectedItem("len32le");
            window.window().frame().validate();
            FramingBox box = bar().framingBox();
            assertHintReadableOrSaid(bar(), "len32le at 1000 px");
            box.setSelectedItem("delim:zz");
            window.window().frame().validate();
            assertThat(box.getClientProperty(FlatClientProperties.OUTLINE)).as("a wrong spec outlined")
                    .isEqualTo(FlatClientProperties.OUTLINE_ERROR);
            assertHintReadableOrSaid(bar(), "a wrong spec at 1000 px");

            sized(1400);
            assertThat(box.hint().isVisible()).as("the hint back at 1400 px").isTrue();
            assertThat(box.getToolTipText()).isEqualTo(FramingBox.TOOL_TIP);
            return null;
        });
    }

    /**
     * The framing hint is either shown at a readable width ({@link ConnectionBar#MIN_HINT_WIDTH},
     * or all of it when shorter), or hidden with its words at the start of the framing box's
     * tooltip (on a UDP tab the box's tooltip says why framing does not apply, and the mark's
     * says the tab speaks UDP).
     */
    private static void assertHintReadableOrSaid(ConnectionBar bar, String where) {
        ClippedLabel hint = bar.framingBox().hint();
        if (hint.isShowing()) {
            int readable = Math.min(hint.getPreferredSize().width, UIScale.scale(ConnectionBar.MIN_HINT_WIDTH));
            assertThat(hint.getWidth()).as("%s: the framing hint \"%s\" is readable", where, hint.getText())
                    .isGreaterThanOrEqualTo(readable);
        } else {
            // The pointer rests on the box's editor, which has a tooltip of its own.
            JComponent editor = (JComponent) bar.framingBox().getEditor().getEditorComponent();
            for (JComponent c : List.of(bar.framingBox(), editor)) {
                if (bar.udpMarkText().isEmpty()) {
                    assertThat(c.getToolTipText()).as("%s: the hidden hint said on the box", where)
                            .startsWith(hint.getText() + "\n");
                } else {
                    assertThat(c.getToolTipText()).isEqualTo(ConnectionBar.UDP_FRAMING_WHY);
                }
            }
        }
    }

    private JFrame sized(int width) {
        return laidOutAt(width, 600);
    }

    private JFrame atMinimum() {
        Dimension least = window.window().frame().getMinimumSize();
        return laidOutAt(least.width, least.height);
    }

    /**
     * Sizes the window to {@code width} x {@code height} and lays it out at that size, in the
     * calling EDT task. On X11 the toolkit thread sets the frame to each size the display
     * confirms, when the confirmation arrives: under load, one for a size asked a few steps
     * earlier can land between {@code setSize} and {@code validate}, and the bar is then laid
     * out for a window 10 to 30 px narrower than asked. The window is sized again until its
     * root pane was laid out at the size asked; the bar's bounds, which only the EDT sets,
     * then stay those of that layout whatever the display confirms afterwards.
     */
    private JFrame laidOutAt(int width, int height) {
        JFrame frame = window.window().frame();
        for (int tries = 1;; tries++) {
            frame.setSize(width, height);
            // The toolkit thread may have set the size asked already, without a layout since.
            frame.invalidate();
            frame.validate();
            Insets in = frame.getInsets();
            Dimension root = frame.getRootPane().getSize();
            if (root.width == width - in.left - in.right && root.height == height - in.top - in.bottom) {
                return frame;
            }
            assertThat(tries).as("the window laid out at %d x %d px, not %d x %d, after %d tries", root.width,
                    root.height, width, height, tries).isLessThan(10);
        }
    }

    private ConnectionBar bar() {
        return window.window().currentTab().bar();
    }

    /**
     * Every control of {@code bar} showing, at its own width (the host field at least at its
     * minimum), wholly inside the bar's visible bounds and apart from the others.
     */
    static void assertControlsWhole(ConnectionBar bar, boolean udp, String where) {
        List<Component> controls = new ArrayList<>();
        for (String name : CONTROLS) {
            controls.add(WindowKeyboardTest.find(bar, name));
        }
        if (udp) {
            controls.add(WindowKeyboardTest.find(bar, "udpMark"));
        }
        Rectangle seen = bar.getVisibleRect();
        for (Component c : controls) {
            assertThat(c).as("%s: a control of the bar", where).isNotNull();
            assertThat(c.isShowing()).as("%s: %s is showing", where, c.getName()).isTrue();
            Rectangle r = SwingUtilities.convertRectangle(c.getParent(), c.getBounds(), bar);
            assertThat(seen.contains(r)).as("%s: %s at %s lies inside the bar's visible %s", where, c.getName(), r,
                    seen).isTrue();
            int least = c == bar.hostField() ? c.getMinimumSize().width : c.getPreferredSize().width;
            assertThat(r.width).as("%s: %s keeps its width", where, c.getName()).isGreaterThanOrEqualTo(least);
            assertThat(r.height).as("%s: %s keeps its height", where, c.getName())
                    .isGreaterThanOrEqualTo(c.getPreferredSize().height);
        }
        ConnectionBarTest.assertNoneOverlap(bar, controls);
    }
}
