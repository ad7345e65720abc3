package dev.tincan.session;

import java.util.Objects;

/**
 * The connection as a session reports it: a phase, one sentence for the status area, the
 * peer for the title, and whether to offer starting the built-in echo server. Immutable.
 *
 * @param phase where the connection is
 * @param sentence what happened, in words, e.g. "closed by the server"
 * @param failed whether the sentence reports a failure
 * @param peer the peer's address while connected ("127.0.0.1:50007"), else {@code null}
 * @param offerEchoServer a connect to this machine was refused: offer the built-in server
 */
public record ConnectionStatus(Phase phase, String sentence, boolean failed, String peer, boolean offerEchoServer) {

    /** Where the connection is. */
    public enum Phase {
        /** Not connected; ready to connect. */
        IDLE,
        /** A connect is under way. */
        CONNECTING,
        /** Connected: frames can be sent. */
        CONNECTED,
        /**
         * The connection ended and a {@link ReconnectPolicy} will connect again after a wait;
         * frames sent meanwhile are queued or counted. {@link Session#disconnect()} cancels it.
         */
        RECONNECTING,
        /** A close was asked for and has not been confirmed yet. */
        CLOSING,
        /** The client thread has ended; the session is shutting down. */
        STOPPED
    }

    /** Not connected, with nothing to report. */
    public static ConnectionStatus idle(String sentence) {
        return new ConnectionStatus(Phase.IDLE, sentence, false, null, false);
    }

    public boolean isConnected() {
        return phase == Phase.CONNECTED;
    }

    /**
     * The record's own equality, written out: {@link Session} compares every new status with
     * the last, and the record's own equals, made at its first call, held
     * {@code tincan connect}'s ready line back by some ten method handle forms.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionStatus s && phase == s.phase && failed == s.failed
                && offerEchoServer == s.offerEchoServer && Objects.equals(sentence, s.sentence)
                && Objects.equals(peer, s.peer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, sentence, failed, peer, offerEchoServer);
    }
}
