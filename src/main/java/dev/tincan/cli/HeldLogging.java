package dev.tincan.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The logging {@code tincan send}, {@code connect} and {@code serve} run with: SLF4J is given this provider
 * instead of Logback's ({@link #install}), and Logback is started only when there is
 * something worth writing. Lines below WARN are held in memory, in order, with their
 * time and thread; a line at WARN or above starts Logback, writes what was held and then
 * itself, and from then on every line goes straight to Logback; {@code connect} and
 * {@code serve} start it on another thread once their ready line is out
 * ({@link #startInBackground}). When a send ends,
 * {@link #finish} drops what was held if it succeeded and writes it if it failed, so a
 * failure's log has every line before it, stack traces included; a process that ends
 * otherwise (Ctrl+C) writes what was held on its way out. A send that succeeds thus never
 * starts Logback nor makes a log file: that took about a quarter of its time, for one
 * line nobody reads ("connected to ...") in a file that pushed the logs of failed runs
 * out of the {@value LogFile#MAX_RUNS} kept.
 *
 * <p>Which lines are held follows {@link LogSetup}'s levels, so the lines written are
 * those Logback would have written. With {@code logback.configurationFile} set, nothing is
 * held: that file's levels are not known before Logback reads it. Thread-safe.
 */
public final class HeldLogging implements SLF4JServiceProvider {
    /** How many lines are held at most; one more starts Logback and writes them all. */
    static final int CAPACITY = 256;

    /**
     * The lines held. No lambda or method reference runs on the way from {@link #install}
     * to the command tree: the JVM's first one sets up its method handles, some 10 ms that
     * {@link CommandWarmUp}'s thread spends meanwhile.
     */
    private static final Events EVENTS = new Events(new LogbackStart(), CAPACITY);

    /** Whether SLF4J was told to bind to this provider ({@link #install}). */
    private static volatile boolean installed;

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    /** SLF4J makes it, named by the system property {@code slf4j.provider}. */
    public HeldLogging() {
    }

    /**
     * Makes this the provider SLF4J binds to, unless {@code logback.configurationFile} is
     * set. Call it before anything asks for a logger; later it changes nothing.
     */
    static void install() {
        if (System.getProperty("logback.configurationFile") != null || System.getProperty("slf4j.provider") != null) {
            return;
        }
        System.setProperty("slf4j.provider", HeldLogging.class.getName());
        // SLF4J says at INFO which provider it was given, on standard error; warnings still show.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        Runtime.getRuntime().addShutdownHook(new ReleaseOnExit());
        installed = true;
    }

    /**
     * For a command that runs on after its ready line ({@code connect}, {@code serve}): starts
     * Logback on a thread of its own, which writes what was held and lets every later line
     * through as it comes. Its start (some 20 ms) thus no longer delays the ready line. Does
     * nothing unless {@link #install} made this the provider.
     */
    static void startInBackground() {
        if (installed) {
            Thread start = new Thread(EVENTS::start, "tincan-log-start");
            start.setDaemon(true);
            start.start();
        }
    }

    /**
     * The command ended: with {@code drop} (a send that succeeded, whose lines nobody
     * needs), drops the lines held and those below WARN from now on; otherwise writes them
     * ({@link Events#release}). Does nothing unless {@link #install} made this the provider.
     */
    static void finish(boolean drop) {
        if (!installed) {
            return;
        }
        if (drop) {
            EVENTS.discard();
        } else {
            EVENTS.release();
        }
    }

    /** Starts Logback as its own provider does, configured by {@link LogSetup}. */
    private static final class LogbackStart implements Supplier<LoggerContext> {
        @Override
        public LoggerContext get() {
            LogbackServiceProvider logback = new LogbackServiceProvider();
            logback.initialize();
            return (LoggerContext) logback.getLoggerFactory();
        }
    }

    /** Writes what is held when the process exits, on Ctrl+C too. */
    private static final class ReleaseOnExit extends Thread {
        ReleaseOnExit() {
            super("tincan-held-log");
        }

        @Override
        public void run() {
            EVENTS.release();
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return EVENTS;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // Logback starts at the first line written, not here.
    }

    /**
     * The lines held, and the loggers that hold them: held until {@link #release} (or a
     * line at WARN or above) starts Logback with {@code start}, at most {@code capacity}
     * of them. Thread-safe.
     */
    static final class Events implements ILoggerFactory {
        private final Supplier<LoggerContext> start;
        private final int capacity;
        private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
        private final List<Held> held = new ArrayList<>();
        private boolean discarded;
        /** Logback, once started; null while lines are held. */
        private volatile LoggerContext context;

        /** Lines held until {@code start}'s Logback is needed. */
        Events(Supplier<LoggerContext> start, int capacity) {
            this.start = start;
            this.capacity = capacity;
        }

        @Override
        public Logger getLogger(String name) {
            // Not computeIfAbsent: its lambda would be the first (see EVENTS).
            Logger logger = loggers.get(name);
            if (logger == null) {
                Logger made = new HeldLogger(name, this);
                logger = loggers.putIfAbsent(name, made);
                if (logger == null) {
                    logger = made;
                }
            }
            return logger;
        }

        /** Logback, once started; else null. */
        LoggerContext started() {
            return context;
        }

        /** Drops the lines held, and those below WARN from now on: the command succeeded. */
        synchronized void discard() {
            held.clear();
            discarded = true;
        }

        /** Starts Logback, unless it has started or nothing is held, and writes what is held. */
        synchronized void release() {
            if (context == null && !held.isEmpty()) {
                startAndWrite();
            }
        }

        /** Starts Logback, unless it has started, and writes what is held; nothing is held from then on. */
        synchronized void start() {
            if (context == null) {
                startAndWrite();
            }
        }

        /** Whether {@code name} writes at {@code level}: Logback's answer once started, else LogSetup's levels. */
        boolean enabled(String name, Level level) {
            LoggerContext started = context;
            if (started != null) {
                return started.getLogger(name).isEnabledFor(logback(level));
            }
            return LogSetup.enabled(name, level);
        }

        void log(String name, Level level, Marker marker, String pattern, Object[] args, Throwable thrown) {
            LoggerContext started = context;
            if (started == null) {
                synchronized (this) {
                    started = context;
                    if (started == null) {
                        if (level.toInt() < Level.WARN.toInt()) {
                            if (!discarded) {
                                held.add(new Held(name, level, MessageFormatter.basicArrayFormat(pattern, args),
                                        thrown, Instant.now(), Thread.currentThread().getName()));
                                if (held.size() > capacity) {
                                    startAndWrite();
                                }
                            }
                            return;
                        }
                        started = startAndWrite();
                    }
                }
            }
            started.getLogger(name).log(marker, HeldLogger.class.getName(), level.toInt(), pattern, args, thrown);
        }

        /** Starts Logback and writes the lines held, in order, with their own time and thread. */
        private LoggerContext startAndWrite() {
            LoggerContext started = start.get();
            for (Held line : held) {
                ch.qos.logback.classic.Logger logger = started.getLogger(line.name());
                ch.qos.logback.classic.Level level = logback(line.level());
                if (logger.isEnabledFor(level)) {
                    LoggingEvent event = new LoggingEvent(HeldLogger.class.getName(), logger, level, line.message(),
                            line.thrown(), null);
                    event.setInstant(line.time());
                    event.setThreadName(line.thread());
                    logger.callAppenders(event);
                }
            }
            held.clear();
            context = started;
            return started;
        }

        private static ch.qos.logback.classic.Level logback(Level level) {
            return ch.qos.logback.classic.Level.convertAnSLF4JLevel(level);
        }
    }

    /** One line held: its message already formatted, so later changes to its arguments do not show. */
    private record Held(String name, Level level, String message, Throwable thrown, Instant time, String thread) {
    }

    /** A logger whose lines go to {@link Events}. */
    private static final class HeldLogger extends AbstractLogger {
        private static final long serialVersionUID = 1L;

        private final transient Events events;

        HeldLogger(String name, Events events) {
            this.name = name;
            this.events = events;
        }

        private boolean enabled(Level level) {
            return events.enabled(name, level);
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            return enabled(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            return enabled(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            return enabled(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            return enabled(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(Level.ERROR);
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            return enabled(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return HeldLogger.class.getName();
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                Throwable thrown) {
            events.log(name, level, marker, pattern, args, thrown);
        }
    }
}
