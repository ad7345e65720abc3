package dev.tincan.session;

import dev.tincan.codec.Bytes;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Framing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The saved-message library: messages filed in folders, and sequences that send them.
 * Names are unique (messages and sequences each), so a name is all a sequence step or the
 * command line needs. Order is kept: folders in the order they first appear, messages of one
 * folder side by side, so the first nine of {@link #messages()} are the nine shown first and
 * the ones {@link #quickNine()} gives to Alt+1..9.
 *
 * <p>Bounded: at most {@link #MAX_MESSAGES} messages and {@link #MAX_SEQUENCES} sequences,
 * payloads of at most {@link #MAX_PAYLOAD_CHARS} characters; a refusal is one sentence.
 * Not thread-safe: the window keeps it on the event thread and gives {@link LibraryFile} a
 * {@link #copy()}.
 */
public final class Library {
    /** The most messages a library holds. */
    public static final int MAX_MESSAGES = 10_000;
    /** The most sequences a library holds. */
    public static final int MAX_SEQUENCES = 1_000;
    /** The most steps in one sequence. */
    public static final int MAX_STEPS = 1_000;
    /** The longest payload as typed, in characters (1 MiB of hex is 2 M digits). */
    public static final int MAX_PAYLOAD_CHARS = 2 * 1024 * 1024;
    /** The longest name, folder or framing hint. */
    public static final int MAX_NAME_CHARS = 200;
    /** The longest notes. */
    public static final int MAX_NOTES_CHARS = 64 * 1024;
    /** How many messages get a quick key (Alt+1..9). */
    public static final int QUICK_KEYS = 9;

    private final List<SavedMessage> messages = new ArrayList<>();
    /** The same messages by name, so that adding ten thousand is not ten thousand scans. */
    private final Map<String, SavedMessage> byName = new HashMap<>();
    private final List<Sequence> sequences = new ArrayList<>();

    /** An empty library. */
    public Library() {
    }

    /** A copy of this library, to hand to another thread. */
    public Library copy() {
        Library copy = new Library();
        copy.messages.addAll(messages);
        copy.byName.putAll(byName);
        copy.sequences.addAll(sequences);
        return copy;
    }

    /** Every message, folder by folder, in order. */
    public List<SavedMessage> messages() {
        return List.copyOf(messages);
    }

    /** The number of messages. */
    public int size() {
        return messages.size();
    }

    /** Every folder that holds a message, in order; {@code ""} is the top level. */
    public List<String> folders() {
        LinkedHashSet<String> folders = new LinkedHashSet<>();
        for (SavedMessage m : messages) {
            folders.add(m.folder());
        }
        return List.copyOf(folders);
    }

    /** The message called {@code name}, if there is one. */
    public Optional<SavedMessage> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The message called {@code name}.
     *
     * @throws IllegalArgumentException with one sentence when there is none
     */
    public SavedMessage get(String name) {
        SavedMessage m = byName.get(name);
        if (m == null) {
            throw new IllegalArgumentException("there is no message called " + quote(name) + " in the library.");
        }
        return m;
    }

    /**
     * Adds {@code message} at the end of its folder.
     *
     * @throws IllegalArgumentException with one sentence when its name is taken, it is too
     *     big, or the library is full
     */
    public void add(SavedMessage message) {
        check(message);
        if (byName.containsKey(message.name())) {
            throw new IllegalArgumentException("a message called " + quote(message.name())
                    + " is in the library already: choose another name.");
        }
        if (messages.size() >= MAX_MESSAGES) {
            throw new IllegalArgumentException("the library is full (" + MAX_MESSAGES
                    + " messages): delete some before adding more.");
        }
        insertInFolder(message);
    }

    /**
     * Adds {@code message}, or replaces the one of the same name where it stands (moving it when
     * its folder changed).
     *
     * @throws IllegalArgumentException with one sentence, as {@link #add}
     */
    public void put(SavedMessage message) {
        if (byName.containsKey(message.name())) {
            replace(message.name(), message);
        } else {
            add(message);
        }
    }

    /**
     * Replaces the message called {@code name} with {@code message}, which may have another
     * name (a rename) or folder (a move); in the same folder it keeps its place.
     *
     * @throws IllegalArgumentException with one sentence when there is no such message or the
     *     new name belongs to another one
     */
    public void replace(String name, SavedMessage message) {
        check(message);
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("there is no message called " + quote(name) + " in the library.");
        }
        if (!message.name().equals(name) && byName.containsKey(message.name())) {
            throw new IllegalArgumentException("a message called " + quote(message.name())
                    + " is in the library already: choose another name.");
        }
        byName.remove(name);
        if (messages.get(i).folder().equals(message.folder())) {
            messages.set(i, message);
            byName.put(message.name(), message);
        } else {
            messages.remove(i);
            insertInFolder(message);
        }
    }

    /** Removes the message called {@code name}; returns whether there was one. */
    public boolean remove(String name) {
        if (byName.remove(name) == null) {
            return false;
        }
        messages.remove(indexOf(name));
        return true;
    }

    /**
     * Renames a message.
     *
     * @throws IllegalArgumentException with one sentence, as {@link #replace}
     */
    public void rename(String name, String newName) {
        SavedMessage m = get(name);
        replace(name, new SavedMessage(newName, m.folder(), m.payload(), m.hex(), m.framing(), m.notes()));
    }

    /**
     * Files a message in {@code folder}, at its end.
     *
     * @throws IllegalArgumentException with one sentence when there is no such message
     */
    public void move(String name, String folder) {
        SavedMessage m = get(name);
        replace(name, new SavedMessage(m.name(), folder, m.payload(), m.hex(), m.framing(), m.notes()));
    }

    /**
     * Moves a message {@code by} places up (negative) or down within its folder, stopping at
     * the folder's ends.
     *
     * @throws IllegalArgumentException with one sentence when there is no such message
     */
    public void shift(String name, int by) {
        int i = indexOf(get(name).name());
        String folder = messages.get(i).folder();
        int target = i;
        int step = Integer.signum(by);
        for (int k = 0; k < Math.abs(by); k++) {
            int next = target + step;
            if (next < 0 || next >= messages.size() || !messages.get(next).folder().equals(folder)) {
                break;
            }
            target = next;
        }
        messages.add(target, messages.remove(i));
    }

    /**
     * The messages whose name, folder, payload or notes contain {@code query}, ignoring case,
     * in library order; every message for a blank query.
     */
    public List<SavedMessage> filter(String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return messages();
        }
        List<SavedMessage> found = new ArrayList<>();
        for (SavedMessage m : messages) {
            if (contains(m.name(), q) || contains(m.folder(), q) || contains(m.payload(), q)
                    || contains(m.notes(), q)) {
                found.add(m);
            }
        }
        return found;
    }

    /**
     * The bytes to send for the message called {@code name} now: its placeholders filled in
     * from {@code context}, checked against {@code framing}. This is a sequence's resolver:
     * give the runner a {@link #copy()}, since a library is not thread-safe.
     *
     * @throws IllegalArgumentException with one sentence when there is no such message or it
     *     cannot be sent
     */
    public Bytes payload(String name, Framing framing, Placeholders.Context context) {
        return payload(get(name), framing, context);
    }

    /**
     * The bytes to send for {@code message} now, as {@link #payload(String, Framing,
     * Placeholders.Context)}.
     *
     * @throws IllegalArgumentException with one sentence naming the message and the problem
     */
    public static Bytes payload(SavedMessage message, Framing framing, Placeholders.Context context) {
        try {
            Bytes bytes = Placeholders.expand(message.payload(), message.hex(), context);
            framing.check(bytes);
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("message " + quote(message.name()) + " cannot be sent: "
                    + e.getMessage());
        }
    }

    /** The first nine messages, for Alt+1..9. */
    public List<SavedMessage> quickNine() {
        return List.copyOf(messages.subList(0, Math.min(QUICK_KEYS, messages.size())));
    }

    /** Every sequence, in order. */
    public List<Sequence> sequences() {
        return List.copyOf(sequences);
    }

    /** The sequence called {@code name}, if there is one. */
    public Optional<Sequence> sequence(String name) {
        return sequences.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Adds {@code sequence}, or replaces the one of the same name where it stands.
     *
     * @throws IllegalArgumentException with one sentence when it is too long, has no name or
     *     the library is full
     */
    public void putSequence(Sequence sequence) {
        Objects.requireNonNull(sequence, "sequence");
        if (sequence.name().isBlank()) {
            throw new IllegalArgumentException("a sequence needs a name.");
        }
        checkLength("a sequence name", sequence.name(), MAX_NAME_CHARS);
        if (sequence.steps().size() > MAX_STEPS) {
            throw new IllegalArgumentException("sequence " + quote(sequence.name()) + " has "
                    + sequence.steps().size() + " steps; at most " + MAX_STEPS + " fit in the library.");
        }
        for (int i = 0; i < sequences.size(); i++) {
            if (sequences.get(i).name().equals(sequence.name())) {
                sequences.set(i, sequence);
                return;
            }
        }
        if (sequences.size() >= MAX_SEQUENCES) {
            throw new IllegalArgumentException("the library is full (" + MAX_SEQUENCES
                    + " sequences): delete some before adding more.");
        }
        sequences.add(sequence);
    }

    /** Removes the sequence called {@code name}; returns whether there was one. */
    public boolean removeSequence(String name) {
        return sequences.removeIf(s -> s.name().equals(name));
    }

    /**
     * Checks that {@code message} fits in a library.
     *
     * @throws IllegalArgumentException with one sentence when a part is too long
     */
    public static void check(SavedMessage message) {
        Objects.requireNonNull(message, "message");
        checkLength("a message name", message.name(), MAX_NAME_CHARS);
        checkLength("a folder name", message.folder(), MAX_NAME_CHARS);
        if (message.framing() != null) {
            checkLength("a framing hint", message.framing(), MAX_NAME_CHARS);
        }
        checkLength("the notes of " + quote(message.name()), message.notes(), MAX_NOTES_CHARS);
        if (message.payload().length() > MAX_PAYLOAD_CHARS) {
            throw new IllegalArgumentException("the payload of " + quote(message.name()) + " has "
                    + message.payload().length() + " characters; a saved message holds at most " + MAX_PAYLOAD_CHARS
                    + " (send bigger payloads from a file).");
        }
    }

    private static void checkLength(String what, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " has " + value.length() + " characters; at most " + max
                    + " fit.");
        }
    }

    /** Puts {@code message} after the last of its folder; from the end, as files list folders in order. */
    private void insertInFolder(SavedMessage message) {
        int at = messages.size();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).folder().equals(message.folder())) {
                at = i + 1;
                break;
            }
        }
        messages.add(at, message);
        byName.put(message.name(), message);
    }

    private int indexOf(String name) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(String text, String lowerQuery) {
        return text.toLowerCase(Locale.ROOT).contains(lowerQuery);
    }

    static String quote(String s) {
        return "\"" + Escapes.oneLine(s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
    }
}
