package dev.tincan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logging set up in code writes what {@code logback.xml} wrote: the same line for an
 * event, stack trace included, and one older part kept when the file rolls over.
 */
class LogSetupTest {
    /** The pattern of the {@code logback.xml} that {@link LogSetup} replaced. */
    private static final String XML_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    private final LoggerContext context = new LoggerContext();

    LogSetupTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    private LoggingEvent event(String loggerName, Level level, Throwable thrown, String message, Object... args) {
        Logger logger = context.getLogger(loggerName);
        LoggingEvent event = new LoggingEvent(LogSetupTest.class.getName(), logger, level, message, thrown, args);
        event.setThreadName("tincan-client-1");
        return event;
    }

    private String oldLine(ILoggingEvent event) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(XML_PATTERN);
        layout.start();
        return layout.doLayout(event);
    }

    private String newLine(ILoggingEvent event) {
        LogSetup.Line line = new LogSetup.Line();
        line.setContext(context);
        line.start();
        return line.doLayout(event);
    }

    @Test
    void aLineIsWhatTheXmlPatternPrinted() {
        LoggingEvent event = event("dev.tincan.client.SocketClientThread", Level.INFO, null,
                "connected to {} from {} ({})", "127.0.0.1:50007", "/127.0.0.1:43576", "line");

        assertThat(newLine(event)).isEqualTo(oldLine(event))
                .contains("INFO  [tincan-client-1] d.tincan.client.SocketClientThread - connected to 127.0.0.1:50007");
    }

    @Test
    void aStackTraceIsPrintedAsTheXmlPatternPrintedIt() {
        IOException cause = new IOException("connection reset");
        IllegalStateException thrown = new IllegalStateException("the frame could not be read", cause);
        thrown.addSuppressed(new IOException("close failed"));
        LoggingEvent event = event("dev.tincan.cli.FailureHandler", Level.WARN, thrown, "tincan send: {}", "failed");

        assertThat(newLine(event)).isEqualTo(oldLine(event))
                .contains("java.lang.IllegalStateException: the frame could not be read", "Caused by: ",
                        "Suppressed: ", "\tat dev.tincan.cli.LogSetupTest.");
    }

    @Test
    void tincanLogsFromInfoOtherLibrariesFromWarnIntoAFileThatRollsAtFiveMegabytes() {
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        setup.configure(context);
        try {
            assertThat(context.getLogger("dev.tincan.cli.SendCommand").isInfoEnabled()).isTrue();
            assertThat(context.getLogger("com.formdev.flatlaf.FlatLaf").isInfoEnabled()).isFalse();
            assertThat(context.getLogger("com.formdev.flatlaf.FlatLaf").isWarnEnabled()).isTrue();
            LogSetup.FirstEventOpens first = (LogSetup.FirstEventOpens) context.getLogger(Logger.ROOT_LOGGER_NAME)
                    .getAppender("FILE");
            assertThat(first.opened()).as("no file before the first event").isNull();
            context.getLogger("dev.tincan.cli.SendCommand").info("the first event");
            assertThat(first.opened())
                    .isInstanceOfSatisfying(RollingFileAppender.class, file -> {
                        assertThat(file.getRollingPolicy()).isInstanceOf(LogSetup.OneOlderPart.class);
                        assertThat(file.getTriggeringPolicy()).isInstanceOfSatisfying(SizeBasedTriggeringPolicy.class,
                                p -> assertThat(p.getMaxFileSize().getSize()).isEqualTo(5L * 1024 * 1024));
                    });
        } finally {
            context.stop();
        }
    }

    @Test
    void rollingOverKeepsOneOlderPart(@TempDir Path dir) throws IOException {
        String base = dir.resolve("tincan-20250101-120000-4242").toString();
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setFile(base + ".log");
        LogSetup.OneOlderPart rolling = new LogSetup.OneOlderPart(base);
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
        size.setContext(context);
        size.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        LogSetup.Line line = new LogSetup.Line();
        line.setContext(context);
        line.start();
        encoder.setLayout(line);
        encoder.start();
        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(size);
        file.setEncoder(encoder);
        file.start();
        try {
            file.doAppend(event("dev.tincan.x", Level.INFO, null, "first"));
            file.rollover();
            file.doAppend(event("dev.tincan.x", Level.INFO, null, "second"));
            file.rollover();
            file.doAppend(event("dev.tincan.x", Level.INFO, null, "third"));
        } finally {
            file.stop();
        }

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(List.of("tincan-20250101-120000-4242.1.log", "tincan-20250101-120000-4242.log"));
        }
        assertThat(Files.readString(Path.of(base + ".log"), StandardCharsets.UTF_8)).contains("third")
                .doesNotContain("second");
        assertThat(Files.readString(Path.of(base + ".1.log"), StandardCharsets.UTF_8)).contains("second")
                .doesNotContain("first");
    }
}
