package dev.tincan.ui;

import java.awt.event.KeyEvent;
import javax.swing.ButtonGroup;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.event.MenuEvent;
import javax.swing.event.MenuListener;

/**
 * Builds the menu bar: File, Tab, Connection, Send, Server, View and Help, with mnemonics and accelerators. The
 * Server menu's first line shows the built-in server's state, read each time the menu
 * opens. Confined to the EDT.
 */
final class MenuBar {
    private MenuBar() {
    }

    static JMenuBar build(MainWindow w, WindowActions a) {
        JMenuBar bar = new JMenuBar();
        bar.add(fileMenu(a));
        bar.add(tabMenu(a));
        bar.add(ConnectionMenu.build(w));
        bar.add(sendMenu(a));
        bar.add(serverMenu(w, a));
        bar.add(viewMenu(w, a));
        bar.add(helpMenu(a));
        return bar;
    }

    private static JMenu menu(String name, int mnemonic) {
        JMenu m = new JMenu(name);
        m.setMnemonic(mnemonic);
        return m;
    }

    private static JMenu fileMenu(WindowActions a) {
        JMenu m = menu("File", KeyEvent.VK_F);
        m.add(a.connect);
        m.add(a.disconnect);
        m.addSeparator();
        m.add(a.newListeningTab);
        m.addSeparator();
        m.add(a.record);
        m.add(a.stopRecording);
        m.add(a.openRecording);
        m.addSeparator();
        m.add(a.saveText);
        m.add(a.saveJsonLines);
        m.addSeparator();
        m.add(a.quit);
        return m;
    }

    private static JMenu tabMenu(WindowActions a) {
        JMenu m = menu("Tab", KeyEvent.VK_A);
        m.add(a.newTab);
        m.add(a.duplicateTab);
        m.add(a.renameTab);
        m.add(a.closeTab);
        m.addSeparator();
        m.add(a.nextTab);
        m.add(a.previousTab);
        m.add(a.moveTabRight);
        m.add(a.moveTabLeft);
        return m;
    }

    private static JMenu sendMenu(WindowActions a) {
        JMenu m = menu("Send", KeyEvent.VK_E);
        m.add(a.saveToLibrary);
        m.addSeparator();
        m.add(a.repeat);
        m.add(a.sendFile);
        m.addSeparator();
        m.add(a.rules);
        return m;
    }

    private static JMenu serverMenu(MainWindow w, WindowActions a) {
        JMenu m = menu("Server", KeyEvent.VK_S);
        JMenuItem state = new JMenuItem();
        state.setName("serverMenuState");
        state.setEnabled(false);
        state.putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
        m.add(state);
        m.addSeparator();
        m.add(a.startEchoServer);
        m.add(a.startServer);
        m.add(a.stopServer);
        m.addMenuListener(new MenuListener() {
            @Override
            public void menuSelected(MenuEvent e) {
                state.setText(capitalized(w.serverState()));
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
        state.setText(capitalized(w.serverState()));
        return m;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static JMenu viewMenu(MainWindow w, WindowActions a) {
        JMenu m = menu("View", KeyEvent.VK_V);
        ButtonGroup themes = new ButtonGroup();
        int[] themeKeys = {KeyEvent.VK_L, KeyEvent.VK_D, KeyEvent.VK_S};
        for (Theme t : Theme.values()) {
            JRadioButtonMenuItem item = new JRadioButtonMenuItem(t.label() + " theme");
            item.setMnemonic(themeKeys[t.ordinal()]);
            item.setSelected(t == w.theme());
            item.addActionListener(e -> w.setTheme(t));
            themes.add(item);
            m.add(item);
        }
        m.addSeparator();
        ButtonGroup preview = new ButtonGroup();
        JRadioButtonMenuItem text = new JRadioButtonMenuItem("Preview as text");
        text.setMnemonic(KeyEvent.VK_T);
        JRadioButtonMenuItem hex = new JRadioButtonMenuItem("Preview as hex");
        hex.setMnemonic(KeyEvent.VK_H);
        preview.add(text);
        preview.add(hex);
        (w.isHexPreview() ? hex : text).setSelected(true);
        text.addActionListener(e -> w.setHexPreview(false));
        hex.addActionListener(e -> w.setHexPreview(true));
        m.add(text);
        m.add(hex);
        m.addSeparator();
        ButtonGroup enter = new ButtonGroup();
        JRadioButtonMenuItem enterSends = new JRadioButtonMenuItem("Enter sends, Shift+Enter starts a new line");
        enterSends.setMnemonic(KeyEvent.VK_E);
        JRadioButtonMenuItem shiftEnterSends = new JRadioButtonMenuItem("Shift+Enter sends, Enter starts a new line");
        shiftEnterSends.setMnemonic(KeyEvent.VK_N);
        enter.add(enterSends);
        enter.add(shiftEnterSends);
        (w.isEnterSends() ? enterSends : shiftEnterSends).setSelected(true);
        enterSends.addActionListener(e -> w.setEnterSends(true));
        shiftEnterSends.addActionListener(e -> w.setEnterSends(false));
        m.add(enterSends);
        m.add(shiftEnterSends);
        m.addSeparator();
        m.add(new JCheckBoxMenuItem(a.library));
        m.add(new JCheckBoxMenuItem(a.charts));
        m.addSeparator();
        m.add(a.find);
        m.add(a.followNewest);
        m.add(a.clearTranscript);
        m.add(a.rowsToKeep);
        return m;
    }

    private static JMenu helpMenu(WindowActions a) {
        JMenu m = menu("Help", KeyEvent.VK_H);
        m.add(a.shortcuts);
        m.add(a.about);
        return m;
    }
}
