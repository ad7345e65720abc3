package dev.tincan.relay;

import dev.tincan.codec.Bytes;
import dev.tincan.session.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Be the server a device calls: listens, and runs every client it accepts as a
 * {@link Session} of its own (the same engine, transcript, pairing, rules and recording as a
 * connection Tincan opens, through {@link Session#adopt}). Whoever owns the listener drains
 * each client's session, as the window's timer or a command line's thread does for any
 * session, and drains the listener's own events: who came, who was turned away.
 *
 * <p>At most {@link ListenConfig#maxClients()} clients are connected at once; one more is
 * closed at once with a {@link Event.TurnedAway} that says why. Every method may be called
 * from any thread.
 */
public final class Listener implements AutoCloseable {
    private static final String NOT_YET = "the listener is not built yet";

    private Listener() {
    }

    /**
     * Binds and starts accepting.
     *
     * @throws IOException whose message is one sentence (see {@link Binding#bind})
     */
    public static Listener start(ListenConfig config) throws IOException {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** The settings it started with. */
    public ListenConfig config() {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** The address it listens on, with the port it got. */
    public InetSocketAddress address() {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Moves up to {@code max} waiting events to {@code out}, in order, without waiting; returns how many. */
    public int drainTo(Collection<? super Event> out, int max) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** The next event, waiting up to {@code timeout}; null if none came. */
    public Event poll(long timeout, TimeUnit unit) throws InterruptedException {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** The clients accepted and not yet forgotten, connected or not, in the order they came. */
    public List<Client> clients() {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** How many clients are connected now. */
    public int connected() {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Client {@code id}, or null if there is none or it was forgotten. */
    public Client client(int id) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Shuts down client {@code id}'s session and forgets it; false if there was none. */
    public boolean forget(int id) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /**
     * Sends {@code payload} as one frame to every connected client. Null when it is on its way
     * to all of them, else one sentence naming those that refused and why.
     */
    public String broadcast(Bytes payload) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /**
     * Closes the listening socket, so the port is free when this returns, and shuts down every
     * client's session (their last replies still come to whoever drains them).
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /**
     * One accepted client.
     *
     * @param id its number within the listener, from 1
     * @param remote where it connected from
     * @param session its conversation; drained by the listener's owner
     * @param acceptedNanos when it was accepted, from {@link System#nanoTime()}
     */
    public record Client(int id, InetSocketAddress remote, Session session, long acceptedNanos) {
        /** How the client is named to a person: {@code #3 127.0.0.1:53122}. */
        public String label() {
            return "#" + id + " " + dev.tincan.codec.HostPort.of(remote);
        }
    }

    /** What happened at the listening socket. */
    public sealed interface Event {
        /** When it happened, from {@link System#nanoTime()}. */
        long nanos();

        /** A client connected and has its session. */
        record Accepted(Client client, long nanos) implements Event {
        }

        /** A client was closed at once; {@code sentence} says why (e.g. the cap). */
        record TurnedAway(InetSocketAddress remote, String sentence, long nanos) implements Event {
        }
    }
}
