package dev.tincan.session;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.tincan.codec.Escapes;
import dev.tincan.codec.Framing;
import dev.tincan.codec.Hex;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Library files on disk: Tincan's own JSON, and Packet Sender's packet export.
 *
 * <pre>
 * {
 *   "version": 1,
 *   "messages": [
 *     {"name": "hello", "folder": "greetings", "payload": "hello\\n", "hex": false,
 *      "framing": "line", "notes": ""}
 *   ],
 *   "sequences": [
 *     {"name": "login", "steps": [
 *       {"send": "hello"}, {"pauseMillis": 500}, {"await": "^ok", "timeoutMillis": 5000}]}
 *   ]
 * }
 * </pre>
 *
 * <p>Fields this version does not know are ignored, so an older Tincan reads what a newer
 * one adds; a file whose {@code version} is newer than {@link #VERSION} is refused. Files
 * are written whole to a temporary file beside the target and then moved over it, so a crash
 * never leaves half a library. Every failure is one sentence naming the file and the problem
 * (with Gson's line and column when the JSON itself is broken). Stateless and thread-safe;
 * meant to run off the event thread.
 */
public final class LibraryFile {
    /** The version this Tincan writes and the newest it reads. */
    public static final int VERSION = 1;
    /** The biggest file read. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** The folder Packet Sender imports go to. */
    public static final String PACKET_SENDER_FOLDER = "Packet Sender";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private LibraryFile() {
    }

    /**
     * What an import found: the messages (and sequences) to add, and one reason per item
     * skipped, such as {@code "item 4 has no name"}.
     */
    public record Import(List<SavedMessage> messages, List<Sequence> sequences, List<String> skipped) {
        public Import {
            messages = List.copyOf(messages);
            sequences = List.copyOf(sequences);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Reads a library file.
     *
     * @throws LibraryFileException with one sentence naming the file and the problem
     */
    public static Library read(Path file) throws LibraryFileException {
        return library(file, parse(file));
    }

    /**
     * Reads a library file, or a Packet Sender export as a library of its packets (as
     * {@link #readPacketSender} and {@link #merge} would make it), whichever the file holds:
     * the command line takes both, so a Packet Sender user can send from their own export.
     *
     * @throws LibraryFileException with one sentence naming the file and the problem
     */
    public static Library readAny(Path file) throws LibraryFileException {
        JsonElement root = parse(file);
        if (!root.isJsonArray()) {
            return library(file, root);
        }
        Library library = new Library();
        merge(library, packetSender(file, root), file);
        return library;
    }

    private static Library library(Path file, JsonElement root) throws LibraryFileException {
        if (!root.isJsonObject()) {
            throw bad(file, "it holds " + JsonFiles.kind(root) + " where a library (a JSON object with \"version\" and "
                    + "\"messages\") should be");
        }
        JsonObject o = root.getAsJsonObject();
        JsonElement version = o.get("version");
        if (version == null || !JsonFiles.isNumber(version)) {
            throw bad(file, "it has no \"version\" number, so it is not a Tincan library");
        }
        int v;
        try {
            v = version.getAsInt();
        } catch (NumberFormatException e) {
            v = Integer.MAX_VALUE;
        }
        if (v > VERSION) {
            throw new LibraryFileException(file + " was written by a newer Tincan (library version "
                    + Escapes.oneLine(version.getAsString()) + "; this one reads up to " + VERSION
                    + "): update Tincan to open it.");
        }
        if (v < 1) {
            throw bad(file, "its \"version\" " + v + " is not a library version (expected 1 to " + VERSION + ")");
        }
        Library library = new Library();
        JsonArray messages = array(file, o, "messages");
        for (int i = 0; i < messages.size(); i++) {
            String where = "message " + (i + 1);
            JsonObject m = object(file, messages.get(i), where);
            try {
                library.add(new SavedMessage(string(file, m, "name", where, true), string(file, m, "folder", where,
                        false), string(file, m, "payload", where, true), bool(file, m, "hex", where),
                        nullableString(file, m, "framing", where), string(file, m, "notes", where, false)));
            } catch (IllegalArgumentException e) {
                throw bad(file, where + " cannot be read: " + JsonFiles.stripStop(e.getMessage()));
            }
        }
        JsonArray sequences = o.has("sequences") ? array(file, o, "sequences") : new JsonArray();
        for (int i = 0; i < sequences.size(); i++) {
            String where = "sequence " + (i + 1);
            JsonObject s = object(file, sequences.get(i), where);
            String name = string(file, s, "name", where, true);
            JsonArray steps = array(file, s, "steps");
            List<Sequence.Step> read = new ArrayList<>();
            for (int k = 0; k < steps.size(); k++) {
                read.add(step(file, object(file, steps.get(k), where + " step " + (k + 1)),
                        where + " step " + (k + 1)));
            }
            try {
                library.putSequence(new Sequence(name, read));
            } catch (IllegalArgumentException e) {
                throw bad(file, where + " cannot be read: " + JsonFiles.stripStop(e.getMessage()));
            }
        }
        return library;
    }

    /**
     * Writes {@code library} to {@code file}: first to a temporary file in the same folder
     * (made if missing), then moved over {@code file}.
     *
     * @throws LibraryFileException with one sentence naming the file and the problem
     */
    public static void write(Path file, Library library) throws LibraryFileException {
        JsonObject root = new JsonObject();
        root.addProperty("version", VERSION);
        JsonArray messages = new JsonArray();
        for (SavedMessage m : library.messages()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", m.name());
            o.addProperty("folder", m.folder());
            o.addProperty("payload", m.payload());
            o.addProperty("hex", m.hex());
            if (m.framing() != null) {
                o.addProperty("framing", m.framing());
            }
            o.addProperty("notes", m.notes());
            messages.add(o);
        }
        root.add("messages", messages);
        JsonArray sequences = new JsonArray();
        for (Sequence s : library.sequences()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", s.name());
            JsonArray steps = new JsonArray();
            for (Sequence.Step step : s.steps()) {
                steps.add(step(step));
            }
            o.add("steps", steps);
            sequences.add(o);
        }
        root.add("sequences", sequences);
        try {
            JsonFiles.writeWhole(file, w -> {
                GSON.toJson(root, w);
                w.write('\n');
            });
        } catch (IOException e) {
            throw new LibraryFileException("could not write " + file + ": " + JsonFiles.reason(e) + ".", e);
        }
    }

    /**
     * Reads a Packet Sender packet export (File, Export Packets): a JSON array of objects such
     * as {@code {"name": "hello", "hexstring": "68 65 6C 6C 6F ", "toip": "127.0.0.1",
     * "port": "5000", "tcporudp": "TCP", "repeat": 0, ...}}. Values may be strings or
     * numbers. Each packet becomes a hex message in the folder {@link #PACKET_SENDER_FOLDER};
     * its address, port, protocol, repeat and any other non-empty field go into its notes, so
     * nothing is lost. A packet without a name or with bad hex is skipped and the reason kept.
     *
     * @throws LibraryFileException with one sentence when the file cannot be read at all
     */
    public static Import readPacketSender(Path file) throws LibraryFileException {
        return packetSender(file, parse(file));
    }

    private static Import packetSender(Path file, JsonElement root) throws LibraryFileException {
        if (!root.isJsonArray()) {
            throw bad(file, "it holds " + JsonFiles.kind(root) + " where Packet Sender's export (a JSON array of packets) "
                    + "should be");
        }
        JsonArray items = root.getAsJsonArray();
        List<SavedMessage> messages = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String where = "item " + (i + 1);
            if (messages.size() >= Library.MAX_MESSAGES) {
                skipped.add("items " + (i + 1) + " to " + items.size() + " are beyond the library's limit of "
                        + Library.MAX_MESSAGES + " messages");
                break;
            }
            JsonElement item = items.get(i);
            if (!item.isJsonObject()) {
                skipped.add(where + " is " + JsonFiles.kind(item) + ", not a packet");
                continue;
            }
            JsonObject p = item.getAsJsonObject();
            String name = loose(p, "name").strip();
            if (name.isEmpty()) {
                skipped.add(where + " has no name");
                continue;
            }
            if (!p.has("hexstring")) {
                skipped.add(where + " (" + Library.quote(name) + ") has no hexstring");
                continue;
            }
            String hex = loose(p, "hexstring").strip();
            try {
                Hex.parse(hex);
            } catch (IllegalArgumentException e) {
                skipped.add(where + " (" + Library.quote(name) + ") has bad hex: " + JsonFiles.stripStop(e.getMessage()));
                continue;
            }
            try {
                SavedMessage m = new SavedMessage(name, PACKET_SENDER_FOLDER, hex, true, null, packetNotes(p));
                Library.check(m);
                messages.add(m);
            } catch (IllegalArgumentException e) {
                skipped.add(where + " (" + Library.quote(name) + ") " + JsonFiles.stripStop(e.getMessage()));
            }
        }
        return new Import(messages, List.of(), skipped);
    }

    /**
     * Adds what {@code found} holds to {@code library}; a name already taken gets a number
     * ({@code "hello (2)"}) so nothing is lost. Returns one sentence saying how many were
     * imported from {@code file} and why any were skipped.
     */
    public static String merge(Library library, Import found, Path file) {
        int added = 0;
        int renamed = 0;
        List<String> skipped = new ArrayList<>(found.skipped());
        for (SavedMessage m : found.messages()) {
            String name = m.name();
            for (int n = 2; library.find(name).isPresent(); n++) {
                name = m.name() + " (" + n + ")";
            }
            try {
                library.add(new SavedMessage(name, m.folder(), m.payload(), m.hex(), m.framing(), m.notes()));
                added++;
                if (!name.equals(m.name())) {
                    renamed++;
                }
            } catch (IllegalArgumentException e) {
                skipped.add(Library.quote(m.name()) + ": " + JsonFiles.stripStop(e.getMessage()));
            }
        }
        int sequences = 0;
        for (Sequence s : found.sequences()) {
            String name = s.name();
            for (int n = 2; library.sequence(name).isPresent(); n++) {
                name = s.name() + " (" + n + ")";
            }
            try {
                library.putSequence(new Sequence(name, s.steps()));
                sequences++;
            } catch (IllegalArgumentException e) {
                skipped.add("sequence " + Library.quote(s.name()) + ": " + JsonFiles.stripStop(e.getMessage()));
            }
        }
        StringBuilder sb = new StringBuilder("imported ").append(count(added, "message"));
        if (sequences > 0) {
            sb.append(" and ").append(count(sequences, "sequence"));
        }
        sb.append(" from ").append(file.getFileName());
        if (renamed > 0) {
            sb.append(" (").append(renamed).append(renamed == 1 ? " was" : " were")
                    .append(" renamed: the name was taken)");
        }
        if (!skipped.isEmpty()) {
            sb.append("; skipped ").append(skipped.size()).append(": ");
            int shown = Math.min(3, skipped.size());
            sb.append(String.join("; ", skipped.subList(0, shown)));
            if (skipped.size() > shown) {
                sb.append("; and ").append(skipped.size() - shown).append(" more");
            }
        }
        return sb.append('.').toString();
    }

    /**
     * Reads a Tincan library file for import into another: everything in it, or the same
     * sentence as {@link #read}.
     */
    public static Import readForImport(Path file) throws LibraryFileException {
        Library library = read(file);
        return new Import(library.messages(), library.sequences(), List.of());
    }

    private static String packetNotes(JsonObject p) {
        StringBuilder sb = new StringBuilder("Packet Sender: ");
        String protocol = loose(p, "tcporudp");
        sb.append(protocol.isEmpty() ? "TCP" : protocol).append(" to ").append(loose(p, "toip")).append(':')
                .append(loose(p, "port"));
        String repeat = loose(p, "repeat");
        if (!repeat.isEmpty() && !repeat.equals("0") && !repeat.equals("0.0")) {
            sb.append(", repeat every ").append(repeat).append(" s");
        }
        for (Map.Entry<String, JsonElement> e : p.entrySet()) {
            String key = e.getKey();
            if (List.of("name", "hexstring", "tcporudp", "toip", "port", "repeat", "asciistring").contains(key)) {
                continue;
            }
            String value = loose(p, key);
            if (!value.isEmpty() && !value.equals("0")) {
                sb.append(", ").append(key).append(' ').append(value);
            }
        }
        return sb.append('.').toString();
    }

    /** A string or number field as text; "" when missing, null or of another kind. */
    private static String loose(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            return "";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isNumber()) {
            String s = p.getAsString();
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
        return p.getAsString();
    }

    private static JsonElement parse(Path file) throws LibraryFileException {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw bad(file, String.format(java.util.Locale.ROOT, "it is %,d bytes; a library file may be at most "
                        + "%d MiB (%,d bytes)", size, MAX_FILE_BYTES / (1024 * 1024), MAX_FILE_BYTES));
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw bad(file, "it is not UTF-8 text");
        } catch (IOException e) {
            throw new LibraryFileException("could not read " + file + ": " + JsonFiles.reason(e) + ".", e);
        }
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        JsonElement root;
        try {
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException | IllegalStateException e) {
            throw bad(file, "it is not valid JSON: " + JsonFiles.gsonProblem(e));
        }
        boolean more;
        try {
            more = reader.peek() != JsonToken.END_DOCUMENT;
        } catch (IOException | IllegalStateException e) {
            more = true;
        }
        if (more) {
            throw bad(file, "there is more after the end of the JSON, at " + JsonFiles.where(reader.toString()));
        }
        return root;
    }

    /** Gson's message cut to its first line, with the line and column kept. */


    private static Sequence.Step step(Path file, JsonObject o, String where) throws LibraryFileException {
        if (o.has("send")) {
            return new Sequence.Send(string(file, o, "send", where, true));
        }
        if (o.has("pauseMillis")) {
            return new Sequence.Pause(Duration.ofMillis(millis(file, o, "pauseMillis", where)));
        }
        if (o.has("await")) {
            String regex = string(file, o, "await", where, true);
            try {
                Pattern.compile(regex);
            } catch (IllegalArgumentException e) {
                throw bad(file, where + " awaits a bad pattern: " + Escapes.oneLine(e.getMessage().lines().findFirst()
                        .orElse("")));
            }
            return new Sequence.AwaitReply(regex, Duration.ofMillis(millis(file, o, "timeoutMillis", where)));
        }
        throw bad(file, where + " is none of send, pauseMillis or await");
    }

    private static JsonObject step(Sequence.Step step) {
        JsonObject o = new JsonObject();
        if (step instanceof Sequence.Send s) {
            o.addProperty("send", s.message());
        } else if (step instanceof Sequence.Pause p) {
            o.addProperty("pauseMillis", p.delay().toMillis());
        } else if (step instanceof Sequence.AwaitReply a) {
            o.addProperty("await", a.regex());
            o.addProperty("timeoutMillis", a.timeout().toMillis());
        }
        return o;
    }

    private static long millis(Path file, JsonObject o, String key, String where) throws LibraryFileException {
        JsonElement e = o.get(key);
        if (e == null || !JsonFiles.isNumber(e)) {
            throw bad(file, where + " needs a number \"" + key + "\"");
        }
        long v;
        try {
            v = e.getAsLong();
        } catch (NumberFormatException ex) {
            v = -1;
        }
        if (v < 0 || v > Duration.ofDays(1).toMillis()) {
            throw bad(file, where + " has \"" + key + "\" " + Escapes.oneLine(e.getAsString())
                    + " (expected 0 to 86400000 milliseconds)");
        }
        return v;
    }

    private static JsonArray array(Path file, JsonObject o, String key) throws LibraryFileException {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw bad(file, "it has no \"" + key + "\" array");
        }
        return e.getAsJsonArray();
    }

    private static JsonObject object(Path file, JsonElement e, String where) throws LibraryFileException {
        if (!e.isJsonObject()) {
            throw bad(file, where + " is " + JsonFiles.kind(e) + ", not an object");
        }
        return e.getAsJsonObject();
    }

    private static String string(Path file, JsonObject o, String key, String where, boolean required)
            throws LibraryFileException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            if (required) {
                throw bad(file, where + " has no \"" + key + "\"");
            }
            return "";
        }
        if (!e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
            throw bad(file, where + " has " + JsonFiles.kind(e) + " for \"" + key + "\" where text should be");
        }
        return e.getAsString();
    }

    private static String nullableString(Path file, JsonObject o, String key, String where)
            throws LibraryFileException {
        String s = string(file, o, key, where, false);
        if (s.isEmpty()) {
            return null;
        }
        try {
            Framing.parse(s);
        } catch (IllegalArgumentException e) {
            throw bad(file, where + " has a bad framing: " + JsonFiles.stripStop(e.getMessage()));
        }
        return s;
    }

    private static boolean bool(Path file, JsonObject o, String key, String where) throws LibraryFileException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return false;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw bad(file, where + " has " + JsonFiles.kind(e) + " for \"" + key + "\" where true or false should be");
        }
        return e.getAsBoolean();
    }



    private static LibraryFileException bad(Path file, String problem) {
        return new LibraryFileException(file + " cannot be used: " + problem + ".");
    }



    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
