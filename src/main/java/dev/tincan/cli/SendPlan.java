package dev.tincan.cli;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Bytes;
import dev.tincan.session.Pairing;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * What a {@code tincan send} does once its command line has been read, whoever read it
 * ({@link SendCommand} through picocli, or {@link QuickSend}): connect, send the payloads,
 * print the replies. Two plans from the same command line are equal.
 *
 * @param host the server's host
 * @param port the server's port
 * @param payloads the frames to send, placeholders filled in
 * @param expected how many replies end the exchange
 * @param connect how to connect
 * @param timeout how long all replies may take once connected
 * @param rawIdle with raw framing over TCP, the quiet time that ends a reply; else null
 * @param maxFrame the longest frame accepted
 * @param format how replies are printed
 * @param pairing which reply answers which message
 */
record SendPlan(String host, int port, List<Bytes> payloads, int expected, ConnectOptions connect, Duration timeout,
        Duration rawIdle, int maxFrame, OutputFormat format, Pairing pairing) {
    SendPlan {
        payloads = List.copyOf(payloads);
    }

    /**
     * Runs the exchange: replies go to {@code out}, notes to {@code err}.
     *
     * @throws CommandFailedException with one sentence when the connect or the exchange fails
     */
    void run(PrintWriter out, PrintWriter err) throws InterruptedException {
        try (ClientHandle client = ClientHandle.open(host, port, connect)) {
            new SendExchange(client, payloads, expected, timeout, rawIdle, maxFrame, new FramePrinter(format, out),
                    pairing, err).run();
        }
    }
}
