package dev.tincan.cli;

import dev.tincan.codec.Framing;
import picocli.CommandLine.Option;

/**
 * {@code --max-frame}: the longest frame a command accepts from its peer, for the commands
 * that read frames. Its default is {@link Framing#DEFAULT_MAX_FRAME_LENGTH}, written as a
 * person would write it.
 */
final class MaxFrameOption {
    /** {@link Framing#DEFAULT_MAX_FRAME_LENGTH} as written on the command line. */
    static final String DEFAULT = "16MiB";

    @Option(names = "--max-frame", paramLabel = "SIZE", defaultValue = DEFAULT, converter = MaxFrameConverter.class,
            description = "The longest frame accepted from the other side; a longer one ends its connection "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxFrame;
}
