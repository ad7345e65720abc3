package dev.tincan.cli;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Placeholders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The typing side of {@code connect}: reads standard input line by line (UTF-8) and sends
 * each line as one frame, its placeholders filled in as it is sent (field placeholders from
 * the last frame the {@link ReplyPrinter} saw); in pull mode an empty line asks for one frame instead. A line that
 * cannot be sent (a bad escape, bad hex, a delimiter inside the message) is reported on
 * stderr and skipped; the connection goes on. Runs on its own thread; {@link #stop()} and
 * {@link #failed()} may be called from another.
 */
final class LineSender implements Runnable {
    private final InputStream in;
    private final ClientHandle client;
    private final Framing framing;
    private final boolean hex;
    private final boolean pull;
    private final PrintWriter err;
    private final Runnable inputEnded;
    private final Placeholders.Context context;
    private volatile boolean stopped;
    private volatile boolean failed;

    /** @param pull whether an empty line asks for one frame rather than sending an empty one */
    LineSender(InputStream in, ClientHandle client, Framing framing, boolean hex, boolean pull, PrintWriter err,
            Placeholders.Context context, Runnable inputEnded) {
        this.in = in;
        this.client = client;
        this.framing = framing;
        this.hex = hex;
        this.pull = pull;
        this.err = err;
        this.inputEnded = inputEnded;
        this.context = context;
    }

    /** Sends nothing more, even if more lines arrive. */
    void stop() {
        stopped = true;
    }

    /** Whether a line could not be sent or the input could not be read. */
    boolean failed() {
        return failed;
    }

    @Override
    public void run() {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null && !stopped; line = reader.readLine()) {
                lineNumber++;
                if (pull && line.isEmpty()) {
                    client.receive();
                    continue;
                }
                Bytes payload;
                try {
                    payload = Payloads.parse(line, hex, framing, context);
                } catch (IllegalArgumentException e) {
                    report("line " + lineNumber + " was not sent: " + e.getMessage());
                    continue;
                }
                client.send(payload);
            }
        } catch (IOException e) {
            if (!stopped) {
                report("reading standard input failed: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inputEnded.run();
        }
    }

    private void report(String sentence) {
        failed = true;
        err.println("error: " + Escapes.oneLine(sentence));
        err.flush();
    }
}
