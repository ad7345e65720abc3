package dev.tincan.ui;

import dev.tincan.session.Pairing;
import dev.tincan.session.Session;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import javax.swing.Action;
import javax.swing.ButtonGroup;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JMenu;
import javax.swing.JOptionPane;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.KeyStroke;
import javax.swing.event.MenuEvent;
import javax.swing.event.MenuListener;

/**
 * The Connection menu: how the next connection reads (continuously, or one frame when
 * asked), what a frame over the max length does, and the rule that pairs replies with
 * sends for their round-trip times, each for the tab in front: the items show its settings
 * each time the menu opens. Confined to the EDT.
 */
final class ConnectionMenu {
    private ConnectionMenu() {
    }

    /** The menu, acting on the session of {@code w}'s tab in front. */
    static JMenu build(MainWindow w) {
        JMenu m = new JMenu("Connection");
        m.setMnemonic(KeyEvent.VK_I);
        m.add(w.actions().connectionSettings);
        m.add(w.actions().certificate);
        m.addSeparator();

        JCheckBoxMenuItem pull = new JCheckBoxMenuItem("Read only when asked");
        pull.setToolTipText("From the next connection on, read a frame only on 'Receive one frame'; the rest waits "
                + "on the server's side");
        pull.addActionListener(e -> {
            if (w.currentTab() != null) {
                w.session().setReadOnlyWhenAsked(pull.isSelected());
            }
        });
        m.add(pull);
        Action receive = WindowActions.action("Receive one frame", KeyEvent.VK_R,
                KeyStroke.getKeyStroke(KeyEvent.VK_R, InputEvent.CTRL_DOWN_MASK),
                "Read one frame from a connection made with 'Read only when asked'", w::receiveOne);
        m.add(receive);
        m.addSeparator();

        JCheckBoxMenuItem skip = new JCheckBoxMenuItem("Skip frames that are too long");
        skip.setToolTipText("From the next connection on, skip a frame over the max frame length, note it in the "
                + "transcript and stay connected, instead of closing");
        skip.addActionListener(e -> {
            if (w.currentTab() != null) {
                w.session().setSkipTooLong(skip.isSelected());
            }
        });
        m.add(skip);
        m.addSeparator();

        JMenu pairing = new JMenu("Pair replies with sends by");
        ButtonGroup rules = new ButtonGroup();
        JRadioButtonMenuItem next = new JRadioButtonMenuItem("The next frame after a send");
        JRadioButtonMenuItem echo = new JRadioButtonMenuItem("The same bytes back (echo)");
        JRadioButtonMenuItem match = new JRadioButtonMenuItem("A shared pattern…");
        for (JRadioButtonMenuItem item : new JRadioButtonMenuItem[] {next, echo, match}) {
            rules.add(item);
            pairing.add(item);
        }
        next.addActionListener(e -> w.setPairing(Pairing.NEXT));
        echo.addActionListener(e -> w.setPairing(Pairing.ECHO));
        match.addActionListener(e -> {
            if (!askPattern(w) && w.currentTab() != null) {
                select(w.session().pairing(), next, echo, match);
            }
        });
        Runnable show = () -> {
            // Without a session tab in front (a listening tab with no client picked) there is nothing to set.
            boolean some = w.currentTab() != null;
            for (java.awt.Component c : new java.awt.Component[] {pull, skip, pairing}) {
                c.setEnabled(some);
            }
            receive.setEnabled(some);
            if (!some) {
                return;
            }
            Session session = w.session();
            pull.setSelected(session.readOnlyWhenAsked());
            skip.setSelected(session.skipTooLong());
            select(session.pairing(), next, echo, match);
        };
        show.run();
        m.addMenuListener(new MenuListener() {
            @Override
            public void menuSelected(MenuEvent e) {
                show.run();
            }

            @Override
            public void menuDeselected(MenuEvent e) {
                // nothing to do
            }

            @Override
            public void menuCanceled(MenuEvent e) {
                // nothing to do
            }
        });
        m.add(pairing);
        return m;
    }

    private static void select(Pairing rule, JRadioButtonMenuItem next, JRadioButtonMenuItem echo,
            JRadioButtonMenuItem match) {
        (rule instanceof Pairing.NextFrame ? next : rule instanceof Pairing.SameBytes ? echo : match).setSelected(true);
    }

    /** Asks for a pattern; returns whether a rule was set. */
    private static boolean askPattern(MainWindow w) {
        if (w.currentTab() == null) {
            return false;
        }
        Pairing current = w.session().pairing();
        String shown = current instanceof Pairing.Correlation c ? c.pattern().pattern() : "id=(\\d+)";
        Object answer = JOptionPane.showInputDialog(w.frame(), "A pattern with one capture group, found in a request "
                + "and in its reply (for example id=(\\d+)):", "Pair replies by a pattern", JOptionPane.PLAIN_MESSAGE,
                null, null, shown);
        if (answer == null) {
            return false;
        }
        try {
            w.setPairing(Pairing.parse("match:" + answer));
            return true;
        } catch (IllegalArgumentException e) {
            w.notice(e.getMessage(), true);
            return false;
        }
    }
}
