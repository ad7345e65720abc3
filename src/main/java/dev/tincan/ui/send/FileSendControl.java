package dev.tincan.ui.send;

import dev.tincan.session.FileSend;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.FontMetrics;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.nio.file.Path;
import java.util.Objects;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.slf4j.LoggerFactory;

/**
 * Sends a file on the host's connection: pick it (or drop it, see {@link FileDrop}), choose
 * one frame, one frame per line, or chunks of K bytes, and watch a progress bar with the
 * rate and the time left; Cancel ends it within milliseconds. Progress is read from the
 * {@link FileSend} every {@link #REFRESH_MILLIS} by a Swing timer and counts frames on the
 * wire, fed by the host's {@link SendHost#onSent} hook. A file that cannot be sent as asked
 * is refused with the host's notice before anything goes out. Used on the EDT only.
 */
public final class FileSendControl extends JPanel {
    private static final long serialVersionUID = 1L;
    /** How often the progress bar is refreshed while a file goes out. */
    public static final int REFRESH_MILLIS = 100;
    private static final String[] MODES = {"one frame", "one frame per line", "chunks of"};

    private final transient SendHost host;
    private final JButton choose = new JButton("File…");
    private final JComboBox<String> mode = new JComboBox<>(MODES);
    private final JSpinner chunk = new JSpinner(new SpinnerNumberModel(4096, 1, Integer.MAX_VALUE, 1024));
    private final JLabel bytesLabel = new JLabel("bytes");
    private final JProgressBar bar = new JProgressBar(0, 1000);
    private final JButton cancel = new JButton("Cancel");
    private final Timer refresh = new Timer(REFRESH_MILLIS, e -> showProgress());
    private transient FileSend running;
    private transient AutoCloseable hook;

    /** A control sending files on {@code host}'s connection. */
    public FileSendControl(SendHost host) {
        super(new BorderLayout(6, 0));
        this.host = Objects.requireNonNull(host, "host");
        choose.setName("file.choose");
        mode.setName("file.mode");
        chunk.setName("file.chunk");
        bar.setName("file.progress");
        cancel.setName("file.cancel");
        // Sized for a few digits, not for the largest value the model allows.
        ((JSpinner.DefaultEditor) chunk.getEditor()).getTextField().setColumns(7);
        bar.setStringPainted(true);
        JPanel settings = new JPanel(new FlowLayout(FlowLayout.LEADING, 6, 2));
        settings.add(new JLabel("Send"));
        settings.add(choose);
        settings.add(new JLabel("as"));
        settings.add(mode);
        settings.add(chunk);
        settings.add(bytesLabel);
        JPanel end = new JPanel(new FlowLayout(FlowLayout.TRAILING, 6, 2));
        end.add(cancel);
        // The bar takes the width left and keeps its height whatever its text says.
        bar.setString("100.0 MiB of 100.0 MiB, 100.0 MiB/s, 59m 59s left");
        bar.setPreferredSize(new Dimension(bar.getPreferredSize().width, bar.getPreferredSize().height));
        JPanel middle = new JPanel(new GridBagLayout());
        GridBagConstraints fill = new GridBagConstraints();
        fill.fill = GridBagConstraints.HORIZONTAL;
        fill.weightx = 1;
        middle.add(bar, fill);
        add(settings, BorderLayout.WEST);
        add(middle, BorderLayout.CENTER);
        add(end, BorderLayout.EAST);
        bar.setString("no file sent yet");
        cancel.setEnabled(false);
        mode.addActionListener(e -> showChunk());
        showChunk();
        choose.addActionListener(e -> choose());
        cancel.addActionListener(e -> cancel());
    }

    /** The mode the control is set to. */
    public FileSend.Mode mode() {
        switch (mode.getSelectedIndex()) {
            case 1:
                return FileSend.Mode.LINES;
            case 2:
                return FileSend.Mode.CHUNKS;
            default:
                return FileSend.Mode.WHOLE;
        }
    }

    /** Sets the mode, and for chunks the size. */
    public void setMode(FileSend.Mode m, int chunkSize) {
        mode.setSelectedIndex(m == FileSend.Mode.LINES ? 1 : m == FileSend.Mode.CHUNKS ? 2 : 0);
        chunk.setValue(Math.max(1, chunkSize));
    }

    /**
     * Starts sending {@code file} as the control is set, or says in the host's notice why
     * not (a send already under way, a file too large, ...).
     */
    public void send(Path file) {
        if (running != null) {
            host.notice("a file is still being sent: cancel it first, or wait.", true);
            return;
        }
        try {
            running = FileSend.of(file, mode(), (Integer) chunk.getValue(), host.maxFrameLength(), host.framing(),
                    host.outbox(), new FileSend.Listener() {
                        @Override
                        public void finished(String sentence, boolean failed) {
                            SwingUtilities.invokeLater(() -> finish(sentence, failed));
                        }
                    });
        } catch (IllegalArgumentException e) {
            host.notice(e.getMessage(), true);
            return;
        }
        hook = host.onSent(running::sent);
        choose.setEnabled(false);
        mode.setEnabled(false);
        chunk.setEnabled(false);
        cancel.setEnabled(true);
        bar.setValue(0);
        bar.setString("checking " + file.getFileName() + "…");
        refresh.start();
        running.start();
    }

    /** Cancels the send under way, if any; its finish sentence follows in the notice. */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    /** Whether a file is being sent. */
    public boolean isRunning() {
        return running != null;
    }

    /** The progress bar, for the window's layout and tests. */
    public JProgressBar progressBar() {
        return bar;
    }

    /** Asks for a file, then sends it as the control is set: the File… button, or a menu's Send file…. */
    public void choose() {
        JFileChooser chooser = new JFileChooser();
        chooser.setDialogTitle("Send a file");
        // The file goes as soon as it is chosen, so how it goes is asked beside it: these
        // share the strip's models, so what is picked here is what the strip then shows.
        JComboBox<String> askMode = new JComboBox<>(mode.getModel());
        askMode.setName("file.chooser.mode");
        JSpinner askChunk = new JSpinner(chunk.getModel());
        ((JSpinner.DefaultEditor) askChunk.getEditor()).getTextField().setColumns(7);
        JLabel askBytes = new JLabel("bytes");
        Runnable showAskChunk = () -> {
            askChunk.setVisible(askMode.getSelectedIndex() == 2);
            askBytes.setVisible(askMode.getSelectedIndex() == 2);
        };
        askMode.addActionListener(e -> showAskChunk.run());
        showAskChunk.run();
        JPanel ask = new JPanel();
        ask.setLayout(new BoxLayout(ask, BoxLayout.PAGE_AXIS));
        ask.setBorder(BorderFactory.createEmptyBorder(0, 10, 0, 0));
        JPanel chunkRow = new JPanel(new FlowLayout(FlowLayout.LEADING, 4, 0));
        chunkRow.add(askChunk);
        chunkRow.add(askBytes);
        JLabel as = new JLabel("Send as");
        for (JComponent c : new JComponent[] {as, askMode, chunkRow}) {
            c.setAlignmentX(LEFT_ALIGNMENT);
            ask.add(c);
            ask.add(Box.createVerticalStrut(4));
        }
        askMode.setMaximumSize(askMode.getPreferredSize());
        chooser.setAccessory(ask);
        try {
            if (chooser.showOpenDialog(SwingUtilities.getWindowAncestor(this)) == JFileChooser.APPROVE_OPTION) {
                send(chooser.getSelectedFile().toPath());
            }
        } finally {
            // Let go of the shared models, so the chooser's views are not kept alive by them.
            askMode.setModel(new DefaultComboBoxModel<>());
            askChunk.setModel(new SpinnerNumberModel());
        }
    }

    /**
     * {@code sentence} cut at its end with an ellipsis to fit the bar: the bar centres its
     * text, so a long sentence would otherwise lose both its start and its end. The whole
     * sentence is in the bar's tooltip and the notice.
     */
    String fitted(String sentence) {
        FontMetrics fm = bar.getFontMetrics(bar.getFont());
        int room = bar.getWidth() - bar.getInsets().left - bar.getInsets().right - 8;
        if (room <= 0 || fm.stringWidth(sentence) <= room) {
            return sentence;
        }
        int end = sentence.length();
        while (end > 0 && fm.stringWidth(sentence.substring(0, end) + "…") > room) {
            end--;
        }
        return sentence.substring(0, end).stripTrailing() + "…";
    }

    private void showChunk() {
        boolean chunks = mode.getSelectedIndex() == 2;
        chunk.setVisible(chunks);
        bytesLabel.setVisible(chunks);
        revalidate();
    }

    private void showProgress() {
        if (running != null) {
            FileSend.Progress p = running.progress();
            bar.setValue((int) Math.round(p.fraction() * 1000));
            if (p.framesTotal() > 0) {
                bar.setString(p.describe());
                bar.setToolTipText(p.frames());
            }
        }
    }

    private void finish(String sentence, boolean failed) {
        showProgress();
        refresh.stop();
        running = null;
        try {
            hook.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(FileSendControl.class).warn("removing the sent hook failed", e);
        }
        hook = null;
        bar.setString(fitted(sentence));
        bar.setToolTipText(sentence);
        choose.setEnabled(true);
        mode.setEnabled(true);
        chunk.setEnabled(true);
        cancel.setEnabled(false);
        host.notice(sentence, failed);
    }
}
