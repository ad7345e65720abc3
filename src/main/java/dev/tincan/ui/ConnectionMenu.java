package dev.tincan.ui;

import dev.tincan.session.Pairing;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import javax.swing.Action;
import javax.swing.ButtonGroup;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JMenu;
import javax.swing.JOptionPane;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.KeyStroke;

/**
 * The Connection menu: how the next connection reads (continuously, or one frame when
 * asked), what a frame over the max length does, and the rule that pairs replies with
 * sends for their round-trip times. Confined to the EDT.
 */
final class ConnectionMenu {
    private ConnectionMenu() {
    }

    /** The menu, acting on {@code w}'s session. */
    static JMenu build(MainWindow w) {
        JMenu m = new JMenu("Connection");
        m.setMnemonic(KeyEvent.VK_O);
        Session session = w.session();

        JCheckBoxMenuItem pull = new JCheckBoxMenuItem("Read only when asked");
        pull.setToolTipText("From the next connection on, read a frame only on 'Receive one frame'; the rest waits "
                + "on the server's side");
        pull.setSelected(session.readOnlyWhenAsked());
        pull.addActionListener(e -> session.setReadOnlyWhenAsked(pull.isSelected()));
        m.add(pull);
        Action receive = WindowActions.action("Receive one frame", KeyEvent.VK_R,
                KeyStroke.getKeyStroke(KeyEvent.VK_R, InputEvent.CTRL_DOWN_MASK),
                "Read one frame from a connection made with 'Read only when asked'", w::receiveOne);
        m.add(receive);
        m.addSeparator();

        JCheckBoxMenuItem skip = new JCheckBoxMenuItem("Skip frames that are too long");
        skip.setToolTipText("From the next connection on, skip a frame over the max frame length, note it in the "
                + "transcript and stay connected, instead of closing");
        skip.setSelected(session.skipTooLong());
        skip.addActionListener(e -> session.setSkipTooLong(skip.isSelected()));
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
            if (!askPattern(w)) {
                select(session.pairing(), next, echo, match);
            }
        });
        select(session.pairing(), next, echo, match);
        m.add(pairing);
        return m;
    }

    private static void select(Pairing rule, JRadioButtonMenuItem next, JRadioButtonMenuItem echo,
            JRadioButtonMenuItem match) {
        (rule instanceof Pairing.NextFrame ? next : rule instanceof Pairing.SameBytes ? echo : match).setSelected(true);
    }

    /** Asks for a pattern; returns whether a rule was set. */
    private static boolean askPattern(MainWindow w) {
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
            w.statusBar().showNotice(e.getMessage(), true);
            return false;
        }
    }
}
