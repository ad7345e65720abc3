package dev.tincan.cli;

import dev.tincan.client.ConnectOptions;
import dev.tincan.codec.Framing;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code send} and {@code connect} share: framing and max frame length (mixed
 * in from {@link FramingOption} and {@link MaxFrameOption}), input and output forms, the
 * connect timeout.
 */
final class ClientOptions {
    @Mixin
    FramingOption framingOption;

    @Mixin
    MaxFrameOption maxFrameOption;

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
                .withFraming(framing())
                .withMaxFrameLength(maxFrame())
                .withConnectTimeout(connectTimeout);
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
