package dev.tincan.cli;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Framing;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options {@code send} and {@code connect} share: framing, input and output forms, limits. */
final class ClientOptions {
    @Option(names = {"-f", "--framing"}, paramLabel = "FRAMING", defaultValue = "line",
            converter = FramingConverter.class,
            description = "How frames are delimited: " + Framing.VALID_FORMS + " (default: ${DEFAULT-VALUE}).")
    Framing framing;

    @Option(names = "--max-frame", paramLabel = "SIZE", defaultValue = "16MiB", converter = MaxFrameConverter.class,
            description = "The longest frame accepted from the server, e.g. 64KiB (default: ${DEFAULT-VALUE}).")
    int maxFrame;

    @Option(names = {"-o", "--out"}, paramLabel = "FORMAT", defaultValue = "text",
            converter = OutputFormat.Converter.class,
            description = "How received frames are printed, one per line: text (non-printable bytes escaped), "
                    + "hex, or json (default: ${DEFAULT-VALUE}).")
    OutputFormat out;

    @Option(names = "--hex",
            description = "Messages are hex, e.g. \"48 65 6c 6c 6f\", instead of text with escapes "
                    + "(\\n \\r \\t \\0 \\\\ \\xHH).")
    boolean hex;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class,
            description = "How long connecting may take (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    /**
     * The client's options.
     *
     * @throws IllegalArgumentException with one sentence when a value does not fit
     */
    ConnectOptions connectOptions() {
        return ConnectOptions.defaults()
                .withFraming(framing)
                .withMaxFrameLength(maxFrame)
                .withConnectTimeout(connectTimeout);
    }
}
