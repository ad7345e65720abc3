package dev.tincan.cli;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Framing;
import dev.tincan.session.Library;
import dev.tincan.session.LibraryFile;
import dev.tincan.session.LibraryFileException;
import dev.tincan.session.Placeholders;
import dev.tincan.session.SavedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --library FILE --message NAME}: send messages saved in the library, each read as it
 * was saved (text or hex) and with the framing it was saved for, unless {@code --framing}
 * says otherwise. The library is the window's, {@code ~/.tincan/library.json}, unless
 * {@code --library} names another file.
 */
final class LibraryOption {
    @Option(names = "--library", paramLabel = "FILE", defaultValue = "${sys:user.home}/.tincan/library.json",
            description = "The library file --message reads, or a Packet Sender packet export (default: the window's, "
                    + "~/.tincan/library.json).")
    Path file;

    @Option(names = {"-m", "--message"}, paramLabel = "NAME",
            description = "Send the library message called NAME, as saved: text or hex, and with its framing "
                    + "unless --framing is given. Repeat to send several; they go before any MESSAGE.")
    List<String> names = new ArrayList<>();

    /** Whether any {@code --message} was given. */
    boolean given() {
        return !names.isEmpty();
    }

    /**
     * The messages named, in order, read from the library file.
     *
     * @throws IllegalArgumentException with one sentence when the file cannot be read, a name
     *     is not in it, or {@code --library} came without {@code --message}
     */
    List<SavedMessage> messages(CommandSpec spec) {
        if (names.isEmpty()) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--library")) {
                throw new IllegalArgumentException("--library names the file --message reads: add --message NAME.");
            }
            return List.of();
        }
        if (!Files.exists(file) && !spec.commandLine().getParseResult().hasMatchedOption("--library")) {
            throw new IllegalArgumentException("there is no library at " + file + " yet: save a message in the "
                    + "window's library first (Ctrl+S), or name a library file or Packet Sender export with "
                    + "--library FILE.");
        }
        Library library;
        try {
            library = LibraryFile.readAny(file);
        } catch (LibraryFileException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        List<SavedMessage> found = new ArrayList<>();
        for (String name : names) {
            found.add(library.find(name).orElseThrow(() -> new IllegalArgumentException("there is no message called "
                    + Cli.quote(name) + " in " + file + ": " + names(library) + ".")));
        }
        return found;
    }

    /** The names a person could have meant, the first few of them. */
    private static String names(Library library) {
        List<SavedMessage> all = library.messages();
        if (all.isEmpty()) {
            return "it holds no messages";
        }
        StringBuilder sb = new StringBuilder(all.size() == 1 ? "the one message there is " : "the messages there are ");
        int shown = Math.min(8, all.size());
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(Cli.quote(all.get(i).name()));
        }
        return sb.append(all.size() > shown ? " and " + (all.size() - shown) + " more" : "").toString();
    }

    /**
     * The framing to use: {@code --framing} when it was given, else the one the messages were
     * saved for, else {@code fallback} (the default).
     *
     * @throws IllegalArgumentException with one sentence when the messages disagree
     */
    Framing framing(CommandSpec spec, Framing fallback, List<SavedMessage> saved) {
        if (spec.commandLine().getParseResult().hasMatchedOption(FramingOption.NAME)) {
            return fallback;
        }
        SavedMessage first = null;
        for (SavedMessage m : saved) {
            if (m.framing() == null) {
                continue;
            }
            if (first == null) {
                first = m;
            } else if (!first.framing().equals(m.framing())) {
                throw new IllegalArgumentException("messages " + Cli.quote(first.name()) + " (" + first.framing()
                        + ") and " + Cli.quote(m.name()) + " (" + m.framing()
                        + ") were saved for different framings: choose one with --framing.");
            }
        }
        return first == null ? fallback : Framing.parse(first.framing());
    }

    /**
     * The payloads of {@code saved}, placeholders filled in from {@code context}, each checked
     * against {@code framing}, or not at all when it is null (UDP).
     *
     * @throws IllegalArgumentException naming the message that cannot be sent and why
     */
    static List<Bytes> payloads(List<SavedMessage> saved, Framing framing, Placeholders.Context context) {
        List<Bytes> payloads = new ArrayList<>(saved.size());
        for (SavedMessage m : saved) {
            try {
                Bytes payload = Placeholders.expand(m.payload(), m.hex(), context);
                if (framing != null) {
                    framing.check(payload);
                }
                payloads.add(payload);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("library message " + Cli.quote(m.name()) + " cannot be sent: "
                        + e.getMessage());
            }
        }
        return payloads;
    }
}
