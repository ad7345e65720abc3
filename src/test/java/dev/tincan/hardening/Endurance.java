package dev.tincan.hardening;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Runs the endurance loop of {@link EnduranceTest} for as long as asked and prints the time,
 * the live threads and the open file descriptors before and after each run. A console
 * runner for the test classpath, not part of the build's tests:
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.tincan.hardening.Endurance 10000
 * </pre>
 *
 * <p>Only warnings are logged, to {@code target/endurance-logs} unless {@code tincan.log.dir} says otherwise.
 *
 * <p>Arguments: the number of cycles (default 10000), then {@code one}, {@code fresh} or
 * {@code both} (default): through one client thread, a fresh client thread per cycle, or
 * both in turn. Exits with 1 if a cycle fails or threads or descriptors do not settle back
 * within 2 of where they began.
 */
public final class Endurance {
    private static final int SLACK = 2;
    private static final long SETTLE_MILLIS = 30_000;

    private Endurance() {
    }

    /** Runs the loop; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String which = args.length > 1 ? args[1].toLowerCase(Locale.ROOT) : "both";
        if (System.getProperty("tincan.log.dir") == null) {
            // Before the first logger is made: keep this run's log out of the home directory.
            System.setProperty("tincan.log.dir", "target/endurance-logs");
        }
        quietLogs();
        PrintStream out = System.out;
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            int port = server.port();
            Cycles.throughOneThread(port, 20);
            if (which.equals("one") || which.equals("both")) {
                run(out, "one client thread", n, () -> Cycles.throughOneThread(port, n));
            }
            if (which.equals("fresh") || which.equals("both")) {
                run(out, "a fresh client thread each", n, () -> Cycles.throughFreshThreads(port, n));
            }
        } catch (AssertionError e) {
            out.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(PrintStream out, String how, int n, Runnable loop) {
        boolean fds = Resources.canCountFds();
        int threadsBefore = Resources.threads();
        int fdsBefore = fds ? Resources.fds() : -1;
        out.printf("%d cycles through %s: threads %d, fds %s before%n", n, how, threadsBefore,
                fds ? fdsBefore : "(not countable: no " + Resources.FDS + ")");
        long start = System.nanoTime();
        loop.run();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int threadsRightAfter = Resources.threads();
        int fdsRightAfter = fds ? Resources.fds() : -1;
        long settleStart = System.nanoTime();
        Resources.awaitThreadsBackTo(threadsBefore, SLACK, SETTLE_MILLIS);
        if (fds) {
            Resources.awaitFdsBackTo(fdsBefore, SLACK, SETTLE_MILLIS);
        }
        long settleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settleStart);
        out.printf("  %d ms (%d µs a cycle); right after: threads %d, fds %d; settled within %d ms: threads %d, "
                + "fds %d%n", millis, millis * 1000 / n, threadsRightAfter, fdsRightAfter, settleMillis,
                Resources.threads(), fds ? Resources.fds() : -1);
    }

    /** Only warnings: the loop would otherwise log a few lines per cycle. */
    private static void quietLogs() {
        if (LoggerFactory.getLogger("dev.tincan") instanceof ch.qos.logback.classic.Logger tincan) {
            tincan.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
