package dev.tincan.session;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings file: one place for the defaults the window and the command line share, such
 * as framing, timeouts, the max frame and the theme. Precedence is what is typed (a flag, a
 * choice in the window) over this file over the built-in defaults.
 *
 * <pre>
 * # ~/.tincan/config
 * framing = len32le
 * max-frame = 1MiB
 * connect-timeout = 3s
 * send.timeout = 10s      # only for tincan send
 * theme = dark            # the window: light, dark or system
 * </pre>
 *
 * <p>One {@code KEY = VALUE} a line; {@code #} starts a comment; blank lines are skipped. A
 * key is an option's long name without its dashes, for every command that has it, or
 * {@code COMMAND.NAME} for one command only. This class reads the lines and refuses what is
 * not a setting at all; whether a key and its value mean something is for the reader (the
 * command line checks them against its options). Immutable and thread-safe.
 */
public final class Settings {
    /** The system property naming the file; tests point it under {@code target/}. */
    public static final String FILE_PROPERTY = "tincan.config.file";
    /** The biggest file read. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)?");
    private static final Settings NONE = new Settings(null, Map.of());

    private final Path file;
    private final Map<String, Entry> entries;

    /**
     * One setting as written.
     *
     * @param key the key, lower case, e.g. {@code send.timeout}
     * @param value the value, trimmed
     * @param line the line it is on, from 1
     */
    public record Entry(String key, String value, int line) {
        /** The command the key is for, or {@code null} for every command. */
        public String command() {
            int dot = key.indexOf('.');
            return dot < 0 ? null : key.substring(0, dot);
        }

        /** The key without its command. */
        public String name() {
            return key.substring(key.indexOf('.') + 1);
        }
    }

    private Settings(Path file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** No settings: every default is the built-in one. */
    public static Settings none() {
        return NONE;
    }

    /** The file read when none is named: {@value #FILE_PROPERTY} if set, else {@code ~/.tincan/config}. */
    public static Path defaultFile() {
        String p = System.getProperty(FILE_PROPERTY);
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".tincan", "config");
    }

    /** {@link #defaultFile()} if it exists, else {@link #none()}. */
    public static Settings readDefault() throws SettingsException {
        Path f = defaultFile();
        return Files.exists(f) ? read(f) : NONE;
    }

    /**
     * Reads {@code file}; the exception's sentence names the file, the line and what is wrong.
     */
    public static Settings read(Path file) throws SettingsException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new SettingsException(file + " is not a settings file: it is bigger than "
                        + MAX_BYTES / 1024 + " KiB.");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SettingsException("settings file " + file + " not found.", e);
        } catch (IOException e) {
            throw new SettingsException("settings file " + file + " could not be read: " + e.getMessage() + ".", e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SettingsException("settings file " + file + " is not UTF-8 text.", e);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            int n = i + 1;
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new SettingsException(file + " line " + n + ": expected KEY = VALUE, e.g. framing = line.");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (!KEY.matcher(key).matches()) {
                throw new SettingsException(file + " line " + n + ": " + quote(key) + " is not a key: keys are "
                        + "option names without dashes, e.g. framing or send.timeout.");
            }
            Entry before = entries.get(key);
            if (before != null) {
                throw new SettingsException(file + " line " + n + ": " + key + " is set twice (first on line "
                        + before.line() + "); keep one.");
            }
            entries.put(key, new Entry(key, value, n));
        }
        return new Settings(file, Map.copyOf(entries));
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /** The file read, or {@code null} for {@link #none()}. */
    public Path file() {
        return file;
    }

    /** Every setting, in the order written. */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>(entries.values());
        all.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return all;
    }

    /** The setting {@code name} for {@code command}: {@code command.name} first, then {@code name}. */
    public Optional<Entry> get(String command, String name) {
        Entry own = command == null ? null : entries.get(command + "." + name);
        return Optional.ofNullable(own != null ? own : entries.get(name));
    }

    /** Where {@code entry} was written, for sentences: {@code FILE line N}. */
    public String where(Entry entry) {
        return file + " line " + entry.line();
    }

    /** A settings file that could not be used; the message is one sentence for a person. */
    public static final class SettingsException extends Exception {
        private static final long serialVersionUID = 1L;

        SettingsException(String message) {
            super(message);
        }

        SettingsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
