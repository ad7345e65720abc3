package dev.tincan.server;

/**
 * Answers a client's frames in place of a {@link Mode}: the server hands each frame it
 * decodes to the client's {@link Conversation}, which sends back whatever it decides,
 * whenever it decides (at once, or later from another thread), through its {@link Answers}.
 * This is how the companion server becomes a scriptable fake device: the session's rules
 * implement it, the command line wires it in, and the server knows nothing of rules.
 */
@FunctionalInterface
public interface Responder {
    /**
     * Starts the conversation with a client that has just connected; called on the client's
     * reader thread before its first frame is read.
     *
     * @param client the client's address, {@code host:port}
     * @param answers where the conversation's answers go
     */
    Conversation open(String client, Answers answers);

    /** Where one client's answers go: framed, then queued for the client's writer thread. */
    interface Answers {
        /**
         * Frames {@code payload} and queues it for the client. Waits at most about a second
         * for room when the client reads nothing (then the client is dropped as too slow).
         * Returns {@code null} when queued, or one sentence saying why not. Any thread.
         */
        String send(byte[] payload);
    }

    /** One client's conversation; its calls come from the client's reader thread. */
    interface Conversation {
        /** A frame arrived from the client; the array is the conversation's to keep. */
        void received(byte[] frame);

        /** The client has gone: nothing more is read, and answers are refused from now on. */
        default void closed() {
        }
    }
}
