package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The logging of a one-shot send: lines below WARN wait in memory, and Logback starts only
 * when something is to be written; what waited is then written first, as it was logged.
 */
class HeldLoggingTest {
    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> written = new ListAppender<>();
    private final AtomicInteger starts = new AtomicInteger();
    private HeldLogging.Events events;

    @BeforeEach
    void logbackAsLogSetupLeavesIt() {
        // LogSetup's levels, with a list instead of the file.
        context.getLogger("dev.tincan").setLevel(Level.INFO);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        written.setContext(context);
        written.start();
        root.addAppender(written);
        events = events(HeldLogging.CAPACITY);
    }

    private HeldLogging.Events events(int capacity) {
        return new HeldLogging.Events(() -> {
            starts.incrementAndGet();
            return context;
        }, capacity);
    }

    @Test
    void linesBelowWarnAreHeldAndLogbackIsNotStarted() {
        Logger log = events.getLogger("dev.tincan.client.SocketClientThread");

        log.info("connected to {}", "127.0.0.1:7");

        assertThat(written.list).isEmpty();
        assertThat(starts).hasValue(0);
        assertThat(events.started()).isNull();
    }

    @Test
    void whatIsHeldFollowsLogSetupsLevels() {
        Logger tincan = events.getLogger("dev.tincan.cli.Cli");
        Logger other = events.getLogger("org.example.Library");

        assertThat(tincan.isInfoEnabled()).isTrue();
        assertThat(tincan.isDebugEnabled()).isFalse();
        assertThat(other.isInfoEnabled()).isFalse();
        assertThat(other.isWarnEnabled()).isTrue();
        assertThat(events.getLogger("dev.tincanny").isInfoEnabled()).as("a name that only begins alike").isFalse();
        assertThat(starts).hasValue(0);
    }

    @Test
    void aWarningWritesWhatWasHeldFirstWithItsOwnTimeAndThread() throws InterruptedException {
        Thread client = new Thread(() -> events.getLogger("dev.tincan.client.SocketClientThread")
                .info("connected to {}", "127.0.0.1:7"), "tincan-client-1");
        client.start();
        client.join(10_000);
        long before = System.currentTimeMillis();

        events.getLogger("dev.tincan.client.Connection").warn("the reader did not stop");

        assertThat(starts).hasValue(1);
        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("connected to 127.0.0.1:7", "the reader did not stop");
        ILoggingEvent held = written.list.get(0);
        assertThat(held.getThreadName()).isEqualTo("tincan-client-1");
        assertThat(held.getLevel()).isEqualTo(Level.INFO);
        assertThat(held.getLoggerName()).isEqualTo("dev.tincan.client.SocketClientThread");
        assertThat(held.getTimeStamp()).isLessThanOrEqualTo(before);
        assertThat(written.list.get(1).getThreadName()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aFailedCommandWritesTheHeldLinesWithTheirStackTraces() {
        events.getLogger("dev.tincan.cli.FailureHandler").info("send failed", new IOException("refused"));

        events.release();

        assertThat(starts).hasValue(1);
        assertThat(written.list).hasSize(1);
        assertThat(written.list.get(0).getThrowableProxy().getClassName()).isEqualTo(IOException.class.getName());
        assertThat(written.list.get(0).getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
    }

    @Test
    void aSucceededCommandDropsWhatIsHeldAndLaterLinesBelowWarn() {
        Logger log = events.getLogger("dev.tincan.client.SocketClientThread");
        log.info("connected to {}", "127.0.0.1:7");

        events.discard();
        log.info("closed by the server.");
        events.release();

        assertThat(starts).hasValue(0);
        assertThat(written.list).isEmpty();

        log.error("the reader failed");

        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("the reader failed");
    }

    @Test
    void startingWritesWhatIsHeldAndLetsEveryLaterLineThrough() {
        Logger log = events.getLogger("dev.tincan.server.CompanionServer");
        log.info("listening on {}", "127.0.0.1:7");

        events.start();
        log.info("client {} connected", 1);
        events.start();

        assertThat(starts).hasValue(1);
        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("listening on 127.0.0.1:7", "client 1 connected");
    }

    @Test
    void releasingWithNothingHeldStartsNothing() {
        events.release();

        assertThat(starts).hasValue(0);
    }

    @Test
    void oneLineMoreThanItHoldsStartsLogbackAndWritesThemAll() {
        events = events(3);
        Logger log = events.getLogger("dev.tincan.x");
        for (int i = 1; i <= 3; i++) {
            log.info("line {}", i);
        }
        assertThat(starts).hasValue(0);

        log.info("line 4");

        assertThat(starts).hasValue(1);
        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("line 1", "line 2", "line 3", "line 4");
    }

    @Test
    void onceStartedLinesGoStraightToLogbackAtItsLevels() {
        Logger log = events.getLogger("dev.tincan.x");
        log.warn("first");

        log.info("second {}", 2);
        log.debug("not written");
        events.getLogger("org.example.Library").info("not written either");

        assertThat(starts).hasValue(1);
        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("first", "second 2");
    }

    @Test
    void aHeldLineKeepsItsArgumentsAsTheyWereWhenLogged() {
        StringBuilder peer = new StringBuilder("before");
        events.getLogger("dev.tincan.x").info("peer {}", peer);
        peer.setLength(0);
        peer.append("after");

        events.release();

        assertThat(written.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("peer before");
    }
}
