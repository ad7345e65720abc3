package dev.tincan.relay;

import dev.tincan.codec.Bytes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sits between clients and their server: listens, and for each client that connects opens a
 * connection to the server and relays both directions, decoding each with its own framing.
 *
 * <pre>
 *   client ──► relay ──[UP: decode, hold?, rules, toxics]──► server
 *   client ◄── relay ◄──[DOWN: decode, hold?, rules, toxics]── server
 * </pre>
 *
 * <p>In pass-through every byte each side sends reaches the other in order, whatever the
 * framing makes of it. While a direction is held its frames wait (bounded by
 * {@link RelayConfig#holdFrames()} and {@link RelayConfig#holdBytes()}; past that the relay
 * stops reading that side and TCP pushes back) until a person forwards, edits or drops each.
 * Events wait in a bounded queue; when it is full the links wait, so nothing is dropped.
 * Every method may be called from any thread and none blocks on the network.
 */
public final class Relay implements AutoCloseable {
    private static final String NOT_YET = "the relay engine is not built yet";

    private Relay() {
    }

    /**
     * Binds and starts accepting clients.
     *
     * @throws IOException whose message is one sentence (see {@link Binding#bind})
     */
    public static Relay start(RelayConfig config) throws IOException {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** The settings it started with. */
    public RelayConfig config() {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** The address it listens on, with the port it got. */
    public InetSocketAddress address() {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Moves up to {@code max} waiting events to {@code out}, in order, without waiting; returns how many. */
    public int drainTo(Collection<? super RelayEvent> out, int max) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** The next event, waiting up to {@code timeout}; null if none came. */
    public RelayEvent poll(long timeout, TimeUnit unit) throws InterruptedException {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Starts or stops holding frames in {@code direction}; stopping does not release what is held. */
    public void hold(Direction direction, boolean on) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Whether {@code direction} is held. */
    public boolean holding(Direction direction) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** How many frames are held in {@code direction}. */
    public int heldCount(Direction direction) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Forwards held frame {@code id} as it arrived; null when on its way, else why not in one sentence. */
    public String forward(long id) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Forwards held frame {@code id} with {@code payload} in its place, framed by its direction's framing. */
    public String forward(long id, Bytes payload) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Drops held frame {@code id}: the other side never sees it. */
    public String drop(long id) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Forwards every frame held in {@code direction}, in order. */
    public String releaseAll(Direction direction) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Sends {@code payload} as one frame into link {@code link}, towards the server (UP) or the client (DOWN). */
    public String inject(int link, Direction direction, Bytes payload) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Sets the faults of {@code direction} for every link, from the next chunk on. */
    public void toxics(Direction direction, Toxics toxics) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** The faults of {@code direction}. */
    public Toxics toxics(Direction direction) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** Replaces the rules applied to every decoded frame, from the next frame on. */
    public void rules(List<RelayRule> rules) {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /** The links open now, and their counts. */
    public List<LinkInfo> links() {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /**
     * Closes the listening socket and every link at once, so the port is free when this
     * returns, and waits a bounded time for the threads.
     */
    @Override
    public void close() {
        throw new UnsupportedOperationException(NOT_YET);
    }

    /**
     * One client's link as it is now.
     *
     * @param link the link's number, from 1
     * @param client the client's address
     * @param server the server's address as reached
     * @param framesUp frames decoded from the client
     * @param framesDown frames decoded from the server
     * @param bytesUp bytes forwarded to the server
     * @param bytesDown bytes forwarded to the client
     */
    public record LinkInfo(int link, InetSocketAddress client, InetSocketAddress server, long framesUp,
            long framesDown, long bytesUp, long bytesDown) {
    }
}
