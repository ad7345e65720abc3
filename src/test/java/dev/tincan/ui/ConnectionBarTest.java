package dev.tincan.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.session.ConnectionStatus;
import java.awt.Component;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import java.util.List;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** The connection bar laid out at the window's narrowest and at a usual width, without a window. */
class ConnectionBarTest {
    private static Action action(String name) {
        return new AbstractAction(name) {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                // nothing: only the layout is under test
            }
        };
    }

    private static ConnectionBar bar(int width) {
        ConnectionBar bar = new ConnectionBar("localhost", 50007, "len32le", action("Connect"), action("Disconnect"),
                action("Start echo server and connect"), new ActivityIndicator(new ActivityModel()));
        bar.setSize(width, bar.getPreferredSize().height);
        TranscriptViewTest.layOut(bar);
        return bar;
    }

    /** The parts that must never be cut: the Host label, the fields, both buttons, the indicator. */
    static List<Component> essentials(ConnectionBar bar) {
        return List.of(label(bar, "Host"), bar.hostField(), WindowKeyboardTest.find(bar, "port"),
                WindowKeyboardTest.find(bar, "framing"), WindowKeyboardTest.find(bar, "connect"),
                WindowKeyboardTest.find(bar, "disconnect"), indicator(bar));
    }

    private static Component label(Component root, String text) {
        if (root instanceof JLabel l && text.equals(l.getText())) {
            return l;
        }
        if (root instanceof java.awt.Container c) {
            for (Component child : c.getComponents()) {
                Component found = label(child, text);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Component indicator(Component root) {
        if (root instanceof ActivityIndicator) {
            return root;
        }
        if (root instanceof java.awt.Container c) {
            for (Component child : c.getComponents()) {
                Component found = indicator(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void assertWhole(ConnectionBar bar, Component c) {
        Rectangle r = SwingUtilities.convertRectangle(c.getParent(), c.getBounds(), bar);
        assertThat(r.x).as("%s starts inside the bar", c.getName()).isGreaterThanOrEqualTo(0);
        assertThat(r.x + r.width).as("%s ends inside the bar", c.getName()).isLessThanOrEqualTo(bar.getWidth());
        assertThat(r.height).as("%s has its height", c.getName()).isEqualTo(c.getPreferredSize().height);
        int least = c == bar.hostField() ? c.getMinimumSize().width : c.getPreferredSize().width;
        assertThat(r.width).as("%s is not squeezed", c.getName()).isGreaterThanOrEqualTo(least);
    }

    @Test
    void atTheNarrowestWindowTheButtonsEndTheStatusLineAndNothingIsCut() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            ConnectionBar narrow = bar(690);
            ConnectionBar wide = bar(1150);

            assertThat(narrow.buttonsBesideFields()).isFalse();
            assertThat(wide.buttonsBesideFields()).isTrue();
            for (ConnectionBar bar : List.of(narrow, wide)) {
                for (Component c : essentials(bar)) {
                    assertWhole(bar, c);
                }
                assertNoneOverlap(bar, essentials(bar));
            }
            assertThat(narrow.getPreferredSize().height).as("the bar keeps its height")
                    .isEqualTo(wide.getPreferredSize().height);
        });
    }

    /** No two of {@code parts} share a pixel. */
    static void assertNoneOverlap(Component root, List<Component> parts) {
        for (int i = 0; i < parts.size(); i++) {
            for (int j = i + 1; j < parts.size(); j++) {
                Component a = parts.get(i);
                Component b = parts.get(j);
                Rectangle ra = SwingUtilities.convertRectangle(a.getParent(), a.getBounds(), root);
                Rectangle rb = SwingUtilities.convertRectangle(b.getParent(), b.getBounds(), root);
                assertThat(ra.intersects(rb)).as("%s at %s overlaps %s at %s", a.getName(), ra, b.getName(), rb)
                        .isFalse();
            }
        }
    }

    @Test
    void aCutSentenceShowsInFullOnHover() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            ConnectionBar bar = bar(690);
            String sentence = "connect to localhost:50007 failed: connection refused — start a server there, or press"
                    + " 'Start echo server and connect'.";
            bar.showStatus(new ConnectionStatus(ConnectionStatus.Phase.IDLE, sentence, true, null, false), true);
            TranscriptViewTest.layOut(bar);

            ClippedLabel status = bar.statusLabel();
            assertThat(status.isCut()).isTrue();
            assertThat(status.getToolTipText(hover(status))).isEqualTo(sentence);
            ClippedLabel hint = (ClippedLabel) WindowKeyboardTest.find(bar, "framingHint");
            assertThat(hint.isCut()).isTrue();
            assertThat(hint.getToolTipText(hover(hint))).isEqualTo(hint.getText());

            bar.showStatus(ConnectionStatus.idle("not connected"), true);
            TranscriptViewTest.layOut(bar);
            assertThat(status.getToolTipText(hover(status))).as("no tooltip when nothing is cut").isNull();
        });
    }

    static MouseEvent hover(Component c) {
        return new MouseEvent(c, MouseEvent.MOUSE_MOVED, 0, 0, 2, 2, 0, false);
    }

    @Test
    void aSentenceAboutTheFieldsGivesWayToTheStatusWhenAFieldIsEdited() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            ConnectionBar bar = bar(1000);
            bar.showStatus(ConnectionStatus.idle("not connected"), true);
            bar.showSentence("port \"5x\" is not a number: use 1 to 65535, e.g. 50007.", true);
            assertThat(bar.statusText()).startsWith("port \"5x\"");

            bar.portField().setText("50007");
            assertThat(bar.statusText()).isEqualTo("not connected");
        });
    }

    @Test
    void aTargetThatIsNotAPortIsRefusedWithTheBarSayingWhy() throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            ConnectionBar bar = bar(1000);
            assertThat(bar.target()).isEqualTo(new ConnectionBar.Target(50007, dev.tincan.codec.Framing.parse(
                    "len32le")));

            bar.portField().setText("5x");
            assertThat(bar.target()).isNull();
            assertThat(bar.statusText()).isEqualTo("port \"5x\" is not a number: use 1 to 65535, e.g. 50007.");
        });
    }
}
