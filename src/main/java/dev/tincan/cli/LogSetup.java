package dev.tincan.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.RollingPolicy;
import ch.qos.logback.core.rolling.RolloverFailure;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.rolling.helper.CompressionMode;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Tincan's logging, set up in code: Logback finds this class as a service
 * ({@code META-INF/services/ch.qos.logback.classic.spi.Configurator}) the first time
 * anything asks for a logger. Nothing is parsed: a {@code logback.xml} loaded some 500
 * classes to read, and Logback's pattern layout 100 more, which together took about half
 * of a one-shot {@code tincan send}.
 *
 * <p>A person never sees a stack trace or a log line on the console: the command line and
 * the window say what went wrong in one sentence themselves, and everything else (with
 * stack traces) goes to a file of this process's own, {@link LogFile}, made at the first
 * event ({@link FirstEventOpens}): {@code dev.tincan}
 * at INFO and up, everything else at WARN and up, one {@link Line} per event, rolled at
 * 5 MiB with one older part kept ({@code tincan-...-PID.1.log}). Logback's own status
 * messages (a file it cannot write, say) go nowhere either. With the system property
 * {@code logback.configurationFile} set, Logback reads that file instead, as it always does.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** When the log rolls over to a fresh file. */
    static final String MAX_FILE_SIZE = "5MB";

    /** Tincan's own loggers, which log from {@link #TINCAN_LEVEL} up. */
    private static final String TINCAN = "dev.tincan";
    private static final Level TINCAN_LEVEL = Level.INFO;
    /** Everything else logs from this level up. */
    private static final Level OTHERS_LEVEL = Level.WARN;

    /** Logback makes it through the service loader. */
    public LogSetup() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.getStatusManager().add(new NopStatusListener());

        FirstEventOpens file = new FirstEventOpens(() -> openFile(context));
        file.setContext(context);
        file.setName("FILE");
        file.start();

        context.getLogger(TINCAN).setLevel(TINCAN_LEVEL);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(OTHERS_LEVEL);
        root.addAppender(file);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Whether the logger {@code name} writes at {@code level} with the levels
     * {@link #configure} sets, without starting Logback.
     */
    static boolean enabled(String name, org.slf4j.event.Level level) {
        boolean tincan = name.startsWith(TINCAN) && (name.length() == TINCAN.length()
                || name.charAt(TINCAN.length()) == '.');
        Level threshold = tincan ? TINCAN_LEVEL : OTHERS_LEVEL;
        return Level.convertAnSLF4JLevel(level).isGreaterOrEqual(threshold);
    }

    /**
     * This process's log file, opened and started: old logs are pruned and the file made
     * now, at the first event, so a run that logs nothing leaves no file and spends nothing.
     */
    static RollingFileAppender<ILoggingEvent> openFile(LoggerContext context) {
        ContextAwareBase status = new ContextAwareBase();
        status.setContext(context);
        String base = LogFile.base(status);
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(base + ".log");

        OneOlderPart rolling = new OneOlderPart(base);
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
        size.setContext(context);
        size.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
        size.start();

        Line line = new Line();
        line.setContext(context);
        line.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(line);
        encoder.start();

        file.setRollingPolicy(rolling);
        file.setTriggeringPolicy(size);
        file.setEncoder(encoder);
        file.start();
        return file;
    }

    /**
     * The appender Logback is given: it opens the real one, {@code open}, at the first event
     * and hands it that event and every later one. A one-shot {@code tincan send} that
     * succeeds logs nothing, and used to spend a sixth of its time pruning old logs and
     * opening an empty file. Thread-safe.
     */
    static final class FirstEventOpens extends UnsynchronizedAppenderBase<ILoggingEvent> {
        private final Supplier<? extends Appender<ILoggingEvent>> open;
        private volatile Appender<ILoggingEvent> opened;

        /** An appender that opens {@code open}'s at the first event. */
        FirstEventOpens(Supplier<? extends Appender<ILoggingEvent>> open) {
            this.open = open;
        }

        @Override
        protected void append(ILoggingEvent event) {
            Appender<ILoggingEvent> target = opened;
            if (target == null) {
                synchronized (this) {
                    target = opened;
                    if (target == null) {
                        target = open.get();
                        opened = target;
                    }
                }
            }
            target.doAppend(event);
        }

        /** The appender opened at the first event, or null before it. */
        Appender<ILoggingEvent> opened() {
            return opened;
        }

        @Override
        public void stop() {
            Appender<ILoggingEvent> target = opened;
            if (target != null) {
                target.stop();
            }
            super.stop();
        }
    }

    /**
     * One event as one line, the same as Logback's pattern
     * {@code %d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n}, and the
     * stack trace, if any, on the lines after it, as Logback prints it.
     */
    static final class Line extends LayoutBase<ILoggingEvent> {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneId.systemDefault());
        private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(36);

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128);
            TIME.formatTo(Instant.ofEpochMilli(event.getTimeStamp()), line);
            String level = event.getLevel().toString();
            line.append(' ').append(level).append(" ".repeat(Math.max(0, 5 - level.length())))
                    .append(" [").append(event.getThreadName()).append("] ")
                    .append(abbreviator.abbreviate(event.getLoggerName())).append(" - ")
                    .append(event.getFormattedMessage()).append(System.lineSeparator());
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.append(ThrowableProxyUtil.asString(thrown));
            }
            return line.toString();
        }
    }

    /**
     * Rolling over keeps one older part: {@code BASE.log} becomes {@code BASE.1.log}, and
     * what was {@code BASE.1.log} goes. Logback's fixed-window policy does the same with a
     * window of one, but parses a file name pattern to get there.
     */
    static final class OneOlderPart extends ContextAwareBase implements RollingPolicy {
        private final Path active;
        private final Path older;
        private volatile boolean started;

        /** The policy of {@code base + ".log"}. */
        OneOlderPart(String base) {
            active = Path.of(base + ".log");
            older = Path.of(base + ".1.log");
        }

        @Override
        public void rollover() throws RolloverFailure {
            try {
                Files.move(active, older, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                RolloverFailure failure = new RolloverFailure("could not move " + active + " to " + older);
                failure.initCause(e);
                throw failure;
            }
        }

        @Override
        public String getActiveFileName() {
            return active.toString();
        }

        @Override
        public CompressionMode getCompressionMode() {
            return CompressionMode.NONE;
        }

        @Override
        public void setParent(FileAppender<?> appender) {
            // The file names are this policy's own.
        }

        @Override
        public void start() {
            started = true;
        }

        @Override
        public void stop() {
            started = false;
        }

        @Override
        public boolean isStarted() {
            return started;
        }
    }
}
