package dev.tincan.ui.send;

import dev.tincan.client.ConnectOptions;
import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import dev.tincan.session.ClientOutbox;
import dev.tincan.session.FileSend;
import java.awt.GridLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * Shows both controls mid-run against an in-process echo server, for a look at them; with
 * the argument {@code idle}, at rest with the file send set to chunks.
 */
public final class SendControlsDemo {
    private SendControlsDemo() {
    }

    public static void main(String[] args) throws Exception {
        com.formdev.flatlaf.FlatLightLaf.setup();
        CompanionServer server = new CompanionServer(ServerConfig.builder().port(0).build()).start();
        ClientOutbox out = new ClientOutbox(server.port(), ConnectOptions.defaults());
        TestHost host = new TestHost(out);
        Path file = Files.createTempFile("demo", ".txt");
        Files.writeString(file, "line\n".repeat(2_000_000));
        file.toFile().deleteOnExit();
        SwingUtilities.invokeAndWait(() -> {
            JFrame frame = new JFrame("Tincan send controls");
            frame.setDefaultCloseOperation(WindowConstants.EXIT_ON_CLOSE);
            JPanel panel = new JPanel(new GridLayout(2, 1));
            RepeatControl repeat = new RepeatControl(host);
            FileSendControl send = new FileSendControl(host);
            panel.add(repeat);
            panel.add(send);
            frame.add(panel);
            frame.pack();
            frame.setVisible(true);
            if (args.length > 0 && args[0].equals("idle")) {
                send.setMode(FileSend.Mode.CHUNKS, 65536);
                frame.pack();
                return;
            }
            repeat.countField().setText("");
            repeat.intervalField().setText("10ms");
            repeat.start();
            send.setMode(FileSend.Mode.LINES, 1);
            send.send(file);
        });
    }
}
