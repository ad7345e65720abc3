package dev.tincan.session.rules;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.tincan.codec.Escapes;
import dev.tincan.session.JsonFiles;
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
import java.util.Locale;

/**
 * Rules files: JSON with a {@code version}, as the library file is.
 *
 * <pre>
 * {
 *   "version": 1,
 *   "rules": [
 *     {"name": "ping", "enabled": true, "maxPerSecond": 1000,
 *      "match": {"kind": "regex", "pattern": "^PING (\\d+)$"},
 *      "actions": [
 *        {"reply": "PONG {{1}}", "hex": false, "delayMillis": 0},
 *        {"note": "answered a ping"},
 *        {"mark": true},
 *        {"stopRepeat": true},
 *        {"snapshot": 100, "file": "ping-{{time:HHmmss}}.jsonl"},
 *        {"stopRules": true}]}
 *   ]
 * }
 * </pre>
 *
 * <p>{@code kind} is exact, prefix, contains, regex or hex; {@code "hex": true} in a match
 * reads an exact, prefix or contains pattern as hex, and in a reply reads the template as
 * hex. {@code enabled} (default true), {@code maxPerSecond} (default 1000), {@code hex}
 * (default false) and {@code delayMillis} (default 0) may be left out. Each action is an
 * object named by its one key. Fields this version does not know are ignored; a newer
 * {@code version} is refused. Every rule is checked as it is read ({@link Rule}): a bad
 * pattern or template is refused before anything runs. Files are written to a temporary
 * file beside the target and moved over it. Every failure is one sentence naming the file
 * and the problem. Stateless and thread-safe.
 */
public final class RulesFile {
    /** The version written here and the newest read. */
    public static final int VERSION = 1;
    /** The biggest file read. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private RulesFile() {
    }

    /**
     * Reads a rules file.
     *
     * @throws RulesFileException with one sentence naming the file and the problem
     */
    public static List<Rule> read(Path file) throws RulesFileException {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw bad(file.toString(), String.format(Locale.ROOT, "it is %,d bytes; a rules file may be at most "
                        + "%,d bytes", size, MAX_FILE_BYTES));
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw bad(file.toString(), "it is not UTF-8 text");
        } catch (IOException e) {
            throw new RulesFileException("could not read " + file + ": " + JsonFiles.reason(e) + ".", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Reads rules from {@code json}, the text of a rules file; {@code source} names it in sentences.
     *
     * @throws RulesFileException with one sentence naming the source and the problem
     */
    public static List<Rule> parse(String json, String source) throws RulesFileException {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        JsonElement root;
        try {
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw bad(source, "there is more after the end of the JSON");
            }
        } catch (JsonParseException | IllegalStateException | IOException e) {
            throw bad(source, "it is not valid JSON: " + JsonFiles.gsonProblem(e));
        }
        if (!root.isJsonObject()) {
            throw bad(source, "it holds " + JsonFiles.kind(root) + " where rules (a JSON object with \"version\" and \"rules\") "
                    + "should be");
        }
        JsonObject o = root.getAsJsonObject();
        JsonElement version = o.get("version");
        if (version == null || !JsonFiles.isNumber(version)) {
            throw bad(source, "it has no \"version\" number, so it is not a Tincan rules file");
        }
        long v = version.getAsBigDecimal().longValue();
        if (v > VERSION) {
            throw new RulesFileException(source + " was written by a newer Tincan (rules version "
                    + Escapes.oneLine(version.getAsString()) + "; this one reads up to " + VERSION
                    + "): update Tincan to open it.");
        }
        if (v < 1) {
            throw bad(source, "its \"version\" " + v + " is not a rules version (expected 1 to " + VERSION + ")");
        }
        JsonElement array = o.get("rules");
        if (array == null || !array.isJsonArray()) {
            throw bad(source, "it has no \"rules\" array");
        }
        List<Rule> rules = new ArrayList<>();
        JsonArray items = array.getAsJsonArray();
        for (int i = 0; i < items.size(); i++) {
            rules.add(rule(source, items.get(i), "rule " + (i + 1)));
        }
        try {
            RuleEngine.check(rules);
        } catch (IllegalArgumentException e) {
            throw bad(source, JsonFiles.stripStop(e.getMessage()));
        }
        return List.copyOf(rules);
    }

    private static Rule rule(String source, JsonElement e, String where) throws RulesFileException {
        JsonObject r = object(source, e, where);
        String name = string(source, r, "name", where);
        where = where + " ('" + Match.shorten(name) + "')";
        boolean enabled = bool(source, r, "enabled", where, true);
        int perSecond = (int) number(source, r, "maxPerSecond", where, Rule.DEFAULT_MAX_PER_SECOND, 1,
                Integer.MAX_VALUE);
        JsonObject m = object(source, r.get("match"), where + " match");
        String kindWord = string(source, m, "kind", where + " match");
        Match.Kind kind = Match.Kind.of(kindWord);
        if (kind == null) {
            throw bad(source, where + " has the match kind \"" + Escapes.oneLine(kindWord) + "\": use "
                    + Match.Kind.WORDS);
        }
        JsonElement actionsElement = r.get("actions");
        if (actionsElement == null || !actionsElement.isJsonArray()) {
            throw bad(source, where + " has no \"actions\" array");
        }
        try {
            Match match = new Match(kind, string(source, m, "pattern", where + " match"),
                    bool(source, m, "hex", where + " match", false));
            List<Action> actions = new ArrayList<>();
            JsonArray a = actionsElement.getAsJsonArray();
            for (int k = 0; k < a.size(); k++) {
                actions.add(action(source, object(source, a.get(k), where + " action " + (k + 1)),
                        where + " action " + (k + 1)));
            }
            return new Rule(name, enabled, match, actions, perSecond);
        } catch (IllegalArgumentException ex) {
            // A rule's own sentence names it already: say where it is instead.
            String said = ex.getMessage();
            String named = "rule '" + Match.shorten(name) + "' ";
            throw bad(source, said.startsWith(named) ? where + " " + JsonFiles.stripStop(said.substring(named.length()))
                    : where + " cannot be used: " + JsonFiles.stripStop(said));
        }
    }

    private static Action action(String source, JsonObject o, String where) throws RulesFileException {
        if (o.has("reply")) {
            return new Action.Reply(string(source, o, "reply", where), bool(source, o, "hex", where, false),
                    Duration.ofMillis(number(source, o, "delayMillis", where, 0, 0, Action.MAX_DELAY.toMillis())));
        } else if (o.has("note")) {
            return new Action.Note(string(source, o, "note", where));
        } else if (o.has("mark")) {
            return new Action.Mark();
        } else if (o.has("stopRepeat")) {
            return new Action.StopRepeat();
        } else if (o.has("stopRules")) {
            return new Action.StopRules();
        } else if (o.has("snapshot")) {
            int n = (int) number(source, o, "snapshot", where, 0, 1, Action.MAX_SNAPSHOT_FRAMES);
            String file = o.has("file") ? string(source, o, "file", where) : Action.Snapshot.DEFAULT_FILE;
            return new Action.Snapshot(n, file);
        }
        throw bad(source, where + " is none of reply, note, mark, stopRepeat, snapshot or stopRules");
    }

    /** The rules as the text of a rules file. */
    public static String toJson(List<Rule> rules) {
        JsonObject root = new JsonObject();
        root.addProperty("version", VERSION);
        JsonArray array = new JsonArray();
        for (Rule r : rules) {
            JsonObject o = new JsonObject();
            o.addProperty("name", r.name());
            o.addProperty("enabled", r.enabled());
            o.addProperty("maxPerSecond", r.maxPerSecond());
            JsonObject m = new JsonObject();
            m.addProperty("kind", r.match().kind().word());
            m.addProperty("pattern", r.match().pattern());
            if (r.match().hex()) {
                m.addProperty("hex", true);
            }
            o.add("match", m);
            JsonArray actions = new JsonArray();
            for (Action a : r.actions()) {
                actions.add(json(a));
            }
            o.add("actions", actions);
            array.add(o);
        }
        root.add("rules", array);
        return GSON.toJson(root) + "\n";
    }

    private static JsonObject json(Action a) {
        JsonObject o = new JsonObject();
        if (a instanceof Action.Reply r) {
            o.addProperty("reply", r.template());
            if (r.hex()) {
                o.addProperty("hex", true);
            }
            if (!r.delay().isZero()) {
                o.addProperty("delayMillis", r.delay().toMillis());
            }
        } else if (a instanceof Action.Note n) {
            o.addProperty("note", n.text());
        } else if (a instanceof Action.Mark) {
            o.addProperty("mark", true);
        } else if (a instanceof Action.StopRepeat) {
            o.addProperty("stopRepeat", true);
        } else if (a instanceof Action.StopRules) {
            o.addProperty("stopRules", true);
        } else if (a instanceof Action.Snapshot s) {
            o.addProperty("snapshot", s.frames());
            o.addProperty("file", s.file());
        }
        return o;
    }

    /**
     * Writes {@code rules} to {@code file}: first to a temporary file in the same folder (made
     * if missing), then moved over {@code file}.
     *
     * @throws RulesFileException with one sentence naming the file and the problem
     */
    public static void write(Path file, List<Rule> rules) throws RulesFileException {
        try {
            JsonFiles.writeWhole(file, w -> w.write(toJson(rules)));
        } catch (IOException e) {
            throw new RulesFileException("could not write " + file + ": " + JsonFiles.reason(e) + ".", e);
        }
    }

    private static JsonObject object(String source, JsonElement e, String where) throws RulesFileException {
        if (e == null || !e.isJsonObject()) {
            throw bad(source, where + (e == null ? " is missing" : " is " + JsonFiles.kind(e) + ", not an object"));
        }
        return e.getAsJsonObject();
    }

    private static String string(String source, JsonObject o, String key, String where) throws RulesFileException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw bad(source, where + " has no \"" + key + "\"");
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw bad(source, where + " has " + JsonFiles.kind(e) + " for \"" + key + "\" where text should be");
        }
        return e.getAsString();
    }

    private static boolean bool(String source, JsonObject o, String key, String where, boolean absent)
            throws RulesFileException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return absent;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw bad(source, where + " has " + JsonFiles.kind(e) + " for \"" + key + "\" where true or false should be");
        }
        return e.getAsBoolean();
    }

    private static long number(String source, JsonObject o, String key, String where, long absent, long min,
            long max) throws RulesFileException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return absent;
        }
        if (!JsonFiles.isNumber(e)) {
            throw bad(source, where + " has " + JsonFiles.kind(e) + " for \"" + key + "\" where a number should be");
        }
        long v;
        try {
            v = e.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException ex) {
            v = min - 1;
        }
        if (v < min || v > max) {
            throw bad(source, where + " has \"" + key + "\" " + Escapes.oneLine(e.getAsString()) + " (expected a whole "
                    + "number from " + min + " to " + max + ")");
        }
        return v;
    }




    private static RulesFileException bad(String source, String problem) {
        return new RulesFileException(source + " cannot be used: " + problem + ".");
    }


}
