package dev.tincan.ui;

import static dev.tincan.ui.FormRows.addRow;
import static dev.tincan.ui.FormRows.cell;
import static dev.tincan.ui.FormRows.layOut;

import dev.tincan.server.Mode;
import dev.tincan.server.ServerConfig;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.GridBagLayout;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.UIManager;

/**
 * Asks how to run the built-in server: port, framing, mode, and for the flood and ticker
 * modes how much and how often; then starts it, or starts it and connects to it in one
 * action. The dialog stays open while the server starts: a value that does not make sense,
 * or a server that does not start, is named in one sentence inside the dialog, which keeps
 * every choice so the person can change one and try again. Sentences name the fields by
 * their labels. Confined to the EDT.
 */
final class ServerDialog extends JDialog {
    /** The button that starts the server and then connects the window to it. */
    static final String START_AND_CONNECT = "Start and connect";
    /** The button that only starts the server. */
    static final String START = "Start";

    /** Starts a server for the dialog and says how it went. */
    interface Starter {
        /**
         * Starts {@code config}, then connects to it when {@code connect}; calls {@code done}
         * on the EDT with {@code null} once started, or with the sentence saying why not.
         */
        void start(ServerConfig config, boolean connect, Consumer<String> done);
    }

    private static final int TOP_PORT = 65535;
    private static final long MAX_TICK_MILLIS = Duration.ofDays(1).toMillis();

    private final JTextField port = new JTextField(6);
    private final FramingBox framing;
    private final JComboBox<Mode> mode = new JComboBox<>(Mode.values());
    private final JTextField floodCount = new JTextField(8);
    private final JTextField floodSize = new JTextField(8);
    private final JTextField tickMillis = new JTextField(8);
    /** Wraps its sentence over up to three lines, as wide as the dialog; never HTML. */
    private final JTextArea message = new JTextArea(3, 0) {
        @Override
        public Dimension getPreferredSize() {
            Dimension d = super.getPreferredSize();
            return new Dimension(0, d.height);
        }
    };
    private final JButton startAndConnect = new JButton(START_AND_CONNECT);
    private final JButton start = new JButton(START);
    private final JButton cancel = new JButton("Cancel");
    private final boolean canConnect;
    private final Starter starter;
    private boolean starting;

    /**
     * A dialog showing {@code initial}, with {@code note} (or nothing) in its message line.
     * "Start and connect" is offered only when {@code canConnect}, else it says why not.
     */
    ServerDialog(Window owner, ServerConfig initial, String note, boolean canConnect, Starter starter) {
        super(owner, "Start the built-in server", ModalityType.DOCUMENT_MODAL);
        this.canConnect = canConnect;
        this.starter = starter;
        port.setText(String.valueOf(initial.port()));
        port.setName("serverPort");
        framing = new FramingBox(initial.framing().spec());
        mode.setName("serverMode");
        mode.setSelectedItem(initial.mode());
        mode.setRenderer(new DefaultListCellRenderer() {
            {
                putClientProperty(TranscriptCellRenderer.HTML_DISABLE, Boolean.TRUE);
            }

            @Override
            public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean selected,
                    boolean focused) {
                Mode m = (Mode) value;
                String text = m == null ? "" : index >= 0 ? m.spec() + "  —  " + m.description() : m.spec();
                return super.getListCellRendererComponent(list, text, index, selected, focused);
            }
        });
        floodCount.setText(String.valueOf(initial.floodCount()));
        floodSize.setText(String.valueOf(initial.floodSize()));
        tickMillis.setText(String.valueOf(initial.tickInterval().toMillis()));
        message.setName("serverDialogMessage");
        message.setEditable(false);
        message.setFocusable(false);
        message.setOpaque(false);
        message.setLineWrap(true);
        message.setWrapStyleWord(true);
        message.setBorder(BorderFactory.createEmptyBorder());
        message.setFont(UIManager.getFont("Label.font"));

        JPanel form = new JPanel(new GridBagLayout());
        int row = 0;
        row = addRow(form, row, "Port", KeyEvent.VK_P, port, "0 picks any free port");
        row = addRow(form, row, "Framing", KeyEvent.VK_R, framing, null);
        form.add(framing.hint(), cell(1, row++, 2));
        row = addRow(form, row, "Mode", KeyEvent.VK_M, mode, null);
        row = addRow(form, row, "Flood frames", KeyEvent.VK_F, floodCount, "sent on connect in flood mode");
        row = addRow(form, row, "Flood frame size", KeyEvent.VK_S, floodSize, "bytes per flood frame");
        addRow(form, row, "Tick every", KeyEvent.VK_T, tickMillis, "ms, in ticker mode");

        startAndConnect.setName("startAndConnect");
        startAndConnect.setMnemonic(KeyEvent.VK_C);
        startAndConnect.setEnabled(canConnect);
        startAndConnect.setToolTipText(canConnect ? "Start the server, then connect the window to it"
                : "The window is connected: press Disconnect first to connect to a new server from here");
        startAndConnect.addActionListener(e -> accept(true));
        start.setName("start");
        start.addActionListener(e -> accept(false));
        cancel.addActionListener(e -> dispose());
        layOut(this, form, message, 16, startAndConnect, start, cancel);
        if (!canConnect) {
            getRootPane().setDefaultButton(start);
        }
        showMessage(note != null ? note : canConnect ? "" : "The window is connected: Start and connect needs"
                + " Disconnect first.", false);
        pack();
        setLocationRelativeTo(owner);
    }

    private void showMessage(String text, boolean failed) {
        message.setText(text);
        message.setForeground(UIManager.getColor(failed ? "Tincan.error.foreground" : "Label.disabledForeground"));
        message.setCaretPosition(0);
    }

    /** Reads the fields, then starts; the dialog closes once the server listens. */
    private void accept(boolean connect) {
        if (starting) {
            return;
        }
        ServerConfig config;
        try {
            config = read();
        } catch (IllegalArgumentException e) {
            showMessage(e.getMessage(), true);
            return;
        }
        setStarting(true);
        showMessage("starting the built-in server on port " + config.port() + "…", false);
        starter.start(config, connect && canConnect, why -> {
            setStarting(false);
            if (why == null) {
                dispose();
            } else {
                showMessage(why, true);
                port.requestFocusInWindow();
                port.selectAll();
            }
        });
    }

    private void setStarting(boolean busy) {
        starting = busy;
        startAndConnect.setEnabled(!busy && canConnect);
        start.setEnabled(!busy);
    }

    /**
     * The config the fields describe.
     *
     * @throws IllegalArgumentException with one sentence naming the field by its label
     */
    ServerConfig read() {
        int p = number(port, "Port", 0, TOP_PORT, "; 0 picks any free port");
        ServerConfig config = ServerConfig.builder().port(p).build();
        try {
            config = config.toBuilder().framing(framing.framing()).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Framing: " + e.getMessage(), e);
        }
        int count = number(floodCount, "Flood frames", 0, Integer.MAX_VALUE, "");
        int size = number(floodSize, "Flood frame size", 1, ServerConfig.MAX_FLOOD_SIZE, " bytes");
        int tick = number(tickMillis, "Tick every", 1, (int) MAX_TICK_MILLIS, " ms");
        return config.toBuilder().mode((Mode) mode.getSelectedItem()).floodCount(count).floodSize(size)
                .tickInterval(Duration.ofMillis(tick)).build();
    }

    private static int number(JTextField field, String label, int least, int most, String unit) {
        String text = field.getText().strip();
        String range = "use " + Formats.count(least) + " to " + Formats.count(most) + unit;
        if (!text.matches("[0-9]{1,10}")) {
            throw new IllegalArgumentException(label + " \"" + text + "\" is not a whole number: " + range + ".");
        }
        long n = Long.parseLong(text);
        if (n < least || n > most) {
            throw new IllegalArgumentException(label + " " + Formats.count(n) + " is out of range: " + range + ".");
        }
        return (int) n;
    }

    /** The line under the fields: a note, progress, or why the last try failed. */
    String messageText() {
        return message.getText();
    }

    JTextField portField() {
        return port;
    }

    JComboBox<Mode> modeBox() {
        return mode;
    }

    JButton startAndConnectButton() {
        return startAndConnect;
    }

    JButton startButton() {
        return start;
    }

    /**
     * Shows the dialog until the server started or the person cancelled. The window learns
     * of each start through {@code starter}.
     */
    static void ask(Window owner, ServerConfig initial, String note, boolean canConnect, Starter starter) {
        new ServerDialog(owner, initial, note, canConnect, starter).setVisible(true);
    }
}
