package dev.tincan.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Standard input as {@code send} and {@code connect} read it, where closed means empty.
 *
 * <p>When a process starts with descriptor 0 closed ({@code tincan connect HOST PORT <&-}),
 * the JVM opens its own files and the first one lands on descriptor 0: {@link System#in}
 * then reads the runtime image ({@code lib/modules}, 130 MB of binary) or a jar of the class
 * path. On Linux, {@code /proc/self/fd/0} tells where descriptor 0 points: to the JVM's own
 * files, or nowhere, means there was no input. Elsewhere {@link System#in} is used as it is.
 */
final class StandardInput {
    private static final Path FD0 = Path.of("/proc/self/fd/0");

    private StandardInput() {
    }

    /** {@link System#in}, or an empty stream when this process was started with no standard input. */
    static InputStream open() {
        return closedAtStart() ? InputStream.nullInputStream() : System.in;
    }

    /** Whether descriptor 0 was closed when this process started, as far as can be told. */
    static boolean closedAtStart() {
        if (!Files.isDirectory(FD0.getParent())) {
            return false;
        }
        if (!Files.exists(FD0, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            return isOwnFile(Files.readSymbolicLink(FD0).toString(), System.getProperty("java.home", ""),
                    System.getProperty("java.class.path", ""));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * Whether {@code target}, where descriptor 0 points, is a file the JVM opened for itself:
     * one under {@code javaHome}, or an entry of {@code classPath}.
     */
    static boolean isOwnFile(String target, String javaHome, String classPath) {
        try {
            Path file = Path.of(target).toAbsolutePath().normalize();
            if (!javaHome.isEmpty() && file.startsWith(Path.of(javaHome).toAbsolutePath().normalize())) {
                return true;
            }
            for (String entry : classPath.split(File.pathSeparator)) {
                if (!entry.isEmpty() && file.equals(Path.of(entry).toAbsolutePath().normalize())) {
                    return true;
                }
            }
        } catch (InvalidPathException e) {
            // "pipe:[1234]" and the like are not paths, and not the JVM's own files.
            return false;
        }
        return false;
    }
}
