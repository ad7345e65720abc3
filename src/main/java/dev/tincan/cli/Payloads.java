package dev.tincan.cli;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Placeholders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a person typed into payloads: text with escapes ({@code \n \r \t \0 \\ \xHH})
 * or, with {@code --hex}, hex digits, with {@link Placeholders} such as {@code {{counter}}}
 * filled in; and checks each payload can be framed, so a message that cannot be sent is
 * refused before anything is connected. A null framing (UDP: one datagram per message)
 * checks nothing. Stateless; the conversation's state is the
 * {@link Placeholders.Context} passed in.
 */
final class Payloads {
    /** The most lines {@code send} reads from standard input. */
    static final int MAX_STDIN_MESSAGES = 100_000;

    private Payloads() {
    }

    /**
     * One message as a payload that {@code framing} can carry.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    static Bytes parse(String message, boolean hex, Framing framing) {
        return parse(message, hex, framing, new Placeholders.Context());
    }

    /**
     * One message as a payload that {@code framing} can carry, its placeholders filled in from
     * {@code context}.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    static Bytes parse(String message, boolean hex, Framing framing, Placeholders.Context context) {
        Bytes payload = Placeholders.expand(message, hex, context);
        if (framing != null) {
            framing.check(payload);
        }
        return payload;
    }

    /**
     * Every message, numbered from 1 in errors.
     *
     * @throws IllegalArgumentException naming the message that is wrong and why
     */
    static List<Bytes> parseAll(List<String> messages, boolean hex, Framing framing) {
        return parseAll(messages, hex, framing, new Placeholders.Context());
    }

    /**
     * Every message, numbered from 1 in errors, placeholders filled in from {@code context}.
     *
     * @throws IllegalArgumentException naming the message that is wrong and why
     */
    static List<Bytes> parseAll(List<String> messages, boolean hex, Framing framing, Placeholders.Context context) {
        List<Bytes> payloads = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            try {
                payloads.add(parse(messages.get(i), hex, framing, context));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("message " + (i + 1) + " " + Cli.quote(messages.get(i))
                        + " cannot be sent: " + e.getMessage());
            }
        }
        return payloads;
    }

    /**
     * The lines of {@code in}, read as UTF-8 up to its end.
     *
     * @throws IllegalArgumentException when there are more than {@link #MAX_STDIN_MESSAGES}
     */
    static List<String> readLines(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (lines.size() == MAX_STDIN_MESSAGES) {
                throw new IllegalArgumentException("standard input has more than " + MAX_STDIN_MESSAGES
                        + " lines: send fewer at a time, or stream them with tincan connect.");
            }
            lines.add(line);
        }
        return lines;
    }
}
