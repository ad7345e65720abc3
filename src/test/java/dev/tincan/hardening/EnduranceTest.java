package dev.tincan.hardening;

import dev.tincan.server.CompanionServer;
import dev.tincan.server.ServerConfig;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #CYCLES} connect/send/receive/close cycles against the companion server leave the
 * live threads and open file descriptors where they began (within {@value #SLACK}, waited
 * for with a deadline). {@link Endurance} runs the same loop for as long as asked.
 */
class EnduranceTest {
    private static final Logger log = LoggerFactory.getLogger(EnduranceTest.class);
    /** Enough that a leak of one thread or descriptor in a hundred cycles shows past the slack. */
    private static final int CYCLES = 500;
    private static final int WARM_UP = 20;
    private static final int SLACK = 2;
    private static final long SETTLE_MILLIS = 10_000;

    /** Runs {@code n} cycles against a port. */
    @FunctionalInterface
    private interface Loop {
        void run(int port, int n);
    }

    @Test
    void cyclesThroughOneClientThreadLeaveThreadsAndFdsWhereTheyBegan() throws IOException {
        cycles("one client thread", Cycles::throughOneThread);
    }

    @Test
    void cyclesThroughAFreshClientThreadEachLeaveThreadsAndFdsWhereTheyBegan() throws IOException {
        cycles("a fresh client thread each", Cycles::throughFreshThreads);
    }

    private static void cycles(String how, Loop loop) throws IOException {
        try (CompanionServer server = new CompanionServer(ServerConfig.builder().port(0).build()).start()) {
            int port = server.port();
            loop.run(port, WARM_UP);
            boolean fds = Resources.canCountFds();
            int threadsBefore = Resources.threads();
            int fdsBefore = fds ? Resources.fds() : -1;

            long start = System.nanoTime();
            loop.run(port, CYCLES);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            Resources.awaitThreadsBackTo(threadsBefore, SLACK, SETTLE_MILLIS);
            if (fds) {
                Resources.awaitFdsBackTo(fdsBefore, SLACK, SETTLE_MILLIS);
            }
            log.info("{} cycles through {} in {} ms ({} µs a cycle); threads {} -> {}, fds {} -> {}", CYCLES, how,
                    millis, millis * 1000 / CYCLES, threadsBefore, Resources.threads(), fdsBefore,
                    fds ? Resources.fds() : -1);
            Resources.await("the server to see every client go", SETTLE_MILLIS, () -> server.clientCount() == 0);
            Assumptions.assumeTrue(fds, Resources.FDS + " is missing, so open file descriptors were not counted: "
                    + "only threads were checked.");
        }
        Resources.assertNoThreadsLeft();
    }
}
