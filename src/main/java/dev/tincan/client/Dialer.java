package dev.tincan.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one TCP connection to a host with several addresses, as Happy Eyeballs (RFC 8305)
 * does: the addresses are ordered IPv6 first, the families alternating; each attempt starts
 * {@link #ATTEMPT_DELAY_MILLIS} after the one before, or at once when the one before fails;
 * the first to connect wins and every other is closed.
 *
 * <pre>
 *   t=0      [::1]:p         ──────── (no answer) ─────── closed
 *   t=250ms  127.0.0.1:p     ──── connected ──► the winner
 * </pre>
 *
 * One address is connected to on the calling thread; more run each attempt on a thread
 * named {@code tincan-dial-N}, all ended before {@link #dial()} returns. With a local
 * address only the addresses of its family are tried, and with a fixed local port one at a
 * time (two attempts cannot hold one port). All within one deadline. Made for one
 * {@link #dial()}; {@link #close()} from any thread aborts it.
 */
final class Dialer implements Closeable {
    /** The head start each attempt gets over the next, as RFC 8305 recommends. */
    static final long ATTEMPT_DELAY_MILLIS = 250;
    private static final Logger log = LoggerFactory.getLogger(Dialer.class);
    private static final long JOIN_MILLIS = 2000;

    private final List<InetAddress> addresses;
    private final int port;
    private final InetSocketAddress local;
    private final long deadlineNanos;
    private final String name;
    /** Every socket made, so {@link #close()} and the winner can close the others; guarded by itself. */
    private final List<Socket> sockets = new ArrayList<>();
    private boolean closed;
    private Socket winner;

    /**
     * A dialer for {@code port} on {@code addresses} (in any order), from {@code local} or
     * any local address when null, giving up at {@code deadlineNanos} ({@link System#nanoTime()}).
     *
     * @throws LocalAddressException when no address is of the local address's family
     */
    Dialer(List<InetAddress> addresses, int port, InetSocketAddress local, long deadlineNanos, String name)
            throws LocalAddressException {
        List<InetAddress> usable = new ArrayList<>();
        for (InetAddress a : addresses) {
            if (local == null || local.getAddress() == null || local.getAddress().isAnyLocalAddress()
                    || (local.getAddress() instanceof Inet6Address) == (a instanceof Inet6Address)) {
                usable.add(a);
            }
        }
        if (usable.isEmpty()) {
            throw new LocalAddressException("the local address " + local.getAddress().getHostAddress() + " is "
                    + (local.getAddress() instanceof Inet6Address ? "IPv6" : "IPv4") + " and the host has no "
                    + (local.getAddress() instanceof Inet6Address ? "IPv6" : "IPv4") + " address", null);
        }
        this.addresses = order(usable);
        this.port = port;
        this.local = local;
        this.deadlineNanos = deadlineNanos;
        this.name = name;
    }

    /** RFC 8305 section 4: IPv6 first, then the families alternate, each in the order given. */
    static List<InetAddress> order(List<InetAddress> addresses) {
        Deque<InetAddress> six = new ArrayDeque<>();
        Deque<InetAddress> four = new ArrayDeque<>();
        for (InetAddress a : addresses) {
            (a instanceof Inet6Address ? six : four).add(a);
        }
        List<InetAddress> ordered = new ArrayList<>();
        while (!six.isEmpty() || !four.isEmpty()) {
            if (!six.isEmpty()) {
                ordered.add(six.poll());
            }
            if (!four.isEmpty()) {
                ordered.add(four.poll());
            }
        }
        return ordered;
    }

    /** The addresses in the order they are tried. */
    List<InetAddress> addresses() {
        return addresses;
    }

    /** Every socket an attempt made, the winner's among them; for tests. */
    List<Socket> sockets() {
        synchronized (sockets) {
            return List.copyOf(sockets);
        }
    }

    /**
     * The first connected socket; every other attempt is closed and its thread ended.
     *
     * @throws LocalAddressException when the local address cannot be bound
     * @throws IOException the first attempt's failure when all fail
     */
    Socket dial() throws IOException {
        if (addresses.size() == 1) {
            return attempt(addresses.get(0));
        }
        BlockingQueue<Object> outcomes = new ArrayBlockingQueue<>(addresses.size());
        List<Thread> threads = new ArrayList<>();
        boolean overlap = local == null || local.getPort() == 0;
        IOException firstFailure = null;
        int started = 0;
        int finished = 0;
        try {
            long nextStart = 0;
            while (true) {
                long now = System.nanoTime();
                if (started < addresses.size() && (started == 0 || (overlap && now - nextStart >= 0)
                        || finished == started)) {
                    threads.add(start(addresses.get(started++), outcomes));
                    nextStart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ATTEMPT_DELAY_MILLIS);
                    continue;
                }
                // Each attempt gives up at the deadline by itself; the margin only guards against a stuck one.
                long until = started < addresses.size() && overlap ? nextStart
                        : deadlineNanos + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
                Object outcome = outcomes.poll(Math.max(0, until - now), TimeUnit.NANOSECONDS);
                if (outcome == null) {
                    if (started < addresses.size() && overlap) {
                        continue;
                    }
                    throw new SocketTimeoutException("connect timed out");
                }
                finished++;
                if (outcome instanceof Socket socket) {
                    return win(socket);
                }
                IOException failure = (IOException) outcome;
                if (failure instanceof LocalAddressException) {
                    throw failure;
                }
                if (firstFailure == null) {
                    firstFailure = failure;
                }
                // A failed attempt hands its turn to the next at once.
                nextStart = System.nanoTime();
                if (finished == addresses.size()) {
                    throw firstFailure;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting");
        } finally {
            closeAllBut(winner);
            for (Thread t : threads) {
                join(t);
            }
        }
    }

    private Socket win(Socket socket) {
        synchronized (sockets) {
            winner = socket;
        }
        log.debug("{}: {} answered first of {}", name, socket.getRemoteSocketAddress(), addresses);
        return socket;
    }

    private Thread start(InetAddress address, BlockingQueue<Object> outcomes) {
        Thread t = new Thread(() -> {
            try {
                outcomes.add(attempt(address));
            } catch (IOException e) {
                outcomes.add(e);
            }
        }, name + "-" + address.getHostAddress());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** One attempt: bind if asked, connect within what is left of the deadline. */
    private Socket attempt(InetAddress address) throws IOException {
        Socket socket = new Socket();
        synchronized (sockets) {
            sockets.add(socket);
            if (closed) {
                socket.close();
            }
        }
        try {
            socket.setTcpNoDelay(true);
            if (local != null) {
                try {
                    socket.bind(local);
                } catch (BindException e) {
                    throw new LocalAddressException(bindPhrase(e), e);
                }
            }
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException("connect timed out");
            }
            socket.connect(new InetSocketAddress(address, port), (int) Math.min(Integer.MAX_VALUE, left));
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private String bindPhrase(BindException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        String where = dev.tincan.codec.HostPort.of(local);
        if (message.contains("in use")) {
            return "the local port " + local.getPort() + " is in use (choose another, or leave the port out)";
        }
        if (message.contains("assign")) {
            return "the local address " + where + " is not an address of this machine";
        }
        return "cannot connect from " + where + ": " + message.replaceAll("\\s*\\(bind failed\\)", "");
    }

    /** Aborts the dial from any thread: every socket, the winner's too, is closed. */
    @Override
    public void close() {
        synchronized (sockets) {
            closed = true;
        }
        closeAllBut(null);
    }

    private void closeAllBut(Socket keep) {
        List<Socket> all;
        synchronized (sockets) {
            all = List.copyOf(sockets);
        }
        for (Socket s : all) {
            if (s != keep) {
                closeQuietly(s);
            }
        }
    }

    private void join(Thread t) {
        try {
            t.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn("{} did not stop within {} ms of its socket closing", t.getName(), JOIN_MILLIS);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            log.debug("closing a socket failed", e);
        }
    }

    /** The local address to connect from cannot be used; the message is a phrase (lower-case, no period). */
    static final class LocalAddressException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalAddressException(String phrase, Throwable why) {
            super(phrase, why);
        }
    }
}
