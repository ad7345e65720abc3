package dev.tincan.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tincan.testing.Threads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Name lookups inside the connect timeout. The system's resolver cannot be slowed from a
 * test, so a lookup that blocks until released stands in for a name server that does not
 * answer; the waiting, the giving up and the bound on waiting lookups are Tincan's own.
 */
@Timeout(20)
class ResolverTest {
    /** Releases every lookup a test left blocked, so its thread ends. */
    private final CountDownLatch release = new CountDownLatch(1);

    private final Resolver.Lookup neverAnswers = host -> {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new UnknownHostException(host);
    };

    @AfterEach
    void lookupsEnd() {
        release.countDown();
        Threads.assertNoneLeft("tincan-lookup");
    }

    private static long inMillis(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void aNameServerThatDoesNotAnswerIsGivenUpOnAtTheDeadline() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Resolver.resolve("device.example", inMillis(300), neverAnswers))
                .isInstanceOf(Resolver.LookupTimeout.class)
                .hasMessage("looking up device.example took longer than the connect timeout");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(took).as("waited until the deadline, and not much past it").isBetween(250L, 3000L);
    }

    @Test
    void aLookupThatAnswersInTimeGivesItsAddresses() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        assertThat(Resolver.resolve("device.example", inMillis(5000), host -> new InetAddress[] {loopback}))
                .containsExactly(loopback);
    }

    @Test
    void aNameWithoutAddressesSaysSo() {
        assertThatThrownBy(() -> Resolver.resolve("nosuch.example", inMillis(5000), host -> {
            throw new UnknownHostException(host);
        })).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void literalAddressesAreNotLookedUp() throws IOException {
        Resolver.Lookup refuses = host -> {
            throw new AssertionError("looked up " + host);
        };
        assertThat(Resolver.resolve("127.0.0.1", inMillis(100), refuses))
                .containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(Resolver.resolve("::1", inMillis(100), refuses)).containsExactly(InetAddress.getByName("::1"));
    }

    @Test
    void lookupsThatNeverAnswerCannotPileUpThreads() throws Exception {
        List<Thread> waiting = new ArrayList<>();
        for (int i = 0; i < Resolver.MAX_LOOKUPS; i++) {
            assertThatThrownBy(() -> Resolver.resolve("stuck.example", inMillis(1), neverAnswers))
                    .isInstanceOf(Resolver.LookupTimeout.class);
        }
        waiting.addAll(Threads.named("tincan-lookup"));
        assertThat(waiting).hasSize(Resolver.MAX_LOOKUPS);
        assertThatThrownBy(() -> Resolver.resolve("one.more.example", inMillis(1000), neverAnswers))
                .hasMessage("8 name lookups are still waiting for the name server; try again when they end, "
                        + "or use an address such as 127.0.0.1");
        release.countDown();
        for (Thread t : waiting) {
            Threads.awaitEnded(t);
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        assertThat(Resolver.resolve("after.example", inMillis(5000), host -> new InetAddress[] {loopback}))
                .as("their places are free again once they end").containsExactly(loopback);
    }

    @Test
    void theSentenceSaysTheLookupTookTooLong() {
        assertThat(NetworkErrors.connectFailed("device.example", 50007, new Resolver.LookupTimeout("device.example"),
                5000)).isEqualTo("connect to device.example:50007 failed: looking up device.example took longer "
                        + "than the connect timeout (5 s); check the name server, or use an address such as "
                        + "127.0.0.1.");
        assertThat(NetworkErrors.causeOf(new Resolver.LookupTimeout("device.example"))).isEqualTo(Failure.TIMED_OUT);
    }
}
