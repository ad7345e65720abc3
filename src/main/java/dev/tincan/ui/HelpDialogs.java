package dev.tincan.ui;

import java.awt.Component;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.Window;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import javax.swing.JOptionPane;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import javax.swing.table.DefaultTableModel;
import javax.swing.table.TableCellRenderer;
import javax.swing.table.TableColumn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Help menu's two windows: keyboard shortcuts, and about with the version. */
final class HelpDialogs {
    private static final Logger log = LoggerFactory.getLogger(HelpDialogs.class);

    /** Every key that does something, as shown in the shortcuts window. */
    static final String[][] SHORTCUTS = {
        {"Ctrl+K", "Connect"},
        {"Ctrl+Shift+K", "Disconnect, or cancel a reconnect that waits"},
        {"Ctrl+Shift+I", "Connection settings of this tab: TLS, proxy, reconnect, liveness, local address"},
        {"Enter in Host or Port", "Connect, then type the message"},
        {"Enter (Shift+Enter, see View)", "Send the message"},
        {"Shift+Enter (Enter, see View)", "Start a new line in the message"},
        {"Ctrl+Enter", "Send the message, whichever key is set to send"},
        {"Up / Down in the message", "Previous / next sent message (on the first / last line)"},
        {"Alt+O, Alt+P, Alt+R", "Go to Host, Port, Framing"},
        {"Alt+M", "Go to the message"},
        {"Alt+T / Alt+X", "Switch the message to text with escapes / to hex, converting what is typed"},
        {"Alt+Y", "Copy the selected row's text or hex dump"},
        {"Ctrl+S", "Save the message into the library"},
        {"Ctrl+Shift+S / Ctrl+Shift+J", "Save the transcript as text / JSON Lines"},
        {"Ctrl+Shift+L", "Show or hide the message library"},
        {"Ctrl+Shift+G", "Show or hide this tab's charts: round trips and throughput"},
        {"Alt+1 … Alt+9", "Send the first nine messages of the library"},
        {"Enter or double-click in the library", "Send the selected message to the tab in front"},
        {"Ctrl+Shift+R", "Repeat the message: a count, or until stopped"},
        {"Ctrl+Shift+U", "Auto-reply rules of the tab in front"},
        {"Ctrl+O, or drop a file on the message", "Send a file: one frame, a frame per line, or chunks"},
        {"Esc", "Stop the repeat or file send under way; hide the idle send strip"},
        {"Ctrl+L", "Clear the transcript"},
        {"Ctrl+End (in the transcript or the message)", "Follow the newest row again"},
        {"Ctrl+F", "Find in the transcript: text, hex or a pattern"},
        {"Enter / Shift+Enter, F3 / Shift+F3", "Next / previous match, while the find bar is open"},
        {"Alt+W, Esc", "Show only matching rows; close the find bar"},
        {"Ctrl+B / Ctrl+Shift+B", "Start / stop the built-in server"},
        {"Ctrl+T", "New tab, pointed where this one is"},
        {"Ctrl+Shift+D", "Duplicate this tab: name, target and connection options"},
        {"Ctrl+Shift+N", "New listening tab: be the server a device calls"},
        {"Delete (in a listening tab's list)", "Remove the client picked, once its connection ended"},
        {"Ctrl+Shift+P", "New relay tab: sit between clients and their server"},
        {"Enter (on a held row of a relay tab)", "Forward the held frame as it arrived"},
        {"Delete (on a held row of a relay tab)", "Drop the held frame: the other side never sees it"},
        {"F2 (on a held row of a relay tab)", "Edit the held frame before it goes on"},
        {"Ctrl+Enter (in a relay tab's editor)", "Forward the frame as edited"},
        {"Double-click a tab's title", "Rename the tab"},
        {"Ctrl+W", "Close this tab and its connection (the last tab is replaced by a fresh one)"},
        {"Ctrl+PageDown / Ctrl+PageUp", "Show the next / previous tab"},
        {"Ctrl+Shift+PageDown / Ctrl+Shift+PageUp", "Move this tab right / left (or drag its title)"},
        {"F1", "This list"},
        {"Ctrl+Q", "Quit"},
        {"Alt+F, Alt+A, Alt+I, Alt+E, Alt+S, Alt+V, Alt+H", "Open the File, Tab, Connection, Send, Server, View, "
                + "Help menu"},
    };

    private HelpDialogs() {
    }

    static void showShortcuts(Component parent) {
        JOptionPane.showMessageDialog(parent, shortcutsView(parent), "Keyboard shortcuts", JOptionPane.PLAIN_MESSAGE);
    }

    /**
     * The shortcuts table in its scroll pane: each column as wide as its widest cell, so no
     * key or sentence is cut, and no taller or wider than the screen {@code parent} is on
     * leaves room for.
     */
    static JScrollPane shortcutsView(Component parent) {
        JTable table = new JTable(new DefaultTableModel(SHORTCUTS, new String[] {"Keys", "What they do"}) {
            @Override
            public boolean isCellEditable(int row, int column) {
                return false;
            }
        });
        table.setFillsViewportHeight(true);
        table.setShowGrid(false);
        int width = 0;
        for (int col = 0; col < 2; col++) {
            int w = fitWidth(table, col);
            table.getColumnModel().getColumn(col).setPreferredWidth(w);
            width += w;
        }
        JScrollPane scroll = new JScrollPane(table);
        int rows = table.getRowHeight() * (SHORTCUTS.length + 2);
        Window owner = parent == null ? null : SwingUtilities.getWindowAncestor(parent);
        Rectangle room = owner != null ? owner.getGraphicsConfiguration().getBounds()
                : new Rectangle(Toolkit.getDefaultToolkit().getScreenSize());
        // Leave room for the dialog's title, OK button and edges, so it never hangs off the screen.
        scroll.setPreferredSize(new Dimension(Math.min(width + 24, room.width - 80),
                Math.min(rows, room.height - 200)));
        return scroll;
    }

    /** The widest cell of column {@code col}, header included, plus a little air. */
    private static int fitWidth(JTable table, int col) {
        TableColumn column = table.getColumnModel().getColumn(col);
        TableCellRenderer header = table.getTableHeader().getDefaultRenderer();
        int w = header.getTableCellRendererComponent(table, column.getHeaderValue(), false, false, -1, col)
                .getPreferredSize().width;
        for (int row = 0; row < table.getRowCount(); row++) {
            Component c = table.prepareRenderer(table.getCellRenderer(row, col), row, col);
            w = Math.max(w, c.getPreferredSize().width);
        }
        return w + 16;
    }

    static void showAbout(Component parent) {
        String text = "Tincan " + version() + "\n"
                + "A TCP client that frames messages, shows every reply and never freezes.\n\n"
                + "Java " + System.getProperty("java.version") + " · FlatLaf look and feel\n"
                + "MIT licence.";
        JOptionPane.showMessageDialog(parent, text, "About Tincan", JOptionPane.INFORMATION_MESSAGE);
    }

    /** The version from the build, or "(development)" when run from classes without it. */
    static String version() {
        try (InputStream in = HelpDialogs.class.getResourceAsStream("/dev/tincan/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            log.warn("could not read the version: {}", e.toString());
        }
        return "(development)";
    }
}
