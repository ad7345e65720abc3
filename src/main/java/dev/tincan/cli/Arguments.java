package dev.tincan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command-line arguments as they were typed. The JVM decodes its arguments with the
 * locale's character set; under {@code LC_ALL=C} that is ASCII, and every byte above 127
 * becomes U+FFFD: {@code héllo} arrives as {@code h\uFFFD\uFFFDllo}. On Linux the bytes typed
 * are still in {@code /proc/self/cmdline}; an argument that holds U+FFFD is read again from
 * there, as UTF-8, when those bytes are valid UTF-8. An argument that cannot be recovered
 * keeps its U+FFFD, for the command to refuse with {@link #unreadable}.
 */
final class Arguments {
    /**
     * A string, not a path: making the first path starts the JDK's file system, which
     * arguments without U+FFFD have no use for yet.
     */
    private static final String CMDLINE = "/proc/self/cmdline";
    /** More than this is not read: arguments that long are not typed. */
    private static final int MAX_CMDLINE = 1 << 20;

    private Arguments() {
    }

    /** {@code args} with each one the locale could not decode read again from the bytes typed, where possible. */
    static String[] asTyped(String[] args) {
        if (!anyUnreadable(args)) {
            return args;
        }
        byte[] cmdline;
        try (InputStream in = Files.newInputStream(Path.of(CMDLINE))) {
            cmdline = in.readNBytes(MAX_CMDLINE);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return args;
        }
        return asTyped(args, cmdline, jvmCharset());
    }

    /**
     * {@code args} recovered from {@code cmdline}, the NUL-separated arguments of the whole
     * command line, whose last entries are {@code args} as typed. Nothing is changed unless
     * every one of those entries, decoded with {@code decodedWith}, gives its argument back:
     * then they are certainly the same arguments.
     */
    static String[] asTyped(String[] args, byte[] cmdline, Charset decodedWith) {
        List<byte[]> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                entries.add(Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (start < cmdline.length || entries.size() < args.length) {
            return args;
        }
        List<byte[]> typed = entries.subList(entries.size() - args.length, entries.size());
        String[] result = args.clone();
        for (int i = 0; i < args.length; i++) {
            if (!new String(typed.get(i), decodedWith).equals(args[i])) {
                return args;
            }
            if (hasUnreadable(args[i])) {
                String utf8 = strictUtf8(typed.get(i));
                if (utf8 != null) {
                    result[i] = utf8;
                }
            }
        }
        return result;
    }

    /**
     * Whether any of {@code args} holds U+FFFD. A loop, not a stream: this runs first in every
     * command, and the JVM's first stream cost a one-shot {@code tincan send} about 13 ms.
     */
    private static boolean anyUnreadable(String[] args) {
        for (String arg : args) {
            if (hasUnreadable(arg)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code arg} holds U+FFFD, the mark of a byte the locale's character set could not read. */
    static boolean hasUnreadable(String arg) {
        return arg.indexOf('\uFFFD') >= 0;
    }

    /**
     * The sentence for an argument that still holds U+FFFD: what happened and what to do.
     * {@code what} names the argument, e.g. {@code message 1 "h\uFFFDllo"}.
     */
    static String unreadable(String what) {
        return what + " has a character that could not be read in this locale's character set ("
                + jvmCharset().name() + "): give the message as hex with --hex, or on standard input, which is "
                + "read as UTF-8.";
    }

    /** The character set the JVM decoded its arguments with. */
    private static Charset jvmCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
