package dev.tincan.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.tincan.codec.Escapes;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Tincan's JSON files (the library, rules) share: writing a file whole or not at all,
 * and the words for what went wrong reading one. Stateless and thread-safe.
 */
public final class JsonFiles {
    private static final Pattern WHERE = Pattern.compile("(.*?) at line (\\d+) column (\\d+)");

    private JsonFiles() {
    }

    /** What one side of a write does with the temporary file's writer. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code w}. */
        void writeTo(Writer w) throws IOException;
    }

    /**
     * Writes {@code content} to a temporary file beside {@code file} and moves it over
     * {@code file}, atomically where the file system can, so a crash never leaves half a
     * file; the temporary file is removed when anything fails.
     */
    public static void writeWhole(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                content.writeTo(w);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The write failed already; that is the sentence worth giving.
                }
            }
        }
    }

    /** Why a file operation failed, in words: "there is no such file or folder", "permission denied", … */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "there is no such file or folder";
        } else if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return Escapes.oneLine(String.valueOf(e.getMessage()));
    }

    /** {@code sentence} without its full stop, to be followed by more words. */
    public static String stripStop(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    /**
     * What Gson said was wrong with a file, in lower case, with its line and column, e.g.
     * "expected a name but was … at line 3 column 5".
     */
    public static String gsonProblem(Exception e) {
        Throwable t = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
        String message = t.getMessage() == null ? t.getClass().getSimpleName()
                : t.getMessage().lines().findFirst().orElse("");
        Matcher m = WHERE.matcher(message);
        if (m.find()) {
            String what = m.group(1).contains("setStrictness")
                    ? "malformed JSON (comments, single quotes and names without quotes are not allowed)"
                    : m.group(1).isEmpty() ? "" : Character.toLowerCase(m.group(1).charAt(0)) + m.group(1).substring(1);
            return what + " at line " + m.group(2) + " column " + m.group(3);
        }
        return Escapes.oneLine(message);
    }

    /** "line L column C" from a Gson reader's description of where it is, or "the end". */
    public static String where(String readerDescription) {
        Matcher m = WHERE.matcher(readerDescription);
        return m.find() ? "line " + m.group(2) + " column " + m.group(3) : "the end";
    }

    /** Whether {@code e} is a JSON number. */
    public static boolean isNumber(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
    }

    /** What kind of JSON value {@code e} is, in words: "an array", "text", … */
    public static String kind(JsonElement e) {
        if (e.isJsonArray()) {
            return "an array";
        } else if (e.isJsonObject()) {
            return "an object";
        } else if (e.isJsonNull()) {
            return "null";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isBoolean() ? "true or false" : p.isNumber() ? "a number" : "text";
    }
}
