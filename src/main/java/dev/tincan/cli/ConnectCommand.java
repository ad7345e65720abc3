package dev.tincan.cli;

import dev.tincan.session.Placeholders;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tincan connect HOST PORT}: like ncat, but framed. Each line of standard input is
 * sent as one frame (by {@link LineSender}); every frame that arrives, pushes included, is
 * printed the moment it arrives (by {@link ReplyPrinter}). Ends when standard input ends
 * (after a short linger for late replies) or when the server closes. With {@code --pull}
 * frames are read only when asked, one per empty line, as in the request/reply pattern
 * Tincan grew from.
 */
@Command(name = "connect",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Talk to a server interactively, each line typed sent as one frame.",
            "Every frame that arrives is printed on its own line the moment it arrives, including frames the server "
                + "pushes unasked. Ends at the end of input (Ctrl+D) or when the server closes.",
            "Placeholders are filled in as each line is sent: {{counter}}, {{time}}, {{random:N}}, {{digits:N}}, "
                + "and {{field:REGEX}} from the last frame received; {{{{ is a literal {{.",
            "With --pull nothing is read until asked: press Enter on an empty line to read one frame."},
        footer = {"", "Examples:",
            "  tincan connect 127.0.0.1 50007",
            "  tincan connect --framing nul --out hex 127.0.0.1 50007",
            "  printf 'hello\\n\\n' | tincan connect --pull 127.0.0.1 50007"})
final class ConnectCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectCommand.class);
    /** How long the printer may take to finish after the shutdown command. */
    private static final Duration PRINTER_GRACE = Duration.ofSeconds(5);
    private static final String INPUT_ENDED = "input ended";
    private static final String CONNECTION_ENDED = "connection ended";

    @ParentCommand
    TincanCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    Endpoint endpoint;

    @Mixin
    ClientOptions options;

    @Option(names = "--pull",
            description = "Read from the server only when asked: an empty line reads one frame, printed when it "
                    + "arrives, and frames not asked for wait. Without it every frame is read and printed at once.")
    boolean pull;

    @Option(names = "--linger", paramLabel = "DURATION", defaultValue = "500ms", converter = DurationConverter.class,
            description = "How long to wait for late replies after the input ends (default: ${DEFAULT-VALUE}).")
    Duration linger;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClientHandle client = ClientHandle.open(endpoint.host, endpoint.port,
                options.connectOptions().toBuilder().pull(pull).build());
        err.println("connected to " + client.address() + " with " + options.framing().spec() + " framing"
                + (pull ? ", reading only when asked: each line is sent as one frame, an empty line reads one"
                        : ": each line is sent as one frame")
                + "; end with Ctrl+D.");
        err.flush();

        BlockingQueue<String> events = new ArrayBlockingQueue<>(2);
        Placeholders.Context placeholders = new Placeholders.Context();
        ReplyPrinter printer = new ReplyPrinter(client, new FramePrinter(options.out, out), options.pairing, err,
                placeholders, () -> events.offer(CONNECTION_ENDED));
        LineSender sender = new LineSender(root.stdin(), client, options.framing(), options.hex, pull, err,
                placeholders, () -> events.offer(INPUT_ENDED));
        Thread printerThread = new Thread(printer, "tincan-cli-printer");
        Thread senderThread = new Thread(sender, "tincan-cli-stdin");
        // Reading standard input cannot be interrupted; a daemon thread does not hold the process open.
        senderThread.setDaemon(true);
        printerThread.start();
        senderThread.start();
        try {
            // Unbounded on purpose: a conversation typed by hand lasts as long as the person wants.
            String first = events.take();
            if (first.equals(INPUT_ENDED)) {
                events.poll(linger.toNanos(), TimeUnit.NANOSECONDS);
            }
        } finally {
            sender.stop();
            senderThread.interrupt();
            printer.ending();
            client.requestShutdown();
            printerThread.join(PRINTER_GRACE.toMillis());
            if (printerThread.isAlive()) {
                LOG.warn("{}: the printer did not end within {} of the shutdown", client.address(), PRINTER_GRACE);
                printerThread.interrupt();
            }
            client.join();
        }
        return printer.failed() || sender.failed() ? FailureHandler.EXIT_FAILURE : 0;
    }
}
