package dev.tincan.cli;

import dev.tincan.codec.Framing;
import picocli.CommandLine.Option;

/**
 * {@code -f, --framing}: how frames are delimited, for every command that sends or
 * receives frames. The default is {@code line}; a command may give another through its
 * default value provider, as {@code bench} does.
 */
final class FramingOption {
    /** The option's longest name, for default value providers. */
    static final String NAME = "--framing";
    /** The framing when none is given. */
    static final String DEFAULT = "line";

    @Option(names = {"-f", NAME}, paramLabel = "FRAMING", defaultValue = DEFAULT, converter = FramingConverter.class,
            completionCandidates = Completions.Framings.class,
            description = "How frames are delimited: " + Framing.VALID_FORMS + " (default: ${DEFAULT-VALUE}).")
    Framing framing;
}
