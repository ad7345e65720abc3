package dev.tincan.cli;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Work a command would do on its main thread, done first on another while the main thread
 * builds the command tree. picocli learns a command's options by reading the annotations
 * of every field and method of the command and its mixins; the JVM parses them on first
 * use, making a proxy class for each kind of annotation, and then keeps them. That parsing
 * took about 40 % of a {@code tincan send}'s command tree. This thread reads the same
 * annotations, deepest mixins first while picocli starts at the top, so that picocli
 * mostly finds them read, and initialises the converters the options name and the logging
 * the commands' classes ask for. Then it starts the JDK's networking (its native library, the
 * loopback address, a socket or a server channel that is closed unused), which the
 * command would otherwise start once the tree is built. Nothing here changes what any
 * command does; a failure here is logged at debug and forgotten.
 */
final class CommandWarmUp {
    /** The commands that connect to a server. */
    private static final Set<String> CLIENTS = Set.of("send", "connect", "replay", "bench", "relay");
    /** The commands that accept connections. */
    private static final Set<String> SERVERS = Set.of("serve", "listen", "relay");
    /** How long the main thread waits for the logging this thread starts ({@link #awaitLogging}). */
    static final long LOGGING_WAIT_SECONDS = 10;

    /** Counted down once SLF4J has started on the warm-up thread; null before {@link #start}. */
    private static volatile CountDownLatch loggingStarted;

    private CommandWarmUp() {
    }

    /**
     * Starts warming up for {@code typed}, the first word of a command line, on a daemon
     * thread of its own, and returns that thread. For a word that names no subcommand that
     * runs on its own ({@code --help}, {@code help}) it starts only the logging, which the
     * whole tree's failure handler asks for on the main thread anyway.
     */
    static Thread start(String typed) {
        CountDownLatch logging = new CountDownLatch(1);
        loggingStarted = logging;
        // Not a lambda: the JVM's first one is this thread's work (see HeldLogging).
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                CommandWarmUp.run(typed, logging);
            }
        }, "tincan-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Waits, at most {@value #LOGGING_WAIT_SECONDS} s, until the logging {@link #start} began
     * on its thread has started; returns at once if no warm-up was started. Call it before
     * anything may log on the main thread: while SLF4J starts on one thread, a line logged on
     * another goes to a stand-in, lost if the process exits first and otherwise written after
     * three lines SLF4J prints on standard error about calls it "intercepted".
     */
    static void awaitLogging() {
        CountDownLatch logging = loggingStarted;
        if (logging == null) {
            return;
        }
        try {
            logging.await(LOGGING_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(String name, CountDownLatch logging) {
        try {
            try {
                // The loggers the commands' classes ask for as picocli makes them.
                LoggerFactory.getILoggerFactory();
            } finally {
                logging.countDown();
            }
            // picocli reads the methods of every class up to Object, for each command and mixin.
            for (Method method : Object.class.getDeclaredMethods()) {
                method.getDeclaredAnnotations();
            }
            for (Class<?> command : Cli.ON_THEIR_OWN) {
                if (command.getAnnotation(CommandLine.Command.class).name().equals(name)) {
                    for (Class<?> type : deepestFirst(command)) {
                        readAnnotations(type);
                    }
                    break;
                }
            }
            if (CLIENTS.contains(name) || SERVERS.contains(name)) {
                InetAddress.getLoopbackAddress();
            }
            // Only what the command itself would start: a client's socket does not start
            // the channels' selector provider, which reads its service list with a stream.
            if (CLIENTS.contains(name)) {
                try (Socket socket = new Socket()) {
                    socket.setTcpNoDelay(true);
                }
            }
            if (SERVERS.contains(name)) {
                ServerSocketChannel.open().close();
            }
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            // Its logger only now: asking for one earlier would start SLF4J on this thread.
            Logger log = LoggerFactory.getLogger(CommandWarmUp.class);
            log.debug("warming up for {} failed; the command does that work itself", name, e);
        }
    }

    /**
     * {@code command} and the classes of its mixins and argument groups, and their
     * superclasses but Object, transitively, in the reverse of the order picocli reads them.
     */
    static Deque<Class<?>> deepestFirst(Class<?> command) {
        Deque<Class<?>> order = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> toVisit = new ArrayDeque<>();
        toVisit.push(command);
        while (!toVisit.isEmpty()) {
            Class<?> type = toVisit.pop();
            if (!seen.add(type)) {
                continue;
            }
            order.push(type);
            // picocli reads a class's superclasses too; Object's methods run() reads itself.
            Class<?> parent = type.getSuperclass();
            if (parent != null && parent != Object.class) {
                toVisit.push(parent);
            }
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(CommandLine.Mixin.class)
                        || field.isAnnotationPresent(CommandLine.ArgGroup.class)) {
                    toVisit.push(field.getType());
                }
            }
        }
        return order;
    }

    /**
     * Reads the annotations picocli reads on {@code type}: its own, and those of its fields
     * and methods; and initialises the converters its options name, whose patterns and
     * tables would otherwise be built when picocli makes them.
     */
    private static void readAnnotations(Class<?> type) throws ClassNotFoundException {
        type.getDeclaredAnnotations();
        for (Field field : type.getDeclaredFields()) {
            field.getDeclaredAnnotations();
            CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
            if (option != null) {
                initialise(option.converter());
            }
            CommandLine.Parameters parameters = field.getAnnotation(CommandLine.Parameters.class);
            if (parameters != null) {
                initialise(parameters.converter());
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            method.getDeclaredAnnotations();
        }
    }

    private static void initialise(Class<?>[] types) throws ClassNotFoundException {
        for (Class<?> type : types) {
            Class.forName(type.getName(), true, type.getClassLoader());
        }
    }
}
