package dev.tincan.cli;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Framing;
import dev.tincan.session.Pairing;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code send} and {@code connect} share: framing and max frame length (mixed
 * in from {@link FramingOption} and {@link MaxFrameOption}), input and output forms, how
 * replies pair with messages, what a too-long frame does, the connect timeout, TLS
 * (mixed in from {@link TlsFlags}), and the proxy and local address (from {@link ProxyFlags}).
 */
final class ClientOptions {
    /** {@code --out} when not given. */
    static final String DEFAULT_OUT = "text";
    /** {@code --pair} when not given. */
    static final String DEFAULT_PAIR = "next";
    /** {@code --connect-timeout} when not given. */
    static final String DEFAULT_CONNECT_TIMEOUT = "5s";

    @Mixin
    FramingOption framingOption;

    @Mixin
    MaxFrameOption maxFrameOption;

    @Option(names = {"-o", "--out"}, paramLabel = "FORMAT", defaultValue = DEFAULT_OUT,
            converter = OutputFormat.Converter.class,
            completionCandidates = Completions.Formats.class,
            description = "How received frames are printed, one per line: text (non-printable bytes escaped), "
                    + "hex, or json (default: ${DEFAULT-VALUE}).")
    OutputFormat out;

    @Option(names = "--hex",
            description = "Messages are hex, e.g. \"48 65 6c 6c 6f\", instead of text with escapes "
                    + "(\\n \\r \\t \\0 \\\\ \\xHH).")
    boolean hex;

    @Option(names = "--pair", paramLabel = "RULE", defaultValue = DEFAULT_PAIR, converter = PairingConverter.class,
            completionCandidates = Completions.Pairings.class,
            description = "Which received frame answers which message, for its round-trip time in json output: "
                    + "next (the first frame after a message; several in a row are answered in order), echo (the "
                    + "same bytes back) or match:REGEX (the same first capture group in both, e.g. "
                    + "'match:id=(\\d+)'). A frame the rule pairs with nothing has no round-trip time "
                    + "(default: ${DEFAULT-VALUE}).")
    Pairing pairing;

    @Option(names = "--skip-too-long",
            description = "Skip a frame longer than --max-frame, say so on stderr and stay connected, instead of "
                    + "closing the connection.")
    boolean skipTooLong;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = DEFAULT_CONNECT_TIMEOUT,
            converter = DurationConverter.class,
            description = "How long connecting may take, the proxy's and the TLS handshake included "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--udp",
            description = "Speak UDP instead of TCP: each message is one datagram and each datagram that arrives is "
                    + "one reply, shown with the address it came from; --framing is not applied. Not with --tls or "
                    + "a proxy.")
    boolean udp;

    @Mixin
    TlsFlags tlsFlags;

    @Mixin
    ProxyFlags proxyFlags;

    /**
     * The client's options. Call once per run: it reads the TLS files, may ask for a
     * key store's or the proxy's password, and prints the {@code --insecure} warning.
     *
     * @throws IllegalArgumentException with one sentence when a value does not fit
     * @throws picocli.CommandLine.ParameterException with one sentence when a TLS flag does not fit
     */
    ConnectOptions connectOptions() {
        return ConnectOptions.builder()
                .framing(framing())
                .maxFrameLength(maxFrame())
                .connectTimeout(connectTimeout)
                .skipTooLong(skipTooLong)
                .tls(tlsFlags.tlsOptions())
                .proxy(proxyFlags.proxyOptions())
                .localAddress(proxyFlags.localAddress())
                .udp(udp)
                .build();
    }

    /**
     * The framing messages are checked against before anything is sent, or null over UDP,
     * where a datagram carries any bytes, none included.
     */
    Framing payloadFraming() {
        return udp ? null : framing();
    }

    /**
     * Over UDP, with {@code --framing} given on the command line: the sentence that says it
     * is not applied; otherwise null.
     */
    String framingNote(picocli.CommandLine.Model.CommandSpec spec) {
        if (!udp || !spec.commandLine().getParseResult().hasMatchedOption(FramingOption.NAME)) {
            return null;
        }
        return "note: with --udp each message is one datagram and each datagram one reply; --framing "
                + framing().spec() + " is not applied.";
    }

    /** How frames are delimited. */
    Framing framing() {
        return framingOption.framing;
    }

    /** The longest frame accepted from the server. */
    int maxFrame() {
        return maxFrameOption.maxFrame;
    }
}
