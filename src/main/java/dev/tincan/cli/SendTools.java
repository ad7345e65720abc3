package dev.tincan.cli;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.RawFraming;
import dev.tincan.session.FileSend;
import java.time.Duration;
import java.util.List;

/**
 * {@code send --repeat} and {@code send --file}: checks the options and the file before
 * connecting (bad usage exits 2 with one sentence), then runs a {@link SendToolExchange}.
 * Stateless.
 */
final class SendTools {
    private SendTools() {
    }

    /** Runs the repeat or file send {@code send}'s options ask for; returns the exit code. */
    static int run(SendCommand send) throws InterruptedException, java.io.IOException {
        SendToolOptions tools = send.tools;
        String wrong = tools.check(send.messages.size() + send.library.names.size());
        if (wrong != null) {
            throw send.usage(wrong);
        }
        ClientOptions options = send.options;
        List<Bytes> payloads = tools.repeat != null ? send.payloads() : List.of();
        int chunk = tools.chunk == null ? 0 : (int) (long) tools.chunk;
        if (tools.file != null) {
            try {
                FileSend.check(tools.file, tools.mode(), chunk, options.maxFrame());
            } catch (IllegalArgumentException e) {
                throw send.usage(e.getMessage());
            }
        }
        try (ClientHandle client = ClientHandle.open(send.endpoint.host, send.endpoint.port,
                options.connectOptions())) {
            Duration rawIdle = options.framing() instanceof RawFraming ? send.idle : null;
            SendToolExchange exchange = new SendToolExchange(client, send.replies, send.timeout, rawIdle,
                    new FramePrinter(options.out, send.spec.commandLine().getOut()), options.pairing,
                    send.spec.commandLine().getErr());
            if (tools.repeat != null) {
                exchange.repeat(send.repeated(payloads.get(0)), tools.repeat, tools.interval(),
                        ProgressLine.onTerminal(send.spec.commandLine().getErr()));
            } else {
                try {
                    exchange.file(tools.file, tools.mode(), chunk, options.maxFrame(), options.framing(),
                            ProgressLine.onTerminal(send.spec.commandLine().getErr()));
                } catch (IllegalArgumentException e) {
                    // The file changed between the check and the send.
                    throw new CommandFailedException(e.getMessage());
                }
            }
        }
        return 0;
    }
}
