package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tincan.ui.NeedsDisplay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher that {@code mvn package} writes, {@code target/tincan}: it runs from any
 * directory and from a path with a space in it, uses the class data archive made for it,
 * and runs without a word when that archive is missing or broken. It runs in the
 * integration-test phase, after package has made the launcher and the archive (pom.xml,
 * execution launcher-test). Before the cases, the jar is copied into two directories, one
 * with a space in its path, and {@code src/main/sh/archive.sh} makes the launcher and the
 * archive in each, as the build does: both at once, since each takes seconds of training.
 * An archive serves only the jar at the path it was made for, so the cases that break the
 * archive or the jar do it in the one directory, each first putting back the archive and the
 * jar's time as archive.sh left them ({@link #installed()}), one after the other (they hold
 * the lock {@value #INSTALLED}). The other cases run beside them: each waits on a JVM it
 * started (pom.xml, execution launcher-test, turns on JUnit's parallel execution).
 */
@EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "the launcher is a POSIX shell script")
@Execution(ExecutionMode.CONCURRENT)
class LauncherTest {
    /** The lock the cases that run the launcher in {@link #installed} hold. */
    private static final String INSTALLED = "the installed directory";

    /** How long one run of the launcher, or of archive.sh, may take. */
    private static final long RUN_SECONDS = 60;

    private static Path target;
    private static String version;
    /** The directory archive.sh installed into; the cases run its launcher. */
    private static Path installed;
    /** The same, with a space in its path. */
    private static Path withSpace;
    /** The archive archive.sh made in {@link #installed}, as it made it. */
    private static Path madeArchive;
    /** The time of the jar in {@link #installed} when archive.sh made the archive for it. */
    private static FileTime madeJarTime;

    @TempDir
    static Path temp;

    @BeforeAll
    @Timeout(150)
    static void findTheBuildAndInstallIt() throws Exception {
        target = Path.of(System.getProperty("tincan.target", "target")).toAbsolutePath();
        version = "tincan " + VersionProvider.version();
        Path one = Files.createDirectories(temp.resolve("installed"));
        Path two = Files.createDirectories(temp.resolve("with space"));
        Process madeOne = install(one);
        Process madeTwo = install(two);
        checkInstalled(one, madeOne);
        checkInstalled(two, madeTwo);
        installed = one;
        withSpace = two;
        madeArchive = Files.copy(one.resolve("tincan.jsa"), temp.resolve("tincan.jsa.made"));
        madeJarTime = Files.getLastModifiedTime(one.resolve("tincan.jar"));
    }

    private record Run(int code, String out, String err) {
    }

    /**
     * Runs {@code command} in {@code dir}, with {@code javaOptions} (if non-null) in
     * JDK_JAVA_OPTIONS. It logs into the temporary directory, never into the home directory;
     * the line {@code java} prints about JDK_JAVA_OPTIONS is left out of standard error.
     */
    private static Run run(Path dir, String javaOptions, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        // The JVM the archive was made with.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JDK_JAVA_OPTIONS", "-Dtincan.log.dir=" + temp.resolve("logs")
                + (javaOptions == null ? "" : " " + javaOptions));
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        boolean ended = p.waitFor(RUN_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("%s ended within %d s", Arrays.toString(command), RUN_SECONDS).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8).replaceFirst("^NOTE: Picked up JDK_JAVA_OPTIONS: .*\\R", ""));
    }

    /**
     * Copies the jar into {@code dir} and starts archive.sh there, which makes the archive and
     * the launcher for it; {@link #checkInstalled} waits for it.
     */
    private static Process install(Path dir) throws IOException {
        Files.copy(target.resolve("tincan.jar"), dir.resolve("tincan.jar"), StandardCopyOption.REPLACE_EXISTING);
        Path script = Path.of("src/main/sh/archive.sh").toAbsolutePath();
        Path template = Path.of("src/main/sh/tincan").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), dir.toString(), template.toString())
                .directory(temp.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JDK_JAVA_OPTIONS", "-Dtincan.log.dir=" + temp.resolve("logs"));
        Process p = builder.redirectOutput(Files.createTempFile(temp, "out", ".txt").toFile())
                .redirectError(errorsOf(dir).toFile()).start();
        p.getOutputStream().close();
        return p;
    }

    /** Where archive.sh run for {@code dir} writes its standard error. */
    private static Path errorsOf(Path dir) {
        return temp.resolve(dir.getFileName() + ".err");
    }

    /** Waits for the archive.sh that {@link #install} started in {@code dir}: it made the archive, without a word. */
    private static void checkInstalled(Path dir, Process made) throws IOException, InterruptedException {
        boolean ended = made.waitFor(RUN_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            made.destroyForcibly();
        }
        assertThat(ended).as("archive.sh in %s ended within %d s", dir, RUN_SECONDS).isTrue();
        String err = Files.readString(errorsOf(dir), StandardCharsets.UTF_8)
                .replaceFirst("^NOTE: Picked up JDK_JAVA_OPTIONS: .*\\R", "");
        assertThat(made.exitValue()).as(err).isZero();
        assertThat(err).isEmpty();
        assertThat(dir.resolve("tincan.jsa")).isRegularFile();
    }

    /**
     * The directory holding the launcher, the jar and the archive archive.sh made for them
     * there, put back as archive.sh left them: the archive, and the jar's time, which the JVM
     * checks. A case before may have broken either.
     */
    private static Path installed() throws IOException {
        Files.copy(madeArchive, installed.resolve("tincan.jsa"), StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(installed.resolve("tincan.jar"), madeJarTime);
        return installed;
    }

    /**
     * How many classes whose name begins with {@code prefix} {@code tincan --version} in
     * {@code dir} took from the archive made for it.
     */
    private static long archivedClasses(Path dir, String prefix) throws IOException, InterruptedException {
        Path log = Files.createTempFile(temp, "classes", ".txt");
        Run r = run(temp, "-Xlog:class+load=info:file=" + log, dir.resolve("tincan").toString(), "--version");
        assertThat(r.out().trim()).isEqualTo(version);
        return archived(log, prefix);
    }

    /**
     * How many classes whose name begins with {@code prefix} came from the launcher's archive,
     * by {@code log}: the JDK's own archive holds none of Tincan's classes or its libraries'.
     */
    private static long archived(Path log, String prefix) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains(" " + prefix) && line.contains("source: shared objects file")).count();
    }

    @Test
    void theBuiltLauncherRunsFromAnotherDirectory() throws Exception {
        Run r = run(temp, null, target.resolve("tincan").toString(), "--version");

        assertThat(r.out().trim()).isEqualTo(version);
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
    }

    @Test
    void theBuiltLauncherUsesTheBuiltArchive() throws Exception {
        Assumptions.assumeFalse(target.toString().contains(" "),
                "Java 17 takes no application classes from an archive when the jar's path has a space in it");

        assertThat(archivedClasses(target, "dev.tincan.")).isGreaterThan(10);
    }

    @Test
    void picocliComesFromTheArchiveAlreadyVerified() throws Exception {
        Assumptions.assumeFalse(target.toString().contains(" "),
                "Java 17 takes no application classes from an archive when the jar's path has a space in it");
        Path log = Files.createTempFile(temp, "classes", ".txt");

        Run r = run(temp, "-Xlog:class+load=info,verification=info:file=" + log,
                target.resolve("tincan").toString(), "--version");

        assertThat(r.out().trim()).isEqualTo(version);
        assertThat(archived(log, "picocli.")).isGreaterThan(100);
        // Compiled for Java 5, picocli's classes were verified again on every run, by the JVM's old verifier.
        List<String> verified = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.contains("Verifying class picocli.")) {
                verified.add(line);
            }
        }
        assertThat(verified).isEmpty();
    }

    @Test
    @ExtendWith(NeedsDisplay.class)
    void theWindowTakesItsClassesFromItsOwnArchive() throws Exception {
        Assumptions.assumeFalse(target.toString().contains(" "),
                "Java 17 takes no application classes from an archive when the jar's path has a space in it");
        assertThat(target.resolve("tincan-gui.jsa")).as("made by a build with a display").isRegularFile();
        Path log = Files.createTempFile(temp, "classes", ".txt");

        Run r = run(temp, "-Dtincan.firstPaint=exit -Dtincan.settings=memory -Dtincan.library.file="
                + temp.resolve("library.json") + " -Xlog:class+load=info:file=" + log,
                target.resolve("tincan").toString());

        assertThat(r.out()).startsWith("tincan: first paint ");
        assertThat(archived(log, "dev.tincan.ui.")).isGreaterThan(10);
    }

    @Test
    @ResourceLock(INSTALLED)
    void itUsesTheArchiveMadeForIt() throws Exception {
        Path dir = installed();

        Run r = run(temp, null, dir.resolve("tincan").toString(), "--version");

        assertThat(r).isEqualTo(new Run(0, version + System.lineSeparator(), ""));
        assertThat(archivedClasses(dir, "dev.tincan.")).isGreaterThan(10);
    }

    @Test
    @ResourceLock(INSTALLED)
    void itRunsThroughARelativeSymbolicLinkFromAnotherDirectory() throws Exception {
        Path dir = installed();
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("tincan"), Path.of("..", dir.getFileName().toString(), "tincan"));

        Run r = run(temp, null, link.toString(), "--version");

        assertThat(r).isEqualTo(new Run(0, version + System.lineSeparator(), ""));
    }

    @Test
    void itRunsFromAPathWithASpace() throws Exception {
        Path dir = withSpace;

        Run r = run(temp, null, dir.resolve("tincan").toString(), "send", "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: tincan send");
        assertThat(r.err()).isEmpty();
    }

    @Test
    @ResourceLock(INSTALLED)
    void withoutTheArchiveItRunsQuietly() throws Exception {
        Path dir = installed();
        Files.delete(dir.resolve("tincan.jsa"));

        Run r = run(temp, null, dir.resolve("tincan").toString(), "--version");

        assertThat(r).isEqualTo(new Run(0, version + System.lineSeparator(), ""));
    }

    @Test
    @ResourceLock(INSTALLED)
    void withAnArchiveCutShortItRunsQuietly() throws Exception {
        Path dir = installed();
        Path archive = dir.resolve("tincan.jsa");
        byte[] bytes = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length / 2));

        Run r = run(temp, null, dir.resolve("tincan").toString(), "--version");

        assertThat(r).isEqualTo(new Run(0, version + System.lineSeparator(), ""));
    }

    @Test
    @ResourceLock(INSTALLED)
    void withAnArchiveOfGarbageItRunsQuietly() throws Exception {
        Path dir = installed();
        Path archive = dir.resolve("tincan.jsa");
        byte[] garbage = new byte[(int) Files.size(archive)];
        Arrays.fill(garbage, (byte) 0x5a);
        archive.toFile().setWritable(true);
        Files.write(archive, garbage);

        Run r = run(temp, null, dir.resolve("tincan").toString(), "--version");

        assertThat(r).isEqualTo(new Run(0, version + System.lineSeparator(), ""));
    }

    @Test
    @ResourceLock(INSTALLED)
    void withAJarRebuiltAfterTheArchiveItRunsQuietly() throws Exception {
        Path dir = installed();
        Path jar = dir.resolve("tincan.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5000));

        Run r = run(temp, null, dir.resolve("tincan").toString(), "--version");

        assertThat(r).isEqualTo(new Run(0, version + System.lineSeparator(), ""));
        assertThat(archivedClasses(dir, "")).isZero();
    }
}
