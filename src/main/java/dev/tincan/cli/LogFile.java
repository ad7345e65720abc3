package dev.tincan.cli;

import ch.qos.logback.core.spi.ContextAware;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where this process logs: a file of its own, {@code tincan-20250101-120000-4242.log} (when
 * the process started, and its pid) in {@code tincan.log.dir}, by default
 * {@code ~/.tincan/logs}. Runs side by side, tests included, never write into one file.
 *
 * <p>{@link LogSetup} asks for the name when Logback starts, and that is when the logs of
 * finished runs are pruned: those that are empty go, and of the others only the newest
 * {@value #MAX_RUNS} runs are kept. The log of a process that is still running is never
 * touched. Thread-safe.
 */
public final class LogFile {
    /** How many runs' logs are kept, this one included. */
    static final int MAX_RUNS = 20;

    private static final Pattern NAME = Pattern.compile("(tincan-\\d{8}-\\d{6}-(\\d+))(\\.\\d+)?\\.log");
    private static final String BASE = "tincan-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
            + ProcessHandle.current().pid();

    private LogFile() {
    }

    /**
     * The path of this process's log file without {@code .log}, pruning old logs as it is
     * read; a failure to prune is a warning to {@code status}.
     */
    static String base(ContextAware status) {
        Path dir = directory();
        try {
            prune(dir, BASE);
        } catch (IOException | RuntimeException e) {
            status.addWarn("could not prune the old logs in " + dir, e);
        }
        return dir.resolve(BASE).toString();
    }

    /** This process's log file. */
    static Path path() {
        return directory().resolve(BASE + ".log");
    }

    /** {@code tincan.log.dir} if set, else {@code ~/.tincan/logs}; the same rule as {@link LogSetup}. */
    static Path directory() {
        String dir = System.getProperty("tincan.log.dir");
        return dir != null && !dir.isBlank() ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".tincan", "logs");
    }

    /**
     * Deletes, in {@code dir}, the logs of finished runs that are empty, and then those of all
     * but the newest {@link #MAX_RUNS} runs (counting {@code current}). A run's log is its
     * file and its rolled parts ({@code .1.log}); runs whose process is alive are kept.
     */
    static void prune(Path dir, String current) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Map<String, List<Path>> runs = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches() && !m.group(1).equals(current)) {
                    runs.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(file);
                    pids.put(m.group(1), Long.parseLong(m.group(2)));
                }
            }
        }
        runs.keySet().removeIf(run -> alive(pids.get(run)));
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, List<Path>> run : runs.entrySet()) {
            if (size(run.getValue()) == 0) {
                delete(run.getValue());
            } else {
                kept.add(run.getKey());
            }
        }
        kept.sort(Comparator.comparing((String run) -> lastModified(runs.get(run))).reversed());
        for (String run : kept.subList(Math.min(kept.size(), MAX_RUNS - 1), kept.size())) {
            delete(runs.get(run));
        }
    }

    private static boolean alive(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isPresent() && process.get().isAlive();
    }

    private static long size(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        return total;
    }

    private static long lastModified(List<Path> files) {
        long latest = 0;
        for (Path file : files) {
            try {
                latest = Math.max(latest, Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                // Gone already: it counts as old.
            }
        }
        return latest;
    }

    private static void delete(List<Path> files) throws IOException {
        for (Path file : files) {
            Files.deleteIfExists(file);
        }
    }
}
